// The sweep that lays units of work into the free time of one day, earliest first: resumes what it
// started, opens with a tiny win on a low-mood day, puts overdue and due-today work first, keeps the
// hardest work for the user's high-energy window, and puts breaks between focus blocks.
import "server-only";
import { formatClock, formatDate, formatDuration } from "../../time";
import type { EnergyPattern, PlanBlock } from "./types";
import { byRank, MIN_PIECE, type Pace, type Part, remaining, type Unit } from "./units";

const MINUTE = 60_000;
const TINY_WIN = 15;

export interface Interval {
  start: number;
  end: number;
}
export interface Busy extends Interval {
  kind: "event" | "pinned";
}

export interface SweepArgs {
  units: Unit[];
  free: Interval[];
  busy: Busy[];
  planStart: number;
  workEnd: number;
  peak: Interval | null;
  pattern: EnergyPattern;
  pace: Pace;
  lowMood: boolean;
  timeZone: string;
  /** Minutes already worked today, so the first long break comes sooner after a long morning. */
  alreadyWorked: number;
}

type Reason = "continued" | "tiny" | "overdue" | "due" | "peak" | "warmup" | "early" | "after-peak" | "order";
type Choice = { unit: Unit; reason: Reason } | { jumpTo: number } | null;

const patternWord: Record<EnergyPattern, string> = { morning: "morning", afternoon: "afternoon", evening: "evening", steady: "day" };

