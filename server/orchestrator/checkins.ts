// Mood and energy check-ins: log one (several a day are fine), read today's, list recent ones.
// Each check-in is remembered, and the answer says what it changes: low energy (≤ 2) offers a
// lighter plan and smaller steps for the next piece of work; a low mood (≤ 2) gets a kind word from
// the coach and ONE tiny next step — the smallest open step of the task that matters most now.
import "server-only";
import type { Db } from "../db/client";
import { findDayPlan, insertCheckin, listCheckins, listOpenWork } from "../db/queries/days";
import type { Checkin, Task } from "../db/schema";
import { MAX_TASK_DEPTH } from "../db/schema/tasks";
import { log } from "../log";
import { remember } from "../memory";
import { dayBounds, localDay } from "../time";
import type { ListMoodInput, LogMoodInput } from "./day-inputs";
import { motivate } from "./motivation";
import { loadDaySettings } from "./settings";
import type { UserCtx } from "./tasks";

/** Breakdown spiciness offered on a low-energy day: 5 = the tiniest steps. */
export const SMALLER_STEPS_SPICINESS = 5;

export interface TodayCheckin {
  /** The newest check-in today, if any. */
  latest: Checkin | null;
  /** The newest mood and energy given today (a check-in may carry only one of them). */
  mood: number | null;
  energy: number | null;
  count: number;
}

/** Today's check-ins in the user's time zone, folded into the mood and energy that hold now. */
export async function checkinsOn(db: Db, args: { userId: string; day: string; timeZone: string; before?: Date }): Promise<TodayCheckin> {
  const bounds = dayBounds(args.day, args.timeZone);
  const to = args.before && args.before.getTime() < bounds.end ? new Date(args.before.getTime() + 1) : new Date(bounds.end);
  const rows = await listCheckins(db, { userId: args.userId, from: new Date(bounds.start), to, limit: 100 });
  return {
    latest: rows[0] ?? null,
    mood: rows.find((r) => r.mood !== null)?.mood ?? null,
    energy: rows.find((r) => r.energy !== null)?.energy ?? null,
    count: rows.length,
  };
}

function answer(mood: number | null, energy: number | null): { message: string; offerLighterPlan: boolean; offerTinyStep: boolean } {
  const lowEnergy = energy !== null && energy <= 2;
  const lowMood = mood !== null && mood <= 2;
  if (lowEnergy && lowMood) {
    return {
      message: "Thank you for being honest. Today can be small: a lighter plan with tiny steps and more breaks, starting with one easy win.",
      offerLighterPlan: true,
      offerTinyStep: true,
    };
  }
  if (lowEnergy) {
    return { message: "Low energy noted. Your plan can be lighter today: just the next small step of each task, short blocks and more breaks.", offerLighterPlan: true, offerTinyStep: false };
  }
  if (lowMood) {
    return { message: "Thanks for telling me. Rough days happen — one tiny step is enough to get going.", offerLighterPlan: false, offerTinyStep: true };
  }
  if ((energy ?? 0) >= 4) return { message: "Good energy noted — a fine day for your hardest task.", offerLighterPlan: false, offerTinyStep: false };
  return { message: "Checked in. Thanks!", offerLighterPlan: false, offerTinyStep: false };
}

export interface StepRef {
  /** The task or step to act on (one of the user's own). */
  id: string;
  title: string;
  estimateMinutes: number | null;
  /** The top-level task it belongs to (itself for a task without steps). */
  taskId: string;
  taskTitle: string;
}

export interface CheckinResponse {
  checkin: Checkin;
  message: string;
  offerLighterPlan: boolean;
  offerTinyStep: boolean;
  /** Low energy: the next piece of work to break into smaller steps (task breakdown at this spiciness). */
  smallerSteps: (StepRef & { spiciness: number }) | null;
  /** Low mood: a kind word from the coach (the motivation chain; offline when no model is set). */
  kindWord: { message: string; provider: string } | null;
  /** Low mood: one tiny next step. */
  tinyStep: StepRef | null;
}

const priorityRank: Record<Task["priority"], number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** Open top-level tasks, most pressing first: priority, then the nearest due date, then the user's order. */
function ranked(tasks: Task[]): Task[] {
  return tasks
    .map((t, i) => ({ t, i }))
    .sort(
      (a, b) =>
        priorityRank[a.t.priority] - priorityRank[b.t.priority] ||
        (a.t.dueAt?.getTime() ?? Infinity) - (b.t.dueAt?.getTime() ?? Infinity) ||
        a.i - b.i,
    )
    .map(({ t }) => t);
}

/**
 * The work that matters most now — the first open task block of today's plan, or else the most
 * pressing open task — with its open leaf steps in order. Null when nothing is open.
 */
