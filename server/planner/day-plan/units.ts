// Turns open tasks into units of work for one day: how long each is, how hard, how urgent, and — on
// a low-energy day — only the next small piece of each task instead of the whole thing.
import "server-only";
import type { PinnedBlock, PlanTask, Priority } from "./types";

export const DEFAULT_TASK_MINUTES = 30;
export const DEFAULT_STEP_MINUTES = 15;
/** The smallest piece worth a block of its own. */
export const MIN_PIECE = 10;

/** How the day is paced: the longest focus block, and how often a longer break comes. */
export interface Pace {
  light: boolean;
  focusCap: number;
  shortBreak: number;
  longBreak: number;
  longBreakAfter: number;
  /** Work shorter than this needs no break yet, even if the next block makes the stretch long. */
  minBeforeBreak: number;
}

export function paceFor(energy: number | null): Pace {
  if (energy !== null && energy <= 2) return { light: true, focusCap: 25, shortBreak: 5, longBreak: 15, longBreakAfter: 75, minBeforeBreak: 10 };
  if (energy !== null && energy >= 4) return { light: false, focusCap: 50, shortBreak: 5, longBreak: 15, longBreakAfter: 120, minBeforeBreak: 25 };
  return { light: false, focusCap: 45, shortBreak: 5, longBreak: 15, longBreakAfter: 120, minBeforeBreak: 25 };
}

export interface Part {
  taskId: string;
  title: string;
  minutes: number;
  /** Minutes of this part already placed (a part split around a break or an event). */
  placed: number;
  /** The task's title when this part is one of its steps. */
  stepOf: string | null;
}

export interface Unit {
  taskId: string;
  title: string;
  priority: Priority;
  order: number;
  dueAt: number | null;
  /** 0: overdue, 1: due later today, 2: everything else. */
  urgency: 0 | 1 | 2;
  /** 1 (easy) … 5 (hard). */
  hardness: number;
  parts: Part[];
  /** Low energy: only a piece of the task is planned today, on purpose. */
  trimmed: boolean;
  /** The next step, for the block's explanation. */
  nextStep: string | null;
  /** Fits the day's capacity in rank order (what gets in when not everything can). */
  selected: boolean;
  started: boolean;
}

const priorityWeight: Record<Priority, number> = { urgent: 4, high: 3, medium: 2, low: 1 };

function sizeHardness(minutes: number): number {
  return minutes <= 15 ? 1 : minutes <= 30 ? 2 : minutes <= 90 ? 3 : minutes <= 240 ? 4 : 5;
}

export function remaining(unit: Unit): number {
  return unit.parts.reduce((sum, p) => sum + p.minutes - p.placed, 0);
}

/** Overdue first, then due today (soonest first), then priority, then the user's own order. */
export function byRank(a: Unit, b: Unit): number {
  return (
    a.urgency - b.urgency ||
    (a.urgency < 2 ? (a.dueAt ?? 0) - (b.dueAt ?? 0) : 0) ||
    priorityWeight[b.priority] - priorityWeight[a.priority] ||
    (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) ||
    a.order - b.order
  );
}

function stepParts(task: PlanTask, pace: Pace): { parts: Part[]; trimmed: boolean } {
  const steps = task.steps ?? [];
  if (!pace.light) {
    const minutes = steps.length
      ? steps.reduce((sum, s) => sum + (s.estimateMinutes ?? DEFAULT_STEP_MINUTES), 0)
      : (task.estimateMinutes ?? DEFAULT_TASK_MINUTES);
    return { parts: [{ taskId: task.id, title: task.title, minutes, placed: 0, stepOf: null }], trimmed: false };
  }
  if (steps.length === 0) {
    const minutes = task.estimateMinutes ?? DEFAULT_TASK_MINUTES;
    const piece = Math.min(minutes, pace.focusCap);
    return { parts: [{ taskId: task.id, title: task.title, minutes: piece, placed: 0, stepOf: null }], trimmed: piece < minutes };
  }
  // The next open steps, as many as fit in one short focus block (at least the first, capped).
  const parts: Part[] = [];
  let total = 0;
  for (const step of steps.slice(0, 3)) {
    const minutes = Math.min(step.estimateMinutes ?? DEFAULT_STEP_MINUTES, pace.focusCap);
    if (parts.length > 0 && total + minutes > pace.focusCap) break;
    parts.push({ taskId: step.id, title: step.title, minutes, placed: 0, stepOf: task.title });
    total += minutes;
  }
  return { parts, trimmed: true };
}

/** Takes the minutes the user pinned themselves off the front of the unit's work. */
function withoutPinned(parts: Part[], pinnedMinutes: number): Part[] {
  let left = pinnedMinutes;
  const out: Part[] = [];
  for (const part of parts) {
    const cut = Math.min(part.minutes, left);
    left -= cut;
    if (part.minutes - cut >= 5) out.push({ ...part, minutes: part.minutes - cut });
  }
  return out;
}

export function buildUnits(
  tasks: PlanTask[],
  args: { pace: Pace; planStart: number; dayEnd: number; pinned: PinnedBlock[] },
): Unit[] {
  const pinnedByTask = new Map<string, number>();
  for (const p of args.pinned) {
    const minutes = Math.round((Date.parse(p.end) - Date.parse(p.start)) / 60_000);
    pinnedByTask.set(p.taskId, (pinnedByTask.get(p.taskId) ?? 0) + minutes);
  }
  const units: Unit[] = [];
  tasks.forEach((task, order) => {
    const ids = [task.id, ...(task.steps ?? []).map((s) => s.id)];
    const pinned = ids.reduce((sum, id) => sum + (pinnedByTask.get(id) ?? 0), 0);
    const built = stepParts(task, args.pace);
    const parts = withoutPinned(built.parts, pinned);
    if (parts.length === 0) return;
    const dueAt = task.dueAt ? Date.parse(task.dueAt) : null;
    const urgency = dueAt === null || dueAt >= args.dayEnd ? 2 : dueAt <= args.planStart ? 0 : 1;
    const whole = (task.steps ?? []).reduce((s, st) => s + (st.estimateMinutes ?? DEFAULT_STEP_MINUTES), 0) || (task.estimateMinutes ?? DEFAULT_TASK_MINUTES);
    const known = task.complexity != null ? Math.max(1, Math.min(5, Math.round(task.complexity))) : null;
    units.push({
      taskId: task.id,
      title: task.title,
      priority: task.priority,
      order,
      dueAt,
      urgency,
      hardness: known ?? sizeHardness(whole),
      parts,
      trimmed: built.trimmed,
      nextStep: task.steps?.[0]?.title ?? null,
      selected: false,
      started: false,
    });
  });
  return units;
}

/**
 * Marks, in rank order, the units the free time can hold (counting a short break per focus block),
 * so that when a day is overfull it is the least urgent work that is left over.
 */
export function selectUnits(units: Unit[], freeMinutes: number, pace: Pace): void {
  let used = 0;
  for (const unit of [...units].sort(byRank)) {
    if (used >= freeMinutes) break;
    const minutes = remaining(unit);
    const need = minutes + Math.ceil(minutes / pace.focusCap) * pace.shortBreak;
    unit.selected = true;
    used += need;
  }
}
