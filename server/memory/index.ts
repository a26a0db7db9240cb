// The memory layer: what the coach remembers about one user, in three tiers with their own
// lifetimes (short-term 1 h, working 24 h, long-term forever) plus semantic search over all of it.
// Every function takes the owner's user id and filters by it; `cleanup` alone works across users.
//
// Why semantic search is an EXACT per-user scan, with no HNSW index:
// a user's search must return exactly min(k, that user's rows) nearest memories and never another
// user's row. Measured on this machine (pgvector 0.8, 384-d, clustered data), an HNSW scan with the
// user filter applied after it returns 3 of 10 rows (recall 0.25 at ef_search 40; 0.82–0.98 even with
// hnsw.iterative_scan), while an exact scan of the user's rows through an index on user_id has recall
// 1.0 and is fast (p95 ≈ 1 ms at 100 memories a user, 3–5 ms at 1,000, ≈ 10 ms at 10,000 with the
// covering index `(user_id) INCLUDE (id, embedding)`). Worse, with an HNSW index present Postgres
// picks it by itself for heavy users (≈ 1% of the table) and their recall silently drops to 0.5.
// So the search orders by `(embedding <=> q) + 0`: an expression no vector index can serve, which
// keeps the planner on the per-user index even if someone adds an HNSW index later. An approximate
// path (HNSW with `SET LOCAL hnsw.iterative_scan`) belongs only where a user's memories outgrow
// exact search, with its recall measured — not here.
//
// Vectors from different embedding models are not comparable, so search only reads rows embedded by
// the current model; `embedPending` (the re-embed job's body) brings the others up to date.
import "server-only";
import { and, desc, eq, inArray, isNull, lte, ne, or, gt, sql, type SQL } from "drizzle-orm";
import { currentEmbeddingModelId, embedTexts, toVectorLiteral } from "../ai/embeddings";
import type { Db } from "../db/client";
import { type Memory, type MemoryTier, memories, memoryTiers } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { log } from "../log";

export { memoryTiers, type MemoryTier };

/** How long each tier lives, in milliseconds (null: until the user forgets it). */
export const TIER_TTL_MS: Record<MemoryTier, number | null> = {
  short_term: 60 * 60 * 1000,
  working: 24 * 60 * 60 * 1000,
  long_term: null,
};

export const MAX_CONTENT_LENGTH = 2000;
export const MAX_SEARCH_K = 50;

/** A memory as callers see it: everything but the vector. */
export type MemoryItem = Omit<Memory, "embedding">;
export interface MemoryHit extends MemoryItem {
  /** Cosine distance to the query: 0 is identical, 2 is opposite. */
  distance: number;
}

const itemColumns = {
  id: memories.id,
  userId: memories.userId,
  tier: memories.tier,
  kind: memories.kind,
  content: memories.content,
  data: memories.data,
  embeddingModel: memories.embeddingModel,
  createdAt: memories.createdAt,
  expiresAt: memories.expiresAt,
};

/** Not expired at `now`: expired rows are never returned, even before cleanup deletes them. */
function alive(now: Date): SQL | undefined {
  return or(isNull(memories.expiresAt), gt(memories.expiresAt, now));
}

export interface RememberInput {
  userId: string;
  tier: MemoryTier;
  kind: string;
  content: string;
  data?: Record<string, unknown> | null;
  /** Overrides the tier's lifetime, in milliseconds (null: never expires). */
  ttl?: number | null;
  now?: Date;
}

/**
 * Stores a memory and embeds it. If embedding fails the memory is still kept (without a vector,
 * so `embedPending` picks it up later): remembering must never lose what happened.
 */
export async function remember(db: Db, input: RememberInput): Promise<MemoryItem> {
  const now = input.now ?? new Date();
  const content = input.content.trim().slice(0, MAX_CONTENT_LENGTH);
  if (!content) throw new InvalidInputError("content", "A memory needs some content");
  const ttl = input.ttl !== undefined ? input.ttl : TIER_TTL_MS[input.tier];
  let embedding: number[] | null = null;
  let embeddingModel: string | null = null;
  try {
    const embedded = await embedTexts([content]);
    embedding = embedded.vectors[0] ?? null;
    embeddingModel = embedding ? embedded.modelId : null;
  } catch (error) {
    log.warn("could not embed a memory; storing it without a vector", { kind: input.kind, error });
  }
  const [row] = await db
    .insert(memories)
    .values({
      userId: input.userId,
      tier: input.tier,
      kind: input.kind,
      content,
      data: input.data ?? null,
      embedding,
      embeddingModel,
      createdAt: now,
      expiresAt: ttl === null ? null : new Date(now.getTime() + ttl),
    })
    .returning(itemColumns);
  if (!row) throw new Error("insert returned no row");
  return row;
}

export interface RecallInput {
  userId: string;
  tier?: MemoryTier;
  kind?: string;
  limit: number;
  offset?: number;
  now?: Date;
}

/** A user's live memories, newest first, optionally of one tier and/or kind. */
export async function recall(db: Db, input: RecallInput): Promise<MemoryItem[]> {
  const filters = [eq(memories.userId, input.userId), alive(input.now ?? new Date())];
  if (input.tier) filters.push(eq(memories.tier, input.tier));
  if (input.kind) filters.push(eq(memories.kind, input.kind));
  return db
    .select(itemColumns)
    .from(memories)
    .where(and(...filters))
    .orderBy(desc(memories.createdAt), desc(memories.id))
    .limit(input.limit)
    .offset(input.offset ?? 0);
}

