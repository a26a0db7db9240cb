// Achievements: a table of definitions in code, each with a metric and a goal. Progress is derived
// from the ledger and the other rewards tables (never stored); reaching a goal writes the unlock row
// once (its primary key) together with its small bonus (a ledger row keyed achievement:<key>).
import "server-only";
import type { Db } from "../db/client";
import { countEarlyEntries, focusMinutesTotal, insertAchievementOnce, ledgerKindCounts, ledgerTotals, listAchievements, userTimeZone } from "../db/queries/rewards";
import { levelFor } from "./levels";
import { getPet } from "./pet";
import { awardPoints } from "./points";
import { getStreakStatus, safeTimeZone, STREAK_KINDS } from "./streak";

export type AchievementMetric =
  | "tasks"
  | "steps"
  | "proofs"
  | "focusMinutes"
  | "bestStreak"
  | "freezesUsed"
  | "purchases"
  | "mysteryOpens"
  | "petStage"
  | "earlyCompletions"
  | "level";

export interface AchievementDef {
  key: string;
  title: string;
  description: string;
  metric: AchievementMetric;
  goal: number;
  /** Points added once on unlock (0: none). */
  bonus: number;
}

export const ACHIEVEMENTS: readonly AchievementDef[] = [
  { key: "first-task", title: "First one done", description: "Complete your first task", metric: "tasks", goal: 1, bonus: 5 },
  { key: "tasks-10", title: "Ten down", description: "Complete 10 tasks", metric: "tasks", goal: 10, bonus: 10 },
  { key: "tasks-100", title: "Centurion", description: "Complete 100 tasks", metric: "tasks", goal: 100, bonus: 50 },
  { key: "steps-10", title: "Step by step", description: "Finish 10 small steps", metric: "steps", goal: 10, bonus: 10 },
  { key: "first-proof", title: "Show and tell", description: "Have a proof accepted", metric: "proofs", goal: 1, bonus: 5 },
  { key: "focus-5h", title: "Deep diver", description: "Focus for 5 hours in total", metric: "focusMinutes", goal: 300, bonus: 15 },
  { key: "focus-25h", title: "Flow finder", description: "Focus for 25 hours in total", metric: "focusMinutes", goal: 1500, bonus: 40 },
  { key: "streak-3", title: "Warming up", description: "Reach a 3-day streak", metric: "bestStreak", goal: 3, bonus: 5 },
  { key: "streak-7", title: "A whole week", description: "Reach a 7-day streak", metric: "bestStreak", goal: 7, bonus: 15 },
  { key: "streak-30", title: "Steady flame", description: "Reach a 30-day streak", metric: "bestStreak", goal: 30, bonus: 50 },
  { key: "freeze-used", title: "Safety net", description: "A freeze day saved your streak", metric: "freezesUsed", goal: 1, bonus: 0 },
  { key: "first-purchase", title: "Treat yourself", description: "Buy a reward from your store", metric: "purchases", goal: 1, bonus: 0 },
  { key: "first-mystery", title: "Curious", description: "Open a mystery box", metric: "mysteryOpens", goal: 1, bonus: 0 },
  { key: "pet-hatched", title: "It hatched!", description: "Your pet hatches from its egg", metric: "petStage", goal: 1, bonus: 5 },
  { key: "pet-companion", title: "Best friends", description: "Your pet grows into a companion", metric: "petStage", goal: 4, bonus: 20 },
  { key: "early-bird", title: "Early bird", description: "Finish something before 8 am", metric: "earlyCompletions", goal: 1, bonus: 5 },
  { key: "level-5", title: "Blazing", description: "Reach level 5", metric: "level", goal: 5, bonus: 0 },
];

export const EARLY_BIRD_HOUR = 8;

/** An achievement just unlocked, as a client announces it. */
export type UnlockedAchievement = Pick<AchievementDef, "key" | "title" | "description" | "bonus">;

/** The definitions of `keys` (as `syncAchievements` lists them), for announcing; unknown keys are skipped. */
export function describeUnlocked(keys: readonly string[]): UnlockedAchievement[] {
  return keys.flatMap((key) => {
    const def = ACHIEVEMENTS.find((d) => d.key === key);
    return def ? [{ key: def.key, title: def.title, description: def.description, bonus: def.bonus }] : [];
  });
}

export interface AchievementView extends AchievementDef {
  /** Current value of the metric, capped at the goal. */
  value: number;
  /** 0..1. */
  progress: number;
  unlockedAt: Date | null;
}

/** Each achievement's progress for the given metric values (pure). */
export function achievementProgress(
  metrics: Record<AchievementMetric, number>,
  unlocked: ReadonlyMap<string, Date>,
): AchievementView[] {
  return ACHIEVEMENTS.map((def) => {
    const raw = Math.max(0, metrics[def.metric]);
    const done = unlocked.get(def.key) ?? null;
    const value = done ? def.goal : Math.min(def.goal, raw);
    return { ...def, value, progress: Math.round((value / def.goal) * 1000) / 1000, unlockedAt: done };
  });
}

export async function achievementMetrics(db: Db, userId: string, now: Date, timeZone: string): Promise<Record<AchievementMetric, number>> {
  const [counts, focusMinutes, streak, pet, early, totals] = await Promise.all([
    ledgerKindCounts(db, userId),
    focusMinutesTotal(db, userId),
    getStreakStatus(db, userId, { now, timeZone }),
    getPet(db, userId, { now, timeZone }),
    countEarlyEntries(db, { userId, kinds: STREAK_KINDS, timeZone, hour: EARLY_BIRD_HOUR }),
    ledgerTotals(db, userId),
  ]);
  return {
    tasks: counts["task.completed"] ?? 0,
    steps: counts["step.completed"] ?? 0,
    proofs: counts["proof.accepted"] ?? 0,
    focusMinutes,
    bestStreak: streak.best,
    freezesUsed: streak.freezesUsed,
    purchases: counts["store.purchase"] ?? 0,
    mysteryOpens: counts["mystery.open"] ?? 0,
    petStage: pet.stage.index,
    earlyCompletions: early,
    level: levelFor(totals.earned).number,
  };
}

/**
 * Unlocks every achievement whose goal is reached (each once, with its bonus in the same
 * transaction) and returns them all with progress; `unlocked` lists the ones this call unlocked.
 */
export async function syncAchievements(
  db: Db,
  userId: string,
  options: { now?: Date; timeZone?: string } = {},
): Promise<{ achievements: AchievementView[]; unlocked: string[] }> {
  const now = options.now ?? new Date();
  const timeZone = safeTimeZone(options.timeZone ?? (await userTimeZone(db, userId)));
  const metrics = await achievementMetrics(db, userId, now, timeZone);
  const before = new Map((await listAchievements(db, userId)).map((a) => [a.key, a.unlockedAt]));
  const unlocked: string[] = [];
  for (const def of ACHIEVEMENTS) {
    if (before.has(def.key) || metrics[def.metric] < def.goal) continue;
    const wrote = await db.transaction(async (tx) => {
      const fresh = await insertAchievementOnce(tx, { userId, key: def.key, unlockedAt: now });
      if (fresh && def.bonus > 0) {
        await awardPoints(tx, {
          userId,
          amount: def.bonus,
          kind: "achievement",
          reason: `Achievement: ${def.title}`,
          sourceId: def.key,
          idempotencyKey: `achievement:${def.key}`,
        });
      }
      return fresh;
    });
    if (wrote) {
      unlocked.push(def.key);
      before.set(def.key, now);
    }
  }
  return { achievements: achievementProgress(metrics, before), unlocked };
}
