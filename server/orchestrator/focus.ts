// The focus-session workflow: ritual suggestion → session → actual duration fed back to the task.
// The server's clock is the truth: a session stores started_at and ends_at, and its phase (focus,
// break, done) is computed from them, so it survives reloads and closed tabs. Finishing flips the
// row once (however many callers race), awards focus points exactly once in that same transaction,
// sums the task's actual minutes, remembers it and unlocks the achievements it reached; the focus-end
// and break-end reminders go through the planner's reminder/scheduled path.
import "server-only";
import type { z } from "zod";
import { suggestRitual, type RitualSuggestion } from "../ai/offline/ritual";
import {
  appendDistraction,
  cancelReminderActions,
  cancelRunningSession,
  findRunningSession,
  findSession,
  finishRunningSession,
  focusMinutesByTask,
  insertSession,
  listSessions,
  lockSession,
  lockUserForFocus,
  recomputeTaskActual,
  reminderActions,
  ritualStats,
  sessionsWithParked,
  setDistractions,
  taskSummaries,
  tasksWithActuals,
} from "../db/queries/focus";
import { findTask, insertTask } from "../db/queries/tasks";
import type { Db } from "../db/client";
import type { FocusSession, Task } from "../db/schema";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { sendEvents } from "../inngest/client";
import { log } from "../log";
import { remember } from "../memory";
import { awardAction, getRewardsSummary, type UnlockedAchievement } from "../rewards";
import { dayBounds, localDay } from "../time";
import { checkinsOn } from "./checkins";
import { completeTask, type CompleteTaskResult } from "./complete-task";
import {
  type CaptureParkedInput,
  type FinishFocusInput,
  type FocusHistoryInput,
  type ParkThoughtInput,
  startFocusInput,
  type StartFocusInput,
} from "./focus-inputs";
import { loadDaySettings } from "./settings";
import type { UserCtx } from "./tasks";
import { unlockReached } from "./unlocks";

/** Minutes past the planned length that still count ("I kept going after the bell"). */
export const FOCUS_GRACE_MINUTES = 10;
/** Parked thoughts one session can hold. */
export const MAX_PARKED = 50;

export type FocusPhase = "focus" | "break" | "done";

export interface FocusReminderView {
  kind: "focus-end" | "break-end";
  at: Date;
  /** The planner's status for it: ready/pending (waiting), succeeded (delivered), cancelled... or null if not planned yet. */
  status: string | null;
}

export interface FocusSessionView extends FocusSession {
  taskTitle: string | null;
  /** The task's parent when the session is on a step. */
  taskParentId: string | null;
  taskEstimateMinutes: number | null;
  taskActualMinutes: number | null;
  phase: FocusPhase;
  /** Seconds left in the current phase (0 when done). */
  secondsLeft: number;
  /** When the break ends (= ends_at when there is no break). */
  breakEndsAt: Date;
  /** The server's clock when this view was made, so a page can correct its own clock. */
  serverNow: Date;
}

type TaskInfo = Pick<Task, "id" | "title" | "parentId" | "estimateMinutes" | "actualMinutes">;

/** The phase of a session at `now`: focus until ends_at, then the break, then done. */
export function focusPhase(session: Pick<FocusSession, "status" | "endsAt" | "breakMinutes">, now: Date): { phase: FocusPhase; secondsLeft: number; breakEndsAt: Date } {
  const breakEndsAt = new Date(session.endsAt.getTime() + session.breakMinutes * 60_000);
  if (session.status !== "running") return { phase: "done", secondsLeft: 0, breakEndsAt };
  const t = now.getTime();
  if (t < session.endsAt.getTime()) return { phase: "focus", secondsLeft: Math.ceil((session.endsAt.getTime() - t) / 1000), breakEndsAt };
  if (t < breakEndsAt.getTime()) return { phase: "break", secondsLeft: Math.ceil((breakEndsAt.getTime() - t) / 1000), breakEndsAt };
  return { phase: "done", secondsLeft: 0, breakEndsAt };
}

