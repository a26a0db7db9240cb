// Onboarding queries on user_settings: merging answers into preferences (atomically, jsonb ||, so
// keys other features keep there survive) and marking the account onboarded. Filtered by user id.
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { userSettings } from "../schema";

/** Merges keys into user_settings.preferences (jsonb ||), creating the row if needed. */
export async function mergePreferences(db: Db, args: { userId: string; values: Record<string, unknown> }): Promise<void> {
  const json = JSON.stringify(args.values);
  await db
    .insert(userSettings)
    .values({ userId: args.userId, preferences: args.values })
    .onConflictDoUpdate({
      target: userSettings.userId,
      set: { preferences: sql`${userSettings.preferences} || ${json}::jsonb`, updatedAt: new Date() },
    });
}

/** Marks onboarding finished (the first time only; later edits keep the first date). */
export async function markOnboarded(db: Db, args: { userId: string; at: Date }): Promise<void> {
  await db
    .insert(userSettings)
    .values({ userId: args.userId, onboardedAt: args.at })
    .onConflictDoUpdate({
      target: userSettings.userId,
      set: { onboardedAt: sql`coalesce(${userSettings.onboardedAt}, ${args.at.toISOString()}::timestamptz)`, updatedAt: new Date() },
    });
}

export async function readPreferences(db: Db, args: { userId: string }): Promise<Record<string, unknown>> {
  const [row] = await db
    .select({ preferences: userSettings.preferences })
    .from(userSettings)
    .where(eq(userSettings.userId, args.userId))
    .limit(1);
  return row?.preferences ?? {};
}
