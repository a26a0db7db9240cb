// The planner's concrete executors — what each planned action actually does. Registered once per
// process by whoever runs actions (the embedded runner, the Inngest run-action function, planner.execute),
// so both runners execute exactly the same code.
import "server-only";
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { findTask } from "../db/queries/tasks";
import { type Task, tasks } from "../db/schema";
import { embedPending, recall, remember } from "../memory";
import { PermanentActionError, registerExecutor } from "../planner/executors";
import { generateDayPlan } from "./daily-plan";
import { motivate, motivationRequestInput } from "./motivation";

export const EXECUTORS = {
  memoryEmbed: "memory.embed",
  coachMotivation: "coach.motivation",
  taskNextStep: "task.next_step",
  planDaily: "plan.daily",
  notificationReminder: "notification.reminder",
} as const;

/** Enough rounds for a busy day's memories; the rest waits for the next embed action. */
const EMBED_ROUNDS = 10;

const taskPayload = z.object({ taskId: z.string().uuid() });
const dayPayload = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD") });
const reminderPayload = z.object({
  message: z.string().trim().min(1).max(500),
  taskId: z.string().uuid().optional(),
});

/** The open sibling that comes after `task` (by position), else the first open one. */
async function nextOpenSibling(db: Parameters<typeof findTask>[0], task: Task): Promise<Task | undefined> {
  const siblings = await db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, task.userId),
        task.parentId ? eq(tasks.parentId, task.parentId) : isNull(tasks.parentId),
        inArray(tasks.status, ["todo", "doing"]),
        ne(tasks.id, task.id),
      ),
    )
    .orderBy(asc(tasks.position), asc(tasks.createdAt))
    .limit(200);
  return siblings.find((s) => s.position > task.position) ?? siblings[0];
}

/**
 * Registers every executor. Idempotent, and safe from each entry point (the runner at start-up, the
 * run-action function, planner.execute): the registry is process-wide and a copy of this module in
 * another route bundle replaces the entries with the same code.
 */
export function registerExecutors(): void {
  const replace = { replace: true };

  registerExecutor(EXECUTORS.memoryEmbed, {
    type: "memory",
    run: async ({ db, userId, now }) => {
      let embedded = 0;
      for (let round = 0; round < EMBED_ROUNDS; round++) {
        const n = await embedPending(db, { userId, now });
        embedded += n;
        if (n === 0) break;
      }
      return { embedded };
    },
  }, replace);

  registerExecutor(EXECUTORS.coachMotivation, {
    type: "mood",
    payload: motivationRequestInput,
    run: async ({ db, userId, now, action }, payload) => {
      const { message, coach } = await motivate({ db, userId }, payload);
      // Working memory: the coach shows it today and the next message can build on it.
      await remember(db, {
        userId,
        tier: "working",
        kind: "coach.motivation",
        content: message,
        data: { trigger: payload.trigger, taskId: payload.taskId ?? null, provider: coach.provider, actionId: action.id },
        now,
      });
      return { message, provider: coach.provider };
    },
  }, replace);

  registerExecutor(EXECUTORS.taskNextStep, {
    type: "task_management",
    payload: taskPayload,
    run: async ({ db, userId, now }, { taskId }) => {
      const task = await findTask(db, { userId, id: taskId });
      if (!task) throw new PermanentActionError("The task no longer exists.");
      // A re-run (after a crash) must not suggest the same thing twice.
      const earlier = await recall(db, { userId, tier: "working", kind: "task.next_step", limit: 50, now });
      const already = earlier.find((m) => m.data?.afterTaskId === taskId);
      if (already) return { next: already.data?.taskId ?? null, remembered: already.id, repeated: true };

      const parent = task.parentId ? await findTask(db, { userId, id: task.parentId }) : undefined;
      const next = await nextOpenSibling(db, task);
      if (!next && !(parent && parent.status !== "done")) return { next: null };
      const content = next
        ? parent
          ? `Next step for "${parent.title}": "${next.title}".`
          : `Next up: "${next.title}".`
        : `Every step of "${parent?.title}" is done — it is ready to tick off.`;
      const memory = await remember(db, {
        userId,
        tier: "working",
        kind: "task.next_step",
        content,
        data: { taskId: next?.id ?? parent?.id ?? null, afterTaskId: taskId, parentId: task.parentId },
        now,
      });
      return { next: next ? { id: next.id, title: next.title } : null, parentReady: !next, remembered: memory.id };
    },
  }, replace);

  registerExecutor(EXECUTORS.planDaily, {
    type: "task_management",
    payload: dayPayload,
    run: async ({ db, userId, now }, { day }) => {
      const plan = await generateDayPlan({ db, userId }, { day, now });
      return { planId: plan.id, day: plan.day, blocks: plan.blocks.length, overload: plan.overload ?? null };
    },
  }, replace);

  registerExecutor(EXECUTORS.notificationReminder, {
    type: "notification",
    payload: reminderPayload,
    run: async ({ db, userId, now, action }, { message, taskId }) => {
      if (taskId && !(await findTask(db, { userId, id: taskId }))) throw new PermanentActionError("The task no longer exists.");
      // The reminder is what the coach says next; short-term, because a stale reminder is noise.
      const memory = await remember(db, {
        userId,
        tier: "short_term",
        kind: "notification.reminder",
        content: message,
        data: { taskId: taskId ?? null, actionId: action.id },
        now,
      });
      return { remembered: memory.id };
    },
  }, replace);
}