function toView(session: FocusSession, task: TaskInfo | null | undefined, now: Date): FocusSessionView {
  return {
    ...session,
    taskTitle: task?.title ?? null,
    taskParentId: task?.parentId ?? null,
    taskEstimateMinutes: task?.estimateMinutes ?? null,
    taskActualMinutes: task?.actualMinutes ?? null,
    ...focusPhase(session, now),
    serverNow: now,
  };
}

async function viewOf(ctx: UserCtx, session: FocusSession, now: Date): Promise<FocusSessionView> {
  const tasks = session.taskId ? await taskSummaries(ctx.db, { userId: ctx.userId, ids: [session.taskId] }) : new Map<string, TaskInfo>();
  return toView(session, session.taskId ? tasks.get(session.taskId) : null, now);
}

/** The reminder keys of a session (the planner's idempotency key is `reminder:<key>`). */
function reminderKeys(sessionId: string) {
  return { focusEnd: `focus:${sessionId}:focus-end`, breakEnd: `focus:${sessionId}:break-end` };
}

function parseStart(input: StartFocusInput): z.output<typeof startFocusInput> {
  const parsed = startFocusInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(issue?.path.join(".") || "input", issue?.message ?? "Invalid focus session");
  }
  return parsed.data;
}

interface Finished {
  session: FocusSession;
  /** Points this call awarded (0 when another call had finished it, or under a minute was focused). */
  awarded: number;
  taskActualMinutes: number | null;
}

/** Inside a transaction: flip running → completed at `at`, award its points once, sum the task's minutes. */
async function finishInTx(tx: Db, userId: string, id: string, at: Date): Promise<Finished | undefined> {
  const session = await finishRunningSession(tx, { userId, id, at, graceMinutes: FOCUS_GRACE_MINUTES });
  if (!session) return undefined;
  const minutes = session.actualMinutes ?? 0;
  let awarded = 0;
  if (minutes > 0) {
    const award = await awardAction(tx, {
      userId,
      kind: "focus.minutes",
      sourceId: session.id,
      units: minutes / 5,
      reason: `Focused for ${minutes} min`,
      data: { sessionId: session.id, taskId: session.taskId, minutes },
    });
    if (award.created) awarded = award.entry.amount;
  }
  const taskActualMinutes = session.taskId ? await recomputeTaskActual(tx, { userId, taskId: session.taskId }) : null;
  return { session, awarded, taskActualMinutes };
}

/** After a finish commits: remember it (the data create-task's estimates can read) and stop stale reminders. */
async function afterFinish(ctx: UserCtx, finished: Finished, now: Date): Promise<void> {
  const { session } = finished;
  await stopReminders(ctx, session, now);
  const task = session.taskId ? await findTask(ctx.db, { userId: ctx.userId, id: session.taskId }) : undefined;
  const minutes = session.actualMinutes ?? 0;
  const on = task ? ` on "${task.title}"` : "";
  const estimate = task?.estimateMinutes ? ` (estimated ${task.estimateMinutes} min, ${finished.taskActualMinutes ?? minutes} min so far)` : "";
  const ritual = session.ritual ? ` after the ritual "${session.ritual}"` : "";
  try {
    await remember(ctx.db, {
      userId: ctx.userId,
      tier: "long_term",
      kind: "focus.session",
      content: `Focused ${minutes} min${on}${ritual}${estimate}.`,
      data: {
        sessionId: session.id,
        taskId: session.taskId,
        title: task?.title ?? null,
        parentId: task?.parentId ?? null,
        plannedMinutes: session.plannedMinutes,
        sessionMinutes: minutes,
        // The task's total so far, the same shape task.completed memories carry for estimates.
        actualMinutes: finished.taskActualMinutes ?? (task ? minutes : null),
        estimateMinutes: task?.estimateMinutes ?? null,
        ritual: session.ritual,
        parked: session.distractions.length,
        points: finished.awarded,
      },
      now,
    });
  } catch (error) {
    log.error("could not remember a focus session", { sessionId: session.id, error });
  }
}

