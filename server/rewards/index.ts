// The rewards domain service: points (exactly-once awards), XP levels from earned points, the
// spendable balance, forgiving streaks with freezes and vacations, achievements, the store, the
// mystery box and the pet — and the summary the header shows.
import "server-only";
import type { Db } from "../db/client";
import { latestLedgerEntries, ledgerTotals, userTimeZone } from "../db/queries/rewards";
import type { PointsEntry } from "../db/schema";
import { levelFor } from "./levels";
import { getStreakStatus, safeTimeZone, type Streak, type StreakStatus } from "./streak";

export { ACHIEVEMENTS, achievementProgress, describeUnlocked, syncAchievements, type AchievementView, type UnlockedAchievement } from "./achievements";
export { LEVELS, levelFor, type Level } from "./levels";
export { CURRENT_ODDS, drawPrize, MYSTERY_COST, mysteryHistory, mysteryOdds, mysteryStatus, openMysteryBox, PRIZE_TABLES, replayDraw } from "./mystery";
export { carePet, getPet, PET_STAGES, petMood, petStage, renamePet, type PetView } from "./pet";
export { awardAction, awardKey, awardPoints, BASE_POINTS, pointsFor, type AwardKind } from "./points";
export { findUsersDueForRollover, rolloverUser } from "./rollover";
export { archiveReward, buyReward, createReward, listPurchases, listRewards, updateReward } from "./store";
export { getStreak, getStreakStatus, replayStreak, safeTimeZone, streakFromDays, type Streak, type StreakStatus } from "./streak";
export { clearVacation, listUserVacations, setVacation } from "./vacation";

export interface RewardsSummary {
  /** The spendable balance: the ledger's sum (kept under this name for older callers). */
  total: number;
  balance: number;
  /** XP: every point ever earned (positive rows); levels come from it, so spending never lowers them. */
  earned: number;
  level: { number: number; name: string; progress: number; at: number; nextAt: number | null; nextName: string | null };
  streak: Streak;
  /** The rest of the streak picture: best, freezes, vacation, a kind sentence. */
  streakInfo: { best: number; freezes: number; nextFreezeIn: number | null; onVacation: boolean; message: string };
  latest: PointsEntry[];
}

export async function getRewardsSummary(
  db: Db,
  userId: string,
  options: { now?: Date; timeZone?: string; latest?: number } = {},
): Promise<RewardsSummary> {
  const now = options.now ?? new Date();
  const timeZone = safeTimeZone(options.timeZone ?? (await userTimeZone(db, userId)));
  const [totals, streak, latest] = await Promise.all([
    ledgerTotals(db, userId),
    getStreakStatus(db, userId, { now, timeZone }),
    options.latest === 0 ? Promise.resolve([]) : latestLedgerEntries(db, userId, options.latest ?? 10),
  ]);
  const level = levelFor(totals.earned);
  return {
    total: totals.balance,
    balance: totals.balance,
    earned: totals.earned,
    level: { number: level.number, name: level.name, progress: level.progress, at: level.at, nextAt: level.nextAt, nextName: level.nextName },
    streak: { days: streak.days, activeToday: streak.activeToday },
    streakInfo: { best: streak.best, freezes: streak.freezes, nextFreezeIn: streak.nextFreezeIn, onVacation: streak.onVacation, message: streak.message },
    latest,
  };
}

/** The user's streak in full (best, freezes, vacation, the last two weeks), as of now in their zone. */
export async function getUserStreak(db: Db, userId: string, now = new Date()): Promise<StreakStatus> {
  const timeZone = safeTimeZone(await userTimeZone(db, userId));
  const { pending: _pending, ...status } = await getStreakStatus(db, userId, { now, timeZone });
  return status;
}
