// Streaks: consecutive days, in the user's own time zone, with at least one completed task or step.
// Forgiving on purpose: a day that isn't over yet never breaks the streak, so at 8 am "3 days" still
// shows yesterday's run — it only ends once a whole day has passed with nothing done.
import "server-only";
import type { Db } from "../db/client";
import { activeDays } from "../db/queries/rewards";
import { addDays, canonicalTimeZone, localDay } from "../time";

/** Ledger kinds that keep a streak alive. */
export const STREAK_KINDS = ["task.completed", "step.completed"] as const;

export interface Streak {
  /** Consecutive active days ending today, or ending yesterday when today has nothing yet. */
  days: number;
  activeToday: boolean;
}

/** The streak from a set of active local days ("YYYY-MM-DD") as of `today`. */
export function streakFromDays(days: Iterable<string>, today: string): Streak {
  const active = new Set(days);
  const activeToday = active.has(today);
  let day = activeToday ? today : addDays(today, -1);
  let count = 0;
  while (active.has(day)) {
    count++;
    day = addDays(day, -1);
  }
  return { days: count, activeToday };
}

/** A usable IANA zone: the user's, or UTC when it's missing or unknown to this runtime. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return (timeZone && canonicalTimeZone(timeZone)) || "UTC";
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function getStreak(db: Db, userId: string, options: { now: Date; timeZone: string }): Promise<Streak> {
  const timeZone = safeTimeZone(options.timeZone);
  const today = localDay(options.now.getTime(), timeZone);
  // Read a window of days; only a streak that fills the whole window needs a longer look back.
  for (let window = 64; ; window *= 4) {
    const since = new Date(options.now.getTime() - (window + 1) * DAY_MS);
    const streak = streakFromDays(await activeDays(db, { userId, kinds: STREAK_KINDS, timeZone, since }), today);
    if (streak.days < window - 1 || window >= 4096) return streak;
  }
}
