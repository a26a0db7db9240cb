// Rewards queries: the append-only points ledger (insert exactly once per idempotency key, balance
// and earned totals, latest entries, days with a completion), task proofs, the store, mystery draws,
// the pet (also the per-user lock spending takes), achievements, vacations, the rollover's streak
// days, and the facts about a user and a task the rewards need (time zone, focused minutes).
// Every query filters by the owner's user id (the rollover's candidate scan reads every user).
import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { resultRows } from "../client";
import {
  type Achievement,
  achievements,
  focusSessions,
  type MysteryDraw,
  mysteryDraws,
  type NewPointsEntry,
  type Pet,
  pets,
  type PointsEntry,
  pointsLedger,
  type StoreItem,
  storeItems,
  type StreakDay,
  streakDays,
  type TaskProof,
  taskProofs,
  users,
  type Vacation,
  vacations,
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

// ——— Balances, counts and activity for levels, streaks and achievements ———

/** Balance (the whole ledger's sum: what can be spent) and earned (positive rows only: what levels count). */
export async function ledgerTotals(db: Db, userId: string): Promise<{ balance: number; earned: number }> {
  const [row] = await db
    .select({
      balance: sql<string | number>`coalesce(sum(${pointsLedger.amount}), 0)`,
      earned: sql<string | number>`coalesce(sum(${pointsLedger.amount}) filter (where ${pointsLedger.amount} > 0), 0)`,
    })
    .from(pointsLedger)
    .where(eq(pointsLedger.userId, userId));
  return { balance: Number(row?.balance ?? 0), earned: Number(row?.earned ?? 0) };
}

export async function earnedTotal(db: Db, userId: string): Promise<number> {
  return (await ledgerTotals(db, userId)).earned;
}

/** How many ledger rows of each kind the user has. */
export async function ledgerKindCounts(db: Db, userId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ kind: pointsLedger.kind, n: sql<string | number>`count(*)` })
    .from(pointsLedger)
    .where(eq(pointsLedger.userId, userId))
    .groupBy(pointsLedger.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/**
 * Minutes of completed focus, from the ledger's focus.minutes rows: `data.minutes` when the award
 * recorded it, else its units (one unit = 5 minutes, see rewards/points.ts).
 */
export async function focusMinutesTotal(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({
      minutes: sql<string | number>`coalesce(sum(coalesce((${pointsLedger.data}->>'minutes')::numeric, (${pointsLedger.data}->>'units')::numeric * 5, 0)), 0)`,
    })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, userId), eq(pointsLedger.kind, "focus.minutes")));
  return Math.round(Number(row?.minutes ?? 0));
}

/** Rows of `kinds` written before `hour` o'clock on the user's wall clock (the early-bird badge). */
export async function countEarlyEntries(db: Db, args: { userId: string; kinds: readonly string[]; timeZone: string; hour: number }): Promise<number> {
  const [row] = await db
    .select({ n: sql<string | number>`count(*)` })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.userId, args.userId),
        inArray(pointsLedger.kind, [...args.kinds]),
        sql`extract(hour from timezone(${args.timeZone}, ${pointsLedger.createdAt})) < ${args.hour}`,
      ),
    );
  return Number(row?.n ?? 0);
}

/** Local days on which the user got ledger rows of `kinds`, with how many on each (oldest first). */
export async function ledgerDayCounts(db: Db, args: { userId: string; kinds: readonly string[]; timeZone: string }): Promise<{ day: string; n: number }[]> {
  const day = sql<string>`to_char(timezone(${args.timeZone}, ${pointsLedger.createdAt}), 'YYYY-MM-DD')`;
  const result = await db.execute(
    sql`select ${day} as day, count(*) as n from ${pointsLedger}
        where ${and(eq(pointsLedger.userId, args.userId), inArray(pointsLedger.kind, [...args.kinds]))}
        group by 1 order by 1`,
  );
  return resultRows<{ day: string; n: string | number }>(result).map((r) => ({ day: r.day, n: Number(r.n) }));
}

/** The instant of the user's latest row of `kinds`, or null. */
export async function lastEntryAt(db: Db, args: { userId: string; kinds: readonly string[] }): Promise<Date | null> {
  const [row] = await db
    .select({ at: pointsLedger.createdAt })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, args.userId), inArray(pointsLedger.kind, [...args.kinds])))
    .orderBy(desc(pointsLedger.createdAt))
    .limit(1);
  return row?.at ?? null;
}

