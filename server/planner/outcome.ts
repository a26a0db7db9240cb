// Running one claimed action and storing what happened — the part both runners share: the embedded
// runner calls these in-process, the Inngest function calls them as its "execute" and "store" steps.
import "server-only";
import { ZodError } from "zod";
import { sql } from "drizzle-orm";
import { type Db, resultRows } from "../db/client";
import type { PlannedAction } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { type BackoffPolicy, type Claim, type FailureResult, recordFailure } from "./backoff";
import type { ReadyRef } from "./deps";
import { getExecutor, PermanentActionError } from "./executors";

export type Outcome = { ok: true; result: unknown } | { ok: false; error: string; permanent: boolean };

function describe(error: unknown): string {
  if (error instanceof ZodError) {
    return `Bad payload: ${error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ")}`;
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Errors that another attempt cannot fix. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof PermanentActionError ||
    error instanceof NotFoundError ||
    error instanceof InvalidInputError ||
    error instanceof ZodError
  );
}

/** A JSON value (what jsonb and Inngest's step state can hold). */
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** Runs the action's executor. Never throws: every failure comes back as an outcome to store. */
export async function executeAction(db: Db, action: PlannedAction, now: Date): Promise<Outcome> {
  const executor = getExecutor(action.executor);
  if (!executor) {
    return { ok: false, error: `No executor named "${action.executor}" is registered, so this action cannot run.`, permanent: true };
  }
  try {
    const payload = executor.payload ? executor.payload.parse(action.payload) : action.payload;
    const result = await executor.run({ db, userId: action.userId, action, now }, payload);
    return { ok: true, result: toJson(result) };
  } catch (error) {
    return { ok: false, error: describe(error), permanent: isPermanent(error) };
  }
}

export type StoredOutcome =
  | { status: "succeeded"; ready: ReadyRef[] }
  | FailureResult;

/**
 * Success: the result is kept and dependents whose dependencies are all done become ready — in one
 * statement (one round trip; on PGlite every statement costs about a millisecond of CPU). Within that
 * statement the promote step still sees this action as running, hence `d.id <> id` below.
 */
export async function recordSuccess(db: Db, claim: Claim, result: unknown, now: Date): Promise<StoredOutcome> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const json = result === null || result === undefined ? null : JSON.stringify(result);
  const lockedBy = claim.lockedBy === null ? sql`locked_by is null` : sql`locked_by = ${claim.lockedBy}`;
  const rows = resultRows<{ kind: "done" | "ready"; id: string; user_id: string; priority: number; run_at: Date | string; attempts: number }>(
    await db.execute(sql`
      with done as (
        update planned_actions
        set status = 'succeeded', result = ${json}::jsonb, error = null, finished_at = ${at},
            locked_by = null, locked_at = null, updated_at = ${at}
        where id = ${claim.id}::uuid and user_id = ${claim.userId} and status = 'running'
          and attempts = ${claim.attempts}::int and ${lockedBy}
        returning id
      ),
      promoted as (
        update planned_actions p
        set status = 'ready', updated_at = ${at}
        where exists (select 1 from done)
          and p.user_id = ${claim.userId} and p.status = 'pending' and ${claim.id}::uuid = any(p.depends_on)
          and not exists (
            select 1 from planned_actions d
            where d.id = any(p.depends_on) and d.id <> ${claim.id}::uuid and d.status <> 'succeeded'
          )
        returning p.id, p.user_id, p.priority, p.run_at, p.attempts
      )
      select 'done' as kind, id, null as user_id, null::int as priority, null::timestamptz as run_at, null::int as attempts from done
      union all
      select 'ready', id, user_id, priority, run_at, attempts from promoted`),
  );
  if (!rows.some((r) => r.kind === "done")) return { status: "stale" };
  const ready: ReadyRef[] = rows
    .filter((r) => r.kind === "ready")
    .map((r) => ({ id: r.id, userId: r.user_id, priority: Number(r.priority), runAt: new Date(r.run_at), attempts: Number(r.attempts), status: "ready" }));
  return { status: "succeeded", ready };
}

export async function storeOutcome(
  db: Db,
  claim: Claim,
  outcome: Outcome,
  opts: { now: Date; random?: () => number; policy?: BackoffPolicy },
): Promise<StoredOutcome> {
  if (outcome.ok) return recordSuccess(db, claim, outcome.result, opts.now);
  return recordFailure(db, claim, outcome.error, { ...opts, permanent: outcome.permanent });
}
