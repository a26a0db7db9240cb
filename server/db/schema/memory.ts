// What the coach remembers about a user: short-term (1 h), working (24 h) and long-term memories,
// each with an optional 384-d embedding for semantic search (see server/memory for the search path).
import { sql } from "drizzle-orm";
import { halfvec, index, jsonb, pgEnum, pgTable, text, timestamp, uuid, vector } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const memoryTiers = ["short_term", "working", "long_term"] as const;
export const memoryTier = pgEnum("memory_tier", memoryTiers);

export const memories = pgTable(
  "memories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tier: memoryTier("tier").notNull(),
    /** What happened, e.g. `task.completed`; later layers add `mood.logged`, `focus.finished`, ... */
    kind: text("kind").notNull(),
    /** A short human sentence: what the coach reads and what gets embedded. */
    content: text("content").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    /** Null until embedded (embedding may happen after the user's request, in the job runner). */
    embedding: vector("embedding", { dimensions: 384 }),
    /**
     * The embedding scaled to length 1 and rounded to 16-bit floats, kept by Postgres itself: half the
     * bytes, so search's first pass reads half the pages. Search re-ranks with `embedding` and proves
     * its answer exact (server/memory/store.ts).
     */
    embeddingHalf: halfvec("embedding_half", { dimensions: 384 }).generatedAlwaysAs(sql`l2_normalize(embedding)::halfvec(384)`),
    /** The model that made `embedding`; a changed model means the row needs re-embedding. */
    embeddingModel: text("embedding_model"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    /** Null for long-term memories; otherwise the row is invisible from this moment on. */
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }),
  },
  (t) => [
    // recall / memory.list: a user's newest memories of a tier.
    index("memories_user_tier_created_idx").on(t.userId, t.tier, t.createdAt),
    // cleanup: expired rows, oldest first, in batches.
    index("memories_expires_idx").on(t.expiresAt).where(sql`${t.expiresAt} is not null`),
    // Rows waiting for a vector (model null) or holding another model's: found per user by search's
    // catch-up and across users by the re-embed check at start-up, without scanning the table.
    index("memories_embedding_model_user_idx").on(t.embeddingModel, t.userId),
    // Exact per-user search uses the covering index memories_user_cover_idx, (user_id) INCLUDE
    // (id, embedding_half, embedding_model, expires_at, kind), made in custom migrations (0003, 0008)
    // because drizzle-kit cannot express INCLUDE.
    // Deliberately no HNSW index: see server/memory/index.ts.
  ],
);

export type Memory = typeof memories.$inferSelect;
export type NewMemory = typeof memories.$inferInsert;
export type MemoryTier = (typeof memoryTiers)[number];
