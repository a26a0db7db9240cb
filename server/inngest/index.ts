// Every Inngest function (served at /api/inngest) and their registration with the embedded runner.
import "server-only";
import type { Db } from "../db/client";
import { log } from "../log";
import { registerExecutors } from "../orchestrator/executors";
import { startRunner } from "../planner/runner";
import { onEmbeddedEvent } from "./embedded";
import { analyzeTask, analyzeTaskFunction, inlineSteps } from "./functions/analyze-task";
import { CLEANUP_INTERVAL_MS, cleanupMemories, cleanupMemoriesFunction } from "./functions/cleanup-memories";
import { coalescePerUser, embedMemories, embedMemoriesFunction } from "./functions/embed-memories";
import { reembedMemories, reembedMemoriesFunction } from "./functions/reembed-memories";
import { dailyPlanFunction, planDailyPlans } from "./functions/daily-plan";
import { planReminder, reminderFunction } from "./functions/reminder";
import { runActionFunction } from "./functions/run-action";
import { sweepActionsFunction } from "./functions/sweep-actions";
import { rollOverStreaks, STREAK_ROLLOVER_EVERY_MS, streakRolloverFunction } from "./functions/streak-rollover";
import type { MemoryJobData, ReminderScheduledData, TaskCreatedData } from "./client";

/** The embedded daily-plan timer: every 15 minutes, looking back 16 (doubles are idempotent). */
const DAILY_PLAN_EVERY_MS = 15 * 60_000;

export const functions = [
  analyzeTaskFunction,
  cleanupMemoriesFunction,
  embedMemoriesFunction,
  reembedMemoriesFunction,
  runActionFunction,
  dailyPlanFunction,
  reminderFunction,
  sweepActionsFunction,
  streakRolloverFunction,
];

/** Wires the same logic into the in-process runner; returns a function that unregisters it. */
export function registerEmbeddedFunctions(getDb: () => Promise<Db>): () => void {
  const embed = coalescePerUser((data) => embedMemories(getDb, data, inlineSteps));
  const reembed = coalescePerUser((data) => reembedMemories(getDb, data, inlineSteps));
  const offs = [
    onEmbeddedEvent("task/created", (data) => analyzeTask(getDb, data as TaskCreatedData, inlineSteps)),
    onEmbeddedEvent("memory/embed", (data) => embed(data as MemoryJobData)),
    onEmbeddedEvent("memory/reembed", (data) => reembed(data as MemoryJobData)),
  ];
  // Planned actions: the in-process runner executes them with the same executors as run-action.
  registerExecutors();
  const runner = startRunner({
    getDb,
    orphansAtStart: true,
    timers: [
      {
        name: "daily-plan",
        everyMs: DAILY_PLAN_EVERY_MS,
        run: (db, now) => planDailyPlans(async () => db, inlineSteps, { now: () => now, windowMs: DAILY_PLAN_EVERY_MS + 60_000 }),
      },
      { name: "streak-rollover", everyMs: STREAK_ROLLOVER_EVERY_MS, run: (db, now) => rollOverStreaks(async () => db, inlineSteps, () => now) },
    ],
  });
  offs.push(
    onEmbeddedEvent("planner/action.ready", async () => runner.wake()),
    // No durable sleep here: the action is planned now with its run-at at the reminder's time.
    onEmbeddedEvent("reminder/scheduled", async (data) => {
      const reminder = data as ReminderScheduledData;
      return planReminder(await getDb(), reminder, new Date(reminder.remindAt));
    }),
  );
  // The embedded stand-in for the hourly cron; unref'd so it never keeps the process alive.
  const timer = setInterval(() => {
    cleanupMemories(getDb, inlineSteps).catch((error: unknown) => log.error("memory cleanup failed", { error }));
  }, CLEANUP_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    offs.forEach((off) => off());
    void runner.stop();
  };
}