export async function findLedgerEntry(db: Db, args: { userId: string; idempotencyKey: string }): Promise<PointsEntry | undefined> {
  const [row] = await db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, args.userId), eq(pointsLedger.idempotencyKey, args.idempotencyKey)))
    .limit(1);
  return row;
}

export async function ledgerEntriesOfKind(db: Db, args: { userId: string; kind: string; limit: number }): Promise<PointsEntry[]> {
  return db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, args.userId), eq(pointsLedger.kind, args.kind)))
    .orderBy(desc(pointsLedger.createdAt), desc(pointsLedger.id))
    .limit(args.limit);
}

// ——— The per-user rewards lock (spending is checked and written under it) and the pet ———

/**
 * Makes sure the user's pet row exists and locks it for the rest of the transaction. Every spend
 * (store, mystery box) and every care takes this lock first, so balance checks never race.
 */
export async function lockRewards(tx: Db, userId: string): Promise<Pet> {
  await tx.insert(pets).values({ userId }).onConflictDoNothing({ target: pets.userId });
  const [pet] = await tx.select().from(pets).where(eq(pets.userId, userId)).for("update");
  if (!pet) throw new Error("pet row vanished under its lock");
  return pet;
}

export async function findPet(db: Db, userId: string): Promise<Pet | undefined> {
  const [pet] = await db.select().from(pets).where(eq(pets.userId, userId)).limit(1);
  return pet;
}

export async function ensurePet(db: Db, userId: string): Promise<Pet> {
  const found = await findPet(db, userId);
  if (found) return found;
  await db.insert(pets).values({ userId }).onConflictDoNothing({ target: pets.userId });
  const pet = await findPet(db, userId);
  if (!pet) throw new Error("pet row vanished after insert");
  return pet;
}

export async function updatePet(db: Db, userId: string, patch: { name?: string; growthDelta?: number; lastCaredAt?: Date }): Promise<Pet> {
  const [pet] = await db
    .update(pets)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.growthDelta ? { growth: sql`${pets.growth} + ${patch.growthDelta}` } : {}),
      ...(patch.lastCaredAt ? { lastCaredAt: patch.lastCaredAt } : {}),
      updatedAt: new Date(),
    })
    .where(eq(pets.userId, userId))
    .returning();
  if (!pet) throw new Error("pet not found for update");
  return pet;
}

// ——— Store items ———

export async function listStoreItems(db: Db, args: { userId: string; includeArchived: boolean }): Promise<StoreItem[]> {
  return db
    .select()
    .from(storeItems)
    .where(and(eq(storeItems.userId, args.userId), args.includeArchived ? undefined : isNull(storeItems.archivedAt)))
    .orderBy(asc(storeItems.cost), asc(storeItems.createdAt));
}

export async function findStoreItem(db: Db, args: { userId: string; id: string }): Promise<StoreItem | undefined> {
  const [item] = await db
    .select()
    .from(storeItems)
    .where(and(eq(storeItems.userId, args.userId), eq(storeItems.id, args.id)))
    .limit(1);
  return item;
}

export async function insertStoreItem(db: Db, row: { userId: string; title: string; cost: number; note: string | null }): Promise<StoreItem> {
  const [item] = await db.insert(storeItems).values(row).returning();
  if (!item) throw new Error("insert returned no row");
  return item;
}

export async function updateStoreItem(
  db: Db,
  args: { userId: string; id: string; patch: { title?: string; cost?: number; note?: string | null; archivedAt?: Date | null } },
): Promise<StoreItem | undefined> {
  const [item] = await db
    .update(storeItems)
    .set(args.patch)
    .where(and(eq(storeItems.userId, args.userId), eq(storeItems.id, args.id)))
    .returning();
  return item;
}

// ——— Mystery draws ———

export async function insertMysteryDraw(db: Db, row: typeof mysteryDraws.$inferInsert): Promise<MysteryDraw> {
  const [draw] = await db.insert(mysteryDraws).values(row).returning();
  if (!draw) throw new Error("insert returned no row");
  return draw;
}

export async function findMysteryDraw(db: Db, args: { userId: string; id: string }): Promise<MysteryDraw | undefined> {
  const [draw] = await db
    .select()
    .from(mysteryDraws)
    .where(and(eq(mysteryDraws.userId, args.userId), eq(mysteryDraws.id, args.id)))
    .limit(1);
  return draw;
}

export async function listMysteryDraws(db: Db, args: { userId: string; limit: number }): Promise<MysteryDraw[]> {
  return db
    .select()
    .from(mysteryDraws)
    .where(eq(mysteryDraws.userId, args.userId))
    .orderBy(desc(mysteryDraws.createdAt), desc(mysteryDraws.id))
    .limit(args.limit);
}

