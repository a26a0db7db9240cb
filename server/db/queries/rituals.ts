// Morning-ritual queries: one row per user and local day (upserted through the unique index), and
// the open top-level tasks a top three may name. Every query filters by the owner's user id.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { type MorningRitual, morningRituals, type Task, tasks } from "../schema";

export async function findRitual(db: Db, args: { userId: string; day: string }): Promise<MorningRitual | undefined> {
  const [row] = await db
    .select()
    .from(morningRituals)
    .where(and(eq(morningRituals.userId, args.userId), eq(morningRituals.day, args.day)))
    .limit(1);
  return row;
}

/** Saves the day's ritual; a second save the same day replaces the first. */
export async function upsertRitual(
  db: Db,
  args: { userId: string; day: string; intention: string | null; energy: number | null; topTaskIds: string[]; at: Date },
): Promise<MorningRitual> {
  const fields = { intention: args.intention, energy: args.energy, topTaskIds: args.topTaskIds, updatedAt: args.at };
  const [row] = await db
    .insert(morningRituals)
    .values({ userId: args.userId, day: args.day, ...fields, createdAt: args.at })
    .onConflictDoUpdate({ target: [morningRituals.userId, morningRituals.day], set: fields })
    .returning();
  if (!row) throw new Error("upsert returned no row");
  return row;
}

/** These of the user's tasks (any status, any depth), for checking a top three. */
export async function findTasksByIds(db: Db, args: { userId: string; ids: string[] }): Promise<Task[]> {
  if (args.ids.length === 0) return [];
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), inArray(tasks.id, args.ids)));
}
