// The rewards domain service: points (exactly-once awards), levels and streaks, and the summary the
// header shows — total, level with progress, streak, and the latest ledger entries.
import "server-only";
import type { Db } from "../db/client";
import { latestLedgerEntries, ledgerTotal, userTimeZone } from "../db/queries/rewards";
import type { PointsEntry } from "../db/schema";
import { levelFor } from "./levels";
import { getStreak, type Streak } from "./streak";

export { LEVELS, levelFor, type Level } from "./levels";
export { awardAction, awardKey, awardPoints, BASE_POINTS, pointsFor, type AwardKind } from "./points";
export { getStreak, safeTimeZone, streakFromDays, type Streak } from "./streak";

export interface RewardsSummary {
  total: number;
  level: { number: number; name: string; progress: number; nextAt: number | null; nextName: string | null };
  streak: Streak;
  latest: PointsEntry[];
}

export async function getRewardsSummary(
  db: Db,
  userId: string,
  options: { now?: Date; timeZone?: string; latest?: number } = {},
): Promise<RewardsSummary> {
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? (await userTimeZone(db, userId)) ?? "UTC";
  const [total, streak, latest] = await Promise.all([
    ledgerTotal(db, userId),
    getStreak(db, userId, { now, timeZone }),
    options.latest === 0 ? Promise.resolve([]) : latestLedgerEntries(db, userId, options.latest ?? 10),
  ]);
  const level = levelFor(total);
  return {
    total,
    level: { number: level.number, name: level.name, progress: level.progress, nextAt: level.nextAt, nextName: level.nextName },
    streak,
    latest,
  };
}
