// The planner's durable actions: what the coach decided should happen, with a type, a priority,
// dependencies, retries and an idempotency key. Both runners (Inngest and the embedded one) claim
// and execute these rows, so a restart loses nothing and the user can see what is queued.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const actionTypes = ["task_management", "mood", "gamification", "memory", "notification", "integration"] as const;
export const actionStatuses = ["pending", "ready", "running", "succeeded", "failed", "cancelled"] as const;
/** Index = the smallint stored in `priority`: lower runs first. */
export const actionPriorities = ["critical", "high", "medium", "low", "background"] as const;

export const actionType = pgEnum("action_type", actionTypes);
export const actionStatus = pgEnum("action_status", actionStatuses);

export const plannedActions = pgTable(
  "planned_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: actionType("type").notNull(),
    /** Which executor runs it, e.g. `task.suggest_next_step`, `rewards.update_streak`. */
    executor: text("executor").notNull(),
    /** 0 critical … 4 background (see actionPriorities). */
    priority: smallint("priority").notNull().default(2),
    status: actionStatus("status").notNull().default("pending"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb("result").$type<unknown>(),
    error: text("error"),
    /** Actions that must succeed before this one may run. */
    dependsOn: uuid("depends_on").array().notNull().default(sql`'{}'::uuid[]`),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    /** Not before this moment (a reminder's time, or the next retry after backoff). */
    runAt: timestamp("run_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** Who is running it and since when; a stale lock means the runner crashed. */
    lockedBy: text("locked_by"),
    lockedAt: timestamp("locked_at", { mode: "date", withTimezone: true }),
    startedAt: timestamp("started_at", { mode: "date", withTimezone: true }),
    finishedAt: timestamp("finished_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("planned_actions_user_key_unique").on(t.userId, t.idempotencyKey),
    // the runners' claim query: due actions of a status, by priority then age.
    index("planned_actions_claim_idx").on(t.status, t.priority, t.runAt),
    index("planned_actions_user_created_idx").on(t.userId, t.createdAt),
  ],
);

export type PlannedAction = typeof plannedActions.$inferSelect;
export type NewPlannedAction = typeof plannedActions.$inferInsert;
export type ActionType = (typeof actionTypes)[number];
export type ActionStatus = (typeof actionStatuses)[number];
export type ActionPriority = (typeof actionPriorities)[number];
