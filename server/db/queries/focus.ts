// Focus-session queries: the one running session, start/finish/cancel as single guarded statements
// (a finish flips `running` → `completed` once, however many callers race), parked thoughts, history
// pages, ritual history, per-task actual minutes and the focus reminders' planned actions. Every query
// filters by the owner's user id.
import "server-only";
import { and, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type FocusSession, focusSessions, plannedActions, type Task, tasks, users } from "../schema";

/**
 * Takes the user's row lock for the rest of the transaction: serialises "only one running session".
 * NO KEY UPDATE, so rows that merely reference the user (a ledger entry, a memory) can still be
 * written by other transactions meanwhile — no deadlock with a concurrent finish.
 */
export async function lockUserForFocus(tx: Db, userId: string): Promise<boolean> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("no key update");
  return rows.length > 0;
}

export async function findRunningSession(db: Db, args: { userId: string }): Promise<FocusSession | undefined> {
  const [row] = await db
    .select()
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, args.userId), eq(focusSessions.status, "running")))
    .orderBy(desc(focusSessions.startedAt))
    .limit(1);
  return row;
}

export async function findSession(db: Db, args: { userId: string; id: string }): Promise<FocusSession | undefined> {
  const [row] = await db
    .select()
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, args.userId), eq(focusSessions.id, args.id)))
    .limit(1);
  return row;
}

export async function insertSession(
  db: Db,
  row: { userId: string; taskId: string | null; plannedMinutes: number; breakMinutes: number; ritual: string | null; startedAt: Date; endsAt: Date },
): Promise<FocusSession> {
  const [session] = await db.insert(focusSessions).values({ ...row, createdAt: row.startedAt }).returning();
  if (!session) throw new Error("insert returned no row");
  return session;
}

/**
 * Finishes a running session at `at`: actual minutes = whole minutes elapsed since the start, at
 * least 0 and at most planned + `graceMinutes`. Returns the row only to the caller whose update
 * flipped it; everyone else gets undefined.
 */
export async function finishRunningSession(
  db: Db,
  args: { userId: string; id: string; at: Date; graceMinutes: number },
): Promise<FocusSession | undefined> {
  const at = args.at.toISOString();
  const elapsed = sql`floor(extract(epoch from (${at}::timestamptz - ${focusSessions.startedAt})) / 60)::int`;
  const [row] = await db
    .update(focusSessions)
    .set({
      status: "completed",
      endedAt: args.at,
      actualMinutes: sql`least(greatest(${elapsed}, 0), ${focusSessions.plannedMinutes} + ${args.graceMinutes})`,
    })
    .where(and(eq(focusSessions.userId, args.userId), eq(focusSessions.id, args.id), eq(focusSessions.status, "running")))
    .returning();
  return row;
}

export async function cancelRunningSession(db: Db, args: { userId: string; id: string; at: Date }): Promise<FocusSession | undefined> {
  const [row] = await db
    .update(focusSessions)
    .set({ status: "cancelled", endedAt: args.at, actualMinutes: null })
    .where(and(eq(focusSessions.userId, args.userId), eq(focusSessions.id, args.id), eq(focusSessions.status, "running")))
    .returning();
  return row;
}

/** Appends a parked thought unless the session already holds `max`; undefined when not the user's or full. */
export async function appendDistraction(
  db: Db,
  args: { userId: string; id: string; text: string; at: Date; max: number },
): Promise<FocusSession | undefined> {
  const item = JSON.stringify([{ text: args.text, at: args.at.toISOString() }]);
  const [row] = await db
    .update(focusSessions)
    .set({ distractions: sql`${focusSessions.distractions} || ${item}::jsonb` })
    .where(
      and(
        eq(focusSessions.userId, args.userId),
        eq(focusSessions.id, args.id),
        sql`jsonb_array_length(${focusSessions.distractions}) < ${args.max}`,
      ),
    )
    .returning();
  return row;
}