/** Stops the reminders still ahead of `now` (the focus ended early, or was cancelled). */
async function stopReminders(ctx: UserCtx, session: FocusSession, now: Date): Promise<void> {
  const keys = reminderKeys(session.id);
  const { breakEndsAt } = focusPhase(session, now);
  const ahead = [
    ...(session.endsAt.getTime() > now.getTime() ? [keys.focusEnd] : []),
    ...(session.breakMinutes > 0 && breakEndsAt.getTime() > now.getTime() ? [keys.breakEnd] : []),
  ].map((k) => `reminder:${k}`);
  try {
    await cancelReminderActions(ctx.db, { userId: ctx.userId, keys: ahead, at: now });
  } catch (error) {
    log.error("could not cancel a focus session's reminders", { sessionId: session.id, error });
  }
}

/** Plans "focus time is up" at ends_at and "break is over" at the break's end, through reminder/scheduled. */
async function scheduleReminders(ctx: UserCtx, session: FocusSession, task: Task | null): Promise<void> {
  const keys = reminderKeys(session.id);
  const { breakEndsAt } = focusPhase(session, session.startedAt);
  const on = task ? ` on “${task.title.slice(0, 200)}”` : "";
  const taskId = task ? { taskId: task.id } : {};
  const events = [
    {
      name: "reminder/scheduled" as const,
      id: `reminder-${keys.focusEnd}`,
      data: {
        userId: ctx.userId,
        key: keys.focusEnd,
        remindAt: session.endsAt.toISOString(),
        message:
          session.breakMinutes > 0
            ? `Focus time is up${on}. Take your ${session.breakMinutes}-minute break — stand up, stretch, drink some water.`
            : `Focus time is up${on}. Well done — save the session.`,
        ...taskId,
      },
    },
    ...(session.breakMinutes > 0
      ? [
          {
            name: "reminder/scheduled" as const,
            id: `reminder-${keys.breakEnd}`,
            data: {
              userId: ctx.userId,
              key: keys.breakEnd,
              remindAt: breakEndsAt.toISOString(),
              message: `Break's over. Save your session${on} and start the next one when you're ready.`,
              ...taskId,
            },
          },
        ]
      : []),
  ];
  try {
    await sendEvents(events);
  } catch (error) {
    // The page still rings from the server's times; only the coach's note would be missing.
    log.error("could not schedule a focus session's reminders", { sessionId: session.id, error });
  }
}

/**
 * Starts a focus session on a task or step (or on nothing in particular). One running session per
 * user: another one running → ConflictError, unless `endRunning` (finish it now, its real minutes
 * count). A session whose break is long over was simply left open: it is finished at its planned end.
 */
export async function startFocusSession(ctx: UserCtx, input: StartFocusInput, now: Date = new Date()): Promise<FocusSessionView> {
  const data = parseStart(input);
  const task = data.taskId ? ((await findTask(ctx.db, { userId: ctx.userId, id: data.taskId })) ?? null) : null;
  if (data.taskId && !task) throw new NotFoundError("Task");
  if (task && (task.status === "done" || task.status === "archived")) {
    throw new InvalidInputError("taskId", `“${task.title}” is already ${task.status}; pick an open task or step`);
  }
  const { session, ended } = await ctx.db.transaction(async (tx) => {
    if (!(await lockUserForFocus(tx, ctx.userId))) throw new NotFoundError("User");
    const running = await findRunningSession(tx, { userId: ctx.userId });
    let ended: Finished | undefined;
    if (running) {
      const { phase, secondsLeft } = focusPhase(running, now);
      if (phase === "done") {
        ended = await finishInTx(tx, ctx.userId, running.id, running.endsAt);
      } else if (data.endRunning) {
        ended = await finishInTx(tx, ctx.userId, running.id, now);
      } else {
        const on = running.taskId ? (await taskSummaries(tx, { userId: ctx.userId, ids: [running.taskId] })).get(running.taskId)?.title : null;
        const left = Math.ceil(secondsLeft / 60);
        throw new ConflictError(
          `A focus session${on ? ` on “${on}”` : ""} is already running (${phase === "focus" ? `${left} min of focus left` : `on its break, ${left} min left`}). Finish or cancel it first, or end it and start this one.`,
        );
      }
    }
    const session = await insertSession(tx, {
      userId: ctx.userId,
      taskId: task?.id ?? null,
      plannedMinutes: data.focusMinutes,
      breakMinutes: data.breakMinutes,
      ritual: data.ritual ? data.ritual : null,
      startedAt: now,
      endsAt: new Date(now.getTime() + data.focusMinutes * 60_000),
    });
    return { session, ended };
  });
  if (ended) await afterFinish(ctx, ended, now);
  await scheduleReminders(ctx, session, task);
  return toView(session, task, now);
}

