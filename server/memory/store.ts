// Remember, recall, search and forget one user's memories; clean up expired ones across users.
// Why search is exact and per user, and when embedding happens: see the header of ./index.ts.
import "server-only";
import { and, desc, eq, inArray, isNotNull, lte, type SQL, sql } from "drizzle-orm";
import { describeEmbedder, embedTexts, toVectorLiteral } from "../ai/embeddings";
import type { Db } from "../db/client";
import { type MemoryTier, memories } from "../db/schema";
import { InvalidInputError, NotFoundError, UnavailableError } from "../errors";
import { sendEvent } from "../inngest/client";
import { log } from "../log";
import { newestUnembedded, storeVectors } from "./pending";
import { alive, itemColumns, type MemoryHit, type MemoryItem } from "./rows";

/** How long each tier lives, in milliseconds (null: until the user forgets it). */
export const TIER_TTL_MS: Record<MemoryTier, number | null> = {
  short_term: 60 * 60 * 1000,
  working: 24 * 60 * 60 * 1000,
  long_term: null,
};

export const MAX_CONTENT_LENGTH = 2000;
export const MAX_SEARCH_K = 50;
/** With a remote embedder, search embeds at most this many not-yet-embedded memories with the query. */
export const SEARCH_CATCH_UP = 16;

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

/** Hands the user's unembedded memories to the embed job; a failure leaves them for search and the next job. */
async function queueEmbedding(userId: string): Promise<void> {
  try {
    await sendEvent({ name: "memory/embed", data: { userId } });
  } catch (error) {
    log.warn("could not queue memory embedding; search and the next job will catch up", { error });
  }
}

/**
 * Stores a memory. The local hashing embedder embeds it on the spot; a remote model does it in the
 * embed job, so the user's request never waits on the network. If embedding fails the memory is
 * still kept without a vector: remembering must never lose what happened.
 */