/** Draws at a given cost since an instant (the free box: cost 0 once a local day). */
export async function countMysteryDraws(db: Db, args: { userId: string; cost: number; since: Date }): Promise<number> {
  const [row] = await db
    .select({ n: sql<string | number>`count(*)` })
    .from(mysteryDraws)
    .where(and(eq(mysteryDraws.userId, args.userId), eq(mysteryDraws.cost, args.cost), gte(mysteryDraws.createdAt, args.since)));
  return Number(row?.n ?? 0);
}

// ——— Achievements ———

export async function listAchievements(db: Db, userId: string): Promise<Achievement[]> {
  return db.select().from(achievements).where(eq(achievements.userId, userId)).orderBy(asc(achievements.unlockedAt));
}

/** Inserts the unlock once; true only for the call that wrote it. */
export async function insertAchievementOnce(db: Db, row: { userId: string; key: string; unlockedAt: Date }): Promise<boolean> {
  const inserted = await db.insert(achievements).values(row).onConflictDoNothing().returning({ key: achievements.key });
  return inserted.length > 0;
}

// ——— Vacations and streak days ———

export async function listVacations(db: Db, userId: string): Promise<Vacation[]> {
  return db.select().from(vacations).where(eq(vacations.userId, userId)).orderBy(desc(vacations.startDay), desc(vacations.createdAt));
}

export async function findVacation(db: Db, args: { userId: string; id: string }): Promise<Vacation | undefined> {
  const [row] = await db
    .select()
    .from(vacations)
    .where(and(eq(vacations.userId, args.userId), eq(vacations.id, args.id)))
    .limit(1);
  return row;
}

export async function insertVacation(db: Db, row: { userId: string; startDay: string; endDay: string }): Promise<Vacation> {
  const [vacation] = await db.insert(vacations).values(row).returning();
  if (!vacation) throw new Error("insert returned no row");
  return vacation;
}

export async function setVacationEnd(db: Db, args: { userId: string; id: string; endDay: string }): Promise<Vacation | undefined> {
  const [row] = await db
    .update(vacations)
    .set({ endDay: args.endDay })
    .where(and(eq(vacations.userId, args.userId), eq(vacations.id, args.id)))
    .returning();
  return row;
}

export async function deleteVacation(db: Db, args: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .delete(vacations)
    .where(and(eq(vacations.userId, args.userId), eq(vacations.id, args.id)))
    .returning({ id: vacations.id });
  return rows.length > 0;
}

export async function listStreakDays(db: Db, userId: string): Promise<StreakDay[]> {
  return db.select().from(streakDays).where(eq(streakDays.userId, userId)).orderBy(asc(streakDays.day));
}

/** Writes each day once (the primary key decides); returns how many rows this call wrote. */
export async function insertStreakDays(db: Db, rows: { userId: string; day: string; status: StreakDay["status"] }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(streakDays).values(rows).onConflictDoNothing().returning({ day: streakDays.day });
  return inserted.length;
}

export interface RolloverCandidate {
  userId: string;
  timeZone: string;
  /** The latest day the rollover already wrote, or null. */
  lastDay: string | null;
  /** The user's first activity (any of `kinds`), or null when they never did anything. */
  firstActivityAt: Date | null;
}

/** A page of users (by id, after `after`) with what the rollover needs to tell whether days are pending. */
export async function rolloverCandidates(db: Db, args: { after: string; limit: number; kinds: readonly string[] }): Promise<RolloverCandidate[]> {
  // Correlated subqueries name the outer table explicitly (drizzle renders bare column names).
  const kinds = sql.join(
    args.kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const lastDay = sql<string | null>`(select max(sd.day) from streak_days sd where sd.user_id = "users"."id")`;
  const firstAt = sql<Date | string | null>`(select min(pl.created_at) from points_ledger pl where pl.user_id = "users"."id" and pl.kind in (${kinds}))`;
  const rows = await db
    .select({ userId: users.id, timeZone: users.timeZone, lastDay, firstAt })
    .from(users)
    .where(args.after ? gt(users.id, args.after) : undefined)
    .orderBy(asc(users.id))
    .limit(args.limit);
  return rows.map((r) => ({
    userId: r.userId,
    timeZone: r.timeZone,
    lastDay: r.lastDay,
    firstActivityAt: r.firstAt == null ? null : new Date(r.firstAt),
  }));
}