/** The running session (in whatever phase), or null. */
export async function getCurrentFocus(ctx: UserCtx, now: Date = new Date()): Promise<(FocusSessionView & { reminders: FocusReminderView[] }) | null> {
  const running = await findRunningSession(ctx.db, { userId: ctx.userId });
  if (!running) return null;
  const view = await viewOf(ctx, running, now);
  const keys = reminderKeys(running.id);
  const actions = await reminderActions(ctx.db, { userId: ctx.userId, keys: [`reminder:${keys.focusEnd}`, `reminder:${keys.breakEnd}`] });
  const status = (key: string) => actions.find((a) => a.key === `reminder:${key}`)?.status ?? null;
  const reminders: FocusReminderView[] = [{ kind: "focus-end", at: running.endsAt, status: status(keys.focusEnd) }];
  if (running.breakMinutes > 0) reminders.push({ kind: "break-end", at: view.breakEndsAt, status: status(keys.breakEnd) });
  return { ...view, reminders };
}

export interface FinishFocusResult {
  session: FocusSessionView;
  /** False when the session had already been finished (by another tab or call): nothing new awarded. */
  newlyFinished: boolean;
  /** `total` also counts the bonus of the achievements below. */
  points: { awarded: number; total: number };
  /** Achievements this call unlocked — by the focused minutes, or by ticking the task off — each once. */
  achievements: UnlockedAchievement[];
  /** "estimated 20, took 35" for the session's task. */
  task: { id: string; title: string; estimateMinutes: number | null; actualMinutes: number | null } | null;
  /** Set when the user also ticked the task off. */
  completion: Pick<CompleteTaskResult, "newlyCompleted" | "points" | "motivation"> | null;
}

/**
 * Finishes the session now (early, or at/after the bell): actual minutes = real elapsed, capped at
 * planned + grace. Idempotent: finishing a finished session answers with it and awards nothing.
 */
export async function finishFocusSession(ctx: UserCtx, input: FinishFocusInput, now: Date = new Date()): Promise<FinishFocusResult> {
  const finished = await ctx.db.transaction((tx) => finishInTx(tx, ctx.userId, input.id, now));
  let session: FocusSession;
  const achievements: UnlockedAchievement[] = [];
  if (finished) {
    session = finished.session;
    await afterFinish(ctx, finished, now);
    achievements.push(...(await unlockReached(ctx, now, { sessionId: session.id })));
  } else {
    const existing = await findSession(ctx.db, { userId: ctx.userId, id: input.id });
    if (!existing) throw new NotFoundError("Focus session");
    if (existing.status === "cancelled") throw new ConflictError("This focus session was cancelled, so there is nothing to finish.");
    session = existing;
  }
  let completion: FinishFocusResult["completion"] = null;
  if (input.taskDone && session.taskId) {
    const done = await completeTask(ctx, { id: session.taskId });
    completion = { newlyCompleted: done.newlyCompleted, points: done.points, motivation: done.motivation };
    achievements.push(...done.achievements);
  }
  const view = await viewOf(ctx, session, now);
  const summary = await getRewardsSummary(ctx.db, ctx.userId, { now, latest: 0 });
  return {
    session: view,
    newlyFinished: Boolean(finished),
    points: { awarded: finished?.awarded ?? 0, total: summary.total },
    achievements,
    task:
      session.taskId && view.taskTitle !== null
        ? { id: session.taskId, title: view.taskTitle, estimateMinutes: view.taskEstimateMinutes, actualMinutes: view.taskActualMinutes }
        : null,
    completion,
  };
}

