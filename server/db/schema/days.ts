// A person's day: their working hours and energy pattern, mood/energy check-ins, focus sessions and
// the day plan built from all of it.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { tasks } from "./tasks";

export const energyPatterns = ["morning", "afternoon", "evening", "steady"] as const;
export const coachTones = ["gentle", "cheerful", "direct"] as const;

export const userSettings = pgTable(
  "user_settings",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Working hours as minutes after local midnight (users.time_zone). */
    workdayStartMinute: smallint("workday_start_minute").notNull().default(540),
    workdayEndMinute: smallint("workday_end_minute").notNull().default(1020),
    energyPattern: text("energy_pattern").$type<(typeof energyPatterns)[number]>().notNull().default("morning"),
    coachTone: text("coach_tone").$type<(typeof coachTones)[number]>().notNull().default("gentle"),
    /** Onboarding answers and other preferences (goals, focus lengths, ...). */
    preferences: jsonb("preferences").$type<Record<string, unknown>>().notNull().default({}),
    onboardedAt: timestamp("onboarded_at", { mode: "date", withTimezone: true }),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [check("user_settings_workday", sql`${t.workdayStartMinute} >= 0 AND ${t.workdayStartMinute} < ${t.workdayEndMinute} AND ${t.workdayEndMinute} <= 1440`)],
);

export const checkins = pgTable(
  "checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** 1 (very low) … 5 (great); either may be absent, not both. */
    mood: smallint("mood"),
    energy: smallint("energy"),
    note: text("note"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("checkins_user_created_idx").on(t.userId, t.createdAt),
    check("checkins_mood_range", sql`${t.mood} IS NULL OR ${t.mood} BETWEEN 1 AND 5`),
    check("checkins_energy_range", sql`${t.energy} IS NULL OR ${t.energy} BETWEEN 1 AND 5`),
    check("checkins_something", sql`${t.mood} IS NOT NULL OR ${t.energy} IS NOT NULL`),
  ],
);

export const focusStatuses = ["running", "completed", "cancelled"] as const;

export const focusSessions = pgTable(
  "focus_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    taskId: uuid("task_id").references(() => tasks.id, { onDelete: "set null" }),
    status: text("status").$type<(typeof focusStatuses)[number]>().notNull().default("running"),
    plannedMinutes: smallint("planned_minutes").notNull(),
    breakMinutes: smallint("break_minutes").notNull(),
    ritual: text("ritual"),
    startedAt: timestamp("started_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    /** When the timer rings: the server's clock is the truth, so it survives reloads. */
    endsAt: timestamp("ends_at", { mode: "date", withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { mode: "date", withTimezone: true }),
    actualMinutes: integer("actual_minutes"),
    /** Thoughts parked during the session ("park a thought"), captured as tasks later. */
    distractions: jsonb("distractions").$type<{ text: string; at: string }[]>().notNull().default([]),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("focus_sessions_user_started_idx").on(t.userId, t.startedAt),
    index("focus_sessions_task_idx").on(t.taskId),
  ],
);

export interface PlanBlock {
  /** ISO instants. */
  start: string;
  end: string;
  kind: "task" | "break" | "event";
  taskId?: string;
  title: string;
  /** Why it sits here ("hardest work in your high-energy morning"). */
  why?: string;
}

export const dayPlans = pgTable(
  "day_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The user's local date, YYYY-MM-DD. */
    day: text("day").notNull(),
    status: text("status").$type<"draft" | "accepted">().notNull().default("draft"),
    blocks: jsonb("blocks").$type<PlanBlock[]>().notNull(),
    /** Set when the plan does not fit the working hours: what overflows and by how much. */
    overload: jsonb("overload").$type<{ overflowMinutes: number; message: string; unplannedTaskIds: string[] } | null>(),
    /** What the plan was built from (energy, mood, fixed events), for re-plans and insights. */
    inputs: jsonb("inputs").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("day_plans_user_day_unique").on(t.userId, t.day)],
);

export type UserSettings = typeof userSettings.$inferSelect;
export type Checkin = typeof checkins.$inferSelect;
export type FocusSession = typeof focusSessions.$inferSelect;
export type DayPlan = typeof dayPlans.$inferSelect;
