// Claiming actions to run, atomically: the embedded runner claims a batch of due actions (priority,
// then run-at; dependencies done; at most `perUserLimit` running per user), an Inngest run claims
// the one action its event names. Also the recovery of actions a crashed runner left `running`,
// and the sweep that cancels actions whose dependency failed.
import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { type Db, resultRows } from "../db/client";
import { type PlannedAction, plannedActions } from "../db/schema";
import { cascadeCancel, depsSucceeded, type ReadyRef, readyRefColumns } from "./deps";

export const DEFAULT_PER_USER_LIMIT = 2;
/** A lock older than this belongs to a runner that died (executors finish in seconds). */
export const DEFAULT_STALE_AFTER_MS = 5 * 60_000;
/** Serialises batch claims across processes, so two runners cannot both fill one user's slots. */
const CLAIM_LOCK = 7_202_612;

/**
 * The embedded database is one PGlite connection (statements never interleave). Checked on the client
 * drizzle wraps: PGlite is a server-external package, so there is one class whatever bundle asks.
 */
export function isSingleConnection(db: Db): boolean {
  return (db as { $client?: unknown }).$client instanceof PGlite;
}

export interface ClaimOptions {
  /** Written to locked_by; an outcome is stored only while the lock is still ours. */
  workerId: string;
  /** How many actions to claim at most (the runner's free slots). */
  limit: number;
  perUserLimit?: number;
  now: Date;
  /** Only this user's actions (planner.execute). */
  userId?: string;
}

function ts(date: Date) {
  return sql`${date.toISOString()}::timestamptz`;
}

/** Most-urgent-first order: priority (0 critical … 4 background), then run-at, then age. */
function byUrgency(a: PlannedAction, b: PlannedAction): number {
  return a.priority - b.priority || a.runAt.getTime() - b.runAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime();
}

/**
 * Claims up to `limit` due actions and marks them running (attempts + 1). Candidates are locked with
 * FOR UPDATE SKIP LOCKED, so rows another statement is changing are skipped rather than waited for;
 * users already at their limit are left out before the window is taken, so one user's backlog never
 * hides another user's work. May return fewer than are claimable (one user's rows filling the window):
 * callers claim again until nothing comes back.
 */
export async function claimDue(db: Db, opts: ClaimOptions): Promise<PlannedAction[]> {
  const perUser = opts.perUserLimit ?? DEFAULT_PER_USER_LIMIT;
  if (opts.limit <= 0) return [];
  const scan = Math.max(opts.limit * perUser * 4, 32);
  const onlyUser = opts.userId ? sql`and a.user_id = ${opts.userId}` : sql``;
  const chosen = sql`(
    select ranked.id from (
      with busy as (
        select user_id, count(*)::int as n from planned_actions where status = 'running' group by user_id
      ),
      candidates as (
        select a.id, a.user_id, a.priority, a.run_at
        from planned_actions a
        where a.status = 'ready'
          and a.run_at <= ${ts(opts.now)}
          ${onlyUser}
          and a.user_id <> all (array(select user_id from busy where n >= ${perUser}::int))
          and (cardinality(a.depends_on) = 0 or not exists (
            select 1 from planned_actions d where d.id = any(a.depends_on) and d.status <> 'succeeded'
          ))
        order by a.priority, a.run_at
        limit ${scan}::int
        for update of a skip locked
      )
      select c.id, c.priority, c.run_at,
        row_number() over (partition by c.user_id order by c.priority, c.run_at) + coalesce(b.n, 0) as slot
      from candidates c left join busy b on b.user_id = c.user_id
    ) ranked
    where ranked.slot <= ${perUser}::int
    order by ranked.priority, ranked.run_at
    limit ${opts.limit}::int
  )`;
  const claim = (conn: Db) =>
    conn
      .update(plannedActions)
      .set({
        status: "running",
        lockedBy: opts.workerId,
        lockedAt: opts.now,
        startedAt: opts.now,
        attempts: sql`${plannedActions.attempts} + 1`,
        updatedAt: opts.now,
      })
      .where(inArray(plannedActions.id, chosen))
      .returning();
  // PGlite is one connection: statements never interleave, and BEGIN/lock/COMMIT would triple the cost.
  const rows =
    isSingleConnection(db)
      ? await claim(db)
      : await db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
          return claim(tx);
        });
  return rows.sort(byUrgency);
}

export type ClaimByIdResult =
  | { claimed: PlannedAction }
  | { claimed: null; reason: "not_found" | "finished" | "running" | "waiting" | "blocked"; status?: PlannedAction["status"] }
  | { claimed: null; reason: "not_due"; runAt: Date };

/**
 * Claims one named action if it may run now (Inngest: one run per action; its concurrency key
 * enforces the per-user limit). Otherwise says why not, so the function can wait or stop.
 */
