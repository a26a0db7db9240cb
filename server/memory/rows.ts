// What the memory module's files share: the columns a caller sees (everything but the vector) and
// the "not expired" filter every read applies.
import "server-only";
import { gt, isNull, or, type SQL } from "drizzle-orm";
import { type Memory, memories } from "../db/schema";

/** A memory as callers see it: everything but the vectors. */
export type MemoryItem = Omit<Memory, "embedding" | "embeddingHalf">;
export interface MemoryHit extends MemoryItem {
  /** Cosine distance to the query: 0 is identical, 2 is opposite. */
  distance: number;
}

export const itemColumns = {
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
export function alive(now: Date): SQL | undefined {
  return or(isNull(memories.expiresAt), gt(memories.expiresAt, now));
}