export async function mostRelevantWork(ctx: UserCtx, now: Date, timeZone: string): Promise<{ root: Task; current: Task; leaves: Task[] } | null> {
  const [work, plan] = await Promise.all([
    listOpenWork(ctx.db, { userId: ctx.userId }),
    findDayPlan(ctx.db, { userId: ctx.userId, day: localDay(now.getTime(), timeZone) }),
  ]);
  if (work.tasks.length === 0) return null;
  const byId = new Map<string, Task>([...work.tasks, ...work.steps].map((t) => [t.id, t]));
  const children = new Map<string, Task[]>();
  for (const step of work.steps) {
    const list = children.get(step.parentId as string) ?? [];
    list.push(step);
    children.set(step.parentId as string, list);
  }
  const rootOf = (task: Task): Task | null => {
    let node: Task | undefined = task;
    for (let i = 0; node && node.parentId && i <= MAX_TASK_DEPTH; i++) node = byId.get(node.parentId);
    return node && node.depth === 0 ? node : null;
  };
  const leavesOf = (node: Task, depth = 0): Task[] => {
    const kids = (children.get(node.id) ?? []).sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime());
    return kids.length === 0 || depth > MAX_TASK_DEPTH ? [node] : kids.flatMap((k) => leavesOf(k, depth + 1));
  };
  const planned = (plan?.blocks ?? []).find((b) => b.kind === "task" && b.taskId && byId.has(b.taskId));
  const plannedTask = planned?.taskId ? byId.get(planned.taskId) : undefined;
  const plannedRoot = plannedTask ? rootOf(plannedTask) : null;
  if (plannedTask && plannedRoot) {
    const leaves = leavesOf(plannedRoot).filter((l) => l.id !== plannedRoot.id);
    return { root: plannedRoot, current: leavesOf(plannedTask)[0] ?? plannedTask, leaves };
  }
  const root = ranked(work.tasks)[0] as Task;
  const leaves = leavesOf(root).filter((l) => l.id !== root.id);
  return { root, current: leaves[0] ?? root, leaves };
}

const ref = (task: Task, root: Task): StepRef => ({ id: task.id, title: task.title, estimateMinutes: task.estimateMinutes, taskId: root.id, taskTitle: root.title });

/** The smallest open step (by estimate; unknown estimates last, then in order), or the task itself. */
export function tinyStepOf(work: { root: Task; leaves: Task[] }): StepRef {
  const size = (t: Task) => t.estimateMinutes ?? Number.MAX_SAFE_INTEGER;
  const smallest = work.leaves.reduce<Task | null>((best, t) => (best === null || size(t) < size(best) ? t : best), null);
  return ref(smallest ?? work.root, work.root);
}

async function kindWord(ctx: UserCtx, checkin: Checkin, step: StepRef | null): Promise<CheckinResponse["kindWord"]> {
  try {
    const { message, coach } = await motivate(ctx, {
      trigger: "low_mood",
      mood: checkin.mood ?? undefined,
      energy: checkin.energy ?? undefined,
      taskTitle: step?.title,
    });
    return { message, provider: coach.provider };
  } catch (error) {
    // The check-in is saved and the answer still offers a tiny step; the kind word is a bonus.
    log.warn("no kind word for a low-mood check-in", { error });
    return null;
  }
}

export async function logCheckin(ctx: UserCtx, input: LogMoodInput, now = new Date()): Promise<CheckinResponse> {
  const checkin = await insertCheckin(ctx.db, {
    userId: ctx.userId,
    mood: input.mood ?? null,
    energy: input.energy ?? null,
    note: input.note ? input.note : null,
    at: now,
  });
  const said = [checkin.mood !== null ? `mood ${checkin.mood}/5` : null, checkin.energy !== null ? `energy ${checkin.energy}/5` : null]
    .filter(Boolean)
    .join(", ");
  try {
    await remember(ctx.db, {
      userId: ctx.userId,
      tier: "long_term",
      kind: "mood.logged",
      content: `Checked in: ${said}${checkin.note ? ` — “${checkin.note}”` : ""}.`,
      data: { checkinId: checkin.id, mood: checkin.mood, energy: checkin.energy },
      now,
    });
  } catch (error) {
    log.error("could not remember a check-in", { error });
  }
  const reply = answer(checkin.mood, checkin.energy);
  let smallerSteps: CheckinResponse["smallerSteps"] = null;
  let tinyStep: StepRef | null = null;
  let kind: CheckinResponse["kindWord"] = null;
  if (reply.offerLighterPlan || reply.offerTinyStep) {
    const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
    const work = await mostRelevantWork(ctx, now, timeZone);
    if (work && reply.offerLighterPlan) {
      // Split what comes next; a step already at the deepest level is split at its task instead.
      const target = work.current.depth < MAX_TASK_DEPTH - 1 ? work.current : work.root;
      smallerSteps = { ...ref(target, work.root), spiciness: SMALLER_STEPS_SPICINESS };
    }
    if (reply.offerTinyStep) {
      tinyStep = work ? tinyStepOf(work) : null;
      kind = await kindWord(ctx, checkin, tinyStep);
    }
  }
  return { checkin, ...reply, smallerSteps, kindWord: kind, tinyStep };
}

export async function todayCheckin(ctx: UserCtx, now = new Date()): Promise<TodayCheckin> {
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  return checkinsOn(ctx.db, { userId: ctx.userId, day: localDay(now.getTime(), timeZone), timeZone, before: now });
}

export async function recentCheckins(ctx: UserCtx, input: ListMoodInput): Promise<Checkin[]> {
  return listCheckins(ctx.db, { userId: ctx.userId, limit: input.limit });
}
