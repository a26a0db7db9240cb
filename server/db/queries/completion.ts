// Completing a task exactly once: the one conditional UPDATE that flips it to done. Under concurrent
// calls only one sees a row come back (Postgres re-checks `status <> 'done'` after the row lock; PGlite
// runs one statement at a time), so "this call completed it" is a fact, not a guess.
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../client";
import { type Task, tasks } from "../schema";

/** Marks the user's task done if it isn't yet; returns the task when this call did it, else undefined. */
export async function markTaskDone(db: Db, args: { userId: string; id: string; at: Date }): Promise<Task | undefined> {
  const [row] = await db
    .update(tasks)
    .set({ status: "done", completedAt: args.at })
    .where(and(eq(tasks.userId, args.userId), eq(tasks.id, args.id), ne(tasks.status, "done")))
    .returning();
  return row;
}
