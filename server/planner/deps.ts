// Dependencies between planned actions: what becomes ready when an action succeeds, what is
// cancelled (transitively) when one fails or is cancelled, and what comes back when it is retried.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type PlannedAction, plannedActions } from "../db/schema";

/** What the dispatcher needs to know about an action that may now run. */
export type ReadyRef = Pick<PlannedAction, "id" | "userId" | "priority" | "runAt" | "attempts" | "status">;

export const readyRefColumns = {
  id: plannedActions.id,
  userId: plannedActions.userId,
  priority: plannedActions.priority,
  runAt: plannedActions.runAt,
  attempts: plannedActions.attempts,
  status: plannedActions.status,
};

/** Every one of the row's dependencies has succeeded (true for a row without any). */
export const depsSucceeded = sql`not exists (
  select 1 from ${plannedActions} as d
  where d.id = any(${plannedActions.dependsOn}) and d.status <> 'succeeded'
)`;

/**
 * After `id` failed or was cancelled: every pending/ready action that (directly or through others)
 * needs it is cancelled, with a reason naming what it waited for. `result.cancelledBecause` records
 * the blocker so a retry of it can bring these back. Returns the ids cancelled.
 */
export async function cascadeCancel(
  db: Db,
  args: { userId: string; id: string; executor: string; outcome: "failed" | "cancelled"; now: Date },
): Promise<string[]> {
  const cancelled: string[] = [];
  let frontier = [{ id: args.id, executor: args.executor, outcome: args.outcome as string }];
  // Bounded: every round cancels rows that were pending/ready, so it ends after the longest chain.
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const blocker of frontier) {
      const rows = await db
        .update(plannedActions)
        .set({
          status: "cancelled",
          error: `Cancelled: it needed "${blocker.executor}", which ${blocker.outcome === "failed" ? "failed" : "was cancelled"}.`,
          result: { cancelledBecause: blocker.id },
          finishedAt: args.now,
          lockedBy: null,
          lockedAt: null,
          updatedAt: args.now,
        })
        .where(
          and(
            eq(plannedActions.userId, args.userId),
            inArray(plannedActions.status, ["pending", "ready"]),
            sql`${blocker.id}::uuid = any(${plannedActions.dependsOn})`,
          ),
        )
        .returning({ id: plannedActions.id, executor: plannedActions.executor });
      for (const row of rows) {
        cancelled.push(row.id);
        next.push({ id: row.id, executor: row.executor, outcome: "cancelled" });
      }
    }
    frontier = next;
  }
  return cancelled;
}

/**
 * After `id` is retried: the actions cascadeCancel cancelled because of it (and, transitively, their
 * own dependents) wait again — pending, with fresh attempts. Returns them.
 */
export async function reviveDependents(db: Db, args: { userId: string; id: string; now: Date }): Promise<ReadyRef[]> {
  const revived: ReadyRef[] = [];
  let frontier = [args.id];
  while (frontier.length) {
    const rows = await db
      .update(plannedActions)
      .set({ status: "pending", error: null, result: null, attempts: 0, finishedAt: null, runAt: args.now, updatedAt: args.now })
      .where(
        and(
          eq(plannedActions.userId, args.userId),
          eq(plannedActions.status, "cancelled"),
          inArray(sql`${plannedActions.result}->>'cancelledBecause'`, frontier),
        ),
      )
      .returning(readyRefColumns);
    revived.push(...rows);
    frontier = rows.map((r) => r.id);
  }
  return revived;
}
