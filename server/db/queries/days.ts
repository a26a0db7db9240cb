// Queries for a person's day: settings (working hours, energy pattern, coach tone, time zone),
// mood/energy check-ins, finished focus minutes, the open work a day plan is built from, and the
// stored day plans. Every query takes the owner's user id and filters by it.
import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  checkins,
  type Checkin,
  type DayPlan,
  dayPlans,
  focusSessions,
  memories,
  type Task,
  tasks,
  users,
  userSettings,
  type UserSettings,
} from "../schema";

export type SettingsPatch = Partial<Pick<UserSettings, "workdayStartMinute" | "workdayEndMinute" | "energyPattern" | "coachTone">>;

/** The user's settings row (absent until they change something) and their time zone. */
export async function findSettings(db: Db, args: { userId: string }): Promise<{ timeZone: string; settings: UserSettings | null } | undefined> {
  const [row] = await db
    .select({ timeZone: users.timeZone, settings: userSettings })
    .from(users)
    .leftJoin(userSettings, eq(userSettings.userId, users.id))
    .where(eq(users.id, args.userId))
    .limit(1);
  return row;
}

/** Saves settings and the time zone together, so a half-applied change can't happen. */
export async function saveSettings(db: Db, args: { userId: string; patch: SettingsPatch; timeZone?: string }): Promise<void> {
  await db.transaction(async (tx) => {
    if (args.timeZone) await tx.update(users).set({ timeZone: args.timeZone }).where(eq(users.id, args.userId));
    if (Object.keys(args.patch).length === 0) return;
    await tx
      .insert(userSettings)
      .values({ userId: args.userId, ...args.patch })
      .onConflictDoUpdate({ target: userSettings.userId, set: { ...args.patch, updatedAt: new Date() } });
  });
}

export async function insertCheckin(
  db: Db,
  args: { userId: string; mood: number | null; energy: number | null; note: string | null; at?: Date },
): Promise<Checkin> {
  const [row] = await db
    .insert(checkins)
    .values({ userId: args.userId, mood: args.mood, energy: args.energy, note: args.note, ...(args.at ? { createdAt: args.at } : {}) })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Newest first; `from`/`to` bound the time they were made. */
export async function listCheckins(db: Db, args: { userId: string; from?: Date; to?: Date; limit?: number }): Promise<Checkin[]> {
  const filters = [eq(checkins.userId, args.userId)];
  if (args.from) filters.push(gte(checkins.createdAt, args.from));
  if (args.to) filters.push(lt(checkins.createdAt, args.to));
  return db
    .select()
    .from(checkins)
    .where(and(...filters))
    .orderBy(desc(checkins.createdAt), desc(checkins.id))
    .limit(args.limit ?? 50);
}

/** Minutes of finished focus sessions that started in [from, to). */
export async function focusMinutesBetween(db: Db, args: { userId: string; from: Date; to: Date }): Promise<number> {
  const [row] = await db
    .select({ minutes: sql<number>`coalesce(sum(${focusSessions.actualMinutes}), 0)::int` })
    .from(focusSessions)
    .where(
      and(
        eq(focusSessions.userId, args.userId),
        eq(focusSessions.status, "completed"),
        gte(focusSessions.startedAt, args.from),
        lt(focusSessions.startedAt, args.to),
      ),
    );
  return Number(row?.minutes ?? 0);
}

/**
 * The open work a plan is made of: open top-level tasks in the user's order, and every open step
 * below them (one query each; steps come as a flat list the caller turns into trees).
 */
export async function listOpenWork(db: Db, args: { userId: string; limit?: number }): Promise<{ tasks: Task[]; steps: Task[] }> {
  const open = inArray(tasks.status, ["todo", "doing"]);
  const top = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), eq(tasks.depth, 0), open))
    .orderBy(asc(tasks.position), asc(tasks.createdAt))
    .limit(args.limit ?? 200);
  if (top.length === 0) return { tasks: [], steps: [] };
  const steps = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), sql`${tasks.depth} > 0`, open))
    .orderBy(asc(tasks.depth), asc(tasks.position), asc(tasks.createdAt))
    .limit(5000);
  return { tasks: top, steps };
}

export async function findDayPlan(db: Db, args: { userId: string; day: string }): Promise<DayPlan | undefined> {
  const [row] = await db
    .select()
    .from(dayPlans)
    .where(and(eq(dayPlans.userId, args.userId), eq(dayPlans.day, args.day)))
    .limit(1);
  return row;
}

export type DayPlanFields = Pick<DayPlan, "status" | "blocks" | "overload" | "inputs">;

/** One plan per user and day: a new plan for the same day replaces the old one. */
export async function saveDayPlan(db: Db, args: { userId: string; day: string; fields: DayPlanFields }): Promise<DayPlan> {
  const [row] = await db
    .insert(dayPlans)
    .values({ userId: args.userId, day: args.day, ...args.fields })
    .onConflictDoUpdate({ target: [dayPlans.userId, dayPlans.day], set: { ...args.fields, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error("upsert returned no row");
  return row;
}

export async function setDayPlanStatus(db: Db, args: { userId: string; day: string; status: DayPlan["status"] }): Promise<DayPlan | undefined> {
  const [row] = await db
    .update(dayPlans)
    .set({ status: args.status })
    .where(and(eq(dayPlans.userId, args.userId), eq(dayPlans.day, args.day)))
    .returning();
  return row;
}

/** Which of these tasks (or steps) are done by now, so a plan can show them ticked off. */
export async function doneTaskIds(db: Db, args: { userId: string; ids: string[] }): Promise<string[]> {
  if (args.ids.length === 0) return [];
  const rows = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), inArray(tasks.id, args.ids), eq(tasks.status, "done")));
  return rows.map((r) => r.id);
}

/**
 * The coach's complexity rating (1–5) of these tasks, from the insights it remembered when each was
 * created (memory kind `task.insights`); the newest rating wins. Tasks it never rated are absent.
 */
export async function knownComplexity(db: Db, args: { userId: string; taskIds: string[] }): Promise<Map<string, number>> {
  if (args.taskIds.length === 0) return new Map();
  const taskId = sql<string>`${memories.data}->>'taskId'`;
  const rows = await db
    .select({ taskId, complexity: sql<string | null>`${memories.data}->>'complexity'` })
    .from(memories)
    .where(and(eq(memories.userId, args.userId), eq(memories.kind, "task.insights"), inArray(taskId, args.taskIds)))
    .orderBy(desc(memories.createdAt));
  const out = new Map<string, number>();
  for (const row of rows) {
    const value = Number(row.complexity);
    if (!out.has(row.taskId) && Number.isInteger(value) && value >= 1 && value <= 5) out.set(row.taskId, value);
  }
  return out;
}