/** Cancels a running session: no minutes, no points. Cancelling a cancelled one is a no-op. */
export async function cancelFocusSession(ctx: UserCtx, input: { id: string }, now: Date = new Date()): Promise<FocusSessionView> {
  const cancelled = await cancelRunningSession(ctx.db, { userId: ctx.userId, id: input.id, at: now });
  if (cancelled) {
    await stopReminders(ctx, cancelled, now);
    return viewOf(ctx, cancelled, now);
  }
  const existing = await findSession(ctx.db, { userId: ctx.userId, id: input.id });
  if (!existing) throw new NotFoundError("Focus session");
  if (existing.status === "completed") throw new ConflictError("This focus session is already finished; it can't be cancelled.");
  return viewOf(ctx, existing, now);
}

/** Parks a thought during a session so it can wait; captured as a task later. */
export async function parkThought(ctx: UserCtx, input: ParkThoughtInput, now: Date = new Date()) {
  const session = await appendDistraction(ctx.db, { userId: ctx.userId, id: input.id, text: input.text, at: now, max: MAX_PARKED });
  if (!session) {
    const existing = await findSession(ctx.db, { userId: ctx.userId, id: input.id });
    if (!existing) throw new NotFoundError("Focus session");
    throw new ConflictError(`This session already holds ${MAX_PARKED} parked thoughts; capture some as tasks first.`);
  }
  return { sessionId: session.id, parked: session.distractions };
}

export interface ParkedThought {
  sessionId: string;
  index: number;
  text: string;
  at: string;
  sessionStartedAt: Date;
  taskTitle: string | null;
}

/** Thoughts parked in the user's sessions that are not tasks yet, newest session first. */
export async function listParked(ctx: UserCtx): Promise<ParkedThought[]> {
  const sessions = await sessionsWithParked(ctx.db, { userId: ctx.userId, limit: 50 });
  const titles = await taskSummaries(ctx.db, { userId: ctx.userId, ids: sessions.flatMap((s) => (s.taskId ? [s.taskId] : [])) });
  return sessions.flatMap((s) =>
    s.distractions.map((d, index) => ({
      sessionId: s.id,
      index,
      text: d.text,
      at: d.at,
      sessionStartedAt: s.startedAt,
      taskTitle: s.taskId ? (titles.get(s.taskId)?.title ?? null) : null,
    })),
  );
}

/**
 * Turns a session's parked thoughts (all, or those at `indexes`) into tasks, in one transaction that
 * also takes them off the session: a thought becomes a task once, however often this is called.
 */
export async function captureParked(ctx: UserCtx, input: CaptureParkedInput): Promise<{ tasks: Task[]; remaining: number }> {
  const result = await ctx.db.transaction(async (tx) => {
    const session = await lockSession(tx, { userId: ctx.userId, id: input.id });
    if (!session) throw new NotFoundError("Focus session");
    const all = session.distractions;
    const picked = input.indexes ? [...new Set(input.indexes)] : all.map((_, i) => i);
    const outOfRange = picked.find((i) => i >= all.length);
    if (outOfRange !== undefined) {
      throw new InvalidInputError("indexes", `There is no parked thought #${outOfRange + 1} in this session (it holds ${all.length})`);
    }
    const on = session.taskId ? await findTask(tx, { userId: ctx.userId, id: session.taskId }) : undefined;
    const created: Task[] = [];
    for (const i of picked.sort((a, b) => a - b)) {
      const thought = all[i];
      if (!thought) continue;
      created.push(
        await insertTask(tx, {
          userId: ctx.userId,
          fields: {
            title: thought.text.slice(0, 500),
            notes: `Parked during a focus session${on ? ` on “${on.title}”` : ""}.`,
          },
        }),
      );
    }
    const keep = all.filter((_, i) => !picked.includes(i));
    await setDistractions(tx, { userId: ctx.userId, id: session.id, distractions: keep });
    return { tasks: created, remaining: keep.length };
  });
  if (result.tasks.length > 0) {
    try {
      // Like tasks added any other way: the coach sizes them up in the background.
      await sendEvents(result.tasks.map((t) => ({ name: "task/created" as const, data: { userId: ctx.userId, taskId: t.id } })));
    } catch (error) {
      log.error("could not queue analysis of captured parked thoughts", { error });
    }
    try {
      await remember(ctx.db, {
        userId: ctx.userId,
        tier: "long_term",
        kind: "focus.parked_captured",
        content: `Turned ${result.tasks.length} parked thought${result.tasks.length === 1 ? "" : "s"} into tasks: ${result.tasks.map((t) => t.title).join("; ")}.`,
        data: { sessionId: input.id, taskIds: result.tasks.map((t) => t.id) },
      });
    } catch (error) {
      log.error("could not remember captured parked thoughts", { error });
    }
  }
  return result;
}

