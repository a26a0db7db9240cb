// Tasks and their steps: a step is a task with a parent, so any step can be broken down again
// (a tree up to MAX_TASK_DEPTH levels). Every row belongs to exactly one user.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

export const MAX_TASK_DEPTH = 7;
export const taskStatuses = ["todo", "doing", "done", "archived"] as const;
export const taskPriorities = ["low", "medium", "high", "urgent"] as const;

export const taskStatus = pgEnum("task_status", taskStatuses);
export const taskPriority = pgEnum("task_priority", taskPriorities);

export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => tasks.id, { onDelete: "cascade" }),
    /** 0 for a top-level task, parent's depth + 1 for a step. */
    depth: smallint("depth").notNull().default(0),
    title: text("title").notNull(),
    notes: text("notes"),
    status: taskStatus("status").notNull().default("todo"),
    priority: taskPriority("priority").notNull().default("medium"),
    position: integer("position").notNull().default(0),
    estimateMinutes: integer("estimate_minutes"),
    /** The life area (compass zone) it belongs to, e.g. work, health, home; null when unknown. */
    area: text("area"),
    /** Where the estimate came from: the user, or the coach (with the provider that made it). */
    estimateSource: text("estimate_source"),
    /** Minutes actually spent (focus sessions, or told at completion); fed back into estimates. */
    actualMinutes: integer("actual_minutes"),
    dueAt: timestamp("due_at", { mode: "date", withTimezone: true }),
    completedAt: timestamp("completed_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    // task.list: a user's top-level (or one parent's) tasks by status, in order.
    index("tasks_user_parent_status_idx").on(t.userId, t.parentId, t.status, t.position),
    index("tasks_user_created_idx").on(t.userId, t.createdAt),
    index("tasks_parent_idx").on(t.parentId),
    check("tasks_depth_range", sql`${t.depth} >= 0 AND ${t.depth} < ${sql.raw(String(MAX_TASK_DEPTH))}`),
    check("tasks_title_length", sql`char_length(${t.title}) BETWEEN 1 AND 500`),
  ],
);

export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;
export type TaskStatus = (typeof taskStatuses)[number];
export type TaskPriority = (typeof taskPriorities)[number];
