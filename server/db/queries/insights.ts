// Queries behind the insights page: per local day (bucketed in SQL with AT TIME ZONE, so DST days
// fall on the right date) completions, focus minutes and check-in averages; planned-vs-actual pairs
// of finished tasks; completions and focus minutes per zone. Every query filters by the owner and
// a time range, and groups in the database, so the rows are bounded by the days in the range.
import "server-only";
import { and, desc, eq, gte, isNotNull, lt, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { checkins, focusSessions, tasks, zones } from "../schema";

export interface RangeArgs {
  userId: string;
  /** Inclusive start and exclusive end (instants). */
  from: Date;
  to: Date;
  /** IANA name, already checked (canonicalTimeZone). */
  timeZone: string;
}

/** "YYYY-MM-DD" of an instant column on the user's wall clock. */
const localDayOf = (column: unknown, timeZone: string) => sql<string>`to_char((${column} AT TIME ZONE ${timeZone}::text)::date, 'YYYY-MM-DD')`;

export interface CompletionDayRow {
  day: string;
  tasks: number;
  steps: number;
}

/** Finished top-level tasks and finished steps per local day. */
export async function completionsByDay(db: Db, args: RangeArgs): Promise<CompletionDayRow[]> {
  const rows = await db
    .select({
      day: localDayOf(tasks.completedAt, args.timeZone),
      tasks: sql<number>`(count(*) filter (where ${tasks.depth} = 0))::int`,
      steps: sql<number>`(count(*) filter (where ${tasks.depth} > 0))::int`,
    })
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), eq(tasks.status, "done"), gte(tasks.completedAt, args.from), lt(tasks.completedAt, args.to)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ day: r.day, tasks: Number(r.tasks), steps: Number(r.steps) }));
}

/** Minutes actually focused per local day (by the session's start), from sessions that have ended. */
export async function focusMinutesByDay(db: Db, args: RangeArgs): Promise<{ day: string; minutes: number; sessions: number }[]> {
  const rows = await db
    .select({
      day: localDayOf(focusSessions.startedAt, args.timeZone),
      minutes: sql<number>`coalesce(sum(${focusSessions.actualMinutes}), 0)::int`,
      sessions: sql<number>`count(*)::int`,
    })
    .from(focusSessions)
    .where(
      and(
        eq(focusSessions.userId, args.userId),
        ne(focusSessions.status, "running"),
        isNotNull(focusSessions.actualMinutes),
        gte(focusSessions.startedAt, args.from),
        lt(focusSessions.startedAt, args.to),
      ),
    )
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ day: r.day, minutes: Number(r.minutes), sessions: Number(r.sessions) }));
}

export interface CheckinDayRow {
  day: string;
  /** Averages of the check-ins that gave one; null when none did that day. */
  mood: number | null;
  energy: number | null;
  count: number;
}

/** Average mood and energy per local day, and how many check-ins there were. */
export async function checkinsByDay(db: Db, args: RangeArgs): Promise<CheckinDayRow[]> {
  const rows = await db
    .select({
      day: localDayOf(checkins.createdAt, args.timeZone),
      mood: sql<number | null>`avg(${checkins.mood})::float8`,
      energy: sql<number | null>`avg(${checkins.energy})::float8`,
      count: sql<number>`count(*)::int`,
    })
    .from(checkins)
    .where(and(eq(checkins.userId, args.userId), gte(checkins.createdAt, args.from), lt(checkins.createdAt, args.to)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({ day: r.day, mood: num(r.mood), energy: num(r.energy), count: Number(r.count) }));
}

export interface EstimatePairRow {
  id: string;
  title: string;
  estimateMinutes: number;
  actualMinutes: number;
  completedAt: Date;
}

/**
 * Finished tasks and steps in the range that have both an estimate and an actual time: the task's own
 * actual minutes, or else the minutes of its ended focus sessions. Newest first, at most `limit`.
 */
export async function estimatePairs(db: Db, args: RangeArgs & { limit: number }): Promise<EstimatePairRow[]> {
  const focused = sql<number | null>`(
    select sum(${focusSessions.actualMinutes}) from ${focusSessions}
    where ${focusSessions.userId} = ${args.userId} and ${focusSessions.taskId} = ${tasks.id}
      and ${focusSessions.status} <> 'running' and ${focusSessions.actualMinutes} > 0
  )`;
  const actual = sql<number | null>`coalesce(${tasks.actualMinutes}, ${focused})::int`;
  const rows = await db
    .select({ id: tasks.id, title: tasks.title, estimateMinutes: tasks.estimateMinutes, actualMinutes: actual, completedAt: tasks.completedAt })
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, args.userId),
        eq(tasks.status, "done"),
        gte(tasks.completedAt, args.from),
        lt(tasks.completedAt, args.to),
        sql`${tasks.estimateMinutes} > 0`,
        sql`${actual} > 0`,
      ),
    )
    .orderBy(desc(tasks.completedAt))
    .limit(args.limit);
  return rows.flatMap((r) =>
    r.estimateMinutes !== null && r.actualMinutes !== null && r.completedAt
      ? [{ id: r.id, title: r.title, estimateMinutes: r.estimateMinutes, actualMinutes: Number(r.actualMinutes), completedAt: r.completedAt }]
      : [],
  );
}

