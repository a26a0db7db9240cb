// The day planner: open tasks + today's energy and mood + fixed events → a time-blocked plan for one
// day in the user's working hours, and a kind overload warning when it does not all fit.
// Pure and deterministic: the same input always gives the same plan (no database, no clock).
import "server-only";
import { type Busy, type Interval, sweep } from "./schedule";
import { dayBounds, formatClock, formatDuration, formatMinuteOfDay, localDay, zonedInstant } from "../../time";
import type { DayPlanInput, DayPlanResult, EnergyPattern, Overload, PlanBlock, PlanSummary } from "./types";
import { buildUnits, byRank, paceFor, remaining, selectUnits, type Unit } from "./units";

export * from "./types";
export { paceFor } from "./units";

const MINUTE = 60_000;
const FIVE = 5 * MINUTE;

/** Wall-clock high-energy hours per pattern, in minutes after midnight. */
const PEAK_HOURS: Record<Exclude<EnergyPattern, "steady">, [number, number]> = {
  morning: [8 * 60, 12 * 60],
  afternoon: [13 * 60, 17 * 60],
  evening: [17 * 60, 22 * 60],
};

/**
 * The high-energy window inside the working hours. When the usual hours barely touch the working
 * day (an evening person working 7–15), the matching third of the working day stands in.
 */
export function peakMinutes(pattern: EnergyPattern, workday: { startMinute: number; endMinute: number }): [number, number] | null {
  if (pattern === "steady") return null;
  const { startMinute: ws, endMinute: we } = workday;
  const [ps, pe] = PEAK_HOURS[pattern];
  const start = Math.max(ps, ws);
  const end = Math.min(pe, we);
  if (end - start >= 60) return [start, end];
  const third = Math.round((we - ws) / 3 / 5) * 5;
  if (pattern === "morning") return [ws, ws + third];
  if (pattern === "afternoon") return [ws + third, we - third];
  return [we - third, we];
}

function interval(startIso: string, endIso: string): Interval | null {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? { start, end } : null;
}

/** [from, to) minus the busy intervals. */
function freeTime(from: number, to: number, busy: Interval[]): Interval[] {
  const out: Interval[] = [];
  let cursor = from;
  for (const b of [...busy].sort((x, y) => x.start - y.start)) {
    if (b.end <= cursor) continue;
    if (b.start >= to) break;
    if (b.start > cursor) out.push({ start: cursor, end: b.start });
    cursor = Math.max(cursor, b.end);
  }
  if (cursor < to) out.push({ start: cursor, end: to });
  return out;
}

function names(units: Unit[]): string {
  const quoted = units.map((u, i) => (u.parts.some((p) => p.placed > 0) ? `${i === 0 ? "The" : "the"} rest of “${u.title}”` : `“${u.title}”`));
  if (quoted.length === 1) return quoted[0] as string;
  if (quoted.length <= 3) return `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, 3).join(", ")} and ${quoted.length - 3} more`;
}

function overloadFor(left: Unit[], hours: string, dayOver: boolean): Overload | null {
  if (left.length === 0) return null;
  const minutes = left.reduce((sum, u) => sum + remaining(u), 0);
  const overflowMinutes = Math.max(5, Math.round(minutes / 5) * 5);
  const them = left.length === 1 ? "it" : "them";
  const message = dayOver
    ? `Your working hours (${hours}) are over for today, so ${names(left)} can wait. Tomorrow gets a fresh plan — resting now is part of it.`
    : `Today holds about ${formatDuration(overflowMinutes)} more than your working hours (${hours}) can fit. ${names(left)} didn't fit — you could move ${them} to tomorrow or let something go. A full list isn't a failure; it just means choosing.`;
  return { overflowMinutes, message, unplannedTaskIds: left.map((u) => u.taskId) };
}

function headline(args: {
  input: DayPlanInput;
  light: boolean;
  tinyWin: boolean;
  peak: Interval | null;
  dayOver: boolean;
  hasWork: boolean;
}): string {
  const { input, light, tinyWin, peak, dayOver, hasWork } = args;
  const parts: string[] = [];
  if (dayOver) parts.push("Your working hours are over for today.");
  else if (!hasWork) parts.push("Nothing open to plan — add a task, or enjoy the space.");
  else if (light) {
    parts.push("Low energy today, so this is a lighter plan: just the next small step of each task, 25-minute blocks and more breaks.");
  } else if (peak) {
    const word = input.energyPattern;
    const when = `${formatClock(peak.start, input.timeZone)}–${formatClock(peak.end, input.timeZone)}`;
    parts.push(`${(input.energy ?? 0) >= 4 ? "Good energy today. " : ""}Your hardest work sits in your high-energy ${word} (${when}), with breaks between focus blocks.`);
  } else {
    parts.push(`${(input.energy ?? 0) >= 4 ? "Good energy today. " : ""}Steady energy: the most important work first, with breaks between focus blocks.`);
  }
  if (tinyWin && hasWork && !dayOver) parts.push("Your mood is low, so it opens with one tiny, easy win.");
  if ((input.doneMinutes ?? 0) > 0) parts.push(`You've already focused for ${formatDuration(input.doneMinutes ?? 0)} today.`);
  return parts.join(" ");
}

