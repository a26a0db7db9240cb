// Achievements unlocked the moment a deed reaches them (a completion, a finished focus session), so
// the page can celebrate right then. A bonus step: it runs after the deed has committed, and a
// failure is logged and answered with none, never failing the deed (the Rewards page and the
// midnight rollover unlock anything missed). Exactly once however many calls race: the unlock row's
// primary key and the bonus's idempotency key (see rewards/achievements.ts).
import "server-only";
import { log } from "../log";
import { describeUnlocked, syncAchievements, type UnlockedAchievement } from "../rewards";
import type { UserCtx } from "./tasks";

export async function unlockReached(ctx: UserCtx, now: Date, context: Record<string, unknown>): Promise<UnlockedAchievement[]> {
  try {
    const { unlocked } = await syncAchievements(ctx.db, ctx.userId, { now });
    return describeUnlocked(unlocked);
  } catch (error) {
    log.error("could not unlock achievements; they will be unlocked later", { ...context, error });
    return [];
  }
}