export async function claimById(db: Db, args: { id: string; userId: string; workerId: string; now: Date }): Promise<ClaimByIdResult> {
  const [row] = await db
    .update(plannedActions)
    .set({
      status: "running",
      lockedBy: args.workerId,
      lockedAt: args.now,
      startedAt: args.now,
      attempts: sql`${plannedActions.attempts} + 1`,
      updatedAt: args.now,
    })
    .where(
      and(
        eq(plannedActions.id, args.id),
        eq(plannedActions.userId, args.userId),
        inArray(plannedActions.status, ["ready", "pending"]),
        lte(plannedActions.runAt, args.now),
        depsSucceeded,
      ),
    )
    .returning();
  if (row) return { claimed: row };
  const [current] = await db
    .select({ status: plannedActions.status, runAt: plannedActions.runAt, dependsOn: plannedActions.dependsOn })
    .from(plannedActions)
    .where(and(eq(plannedActions.id, args.id), eq(plannedActions.userId, args.userId)))
    .limit(1);
  if (!current) return { claimed: null, reason: "not_found" };
  if (current.status === "running") return { claimed: null, reason: "running", status: current.status };
  if (current.status !== "ready" && current.status !== "pending") return { claimed: null, reason: "finished", status: current.status };
  if (current.runAt > args.now) return { claimed: null, reason: "not_due", runAt: current.runAt };
  const deps = current.dependsOn.length
    ? await db
        .select({ status: plannedActions.status })
        .from(plannedActions)
        .where(and(eq(plannedActions.userId, args.userId), inArray(plannedActions.id, current.dependsOn)))
    : [];
  const blocked = deps.some((d) => d.status === "failed" || d.status === "cancelled");
  return { claimed: null, reason: blocked ? "blocked" : "waiting", status: current.status };
}

/**
 * PGlite runs no autovacuum: every status change leaves dead index entries, and the table never gets
 * statistics, so the claim would scan and sort the whole backlog. The embedded runner calls this every
 * few hundred actions (and at start-up); on Postgres, autovacuum does it and this does nothing.
 */
export async function tidyActionsTable(db: Db): Promise<boolean> {
  if (!isSingleConnection(db)) return false;
  await db.execute(sql`vacuum (analyze) planned_actions`);
  return true;
}

export const STALE_ERROR = "The runner stopped while running this (a crash or a restart).";

/**
 * Actions left `running` by a runner that died (lock older than `staleAfterMs`) run again — or fail
 * if that was their last attempt (the lost attempt counts). Returns the ready ones for dispatch.
 */
export async function recoverStale(
  db: Db,
  args: { now: Date; staleAfterMs?: number },
): Promise<{ ready: ReadyRef[]; failed: string[] }> {
  const cutoff = new Date(args.now.getTime() - (args.staleAfterMs ?? DEFAULT_STALE_AFTER_MS));
  const giveUp = sql`${plannedActions.attempts} >= ${plannedActions.maxAttempts}`;
  const rows = await db
    .update(plannedActions)
    .set({
      status: sql`case when ${giveUp} then 'failed'::action_status else 'ready'::action_status end`,
      error: STALE_ERROR,
      runAt: args.now,
      finishedAt: sql`case when ${giveUp} then ${ts(args.now)} else null end`,
      lockedBy: null,
      lockedAt: null,
      updatedAt: args.now,
    })
    .where(and(eq(plannedActions.status, "running"), sql`${plannedActions.lockedAt} < ${ts(cutoff)}`))
    .returning({ ...readyRefColumns, executor: plannedActions.executor });
  const failed = rows.filter((r) => r.status === "failed");
  for (const f of failed) {
    await cascadeCancel(db, { userId: f.userId, id: f.id, executor: f.executor, outcome: "failed", now: args.now });
  }
  return { ready: rows.filter((r) => r.status === "ready"), failed: failed.map((f) => f.id) };
}

/**
 * Safety net for races (an action planned on a dependency that failed while the plan was being
 * written): cancels waiting actions whose dependency failed or was cancelled. Returns how many.
 */
export async function sweepBlocked(db: Db, now: Date, limit = 500): Promise<number> {
  const blockers = await db.execute(sql`
    select distinct d.id, d.user_id, d.executor, d.status
    from planned_actions a
    join planned_actions d on d.id = any(a.depends_on)
    where a.status in ('pending', 'ready') and cardinality(a.depends_on) > 0 and d.status in ('failed', 'cancelled')
    limit ${limit}::int`);
  let cancelled = 0;
  for (const b of resultRows<{ id: string; user_id: string; executor: string; status: string }>(blockers)) {
    const ids = await cascadeCancel(db, {
      userId: b.user_id,
      id: b.id,
      executor: b.executor,
      outcome: b.status === "failed" ? "failed" : "cancelled",
      now,
    });
    cancelled += ids.length;
  }
  return cancelled;
}

/**
 * Safety net for the other race (a dependency succeeded while its dependent was being planned, so the
 * success could not promote it): waiting actions whose dependencies have all succeeded become ready.
 */
export async function promoteSatisfied(db: Db, now: Date): Promise<ReadyRef[]> {
  return db
    .update(plannedActions)
    .set({ status: "ready", updatedAt: now })
    .where(and(eq(plannedActions.status, "pending"), depsSucceeded))
    .returning(readyRefColumns);
}

/** Due actions nobody has claimed for `graceMs` — their event was lost (Inngest sweeper). */
export async function findOverdue(db: Db, args: { now: Date; graceMs: number; limit: number }): Promise<ReadyRef[]> {
  return db
    .select(readyRefColumns)
    .from(plannedActions)
    .where(
      and(
        inArray(plannedActions.status, ["ready", "pending"]),
        lte(plannedActions.runAt, new Date(args.now.getTime() - args.graceMs)),
        depsSucceeded,
      ),
    )
    .orderBy(plannedActions.priority, plannedActions.runAt)
    .limit(args.limit);
}