/** The session locked for this transaction (captures of its parked thoughts queue behind each other). */
export async function lockSession(tx: Db, args: { userId: string; id: string }): Promise<FocusSession | undefined> {
  const [row] = await tx
    .select()
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, args.userId), eq(focusSessions.id, args.id)))
    .for("no key update");
  return row;
}

export async function setDistractions(db: Db, args: { userId: string; id: string; distractions: FocusSession["distractions"] }): Promise<void> {
  await db
    .update(focusSessions)
    .set({ distractions: args.distractions })
    .where(and(eq(focusSessions.userId, args.userId), eq(focusSessions.id, args.id)));
}

/** Sessions that still hold parked thoughts, newest first. */
export async function sessionsWithParked(db: Db, args: { userId: string; limit: number }): Promise<FocusSession[]> {
  return db
    .select()
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, args.userId), sql`jsonb_array_length(${focusSessions.distractions}) > 0`))
    .orderBy(desc(focusSessions.startedAt))
    .limit(args.limit);
}

/** A page of the user's sessions (newest first) that started before `before`. */
export async function listSessions(
  db: Db,
  args: { userId: string; limit: number; before?: Date; taskId?: string },
): Promise<FocusSession[]> {
  const filters = [eq(focusSessions.userId, args.userId)];
  if (args.before) filters.push(lt(focusSessions.startedAt, args.before));
  if (args.taskId) filters.push(eq(focusSessions.taskId, args.taskId));
  return db
    .select()
    .from(focusSessions)
    .where(and(...filters))
    .orderBy(desc(focusSessions.startedAt), desc(focusSessions.id))
    .limit(args.limit);
}

/** Titles and estimates of the user's tasks among `ids`. */
export async function taskSummaries(
  db: Db,
  args: { userId: string; ids: string[] },
): Promise<Map<string, Pick<Task, "id" | "title" | "parentId" | "estimateMinutes" | "actualMinutes" | "status">>> {
  if (args.ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: tasks.id,
      title: tasks.title,
      parentId: tasks.parentId,
      estimateMinutes: tasks.estimateMinutes,
      actualMinutes: tasks.actualMinutes,
      status: tasks.status,
    })
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), inArray(tasks.id, [...new Set(args.ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Sets tasks.actual_minutes to the sum of the task's completed sessions; returns the new value. */
export async function recomputeTaskActual(db: Db, args: { userId: string; taskId: string }): Promise<number | null> {
  const total = sql<number | null>`(
    select sum(${focusSessions.actualMinutes})::int from ${focusSessions}
    where ${focusSessions.userId} = ${args.userId} and ${focusSessions.taskId} = ${args.taskId} and ${focusSessions.status} = 'completed'
  )`;
  const [row] = await db
    .update(tasks)
    .set({ actualMinutes: total })
    .where(and(eq(tasks.userId, args.userId), eq(tasks.id, args.taskId)))
    .returning({ actualMinutes: tasks.actualMinutes });
  return row?.actualMinutes ?? null;
}

export interface RitualStat {
  ritual: string;
  used: number;
  completed: number;
  lastUsed: Date;
}

/** How often each ritual was used (trimmed, case-insensitive) and how many of those sessions were completed. */
export async function ritualStats(db: Db, args: { userId: string; limit: number }): Promise<RitualStat[]> {
  const key = sql<string>`lower(trim(${focusSessions.ritual}))`;
  const rows = await db
    .select({
      ritual: sql<string>`(array_agg(trim(${focusSessions.ritual}) order by ${focusSessions.startedAt} desc))[1]`,
      used: sql<number>`count(*)::int`,
      completed: sql<number>`(count(*) filter (where ${focusSessions.status} = 'completed'))::int`,
      lastUsed: sql<Date>`max(${focusSessions.startedAt})`,
    })
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, args.userId), isNotNull(focusSessions.ritual), sql`trim(${focusSessions.ritual}) <> ''`))
    .groupBy(key)
    .orderBy(sql`(count(*) filter (where ${focusSessions.status} = 'completed')) desc`, sql`count(*) desc`, sql`max(${focusSessions.startedAt}) desc`)
    .limit(args.limit);
  return rows.map((r) => ({ ritual: r.ritual, used: Number(r.used), completed: Number(r.completed), lastUsed: new Date(r.lastUsed) }));
}

