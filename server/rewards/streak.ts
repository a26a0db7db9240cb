// Streaks, forgiving by design, in the user's own time zone. An active day is a day with a completed
// task or step, or a finished focus session (a focus.minutes ledger row). Every 5 active days earn a
// freeze (at most 2 banked from activity; mystery-box freezes come on top); a missed day uses a freeze
// automatically; vacation days never count; a missed day with no freeze only restarts the current
// streak — the best streak, points, level and pet stay. The midnight rollover (rewards/rollover.ts)
// records each past day in streak_days; days it has not recorded yet are decided here the same way,
// so what the page shows never waits for the cron.
import "server-only";
import type { Db } from "../db/client";
import { activeDays, ledgerDayCounts, listStreakDays, listVacations } from "../db/queries/rewards";
import type { StreakDay } from "../db/schema";
import { addDays, canonicalTimeZone, localDay } from "../time";

/** Ledger kinds that make a day active. */
export const STREAK_KINDS = ["task.completed", "step.completed", "focus.minutes"] as const;
/** The ledger kind of a freeze won in the mystery box (amount 0). */
export const FREEZE_PRIZE_KIND = "streak.freeze";
/** Active days per earned freeze, and how many earned freezes the bank holds. */
export const FREEZE_EVERY = 5;
export const FREEZE_EARN_CAP = 2;

export type DayStatus = StreakDay["status"];

export interface Streak {
  /** Consecutive active days ending today, or ending yesterday when today has nothing yet (freeze and vacation days keep it, without adding). */
  days: number;
  activeToday: boolean;
}

export interface StreakStatus extends Streak {
  best: number;
  /** Freezes in the bank, used automatically on a missed day. */
  freezes: number;
  freezesUsed: number;
  /** Active days until the next earned freeze; null while the bank is full. */
  nextFreezeIn: number | null;
  onVacation: boolean;
  activeDaysTotal: number;
  /** The last 14 local days, oldest first; today is "active", "open" or "vacation"; "none" is before the first active day. */
  recent: { day: string; status: DayStatus | "open" | "none" }[];
  /** One kind sentence about where things stand. */
  message: string;
}

export interface StreakInputs {
  today: string;
  active: ReadonlySet<string>;
  /** What the rollover recorded for past days. */
  stored: ReadonlyMap<string, DayStatus>;
  vacations: readonly { startDay: string; endDay: string }[];
  /** Freezes won on each local day. */
  bonusFreezes: ReadonlyMap<string, number>;
}

export interface StreakReplay extends StreakStatus {
  /** Past days the rollover has not recorded yet, with what it will record (oldest first). */
  pending: { day: string; status: DayStatus }[];
}

function onVacation(day: string, ranges: StreakInputs["vacations"]): boolean {
  return ranges.some((r) => r.startDay <= day && day <= r.endDay);
}

function kindMessage(s: Omit<StreakStatus, "message" | "recent">, lastStatus: DayStatus | null, yesterdayStatus: DayStatus | null): string {
  if (s.onVacation) return "You're on vacation — your streak is paused and safe. Enjoy the rest.";
  if (yesterdayStatus === "frozen" && !s.activeToday) return `A freeze day covered yesterday, so your ${s.days}-day streak is safe. One small thing today keeps it going.`;
  if (s.activeToday) return s.days === 1 ? "Day one — you showed up today." : `You showed up today: ${s.days} days and counting.`;
  if (s.days > 0) return `Do one small thing today to make it ${s.days + 1} days.`;
  if (lastStatus === "missed" && s.best > 0) {
    return `A fresh start. Your best streak of ${s.best} day${s.best === 1 ? "" : "s"} is still yours, and every point you earned stays.`;
  }
  return "Finish anything today — a task, a step or a focus session — to start a streak.";
}

