// What the chains cost and remember between calls: a 30-minute result cache per chain + user +
// input, and one usage row per model call (tokens, latency, cache hit, fallback) — the user sees the
// latter in Settings and the daily token budget is summed from it.
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const aiCache = pgTable(
  "ai_cache",
  {
    /** sha256 of chain + user + the chain's normalised input. */
    key: text("key").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    chain: text("chain").notNull(),
    output: jsonb("output").$type<unknown>().notNull(),
    /** The provider/model that produced `output`, so a cache hit can say who answered. */
    meta: jsonb("meta").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [index("ai_cache_expires_idx").on(t.expiresAt), index("ai_cache_user_idx").on(t.userId)],
);

export const aiUsage = pgTable(
  "ai_usage",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** capture, analysis, breakdown, motivation, proof, chat, ... */
    chain: text("chain").notNull(),
    provider: text("provider").notNull(),
    modelId: text("model_id").notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    latencyMs: integer("latency_ms").notNull().default(0),
    cacheHit: boolean("cache_hit").notNull().default(false),
    fallback: boolean("fallback").notNull().default(false),
    /** Why the configured model did not answer (timeout, breaker open, error class), if it did not. */
    error: text("error"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ai_usage_user_created_idx").on(t.userId, t.createdAt)],
);

export type AiCacheRow = typeof aiCache.$inferSelect;
export type AiUsage = typeof aiUsage.$inferSelect;
export type NewAiUsage = typeof aiUsage.$inferInsert;
