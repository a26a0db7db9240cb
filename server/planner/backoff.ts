// Retries: exponential backoff with jitter, and what a failed attempt does to the action — back to
// ready at now + backoff, or failed for good after maxAttempts (its dependents are then cancelled).
// The clock and the random source are passed in, so tests can check the timings exactly.
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { type PlannedAction, plannedActions } from "../db/schema";
import { cascadeCancel } from "./deps";

export interface BackoffPolicy {
  /** The first retry waits between baseMs/2 and baseMs; each further one doubles. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 30 * 60_000 };

/**
 * The wait after the `attempt`-th failed attempt (1-based): "equal jitter" — half of the exponential
 * step for sure plus a random share of the other half, so retries spread out but never come early.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (r * step) / 2);
}

/** The claim a runner holds: an outcome is stored only while the lock is still this one. */
export type Claim = Pick<PlannedAction, "id" | "userId" | "executor" | "attempts" | "maxAttempts" | "lockedBy">;

export function fence(claim: Claim) {
  return and(
    eq(plannedActions.id, claim.id),
    eq(plannedActions.userId, claim.userId),
    eq(plannedActions.status, "running"),
    eq(plannedActions.attempts, claim.attempts),
    claim.lockedBy === null ? undefined : eq(plannedActions.lockedBy, claim.lockedBy),
  );
}

export type FailureResult =
  | { status: "ready"; runAt: Date; delayMs: number }
  | { status: "failed"; cancelled: string[] }
  /** The lock was lost (recovered as stale and claimed again): this outcome is dropped. */
  | { status: "stale" };

export const MAX_ERROR_LENGTH = 1000;

/** Stores a failed attempt: retry later with backoff, or give up (permanent errors give up at once). */
export async function recordFailure(
  db: Db,
  claim: Claim,
  error: string,
  opts: { now: Date; permanent?: boolean; random?: () => number; policy?: BackoffPolicy },
): Promise<FailureResult> {
  const message = error.slice(0, MAX_ERROR_LENGTH) || "Failed without a message";
  const giveUp = opts.permanent === true || claim.attempts >= claim.maxAttempts;
  if (!giveUp) {
    const delayMs = backoffDelayMs(claim.attempts, opts.random, opts.policy);
    const runAt = new Date(opts.now.getTime() + delayMs);
    const rows = await db
      .update(plannedActions)
      .set({ status: "ready", error: message, runAt, lockedBy: null, lockedAt: null, updatedAt: opts.now })
      .where(fence(claim))
      .returning({ id: plannedActions.id });
    return rows.length ? { status: "ready", runAt, delayMs } : { status: "stale" };
  }
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(plannedActions)
      .set({ status: "failed", error: message, finishedAt: opts.now, lockedBy: null, lockedAt: null, updatedAt: opts.now })
      .where(fence(claim))
      .returning({ id: plannedActions.id });
    if (!rows.length) return { status: "stale" } as const;
    const cancelled = await cascadeCancel(tx, {
      userId: claim.userId,
      id: claim.id,
      executor: claim.executor,
      outcome: "failed",
      now: opts.now,
    });
    return { status: "failed", cancelled } as const;
  });
}
