// Memories waiting for a vector: rows stored before a remote model embedded them (model null) and
// rows embedded by a model that is no longer the configured one. The embed and re-embed jobs, the
// memory page's status line and search's catch-up all find them here.
import "server-only";
import { and, count, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { currentEmbeddingModelId, describeEmbedder, type EmbedderInfo, embedTexts, toVectorLiteral } from "../ai/embeddings";
import type { Db } from "../db/client";
import { memories, type MemoryTier, memoryTiers } from "../db/schema";
import { alive } from "./rows";

/** The vector is missing or was made by another model than `modelId`. */
function needsEmbedding(modelId: string) {
  return or(isNull(memories.embedding), isNull(memories.embeddingModel), lt(memories.embeddingModel, modelId), gt(memories.embeddingModel, modelId));
}

/** Writes vectors for several of a user's memories in one statement. */
export async function storeVectors(
  db: Db,
  input: { userId: string; modelId: string; items: { id: string; vector: number[] }[] },
): Promise<number> {
  if (input.items.length === 0) return 0;
  const values = sql.join(
    input.items.map((item) => sql`(${item.id}::uuid, ${toVectorLiteral(item.vector)}::vector)`),
    sql`, `,
  );
  const rows = await db
    .update(memories)
    .set({ embedding: sql`v.embedding`, embeddingModel: input.modelId })
    .from(sql`(values ${values}) as v(id, embedding)`)
    .where(and(eq(memories.userId, input.userId), sql`${memories.id} = v.id`))
    .returning({ id: memories.id });
  return rows.length;
}

/**
 * Embeds up to `limit` of the user's live memories that need it, newest first (the body of the embed
 * and re-embed jobs). Returns how many were updated; call again until it returns less than `limit`.
 */
export async function embedPending(db: Db, input: { userId: string; limit?: number; now?: Date }): Promise<number> {
  const limit = input.limit ?? 200;
  const modelId = currentEmbeddingModelId();
  const pending = await db
    .select({ id: memories.id, content: memories.content })
    .from(memories)
    .where(and(eq(memories.userId, input.userId), alive(input.now ?? new Date()), needsEmbedding(modelId)))
    .orderBy(desc(memories.createdAt))
    .limit(limit);
  if (pending.length === 0) return 0;
  const embedded = await embedTexts(pending.map((p) => p.content));
  const items = pending.flatMap((p, i) => {
    const vector = embedded.vectors[i];
    return vector ? [{ id: p.id, vector }] : [];
  });
  return storeVectors(db, { userId: input.userId, modelId: embedded.modelId, items });
}

/**
 * The user's newest memories that were stored without a vector (a remote model embeds them in a
 * job), for search to embed together with the query. Served by the (embedding_model, user_id) index.
 */
export async function newestUnembedded(db: Db, input: { userId: string; now: Date; limit: number }) {
  return db
    .select({ id: memories.id, content: memories.content })
    .from(memories)
    .where(and(isNull(memories.embeddingModel), eq(memories.userId, input.userId), alive(input.now)))
    .orderBy(desc(memories.createdAt))
    .limit(input.limit);
}

/** How many of the user's live memories search cannot see yet (no vector, or an old model's). */
export async function countPending(db: Db, input: { userId: string; now?: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memories)
    .where(and(eq(memories.userId, input.userId), alive(input.now ?? new Date()), needsEmbedding(currentEmbeddingModelId())));
  return Number(row?.n ?? 0);
}

/**
 * Every user with a memory that needs (re-)embedding by `modelId`, for the check at start-up. The
 * conditions are index ranges on (embedding_model, user_id), so when nothing is stale it costs three
 * index probes, not a scan of the table; expired rows may be counted (their job finds nothing).
 */
export async function usersWithPendingEmbeddings(db: Db, modelId = currentEmbeddingModelId()): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: memories.userId })
    .from(memories)
    .where(or(isNull(memories.embeddingModel), lt(memories.embeddingModel, modelId), gt(memories.embeddingModel, modelId)))
    .orderBy(memories.userId);
  return rows.map((r) => r.userId);
}

export interface MemoryStatus extends EmbedderInfo {
  /** Live memories search cannot find yet: waiting for the embed job, or embedded by an old model. */
  pending: number;
  /** Live memories per tier, and per kind (for the page's tabs and filter). */
  tiers: Record<MemoryTier, number>;
  kinds: { kind: string; count: number }[];
}

/** What the memory page shows above the list: the embedder, what is not searchable yet, the counts. */
export async function memoryStatus(db: Db, input: { userId: string; now?: Date }): Promise<MemoryStatus> {
  const now = input.now ?? new Date();
  const [pending, groups] = await Promise.all([
    countPending(db, { userId: input.userId, now }),
    db
      .select({ tier: memories.tier, kind: memories.kind, n: count() })
      .from(memories)
      .where(and(eq(memories.userId, input.userId), alive(now)))
      .groupBy(memories.tier, memories.kind),
  ]);
  const tiers = Object.fromEntries(memoryTiers.map((t) => [t, 0])) as Record<MemoryTier, number>;
  const kinds = new Map<string, number>();
  for (const g of groups) {
    tiers[g.tier] += Number(g.n);
    kinds.set(g.kind, (kinds.get(g.kind) ?? 0) + Number(g.n));
  }
  return {
    ...describeEmbedder(),
    pending,
    tiers,
    kinds: [...kinds].map(([kind, n]) => ({ kind, count: n })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
  };
}
