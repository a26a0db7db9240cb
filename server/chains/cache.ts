// The chains' result cache: a model's answer is kept for AI_CACHE_TTL_SECONDS (30 minutes) per
// chain + user + input, so pressing "Break it down" twice does not pay for the same answer twice.
//
// Why the database (table ai_cache) and not Redis: it is there in every mode (PGlite embedded,
// Postgres in production), shared by every server instance, survives restarts, and a lookup is one
// primary-key read — a few ms next to a model call of seconds. Redis is optional in this app (only
// rate limits use it) and would add a second store to reason about for no measurable gain here.
// Expired rows are never returned (the read checks expires_at); cleanupAiCache deletes them hourly.
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { aiCache } from "../db/schema";
import { env } from "../env";

/** JSON with object keys sorted at every level, so equal inputs hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** sha256 of chain + user + the stable JSON of everything the model is asked (see run.ts). */
export function cacheKey(chain: string, userId: string, input: unknown): string {
  return createHash("sha256").update(chain).update("\0").update(userId).update("\0").update(stableJson(input)).digest("hex");
}

export interface CachedAnswer {
  output: unknown;
  meta: Record<string, unknown>;
  createdAt: Date;
}

/** The live cached answer for this key and user, or null (missing or expired). */
export async function readCache(db: Db, args: { key: string; userId: string; now?: Date }): Promise<CachedAnswer | null> {
  const [row] = await db
    .select({ output: aiCache.output, meta: aiCache.meta, createdAt: aiCache.createdAt })
    .from(aiCache)
    .where(and(eq(aiCache.key, args.key), eq(aiCache.userId, args.userId), gt(aiCache.expiresAt, args.now ?? new Date())))
    .limit(1);
  return row ?? null;
}

/** Stores (or replaces) an answer for ttlSeconds (default AI_CACHE_TTL_SECONDS). */
export async function writeCache(
  db: Db,
  args: { key: string; userId: string; chain: string; output: unknown; meta: Record<string, unknown>; now?: Date; ttlSeconds?: number },
): Promise<void> {
  const now = args.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (args.ttlSeconds ?? env.AI_CACHE_TTL_SECONDS) * 1000);
  await db
    .insert(aiCache)
    .values({ key: args.key, userId: args.userId, chain: args.chain, output: args.output, meta: args.meta, createdAt: now, expiresAt })
    .onConflictDoUpdate({ target: aiCache.key, set: { output: args.output, meta: args.meta, createdAt: now, expiresAt } });
}

/**
 * Deletes expired cache rows (all users) in batches so no statement holds locks for long.
 * Returns how many rows went. Meant for the hourly cleanup job.
 */
export async function cleanupAiCache(db: Db, now: Date, { batchSize = 1000 }: { batchSize?: number } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = db.select({ key: aiCache.key }).from(aiCache).where(lte(aiCache.expiresAt, now)).limit(batchSize);
    const rows = await db.delete(aiCache).where(inArray(aiCache.key, batch)).returning({ key: aiCache.key });
    total += rows.length;
    if (rows.length < batchSize) return total;
  }
}
