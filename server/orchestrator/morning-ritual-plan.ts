// How the morning ritual feeds the day plan: its energy counts as today's energy unless the user
// checked in with an energy level after it, and its top three are planned first, in the order the
// user picked them, before the planner lays out the rest of the day around them.
import "server-only";
import type { Db } from "../db/client";
import { listCheckins } from "../db/queries/days";
import { findRitual } from "../db/queries/rituals";
import type { MorningRitual } from "../db/schema";
import { type DayPlanInput, type DayPlanResult, paceFor, type PlanBlock, type PlanTask, planDay } from "../planner/day-plan";
import { formatDuration, formatMinuteOfDay, localDay, zonedInstant } from "../time";

const MINUTE = 60_000;

export interface RitualForPlan {
  ritual: MorningRitual;
  /** The energy the plan should use: the ritual's, or a check-in's made after it. */
  energy: number | null;
  topTaskIds: string[];
}

/**
 * The ritual of `day`, if any, and the energy that holds: a check-in with an energy level made after
 * the ritual was saved wins (the user feels different now); otherwise the ritual's own.
 */
export async function ritualForPlan(
  db: Db,
  args: { userId: string; day: string; now: Date; checkinEnergy: number | null },
): Promise<RitualForPlan | null> {
  const ritual = await findRitual(db, { userId: args.userId, day: args.day });
  if (!ritual) return null;
  let energy = ritual.energy ?? args.checkinEnergy;
  if (ritual.energy !== null && args.checkinEnergy !== null) {
    const later = await listCheckins(db, { userId: args.userId, from: new Date(ritual.updatedAt.getTime() + 1), to: new Date(args.now.getTime() + 1), limit: 100 });
    const newest = later.find((c) => c.energy !== null);
    if (newest) energy = newest.energy;
  }
  return { ritual, energy, topTaskIds: ritual.topTaskIds };
}

const ORDER_REASON = /^(Important, so it comes early\.|Next by priority and your own order\.)/;
const PLACE = ["Your top task today", "Second of your top three", "Third of your top three"] as const;

function names(quoted: string[]): string {
  if (quoted.length === 1) return quoted[0] as string;
  if (quoted.length <= 3) return `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, 3).join(", ")} and ${quoted.length - 3} more`;
}

const minutesOf = (b: PlanBlock) => (Date.parse(b.end) - Date.parse(b.start)) / MINUTE;

/**
 * Plans the day with the top three first: each one on its own, in the user's order, from where the
 * one before it ended (with a short break between when the stretch was long), then everything else
 * around them with the user's energy pattern. Without a top three this is exactly `planDay`.
 */
