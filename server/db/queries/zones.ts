// Compass-zone queries: a user's life areas (created once from the defaults, race-safe through the
// (user_id, key) unique index), edits, removal (which untags the zone's tasks in the same
// transaction), tagging a task, and the numbers behind the balance view. Every query filters by the
// owner's user id.
import "server-only";
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { resultRows } from "../client";
import { focusSessions, tasks, userSettings, type Zone, zones } from "../schema";
import { mergePreferences } from "./onboarding";

export type NewZoneFields = Pick<Zone, "key" | "name" | "color" | "emoji" | "position" | "targetShare">;
export type ZonePatch = Partial<Pick<Zone, "name" | "color" | "emoji" | "targetShare" | "position">>;

export async function listZones(db: Db, args: { userId: string }): Promise<Zone[]> {
  return db
    .select()
    .from(zones)
    .where(eq(zones.userId, args.userId))
    .orderBy(asc(zones.position), asc(zones.createdAt));
}

export async function findZone(db: Db, args: { userId: string; id: string }): Promise<Zone | undefined> {
  const [row] = await db
    .select()
    .from(zones)
    .where(and(eq(zones.userId, args.userId), eq(zones.id, args.id)))
    .limit(1);
  return row;
}

/** Whether the default zones were handed out already (kept in preferences, so removing them all sticks). */
export async function zonesSeeded(db: Db, args: { userId: string }): Promise<boolean> {
  const [row] = await db
    .select({ seeded: sql<string | null>`${userSettings.preferences} ->> 'zonesSeededAt'` })
    .from(userSettings)
    .where(eq(userSettings.userId, args.userId))
    .limit(1);
  return Boolean(row?.seeded);
}

/**
 * Hands out the default zones once: two first reads at the same moment both insert, the unique
 * index keeps one row per key, and the marker stops a later read from bringing back removed ones.
 */
export async function seedZones(db: Db, args: { userId: string; zones: NewZoneFields[]; at: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    if (await zonesSeeded(tx, { userId: args.userId })) return;
    if (args.zones.length) {
      await tx
        .insert(zones)
        .values(args.zones.map((z) => ({ ...z, userId: args.userId })))
        .onConflictDoNothing({ target: [zones.userId, zones.key] });
    }
    await mergePreferences(tx, { userId: args.userId, values: { zonesSeededAt: args.at.toISOString() } });
  });
}

/** Inserts a zone; undefined when the user already has one with this key. */
export async function insertZone(db: Db, args: { userId: string; fields: NewZoneFields }): Promise<Zone | undefined> {
  const [row] = await db
    .insert(zones)
    .values({ ...args.fields, userId: args.userId })
    .onConflictDoNothing({ target: [zones.userId, zones.key] })
    .returning();
  return row;
}

export async function updateZone(db: Db, args: { userId: string; id: string; patch: ZonePatch }): Promise<Zone | undefined> {
  const [row] = await db
    .update(zones)
    .set(args.patch)
    .where(and(eq(zones.userId, args.userId), eq(zones.id, args.id)))
    .returning();
  return row;
}

/** Removes a zone and untags its tasks, in one transaction; undefined when there is no such zone. */
export async function deleteZone(db: Db, args: { userId: string; id: string }): Promise<{ zone: Zone; untagged: number } | undefined> {
  return db.transaction(async (tx) => {
    const zone = await findZone(tx, args);
    if (!zone) return undefined;
    const cleared = await tx
      .update(tasks)
      .set({ area: null })
      .where(and(eq(tasks.userId, args.userId), eq(tasks.area, zone.key)))
      .returning({ id: tasks.id });
    await tx.delete(zones).where(and(eq(zones.userId, args.userId), eq(zones.id, zone.id)));
    return { zone, untagged: cleared.length };
  });
}

/** Puts the user's zones in this order (ids not theirs are ignored by the owner filter). */
export async function reorderZones(db: Db, args: { userId: string; ids: string[] }): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [position, id] of args.ids.entries()) {
      await tx
        .update(zones)
        .set({ position })
        .where(and(eq(zones.userId, args.userId), eq(zones.id, id)));
    }
  });
}

export async function maxZonePosition(db: Db, args: { userId: string }): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${zones.position})` })
    .from(zones)
    .where(eq(zones.userId, args.userId));
  return row?.max === null || row?.max === undefined ? -1 : Number(row.max);
}

/** Tags a task (a top-level one; steps follow their task) with a zone key, or clears it. */
export async function setTaskArea(db: Db, args: { userId: string; taskId: string; area: string | null }) {
  const [row] = await db
    .update(tasks)
    .set({ area: args.area })
    .where(and(eq(tasks.userId, args.userId), eq(tasks.id, args.taskId)))
    .returning();
  return row;
}

/** Top-level tasks completed in [from, to), counted per area (null: untagged). */
export async function completedPerArea(db: Db, args: { userId: string; from: Date; to: Date }): Promise<Map<string | null, number>> {
  const rows = await db
    .select({ area: tasks.area, count: sql<number>`count(*)::int` })
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, args.userId),
        eq(tasks.depth, 0),
        eq(tasks.status, "done"),
        gte(tasks.completedAt, args.from),
        lt(tasks.completedAt, args.to),
      ),
    )
    .groupBy(tasks.area);
  return new Map(rows.map((r) => [r.area, Number(r.count)]));
}

/**
 * Minutes of finished focus sessions started in [from, to), per area. A session on a step counts
 * for the nearest task above it that has an area (walked up with a recursive query).
 */
export async function focusMinutesPerArea(db: Db, args: { userId: string; from: Date; to: Date }): Promise<Map<string | null, number>> {
  const sessions = await db
    .select({ taskId: focusSessions.taskId, minutes: sql<number>`coalesce(sum(${focusSessions.actualMinutes}), 0)::int` })
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
  const ids = sessions.flatMap((s) => (s.taskId ? [s.taskId] : []));
  const areaOf = new Map<string, string | null>();
  if (ids.length) {
    const list = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const result = await db.execute(sql`
      with recursive chain(start_id, parent_id, area, hops) as (
        select t.id, t.parent_id, t.area, 0 from ${tasks} t where t.user_id = ${args.userId} and t.id in (${list})
        union all
        select c.start_id, p.parent_id, p.area, c.hops + 1
          from chain c join ${tasks} p on p.id = c.parent_id and p.user_id = ${args.userId}
          where c.area is null and c.hops < 8
      )
      select start_id::text as id, max(area) as area from chain group by start_id`);
    for (const row of resultRows<{ id: string; area: string | null }>(result)) areaOf.set(row.id, row.area);
  }
  const out = new Map<string | null, number>();
  for (const s of sessions) {
    const area = s.taskId ? (areaOf.get(s.taskId) ?? null) : null;
    out.set(area, (out.get(area) ?? 0) + Number(s.minutes));
  }
  return out;
}

/** How many of the user's tasks carry each of these keys (for "removing untags N tasks"). */
export async function taskCountsPerArea(db: Db, args: { userId: string; keys: string[] }): Promise<Map<string, number>> {
  if (args.keys.length === 0) return new Map();
  const rows = await db
    .select({ area: tasks.area, count: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), inArray(tasks.area, args.keys)))
    .groupBy(tasks.area);
  return new Map(rows.map((r) => [r.area as string, Number(r.count)]));
}
