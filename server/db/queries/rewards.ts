// Rewards queries: the append-only points ledger (insert exactly once per idempotency key, totals,
// latest entries, days with a completion), task proofs, and the two facts about a user and a task
// the rewards need (time zone, focused minutes). Every query filters by the owner's user id.
import "server-only";
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { resultRows } from "../client";
import {
  focusSessions,
  type NewPointsEntry,
  type PointsEntry,
  pointsLedger,
  type TaskProof,
  taskProofs,
  users,
} from "../schema";

/**
 * Inserts a ledger row unless the user already has one with this idempotency key; either way returns
 * the row that stands. `created` is true only for the call whose insert landed — under any
 * concurrency exactly one, because the unique index (user_id, idempotency_key) decides.
 */
export async function insertLedgerEntryOnce(db: Db, entry: NewPointsEntry): Promise<{ entry: PointsEntry; created: boolean }> {
  const [inserted] = await db
    .insert(pointsLedger)
    .values(entry)
    .onConflictDoNothing({ target: [pointsLedger.userId, pointsLedger.idempotencyKey] })
    .returning();
  if (inserted) return { entry: inserted, created: true };
  const [existing] = await db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, entry.userId), eq(pointsLedger.idempotencyKey, entry.idempotencyKey)))
    .limit(1);
  if (!existing) throw new Error("ledger entry vanished between insert and select");
  return { entry: existing, created: false };
}

export async function ledgerTotal(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | number>`coalesce(sum(${pointsLedger.amount}), 0)` })
    .from(pointsLedger)
    .where(eq(pointsLedger.userId, userId));
  return Number(row?.total ?? 0);
}

export async function latestLedgerEntries(db: Db, userId: string, limit: number): Promise<PointsEntry[]> {
  return db
    .select()
    .from(pointsLedger)
    .where(eq(pointsLedger.userId, userId))
    .orderBy(desc(pointsLedger.createdAt), desc(pointsLedger.id))
    .limit(limit);
}

/**
 * The user's local days ("YYYY-MM-DD", newest first) since `since` on which a ledger entry of one of
 * `kinds` was written. `timeZone` must already be a valid IANA name (see rewards/streak.ts).
 */
export async function activeDays(
  db: Db,
  args: { userId: string; kinds: readonly string[]; timeZone: string; since: Date },
): Promise<string[]> {
  const day = sql<string>`to_char(timezone(${args.timeZone}, ${pointsLedger.createdAt}), 'YYYY-MM-DD')`;
  const result = await db.execute(
    sql`select distinct ${day} as day from ${pointsLedger}
        where ${and(eq(pointsLedger.userId, args.userId), inArray(pointsLedger.kind, [...args.kinds]), gte(pointsLedger.createdAt, args.since))}
        order by day desc`,
  );
  return resultRows<{ day: string }>(result).map((r) => r.day);
}

export async function insertTaskProof(db: Db, row: typeof taskProofs.$inferInsert): Promise<TaskProof> {
  const [proof] = await db.insert(taskProofs).values(row).returning();
  if (!proof) throw new Error("insert returned no row");
  return proof;
}

export async function userTimeZone(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.timeZone ?? null;
}

/** Minutes actually spent in finished focus sessions on a task, or null when there were none. */
export async function focusedMinutes(db: Db, args: { userId: string; taskId: string }): Promise<number | null> {
  const [row] = await db
    .select({ minutes: sql<string | number | null>`sum(${focusSessions.actualMinutes})` })
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, args.userId), eq(focusSessions.taskId, args.taskId)));
  return row?.minutes == null ? null : Number(row.minutes);
}