export async function remember(db: Db, input: RememberInput): Promise<MemoryItem> {
  const now = input.now ?? new Date();
  const content = input.content.trim().slice(0, MAX_CONTENT_LENGTH);
  if (!content) throw new InvalidInputError("content", "A memory needs some content");
  const ttl = input.ttl !== undefined ? input.ttl : TIER_TTL_MS[input.tier];
  let embedding: number[] | null = null;
  let embeddingModel: string | null = null;
  if (describeEmbedder().local) {
    try {
      const embedded = await embedTexts([content]);
      embedding = embedded.vectors[0] ?? null;
      embeddingModel = embedding ? embedded.modelId : null;
    } catch (error) {
      log.warn("could not embed a memory; storing it without a vector", { kind: input.kind, error });
    }
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
  if (!embedding) await queueEmbedding(input.userId);
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

/**
 * Embeds the query — with a remote model, together with the user's newest memories that still wait
 * for their vector (at most SEARCH_CATCH_UP, in the same request), so what was just remembered can
 * be found before the embed job has run.
 */
async function embedQuery(db: Db, input: SearchInput, query: string, now: Date) {
  const embedder = describeEmbedder();
  const pending = embedder.local ? [] : await newestUnembedded(db, { userId: input.userId, now, limit: SEARCH_CATCH_UP });
  let embedded;
  try {
    embedded = await embedTexts([query, ...pending.map((p) => p.content)]);
  } catch (error) {
    if (embedder.local) throw error;
    log.warn("embedding model failed during search", { error });
    throw new UnavailableError("Search needs the embedding model, which isn't answering right now. Please try again in a moment.");
  }
  const [vector, ...rest] = embedded.vectors;
  const items = pending.flatMap((p, i) => (rest[i] ? [{ id: p.id, vector: rest[i] }] : []));
  if (items.length) await storeVectors(db, { userId: input.userId, modelId: embedded.modelId, items });
  return { vector, modelId: embedded.modelId };
}

/** The user's k live memories nearest in meaning to `query` — exactly, never approximately. */
export async function search(db: Db, input: SearchInput): Promise<MemoryHit[]> {
  const query = input.query.trim();
  if (!query) throw new InvalidInputError("query", "Type something to search for");
  checkK(input.k);
  const now = input.now ?? new Date();
  const { vector, modelId } = await embedQuery(db, input, query, now);
  if (!vector) return [];
  const [hits] = await searchByVectors(db, { modelId, now, requests: [{ userId: input.userId, vector, k: input.k, kinds: input.kinds }] });
  return hits ?? [];
}

function checkK(k: number) {
  if (!Number.isInteger(k) || k < 1 || k > MAX_SEARCH_K) {
    throw new InvalidInputError("k", `Must be a whole number from 1 to ${MAX_SEARCH_K}`);
  }
}

export interface VectorSearch {
  userId: string;
  /** Made by `modelId`: only rows embedded by the same model are compared. */
  vector: number[];
  k: number;
  kinds?: string[];
}

/**
 * The exact per-user nearest-neighbour query behind `search`, for already-embedded queries. Returns
 * one hit list per request, nearest first. One request (what `search` sends) is one flat statement;
 * several requests (any users; the isolation test's batches) go as one statement too: a VALUES list
 * with one row per request and, for each, the same per-user scan as a LATERAL subquery.
 *
 * Shape, measured with EXPLAIN (ANALYZE, BUFFERS) on the bench database (see the README's memory
 * section): first the k nearest ids, read by an index-only scan of the covering index
 * memories_user_cover_idx (every column the filter reads is in it, so no heap page is touched), then
 * only those k rows from the table. The distance is computed once per row: `(embedding <=> q) + 0`
 * is both the selected distance and the sort key. The `+ 0` makes the order an expression no vector
 * index can serve, so the scan stays exact and per user even if an HNSW index is added.
 */
export async function searchByVectors(
  db: Db,
  input: { modelId: string; now?: Date; requests: VectorSearch[] },
): Promise<MemoryHit[][]> {
  if (input.requests.length === 0) return [];
  for (const r of input.requests) checkK(r.k);
  const now = input.now ?? new Date();
  const [only] = input.requests;
  const rows = input.requests.length === 1 && only ? await searchOne(db, input.modelId, now, only) : await searchMany(db, input.modelId, now, input.requests);
  const hits: MemoryHit[][] = input.requests.map(() => []);
  for (const { n, ...row } of rows) hits[n]?.push(row);
  for (const list of hits) list.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hits;
}

/** The rows a batched vector search may compare: the user's live rows embedded by `modelId`, of the asked kinds. */
function searchable(userId: SQL, modelId: string, now: Date, kinds: SQL | undefined): SQL | undefined {
  return and(
    sql`${memories.userId} = ${userId}`,
    eq(memories.embeddingModel, modelId),
    isNotNull(memories.embedding),
    alive(now),
    kinds,
  );
}

/**
 * The one-request statement, built once per database handle and run as a prepared statement: drizzle
 * then skips building the SQL each call, and postgres.js sends a named statement the server parses
 * once per connection (without a name drizzle asks for an unnamed one, parsed again every time).
 */
function prepareSearchOne(db: Db) {
  const userId = sql.placeholder("userId");
  // Each parameter is typed by its cast and compared as it is: a cast of a parameter (`$1::text::vector`)
  // would run again for every row once Postgres settles on a generic plan for the statement.
  const kinds = sql`${sql.placeholder("kinds")}::text[]`;
  const nearest = sql`select ${memories.id} as id, (${memories.embedding} <=> ${sql.placeholder("vector")}::vector) + 0 as distance
    from ${memories}
    where ${memories.userId} = ${userId}
      and ${memories.embeddingModel} = ${sql.placeholder("modelId")}
      and ${memories.embedding} is not null
      and (${memories.expiresAt} is null or ${memories.expiresAt} > ${sql.placeholder("now")}::timestamptz)
      and (${kinds} is null or ${memories.kind} = any(${kinds}))
    order by distance
    limit ${sql.placeholder("k")}`;
  return db
    .select({ n: sql<number>`0`.mapWith(Number), ...itemColumns, distance: sql<number>`nearest.distance`.mapWith(Number) })
    .from(sql`(${nearest}) as nearest`)
    .innerJoin(memories, and(sql`${memories.id} = nearest.id`, sql`${memories.userId} = ${userId}`))
    .prepare("memory_search");
}

const preparedSearch = new WeakMap<Db, ReturnType<typeof prepareSearchOne>>();

async function searchOne(db: Db, modelId: string, now: Date, r: VectorSearch) {
  let prepared = preparedSearch.get(db);
  if (!prepared) {
    prepared = prepareSearchOne(db);
    preparedSearch.set(db, prepared);
  }
  return prepared.execute({
    userId: r.userId,
    vector: toVectorLiteral(r.vector),
    modelId,
    // As text: drizzle's postgres.js driver sends dates as strings it has already formatted.
    now: now.toISOString(),
    kinds: r.kinds?.length ? r.kinds : null,
    k: r.k,
  });
}

async function searchMany(db: Db, modelId: string, now: Date, list: VectorSearch[]) {
  const requests = sql.join(
    list.map((r, n) => {
      const kinds = r.kinds?.length ? JSON.stringify(r.kinds) : null;
      return sql`(${n}::int, ${r.userId}::text, ${toVectorLiteral(r.vector)}::vector, ${r.k}::int, ${kinds}::jsonb)`;
    }),
    sql`, `,
  );
  const kinds = sql`(r.kinds is null or jsonb_exists(r.kinds, ${memories.kind}))`;
  const nearest = sql`select ${memories.id} as id, (${memories.embedding} <=> r.q) + 0 as distance
    from ${memories}
    where ${searchable(sql`r.user_id`, modelId, now, kinds)}
    order by distance
    limit r.k`;
  return db
    .select({ n: sql<number>`r.n`.mapWith(Number), ...itemColumns, distance: sql<number>`nearest.distance`.mapWith(Number) })
    .from(sql`(values ${requests}) as r(n, user_id, q, k, kinds)`)
    .innerJoin(sql`lateral (${nearest}) as nearest`, sql`true`)
    .innerJoin(memories, and(sql`${memories.id} = nearest.id`, sql`${memories.userId} = r.user_id`));
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