export function planDay(input: DayPlanInput): DayPlanResult {
  const { timeZone, workday } = input;
  const now = input.now.getTime();
  const day = input.day ?? localDay(now, timeZone);
  const bounds = dayBounds(day, timeZone);
  const workStart = zonedInstant(day, workday.startMinute, timeZone);
  const workEnd = zonedInstant(day, workday.endMinute, timeZone);
  const planStart = Math.ceil(Math.max(now, workStart) / FIVE) * FIVE;

  const events = (input.fixedEvents ?? [])
    .map((e) => ({ e, at: interval(e.start, e.end) }))
    .filter((x): x is { e: (typeof x)["e"]; at: Interval } => x.at !== null && x.at.end > bounds.start && x.at.start < bounds.end);
  const pinned = (input.pinned ?? [])
    .map((p) => ({ p, at: interval(p.start, p.end) }))
    .filter((x): x is { p: (typeof x)["p"]; at: Interval } => x.at !== null && x.at.end > bounds.start && x.at.start < bounds.end);
  const busy: Busy[] = [...events.map((x) => ({ ...x.at, kind: "event" as const })), ...pinned.map((x) => ({ ...x.at, kind: "pinned" as const }))];
  const free = planStart < workEnd ? freeTime(planStart, workEnd, busy) : [];

  const pace = paceFor(input.energy);
  const lowMood = input.mood !== null && input.mood <= 2;
  const units = buildUnits(input.tasks, { pace, planStart, dayEnd: bounds.end, pinned: pinned.map((x) => x.p) });
  const freeMinutes = free.reduce((sum, s) => sum + (s.end - s.start), 0) / MINUTE;
  selectUnits(units, freeMinutes, pace);

  const peakRange = peakMinutes(input.energyPattern, workday);
  const peak = peakRange ? { start: zonedInstant(day, peakRange[0], timeZone), end: zonedInstant(day, peakRange[1], timeZone) } : null;
  const planned = sweep({
    units,
    free,
    busy,
    planStart,
    workEnd,
    peak,
    pattern: input.energyPattern,
    pace,
    lowMood,
    timeZone,
    alreadyWorked: input.doneMinutes ?? 0,
  });

  const blocks: PlanBlock[] = [
    ...events.map(({ e }) => ({ start: e.start, end: e.end, kind: "event" as const, title: e.title, why: "A fixed event: the plan goes around it." })),
    ...pinned.map(({ p }) => ({ start: p.start, end: p.end, kind: "task" as const, taskId: p.taskId, title: p.title, why: "You put this here; the rest is planned around it." })),
    ...planned,
  ].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.end) - Date.parse(b.end));

  const dayOver = free.length === 0 && planStart >= workEnd;
  const hours = `${formatMinuteOfDay(workday.startMinute)}–${formatMinuteOfDay(workday.endMinute)}`;
  const left = units.filter((u) => remaining(u) > 0).sort(byRank);
  const tinyWin = lowMood && planned.some((b) => b.kind === "task");
  const minutesOf = (kind: PlanBlock["kind"]) =>
    Math.round(planned.filter((b) => b.kind === kind).reduce((s, b) => s + (Date.parse(b.end) - Date.parse(b.start)), 0) / MINUTE);
  const summary: PlanSummary = {
    day,
    planStart: new Date(planStart).toISOString(),
    workStart: new Date(workStart).toISOString(),
    workEnd: new Date(workEnd).toISOString(),
    peak: peak ? { start: new Date(peak.start).toISOString(), end: new Date(peak.end).toISOString() } : null,
    light: pace.light,
    tinyWin,
    focusMinutes: minutesOf("task"),
    breakMinutes: minutesOf("break"),
    headline: headline({ input, light: pace.light, tinyWin, peak, dayOver, hasWork: units.length > 0 || pinned.length > 0 }),
  };
  return { blocks, overload: overloadFor(left, hours, dayOver), summary };
}