function overlap(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function pieceOf(unit: Unit, pace: Pace): { part: Part; want: number } {
  const part = unit.parts.find((p) => p.placed < p.minutes) as Part;
  return { part, want: Math.min(part.minutes - part.placed, pace.focusCap) };
}

function freeBetween(free: Interval[], from: number, to: number): number {
  return free.reduce((sum, s) => sum + overlap(s, { start: from, end: to }), 0) / MINUTE;
}

function choose(args: SweepArgs, open: Unit[], cursor: number, tinyPending: boolean, room: number | null): Choice {
  const fits = (u: Unit) => room === null || pieceOf(u, args.pace).want <= room || (tinyPending && room >= MIN_PIECE);
  const candidates = open.filter(fits);
  if (candidates.length === 0) return null;
  const current = candidates.find((u) => u.started);
  if (current) return { unit: current, reason: "continued" };
  if (tinyPending) {
    const tiny = [...candidates].sort((a, b) => pieceOf(a, args.pace).want - pieceOf(b, args.pace).want || a.hardness - b.hardness || byRank(a, b))[0];
    if (tiny) return { unit: tiny, reason: "tiny" };
  }
  const ranked = [...candidates].sort(byRank);
  const first = ranked[0] as Unit;
  if (first.urgency === 0) return { unit: first, reason: "overdue" };
  if (first.urgency === 1) return { unit: first, reason: "due" };
  // What fits today comes first; the rest only fills time that is left.
  const selected = ranked.filter((u) => u.selected);
  const pool = selected.length ? selected : ranked;
  const { peak } = args;
  if (!peak || cursor >= peak.end) return { unit: pool[0] as Unit, reason: peak ? "after-peak" : "order" };
  if (cursor >= peak.start) {
    const hardest = [...pool].sort((a, b) => b.hardness - a.hardness || byRank(a, b))[0] as Unit;
    return { unit: hardest, reason: hardest.hardness >= 3 ? "peak" : "order" };
  }
  const easy = pool.filter((u) => u.hardness < 3);
  if (easy.length) return { unit: easy[0] as Unit, reason: "warmup" };
  // Only hard work is left: wait for the peak if all of it still fits from there, else start now.
  const work = pool.reduce((sum, u) => sum + remaining(u) + Math.ceil(remaining(u) / args.pace.focusCap) * args.pace.shortBreak, 0);
  if (room === null && work <= freeBetween(args.free, peak.start, args.workEnd)) return { jumpTo: peak.start };
  const gentlest = [...pool].sort((a, b) => a.hardness - b.hardness || byRank(a, b))[0] as Unit;
  return { unit: gentlest, reason: "early" };
}

function why(reason: Reason, unit: Unit, part: Part, minutes: number, args: SweepArgs): string {
  const word = patternWord[args.pattern];
  const main: Record<Reason, string> = {
    continued: "Picking up where you left off.",
    tiny: "Your mood is low today, so the day opens with one tiny, easy win.",
    overdue: `Overdue${unit.dueAt !== null ? ` (it was due ${formatDate(unit.dueAt, args.timeZone)})` : ""}, so it gets the first free slot and stops hanging over you.`,
    due: `Due today at ${unit.dueAt !== null ? formatClock(unit.dueAt, args.timeZone) : "—"}, so it comes before everything else.`,
    peak: `Your hardest work, in your high-energy ${word}.`,
    warmup: `A lighter one to warm up before your high-energy ${word}.`,
    early: `Starts before your high-energy ${word} so that everything fits.`,
    "after-peak": `Next by priority, after your high-energy ${word}.`,
    order: unit.priority === "urgent" || unit.priority === "high" ? "Important, so it comes early." : "Next by priority and your own order.",
  };
  let text = main[reason];
  if (args.pace.light) {
    text += part.stepOf
      ? ` Low energy today, so just the next small step of “${part.stepOf}”.`
      : unit.trimmed
        ? ` Low energy today, so just ${minutes} minutes on it, then stop — that is the plan.`
        : " Low energy today, so a short block.";
  } else if (reason !== "continued" && unit.nextStep) {
    text += ` Start with: ${unit.nextStep}.`;
  }
  return text;
}

export function sweep(args: SweepArgs): PlanBlock[] {
  const { pace } = args;
  const blocks: PlanBlock[] = [];
  let cursor = args.planStart;
  let sinceBreak = 0;
  let sinceLong = Math.min(args.alreadyWorked, Math.max(0, pace.longBreakAfter - pace.focusCap));
  let tinyPending = args.lowMood;
  // A unit's later steps keep the reason its first step was placed for; only a split part "continues".
  const firstReason = new Map<Unit, Reason>();

  /** Moving the cursor over busy or idle time: pinned work counts, idle time is a rest. */
  const advance = (to: number) => {
    if (to <= cursor) return;
    const span = { start: cursor, end: to };
    const pinned = args.busy.filter((b) => b.kind === "pinned").reduce((s, b) => s + overlap(b, span), 0) / MINUTE;
    const events = args.busy.filter((b) => b.kind === "event").reduce((s, b) => s + overlap(b, span), 0) / MINUTE;
    const idle = (to - cursor) / MINUTE - pinned - events;
    if (idle >= pace.shortBreak) sinceBreak = 0;
    if (idle >= pace.longBreak) sinceLong = 0;
    sinceBreak += pinned;
    sinceLong += pinned;
    cursor = to;
  };
  const push = (block: PlanBlock, minutes: number) => {
    blocks.push(block);
    cursor += minutes * MINUTE;
  };

  for (let guard = 0; guard < 2000; guard++) {
    const open = args.units.filter((u) => remaining(u) > 0);
    const seg = args.free.find((s) => s.end > cursor);
    if (open.length === 0 || !seg) break;
    if (cursor < seg.start) advance(seg.start);
    const room = (seg.end - cursor) / MINUTE;
    if (room < pace.shortBreak) {
      advance(seg.end);
      continue;
    }
    let choice = choose(args, open, cursor, tinyPending, null);
    if (choice && "jumpTo" in choice) {
      advance(choice.jumpTo);
      continue;
    }
    if (choice) {
      const { part, want } = pieceOf(choice.unit, pace);
      const rest = part.minutes - part.placed;
      const piece = tinyPending && choice.reason === "tiny" ? Math.min(want, rest <= TINY_WIN ? rest : MIN_PIECE) : want;
      // A piece cut short by an event or the end of the day must still be worth doing, and leave a real rest.
      const splitOk = room >= piece || (room >= 15 && rest - room >= MIN_PIECE);
      if (!splitOk) choice = choose(args, open, cursor, tinyPending, room);
    }
    if (!choice || "jumpTo" in choice) {
      advance(seg.end);
      continue;
    }
    const { unit } = choice;
    const { part, want } = pieceOf(unit, pace);
    const reason: Reason = choice.reason === "continued" && part.placed === 0 ? (firstReason.get(unit) ?? "order") : choice.reason;
    if (!firstReason.has(unit) && reason !== "tiny" && reason !== "continued") firstReason.set(unit, reason);
    const rest = part.minutes - part.placed;
    const tiny = tinyPending && reason === "tiny";
    const wanted = tiny ? Math.min(want, rest <= TINY_WIN ? rest : MIN_PIECE) : want;

    if (sinceBreak >= pace.minBeforeBreak && sinceBreak + wanted > pace.focusCap) {
      const long = sinceLong >= pace.longBreakAfter;
      const length = long ? pace.longBreak : pace.shortBreak;
      if (room < length) {
        advance(seg.end);
        continue;
      }
      const start = cursor;
      push(
        {
          start: new Date(start).toISOString(),
          end: new Date(start + length * MINUTE).toISOString(),
          kind: "break",
          title: long ? "Longer break" : "Short break",
          why: long
            ? `A longer break: you have been at it for about ${formatDuration(Math.round(sinceLong / 5) * 5)}. Step away from the screen.`
            : pace.light
              ? "A break: on a low-energy day, rest is part of the plan."
              : "A short break: stand up, stretch, drink some water.",
        },
        length,
      );
      sinceBreak = 0;
      if (long) sinceLong = 0;
      continue;
    }

    const minutes = Math.max(1, Math.min(wanted, (seg.end - cursor) / MINUTE));
    const start = cursor;
    push(
      {
        start: new Date(start).toISOString(),
        end: new Date(start + minutes * MINUTE).toISOString(),
        kind: "task",
        taskId: part.taskId,
        title: part.placed > 0 ? `${part.title} (continued)` : part.title,
        why: why(reason, unit, part, minutes, args),
      },
      minutes,
    );
    part.placed += minutes;
    sinceBreak += minutes;
    sinceLong += minutes;
    if (tiny) tinyPending = false;
    // A tiny win that is only a first bit of a bigger task goes back to the pool; anything else is resumed next.
    unit.started = !tiny && remaining(unit) > 0;
  }
  return blocks;
}