/** A page of past and current sessions, newest first; `nextCursor` fetches the next page. */
export async function focusHistory(ctx: UserCtx, input: FocusHistoryInput, now: Date = new Date()) {
  if (input.taskId && !(await findTask(ctx.db, { userId: ctx.userId, id: input.taskId }))) throw new NotFoundError("Task");
  const rows = await listSessions(ctx.db, {
    userId: ctx.userId,
    limit: input.limit + 1,
    before: input.cursor ? new Date(input.cursor) : undefined,
    taskId: input.taskId,
  });
  const page = rows.slice(0, input.limit);
  const tasks = await taskSummaries(ctx.db, { userId: ctx.userId, ids: page.flatMap((s) => (s.taskId ? [s.taskId] : [])) });
  const last = page.at(-1);
  return {
    items: page.map((s) => toView(s, s.taskId ? tasks.get(s.taskId) : null, now)),
    nextCursor: rows.length > input.limit && last ? last.startedAt.toISOString() : null,
  };
}

/** Today's focus minutes (the user's day) and, per task, the estimate against the minutes it really took. */
export async function focusStats(ctx: UserCtx, now: Date = new Date()) {
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  const day = localDay(now.getTime(), timeZone);
  const bounds = dayBounds(day, timeZone);
  const today = await focusMinutesByTask(ctx.db, { userId: ctx.userId, from: new Date(bounds.start), to: new Date(bounds.end) });
  const tasks = await tasksWithActuals(ctx.db, { userId: ctx.userId, limit: 20 });
  return {
    day,
    todayMinutes: today.reduce((sum, r) => sum + r.minutes, 0),
    todaySessions: today.reduce((sum, r) => sum + r.sessions, 0),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      estimateMinutes: t.estimateMinutes,
      actualMinutes: t.actualMinutes,
      /** Positive: took longer than estimated. */
      differenceMinutes: t.estimateMinutes !== null && t.actualMinutes !== null ? t.actualMinutes - t.estimateMinutes : null,
    })),
  };
}

export interface RitualAdvice extends RitualSuggestion {
  /** Which coach answered: the rule-based offline coach (no model call). */
  coach: { provider: "offline"; kind: "rules" };
  taskTitle: string | null;
}

/** The ritual the coach suggests before a session: the user's own first, shaped by today's energy. */
export async function suggestFocusRitual(ctx: UserCtx, input: { taskId?: string }, now: Date = new Date()): Promise<RitualAdvice> {
  const task = input.taskId ? await findTask(ctx.db, { userId: ctx.userId, id: input.taskId }) : null;
  if (input.taskId && !task) throw new NotFoundError("Task");
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  const [history, today] = await Promise.all([
    ritualStats(ctx.db, { userId: ctx.userId, limit: 10 }),
    checkinsOn(ctx.db, { userId: ctx.userId, day: localDay(now.getTime(), timeZone), timeZone, before: now }),
  ]);
  const suggestion = suggestRitual({ history, energy: today.energy, mood: today.mood, taskTitle: task?.title ?? null });
  return { ...suggestion, coach: { provider: "offline", kind: "rules" }, taskTitle: task?.title ?? null };
}
