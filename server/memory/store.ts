// Remember, recall, search and forget one user's memories; clean up expired ones across users.
// Why search is exact and per user, and when embedding happens: see the header of ./index.ts.
import "server-only";
import { and, desc, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
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
 * How far a cosine distance computed on the half vectors (`embedding_half`: the embedding scaled to
 * length 1, each component rounded to a 16-bit float) can be from the one computed on the full vectors.
 * Rounding moves each component by at most 2^-11 of itself (2^-25 for the tiniest), so each unit
 * vector turns by at most 4.9e-4 rad; query and memory together change their angle by at most 9.8e-4
 * and the cosine by no more than that. pgvector sums in 32-bit floats: at most ~7e-5 more per distance
 * over 384 dimensions, for each of the two. 1.5e-3 covers it all with room to spare.
 */
export const HALF_DISTANCE_ERROR = 1.5e-3;

/** How many more candidates than k the fast statement re-ranks with the full vectors. */
export const SEARCH_POOL_EXTRA = 10;

/**
 * The exact per-user nearest-neighbour query behind `search`, for already-embedded queries. Returns
 * one hit list per request, nearest first (ties by id).
 *
 * Two passes, both exact in the end (the reasoning is in ./index.ts):
 * 1. The fast statement (one request, prepared): the k + SEARCH_POOL_EXTRA rows nearest by the half
 *    vectors, read by an index-only scan of memories_user_cover_idx, then re-ranked by the full
 *    vectors. It also returns the pool's size and its largest half distance (its edge). Every row left
 *    out of the pool is at least `edge` away by the half vectors, so at least `edge - ε` by the full
 *    ones (ε = HALF_DISTANCE_ERROR). So when the k-th re-ranked distance is below `edge - ε`, or the
 *    pool holds every row the user has, the answer is proven exact. Otherwise (many memories at
 *    nearly the same distance, e.g. the same sentence remembered every day) —
 * 2. the bounded statement (`searchBounded`): with h_k the k-th smallest half distance, at least k
 *    rows are within h_k + ε by the full vectors, so the true k nearest are all within h_k + 2ε by the
 *    half ones; it re-ranks every such row. Always exact; costs about a third more.
 * Several requests (any users; the isolation test's batches) go straight to the bounded statement, as
 * one statement: a VALUES list with one row per request and LATERAL subqueries per user.
 *
 * Every distance is written `(...) + 0`: an expression no vector index can serve, so the planner
 * cannot swap the per-user scan for an approximate one even if an HNSW index is added.
 */
export async function searchByVectors(
  db: Db,
  input: { modelId: string; now?: Date; requests: VectorSearch[] },
): Promise<MemoryHit[][]> {
  if (input.requests.length === 0) return [];
  for (const r of input.requests) checkK(r.k);
  const now = input.now ?? new Date();
  const [only] = input.requests;
  const rows = input.requests.length === 1 && only ? await searchOne(db, input.modelId, now, only) : await searchBounded(db, input.modelId, now, input.requests);
  const hits: MemoryHit[][] = input.requests.map(() => []);
  for (const { n, ...row } of rows) hits[n]?.push(row);
  for (const list of hits) list.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hits;
}

/** The query vector as search's first pass compares it: scaled to length 1 (the column is too); Postgres rounds it to 16-bit floats. */
export function toHalfQueryLiteral(vector: number[]): string {
  const norm = Math.sqrt(vector.reduce((a, x) => a + (Number.isFinite(x) ? x * x : 0), 0));
  return toVectorLiteral(norm > 0 ? vector.map((x) => x / norm) : vector);
}

/** The columns `searchable` reads: the memories table's own, or an alias of it. */
type SearchColumns = Record<"userId" | "embeddingModel" | "embeddingHalf" | "expiresAt" | "kind", AnyPgColumn>;

/** The rows a search may compare, in table `t`: the user's live rows embedded by `modelId`, of the asked kinds. */
function searchable(t: SearchColumns, userId: SQL, modelId: SQL, now: SQL, kinds: SQL): SQL {
  return sql`${t.userId} = ${userId}
      and ${t.embeddingModel} = ${modelId}
      and ${t.embeddingHalf} is not null
      and (${t.expiresAt} is null or ${t.expiresAt} > ${now})
      and ${kinds}`;
}

/**
 * The fast statement, built once per database handle and run as a prepared statement: drizzle then
 * skips building the SQL each call, and postgres.js sends a named statement the server parses once per
 * connection (without a name drizzle asks for an unnamed one, parsed again every time).
 */
function prepareSearchOne(db: Db) {
  const userId = sql.placeholder("userId");
  // Each parameter is typed by its cast and compared as it is: a cast of a parameter (`$1::text::vector`)
  // would run again for every row once Postgres settles on a generic plan for the statement.
  const kinds = sql`${sql.placeholder("kinds")}::text[]`;
  const pool = sql`select ${memories.id} as id, (${memories.embeddingHalf} <=> ${sql.placeholder("half")}::halfvec) + 0 as approx
    from ${memories}
    where ${searchable(memories, sql`${userId}`, sql`${sql.placeholder("modelId")}`, sql`${sql.placeholder("now")}::timestamptz`, sql`(${kinds} is null or ${memories.kind} = any(${kinds}))`)}
    order by approx
    limit ${sql.placeholder("pool")}`;
  return db
    .select({
      n: sql<number>`0`.mapWith(Number),
      ...itemColumns,
      distance: sql<number>`(${memories.embedding} <=> ${sql.placeholder("vector")}::vector) + 0`.mapWith(Number).as("distance"),
      poolEdge: sql<number>`max(pool.approx) over ()`.mapWith(Number).as("pool_edge"),
      poolSize: sql<number>`count(*) over ()`.mapWith(Number).as("pool_size"),
    })
    .from(sql`(${pool}) as pool`)
    .innerJoin(memories, and(sql`${memories.id} = pool.id`, sql`${memories.userId} = ${userId}`))
    .orderBy(sql`distance`, memories.id)
    .limit(sql.placeholder("k"))
    .prepare("memory_search");
}

const preparedSearch = new WeakMap<Db, ReturnType<typeof prepareSearchOne>>();

export interface PoolProof {
  distance: number;
  /** The largest half distance in the pool. */
  poolEdge: number;
  /** How many rows the pool held (fewer than asked: every searchable row). */
  poolSize: number;
}

/** Whether the fast statement's rows (nearest first) are proven to be the exact k nearest (see searchByVectors). */
export function provenExact(rows: PoolProof[], k: number, pool: number): boolean {
  const [first] = rows;
  if (!first || first.poolSize < pool) return true; // the pool held every searchable row
  const kth = rows[k - 1];
  return kth !== undefined && kth.distance < first.poolEdge - HALF_DISTANCE_ERROR;
}

async function searchOne(db: Db, modelId: string, now: Date, r: VectorSearch) {
  const prepared = preparedSearch.get(db) ?? prepareSearchOne(db);
  preparedSearch.set(db, prepared);
  const pool = r.k + SEARCH_POOL_EXTRA;
  const rows = await prepared.execute({
    userId: r.userId,
    vector: toVectorLiteral(r.vector),
    half: toHalfQueryLiteral(r.vector),
    modelId,
    // As text: drizzle's postgres.js driver sends dates as strings it has already formatted.
    now: now.toISOString(),
    kinds: r.kinds?.length ? r.kinds : null,
    pool,
    k: r.k,
  });
  if (!provenExact(rows, r.k, pool)) return searchBounded(db, modelId, now, [r]);
  return rows.map(({ poolEdge: _edge, poolSize: _size, ...row }) => row);
}

/** The bounded statement: always exact, for any number of requests (see searchByVectors). */
async function searchBounded(db: Db, modelId: string, now: Date, list: VectorSearch[]) {
  const requests = sql.join(
    list.map((r, n) => {
      const kinds = r.kinds?.length ? JSON.stringify(r.kinds) : null;
      return sql`(${n}::int, ${r.userId}::text, ${toVectorLiteral(r.vector)}::vector, ${toHalfQueryLiteral(r.vector)}::halfvec, ${r.k}::int, ${kinds}::jsonb)`;
    }),
    sql`, `,
  );
  const kth = alias(memories, "kth");
  const candidate = alias(memories, "candidate");
  const full = alias(memories, "full_row");
  const where = (t: SearchColumns) => searchable(t, sql`r.user_id`, sql`${modelId}`, sql`${now.toISOString()}::timestamptz`, sql`(r.kinds is null or jsonb_exists(r.kinds, ${t.kind}))`);
  // The k-th smallest half distance plus 2ε: every row of the true answer is within it.
  const edge = sql`select (${kth.embeddingHalf} <=> r.h) + 0 + ${2 * HALF_DISTANCE_ERROR}::float8 as edge
    from ${memories} as "kth" where ${where(kth)}
    order by 1 offset r.k - 1 limit 1`;
  const nearest = sql`select ${full.id} as id, (${full.embedding} <=> r.q) + 0 as distance
    from ${memories} as "candidate" join ${memories} as "full_row" on ${full.id} = ${candidate.id}
    where ${where(candidate)} and (bound.edge is null or (${candidate.embeddingHalf} <=> r.h) + 0 <= bound.edge)
    order by distance, ${full.id}
    limit r.k`;
  return db
    .select({ n: sql<number>`r.n`.mapWith(Number), ...itemColumns, distance: sql<number>`nearest.distance`.mapWith(Number) })
    .from(sql`(values ${requests}) as r(n, user_id, q, h, k, kinds)`)
    .leftJoin(sql`lateral (${edge}) as bound`, sql`true`)
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