export interface ZoneRow {
  /** The zone key (tasks.area), or null for work without a zone. */
  key: string | null;
  name: string | null;
  color: string | null;
  completions: number;
  focusMinutes: number;
}

const parents = alias(tasks, "parent_task");

/**
 * Completions and focus minutes per zone. A step without its own zone counts for its parent's; the
 * zone's name and colour come from the user's own zones (a key with no zone row keeps its key).
 */
export async function zoneBalance(db: Db, args: Omit<RangeArgs, "timeZone">): Promise<ZoneRow[]> {
  const area = sql<string | null>`coalesce(${tasks.area}, ${parents.area})`;
  const [done, focus, userZones] = await Promise.all([
    db
      .select({ key: area, count: sql<number>`count(*)::int` })
      .from(tasks)
      .leftJoin(parents, and(eq(parents.id, tasks.parentId), eq(parents.userId, args.userId)))
      .where(and(eq(tasks.userId, args.userId), eq(tasks.status, "done"), gte(tasks.completedAt, args.from), lt(tasks.completedAt, args.to)))
      .groupBy(sql`1`),
    db
      .select({ key: area, minutes: sql<number>`coalesce(sum(${focusSessions.actualMinutes}), 0)::int` })
      .from(focusSessions)
      .leftJoin(tasks, and(eq(tasks.id, focusSessions.taskId), eq(tasks.userId, args.userId)))
      .leftJoin(parents, and(eq(parents.id, tasks.parentId), eq(parents.userId, args.userId)))
      .where(
        and(
          eq(focusSessions.userId, args.userId),
          ne(focusSessions.status, "running"),
          isNotNull(focusSessions.actualMinutes),
          gte(focusSessions.startedAt, args.from),
          lt(focusSessions.startedAt, args.to),
        ),
      )
      .groupBy(sql`1`),
    db
      .select({ key: zones.key, name: zones.name, color: zones.color, position: zones.position })
      .from(zones)
      .where(eq(zones.userId, args.userId))
      .orderBy(zones.position, zones.key)
      .limit(100),
  ]);
  const byKey = new Map<string | null, ZoneRow>();
  const row = (key: string | null): ZoneRow => {
    let r = byKey.get(key);
    if (!r) {
      const zone = key === null ? undefined : userZones.find((z) => z.key === key);
      r = { key, name: zone?.name ?? null, color: zone?.color ?? null, completions: 0, focusMinutes: 0 };
      byKey.set(key, r);
    }
    return r;
  };
  // The user's zones come first, in their order (a stable sort keeps it), even when empty: a zone with nothing is worth seeing.
  for (const z of userZones) row(z.key);
  for (const d of done) row(d.key).completions += Number(d.count);
  for (const f of focus) row(f.key).focusMinutes += Number(f.minutes);
  // Then keys without a zone row, alphabetically, and work without a zone last.
  const known = new Set(userZones.map((z) => z.key));
  const rank = (r: ZoneRow) => (r.key === null ? 2 : known.has(r.key) ? 0 : 1);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b) || (rank(a) === 1 ? (a.key as string).localeCompare(b.key as string) : 0));
}