/** Completed focus minutes per task for sessions that started in [from, to). */
export async function focusMinutesByTask(
  db: Db,
  args: { userId: string; from: Date; to: Date },
): Promise<{ taskId: string | null; minutes: number; sessions: number }[]> {
  const rows = await db
    .select({
      taskId: focusSessions.taskId,
      minutes: sql<number>`coalesce(sum(${focusSessions.actualMinutes}), 0)::int`,
      sessions: sql<number>`count(*)::int`,
    })
    .from(focusSessions)
    .where(
      and(
        eq(focusSessions.userId, args.userId),
        eq(focusSessions.status, "completed"),
        gte(focusSessions.startedAt, args.from),
        lt(focusSessions.startedAt, args.to),
      ),
    )
    .groupBy(focusSessions.taskId);
  return rows.map((r) => ({ taskId: r.taskId, minutes: Number(r.minutes), sessions: Number(r.sessions) }));
}

/** Tasks with both an estimate and focus time, most recently worked on first. */
export async function tasksWithActuals(
  db: Db,
  args: { userId: string; limit: number },
): Promise<Pick<Task, "id" | "title" | "estimateMinutes" | "actualMinutes" | "status" | "updatedAt">[]> {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      estimateMinutes: tasks.estimateMinutes,
      actualMinutes: tasks.actualMinutes,
      status: tasks.status,
      updatedAt: tasks.updatedAt,
    })
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), isNotNull(tasks.actualMinutes)))
    .orderBy(desc(tasks.updatedAt))
    .limit(args.limit);
}

/** The focus reminders' planned actions (by idempotency key), to show whether each was delivered. */
export async function reminderActions(
  db: Db,
  args: { userId: string; keys: string[] },
): Promise<{ key: string; status: string; runAt: Date; finishedAt: Date | null }[]> {
  if (args.keys.length === 0) return [];
  return db
    .select({ key: plannedActions.idempotencyKey, status: plannedActions.status, runAt: plannedActions.runAt, finishedAt: plannedActions.finishedAt })
    .from(plannedActions)
    .where(and(eq(plannedActions.userId, args.userId), inArray(plannedActions.idempotencyKey, args.keys)));
}

/**
 * Stops the focus reminders of a session that ended: a reminder still waiting is cancelled, and one
 * that has not been planned yet (on Inngest it is planned only when its sleep ends) is planned as
 * cancelled under the same key, so planning it later is a no-op and nothing stale reaches the user.
 */
export async function cancelReminderActions(db: Db, args: { userId: string; keys: string[]; at: Date }): Promise<void> {
  if (args.keys.length === 0) return;
  const error = "Cancelled: the focus session ended.";
  const cancelled = { status: "cancelled" as const, error, finishedAt: args.at, lockedBy: null, lockedAt: null, updatedAt: args.at };
  // One statement for both cases, so a reminder being planned at this very moment cannot slip
  // between "cancel what exists" and "block what comes later" and stay ready.
  await db
    .insert(plannedActions)
    .values(
      args.keys.map((key) => ({
        userId: args.userId,
        type: "notification" as const,
        executor: "notification.reminder",
        priority: 1, // high, as planReminder plans it
        status: "cancelled" as const,
        payload: {},
        runAt: args.at,
        idempotencyKey: key,
        error,
        finishedAt: args.at,
      })),
    )
    .onConflictDoUpdate({
      target: [plannedActions.userId, plannedActions.idempotencyKey],
      set: cancelled,
      setWhere: inArray(plannedActions.status, ["pending", "ready"]),
    });
}