export function planTopFirst(input: DayPlanInput, topIds: readonly string[]): DayPlanResult {
  const byId = new Map(input.tasks.map((t) => [t.id, t]));
  const top = [...new Set(topIds)]
    .map((id) => byId.get(id))
    .filter((t): t is PlanTask => t !== undefined)
    .slice(0, 3);
  const day = input.day ?? localDay(input.now.getTime(), input.timeZone);
  const workEnd = zonedInstant(day, input.workday.endMinute, input.timeZone);
  if (top.length === 0 || input.now.getTime() >= workEnd) return planDay(input);

  const pace = paceFor(input.energy);
  const pinnedAt = new Set((input.pinned ?? []).map((p) => `${p.taskId}@${Date.parse(p.start)}`));
  const busy = [...(input.fixedEvents ?? []), ...(input.pinned ?? [])].map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }));
  const isPinned = (b: PlanBlock) => b.kind === "task" && pinnedAt.has(`${b.taskId}@${Date.parse(b.start)}`);

  const placed: PlanBlock[] = [];
  const unplanned: string[] = [];
  let overflow = 0;
  let cursor = input.now.getTime();
  let firstSummary: DayPlanResult["summary"] | null = null;

  top.forEach((task, k) => {
    // Once a top task does not fit, nothing after it may take the time before the day ends.
    if (unplanned.length) cursor = Math.max(cursor, workEnd);
    const result = planDay({ ...input, day, now: new Date(cursor), energyPattern: "steady", mood: k === 0 ? input.mood : null, tasks: [task] });
    firstSummary ??= result.summary;
    const mine = result.blocks.filter((b) => b.kind !== "event" && !isPinned(b));
    for (const b of mine) {
      placed.push(b.kind === "task" && b.why && ORDER_REASON.test(b.why) ? { ...b, why: b.why.replace(ORDER_REASON, `${PLACE[k]}, from your morning ritual, so it comes first.`) } : b);
    }
    if (result.overload) {
      unplanned.push(...result.overload.unplannedTaskIds);
      overflow += result.overload.overflowMinutes;
    }
    const last = mine.at(-1);
    if (!last) return;
    cursor = Math.max(cursor, Date.parse(last.end));
    // The next one starts after a short break when this stretch of work was long enough to need one.
    let stretch = 0;
    for (let i = placed.length - 1; i >= 0 && placed[i]?.kind === "task"; i--) stretch += minutesOf(placed[i] as PlanBlock);
    const breakEnd = cursor + pace.shortBreak * MINUTE;
    const clash = busy.some((b) => b.start < breakEnd && b.end > cursor);
    if (stretch >= pace.minBeforeBreak && !clash && breakEnd <= workEnd) {
      placed.push({
        start: new Date(cursor).toISOString(),
        end: new Date(breakEnd).toISOString(),
        kind: "break",
        title: "Short break",
        why: pace.light ? "A break: on a low-energy day, rest is part of the plan." : "A short break: stand up, stretch, drink some water.",
      });
      cursor = breakEnd;
    }
  });

  if (unplanned.length) cursor = Math.max(cursor, workEnd);
  const restTasks = input.tasks.filter((t) => !top.includes(t));
  const rest = planDay({ ...input, day, now: new Date(cursor), mood: null, tasks: restTasks });
  const restPlanned = rest.blocks.filter((b) => b.kind !== "event" && !isPinned(b));
  const fixed = rest.blocks.filter((b) => b.kind === "event" || isPinned(b));
  const blocks = [...fixed, ...placed, ...restPlanned].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.end) - Date.parse(b.end));

  const hours = `${formatMinuteOfDay(input.workday.startMinute)}–${formatMinuteOfDay(input.workday.endMinute)}`;
  let overload = rest.overload;
  // The rest is planned from where the top three end (rounded up to 5 minutes, as the planner does).
  const filledByTop = Math.ceil(cursor / (5 * MINUTE)) * 5 * MINUTE >= workEnd && restTasks.length > 0;
  if (unplanned.length || (overload && filledByTop)) {
    const ids = [...unplanned, ...(rest.overload?.unplannedTaskIds ?? [])];
    const titles = ids.map((id, i) => {
      const title = `“${input.tasks.find((t) => t.id === id)?.title ?? "a task"}”`;
      return placed.some((b) => b.taskId === id) ? `${i === 0 ? "The" : "the"} rest of ${title}` : title;
    });
    const overflowMinutes = overflow + (rest.overload?.overflowMinutes ?? 0);
    overload = {
      overflowMinutes,
      unplannedTaskIds: ids,
      message: `${top.length === 1 ? "Your top task fills" : `Your top ${top.length === 2 ? "two" : "three"} fill`} today's working hours (${hours}) — about ${formatDuration(overflowMinutes)} more is on your list. ${names(titles)} didn't fit — you could move ${ids.length === 1 ? "it" : "them"} to tomorrow or let something go. A full list isn't a failure; it just means choosing.`,
    };
  }

  const sum = (kind: PlanBlock["kind"]) => Math.round([...placed, ...restPlanned].filter((b) => b.kind === kind).reduce((s, b) => s + minutesOf(b), 0));
  const first = firstSummary as DayPlanResult["summary"] | null;
  const lead = top.length === 1 ? "Your top task from this morning comes first." : `Your top ${top.length === 2 ? "two" : "three"} from this morning come first, in your order.`;
  const parts = [lead];
  if (restPlanned.some((b) => b.kind === "task")) parts.push(rest.summary.headline);
  else {
    if (pace.light) parts.push("Low energy today, so this is a lighter plan: small steps, 25-minute blocks and more breaks.");
    if ((input.doneMinutes ?? 0) > 0) parts.push(`You've already focused for ${formatDuration(input.doneMinutes ?? 0)} today.`);
  }
  if (first?.tinyWin) parts.push("Your mood is low, so it opens with one tiny, easy win.");
  return {
    blocks,
    overload,
    summary: {
      ...rest.summary,
      planStart: first?.planStart ?? rest.summary.planStart,
      light: pace.light,
      tinyWin: first?.tinyWin ?? false,
      focusMinutes: sum("task"),
      breakMinutes: sum("break"),
      headline: parts.join(" "),
    },
  };
}