/** Replays the days from the first one that matters up to today; pure, so it can be tested on fixtures. */
export function replayStreak(input: StreakInputs): StreakReplay {
  const { today } = input;
  const firsts = [...input.active, ...input.stored.keys(), ...input.bonusFreezes.keys()].filter((d) => d <= today).sort();
  let current = 0;
  let best = 0;
  let bank = 0;
  let used = 0;
  let activeTotal = 0;
  let lastStatus: DayStatus | null = null;
  const statuses = new Map<string, DayStatus>();
  const pending: StreakReplay["pending"] = [];
  const applyActive = () => {
    current++;
    best = Math.max(best, current);
    activeTotal++;
    if (activeTotal % FREEZE_EVERY === 0 && bank < FREEZE_EARN_CAP) bank++;
  };
  for (let day = firsts[0]; day !== undefined && day < today; day = addDays(day, 1)) {
    bank += input.bonusFreezes.get(day) ?? 0;
    const stored = input.stored.get(day);
    let status: DayStatus;
    if (input.active.has(day)) status = "active";
    else if (onVacation(day, input.vacations)) status = "vacation";
    else if (stored) status = stored;
    else status = bank > 0 ? "frozen" : "missed";
    if (!stored) pending.push({ day, status });
    statuses.set(day, status);
    if (status === "active") applyActive();
    else if (status === "frozen") {
      bank = Math.max(0, bank - 1);
      used++;
    } else if (status === "missed") current = 0;
    lastStatus = status;
  }
  if (firsts.length) bank += input.bonusFreezes.get(today) ?? 0;
  const activeToday = input.active.has(today);
  if (activeToday) applyActive();
  const base = {
    days: current,
    activeToday,
    best,
    freezes: bank,
    freezesUsed: used,
    nextFreezeIn: bank >= FREEZE_EARN_CAP ? null : FREEZE_EVERY - (activeTotal % FREEZE_EVERY),
    onVacation: onVacation(today, input.vacations),
    activeDaysTotal: activeTotal,
  };
  const recent: StreakStatus["recent"] = [];
  for (let i = 13; i >= 1; i--) {
    const day = addDays(today, -i);
    recent.push({ day, status: statuses.get(day) ?? (onVacation(day, input.vacations) ? "vacation" : "none") });
  }
  recent.push({ day: today, status: activeToday ? "active" : base.onVacation ? "vacation" : "open" });
  return { ...base, recent, pending, message: kindMessage(base, lastStatus, statuses.get(addDays(today, -1)) ?? null) };
}

/** The streak from a set of active local days ("YYYY-MM-DD") as of `today`, with no freezes or vacations. */
export function streakFromDays(days: Iterable<string>, today: string): Streak {
  const { days: count, activeToday } = replayStreak({ today, active: new Set(days), stored: new Map(), vacations: [], bonusFreezes: new Map() });
  return { days: count, activeToday };
}

/** A usable IANA zone: the user's, or UTC when it's missing or unknown to this runtime. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return (timeZone && canonicalTimeZone(timeZone)) || "UTC";
}

/** Everything the replay needs for one user, read from the ledger, vacations and streak_days. */
export async function loadStreakInputs(db: Db, userId: string, options: { now: Date; timeZone: string }): Promise<StreakInputs> {
  const timeZone = safeTimeZone(options.timeZone);
  const [days, stored, ranges, prizes] = await Promise.all([
    activeDays(db, { userId, kinds: STREAK_KINDS, timeZone, since: new Date(0) }),
    listStreakDays(db, userId),
    listVacations(db, userId),
    ledgerDayCounts(db, { userId, kinds: [FREEZE_PRIZE_KIND], timeZone }),
  ]);
  return {
    today: localDay(options.now.getTime(), timeZone),
    active: new Set(days),
    stored: new Map(stored.map((r) => [r.day, r.status])),
    vacations: ranges,
    bonusFreezes: new Map(prizes.map((p) => [p.day, p.n])),
  };
}

export async function getStreakStatus(db: Db, userId: string, options: { now: Date; timeZone: string }): Promise<StreakReplay> {
  return replayStreak(await loadStreakInputs(db, userId, options));
}

/** The streak's two headline numbers (the memory context and the completion answer use these). */
export async function getStreak(db: Db, userId: string, options: { now: Date; timeZone: string }): Promise<Streak> {
  const { days, activeToday } = await getStreakStatus(db, userId, options);
  return { days, activeToday };
}
