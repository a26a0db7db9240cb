// The streak rollover: after a user's local midnight, record each finished day they have not had
// recorded yet (active, frozen, vacation or missed) in streak_days — idempotent by its primary key,
// so overlapping runs, retries and the embedded timer next to Inngest write each day once. The same
// "pending days" rule catches up days missed while the server was down: a user is due whenever their
// local yesterday has no row yet (and they have ever been active), not only in the hour after midnight.
import "server-only";
import type { Db } from "../db/client";
import { insertStreakDays, rolloverCandidates } from "../db/queries/rewards";
import { addDays, localDay } from "../time";
import { syncAchievements } from "./achievements";
import { getStreakStatus, safeTimeZone, STREAK_KINDS } from "./streak";

const PAGE = 500;

export interface DueRollover {
  userId: string;
  timeZone: string;
}

/** Users with at least one finished local day not yet recorded. */
export async function findUsersDueForRollover(db: Db, now: Date): Promise<DueRollover[]> {
  const due: DueRollover[] = [];
  let after = "";
  for (;;) {
    const page = await rolloverCandidates(db, { after, limit: PAGE, kinds: STREAK_KINDS });
    for (const c of page) {
      if (!c.firstActivityAt) continue;
      const timeZone = safeTimeZone(c.timeZone);
      const yesterday = addDays(localDay(now.getTime(), timeZone), -1);
      const first = localDay(c.firstActivityAt.getTime(), timeZone);
      if (first > yesterday) continue;
      if (c.lastDay === null || c.lastDay < yesterday) due.push({ userId: c.userId, timeZone });
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return due;
    after = last.userId;
  }
}

export interface RolloverResult {
  userId: string;
  /** Days this call recorded (others may have been recorded by a concurrent run). */
  written: number;
  days: { day: string; status: string }[];
  unlocked: string[];
}

/** Records the user's pending past days and unlocks what the new streak reached. */
export async function rolloverUser(db: Db, userId: string, options: { now: Date; timeZone: string }): Promise<RolloverResult> {
  const status = await getStreakStatus(db, userId, options);
  const written = await insertStreakDays(
    db,
    status.pending.map((p) => ({ userId, day: p.day, status: p.status })),
  );
  const { unlocked } = await syncAchievements(db, userId, options);
  return { userId, written, days: status.pending, unlocked };
}
