// Rewards: an append-only points ledger. Every award (and every spend, as a negative amount) is one
// row with an idempotency key unique per user, so a retried or concurrent award lands exactly once.
// Totals, levels and streaks are derived from it. Proofs of completed tasks live here too.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { tasks } from "./tasks";

export const pointsLedger = pgTable(
  "points_ledger",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Points earned (positive) or spent (negative). */
    amount: integer("amount").notNull(),
    /** What earned it: task.completed, step.completed, proof.accepted, focus.minutes, store.purchase, ... */
    kind: text("kind").notNull(),
    /** A short sentence the user sees in their history. */
    reason: text("reason").notNull(),
    /** The task, session or item it was for, when there is one. */
    sourceId: text("source_id"),
    /** e.g. `task.completed:<taskId>`; unique per user — the exactly-once guarantee. */
    idempotencyKey: text("idempotency_key").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("points_ledger_user_key_unique").on(t.userId, t.idempotencyKey),
    index("points_ledger_user_created_idx").on(t.userId, t.createdAt),
  ],
);

export const proofKinds = ["text", "link", "image"] as const;
export const proofVerdicts = ["accepted", "needs_more", "rejected"] as const;

export const taskProofs = pgTable(
  "task_proofs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    kind: text("kind").$type<(typeof proofKinds)[number]>().notNull(),
    /** The text, the URL, or the image as a data: URL (size-limited at the API). */
    value: text("value").notNull(),
    verdict: text("verdict").$type<(typeof proofVerdicts)[number]>().notNull(),
    confidence: real("confidence").notNull(),
    reason: text("reason").notNull(),
    provider: text("provider").notNull(),
    fallback: boolean("fallback").notNull().default(false),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("task_proofs_user_task_idx").on(t.userId, t.taskId),
    check("task_proofs_confidence_range", sql`${t.confidence} >= 0 AND ${t.confidence} <= 1`),
  ],
);

export type PointsEntry = typeof pointsLedger.$inferSelect;
export type NewPointsEntry = typeof pointsLedger.$inferInsert;
export type TaskProof = typeof taskProofs.$inferSelect;
export type ProofKind = (typeof proofKinds)[number];
export type ProofVerdict = (typeof proofVerdicts)[number];
