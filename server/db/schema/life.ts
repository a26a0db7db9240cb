// The daily product around the tasks: compass zones (life areas), task templates, the morning ritual,
// and the forgiving gamification that is not plain ledger rows — the store, mystery-box draws, the pet,
// unlocked achievements, vacations and the per-day streak record the midnight rollover writes.
// Points themselves (earned and spent) stay in points_ledger, the one source of balances.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

const userRef = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { mode: "date", withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** A life area. tasks.area holds a zone's key. */
export const zones = pgTable(
  "zones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userRef(),
    /** Stable slug (work, health, relationships, home, growth, or the user's own). */
    key: text("key").notNull(),
    name: text("name").notNull(),
    /** A CSS colour for charts and tags. */
    color: text("color").notNull(),
    emoji: text("emoji"),
    position: integer("position").notNull().default(0),
    /** The share of effort the user wants here, 0–100, for the balance view; null = no target. */
    targetShare: smallint("target_share"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("zones_user_key_unique").on(t.userId, t.key),
    check("zones_target_share_range", sql`${t.targetShare} IS NULL OR ${t.targetShare} BETWEEN 0 AND 100`),
  ],
);

export interface TemplateStep {
  title: string;
  estimateMinutes?: number | null;
  steps?: TemplateStep[];
}

/** A task saved with its steps, to start again from. */
export const taskTemplates = pgTable(
  "task_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userRef(),
    name: text("name").notNull(),
    title: text("title").notNull(),
    notes: text("notes"),
    priority: text("priority").notNull().default("medium"),
    area: text("area"),
    estimateMinutes: integer("estimate_minutes"),
    steps: jsonb("steps").$type<TemplateStep[]>().notNull().default([]),
    useCount: integer("use_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("task_templates_user_idx").on(t.userId, t.updatedAt)],
);

/** The morning ritual: intention, energy and top three for one local day; feeds that day's plan. */
export const morningRituals = pgTable(
  "morning_rituals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userRef(),
    /** The user's local date, YYYY-MM-DD. */
    day: text("day").notNull(),
    intention: text("intention"),
    energy: smallint("energy"),
    topTaskIds: uuid("top_task_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("morning_rituals_user_day_unique").on(t.userId, t.day),
    check("morning_rituals_energy_range", sql`${t.energy} IS NULL OR ${t.energy} BETWEEN 1 AND 5`),
  ],
);

/** A reward the user defines ("30 min of guilt-free gaming"), bought with points (a negative ledger row). */
export const storeItems = pgTable(
  "store_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userRef(),
    title: text("title").notNull(),
    cost: integer("cost").notNull(),
    note: text("note"),
    archivedAt: timestamp("archived_at", { mode: "date", withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("store_items_user_idx").on(t.userId), check("store_items_cost_range", sql`${t.cost} BETWEEN 1 AND 100000`)],
);

/** One mystery-box draw: the seed it was drawn from and the odds table's version make it reproducible. */
export const mysteryDraws = pgTable(
  "mystery_draws",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userRef(),
    seed: text("seed").notNull(),
    oddsVersion: text("odds_version").notNull(),
    cost: integer("cost").notNull(),
    prize: jsonb("prize").$type<{ kind: string; label: string; amount?: number }>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("mystery_draws_user_created_idx").on(t.userId, t.createdAt)],
);

/** The companion that grows with completed focus and care, and never dies. */
export const pets = pgTable("pets", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull().default("Ember"),
  species: text("species").notNull().default("fox"),
  /** Growth points: focus minutes and care; the stage is derived from it. */
  growth: integer("growth").notNull().default(0),
  lastCaredAt: timestamp("last_cared_at", { mode: "date", withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** An achievement the user unlocked (progress toward the rest is derived). */
export const achievements = pgTable(
  "achievements",
  {
    userId: userRef(),
    key: text("key").notNull(),
    unlockedAt: timestamp("unlocked_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Vacation mode: local days (inclusive) that never count against a streak. */
export const vacations = pgTable(
  "vacations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userRef(),
    startDay: text("start_day").notNull(),
    endDay: text("end_day").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("vacations_user_idx").on(t.userId), check("vacations_order", sql`${t.startDay} <= ${t.endDay}`)],
);

export const streakDayStatuses = ["active", "frozen", "vacation", "missed"] as const;

/** What the midnight rollover decided for one past local day; the primary key makes it idempotent. */
export const streakDays = pgTable(
  "streak_days",
  {
    userId: userRef(),
    day: text("day").notNull(),
    status: text("status").$type<(typeof streakDayStatuses)[number]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

export type Zone = typeof zones.$inferSelect;
export type TaskTemplate = typeof taskTemplates.$inferSelect;
export type MorningRitual = typeof morningRituals.$inferSelect;
export type StoreItem = typeof storeItems.$inferSelect;
export type MysteryDraw = typeof mysteryDraws.$inferSelect;
export type Pet = typeof pets.$inferSelect;
export type Achievement = typeof achievements.$inferSelect;
export type Vacation = typeof vacations.$inferSelect;
export type StreakDay = typeof streakDays.$inferSelect;