export interface SearchInput {
  userId: string;
  query: string;
  k: number;
  kinds?: string[];
  now?: Date;
}

/** The user's k live memories nearest in meaning to `query` — exactly, never approximately. */
export async function search(db: Db, input: SearchInput): Promise<MemoryHit[]> {
  const query = input.query.trim();
  if (!query) throw new InvalidInputError("query", "Type something to search for");
  if (!Number.isInteger(input.k) || input.k < 1 || input.k > MAX_SEARCH_K) {
    throw new InvalidInputError("k", `Must be a whole number from 1 to ${MAX_SEARCH_K}`);
  }
  const { vectors, modelId } = await embedTexts([query]);
  const vector = vectors[0];
  if (!vector) return [];
  const q = sql`${toVectorLiteral(vector)}::vector`;
  const filters = [
    eq(memories.userId, input.userId),
    eq(memories.embeddingModel, modelId),
    sql`${memories.embedding} is not null`,
    alive(input.now ?? new Date()),
  ];
  if (input.kinds?.length) filters.push(inArray(memories.kind, input.kinds));
  // First the k nearest ids, from the covering index alone; then only those k rows from the table.
  const nearest = db.$with("nearest").as(
    db
      .select({ id: memories.id, distance: sql<number>`${memories.embedding} <=> ${q}`.as("distance") })
      .from(memories)
      .where(and(...filters))
      // `+ 0`: no vector index can serve this order, so the scan stays exact and per user.
      .orderBy(sql`(${memories.embedding} <=> ${q}) + 0`)
      .limit(input.k),
  );
  const rows = await db
    .with(nearest)
    .select({ ...itemColumns, distance: nearest.distance })
    .from(nearest)
    .innerJoin(memories, and(eq(memories.id, nearest.id), eq(memories.userId, input.userId)))
    .orderBy(nearest.distance, memories.id);
  return rows.map((r) => ({ ...r, distance: Number(r.distance) }));
}

/** Deletes one memory (and its vector). Another user's id is "not found", like a missing one. */
export async function forget(db: Db, input: { userId: string; id: string }): Promise<{ id: string }> {
  const rows = await db
    .delete(memories)
    .where(and(eq(memories.userId, input.userId), eq(memories.id, input.id)))
    .returning({ id: memories.id });
  if (rows.length === 0) throw new NotFoundError("Memory");
  return { id: input.id };
}

/** Deletes every memory of the user; returns how many went. */
export async function forgetAll(db: Db, input: { userId: string }): Promise<{ deleted: number }> {
  const rows = await db.delete(memories).where(eq(memories.userId, input.userId)).returning({ id: memories.id });
  return { deleted: rows.length };
}

/**
 * Deletes memories expired at `now`, across all users, in batches of `batchSize` so no single
 * statement holds locks for long. Returns how many rows went. Run hourly by the cleanup job.
 */
export async function cleanup(db: Db, now: Date, { batchSize = 1000 }: { batchSize?: number } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = db
      .select({ id: memories.id })
      .from(memories)
      .where(lte(memories.expiresAt, now))
      .limit(batchSize);
    const rows = await db.delete(memories).where(inArray(memories.id, batch)).returning({ id: memories.id });
    total += rows.length;
    if (rows.length < batchSize) return total;
  }
}

/**
 * Re-embeds up to `limit` of a user's memories that have no vector or one from another model
 * (the body of the re-embed job). Returns how many were updated; call again until it returns 0.
 */
export async function embedPending(db: Db, input: { userId: string; limit?: number; now?: Date }): Promise<number> {
  const modelId = currentEmbeddingModelId();
  const pending = await db
    .select({ id: memories.id, content: memories.content })
    .from(memories)
    .where(
      and(
        eq(memories.userId, input.userId),
        alive(input.now ?? new Date()),
        or(isNull(memories.embedding), isNull(memories.embeddingModel), ne(memories.embeddingModel, modelId)),
      ),
    )
    .limit(input.limit ?? 200);
  if (pending.length === 0) return 0;
  const embedded = await embedTexts(pending.map((p) => p.content));
  await db.transaction(async (tx) => {
    for (const [i, p] of pending.entries()) {
      const vector = embedded.vectors[i];
      if (!vector) continue;
      await tx
        .update(memories)
        .set({ embedding: vector, embeddingModel: embedded.modelId })
        .where(and(eq(memories.userId, input.userId), eq(memories.id, p.id)));
    }
  });
  return pending.length;
}

/** What a chain or the chat needs to know about the user, in a bounded number of queries. */
export interface UserContext {
  /** The newest live memories of any tier. */
  recent: MemoryItem[];
  /** The past memories nearest to `about` (empty without `about`). */
  similar: MemoryHit[];
  /** Filled in by the mood, focus, rewards and preferences layers once they exist. */
  mood: { mood: number; energy: number; at: Date } | null;
  todayFocus: { taskId: string; title: string } | null;
  streak: { days: number } | null;
  preferences: Record<string, unknown>;
}

export async function getUserContext(
  db: Db,
  userId: string,
  options: { about?: string; k?: number; recentLimit?: number; now?: Date } = {},
): Promise<UserContext> {
  const now = options.now ?? new Date();
  const about = options.about?.trim();
  const [recent, similar] = await Promise.all([
    recall(db, { userId, limit: options.recentLimit ?? 10, now }),
    about ? search(db, { userId, query: about, k: options.k ?? 5, now }) : Promise.resolve([]),
  ]);
  return { recent, similar, mood: null, todayFocus: null, streak: null, preferences: {} };
}
