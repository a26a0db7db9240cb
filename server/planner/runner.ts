// The embedded runner: when Inngest is not configured, this loop (started with the server) claims due
// actions and executes them in-process with bounded parallelism — priority first, dependencies
// honoured, at most N running per user, backoff on failure. It wakes at once when actions are
// planned in this process, polls for the rest (backoff, run-at, other processes), recovers actions a
// crash left running, and runs the cron stand-ins on timers. State lives in the database, so a
// restart loses nothing. Also `executeNow`: the same claim-and-execute for one user, inline.
import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type PlannedAction, plannedActions } from "../db/schema";
import { log } from "../log";
import type { BackoffPolicy } from "./backoff";
import {
  claimDue,
  DEFAULT_PER_USER_LIMIT,
  DEFAULT_STALE_AFTER_MS,
  isSingleConnection,
  promoteSatisfied,
  recoverStale,
  sweepBlocked,
  tidyActionsTable,
} from "./claim";
import { onActionsReady } from "./dispatch";
import { executeAction, type StoredOutcome, storeOutcome } from "./outcome";

/** Stored outcomes between two tidy-ups of the table on PGlite (see tidyActionsTable). */
const TIDY_EVERY = 500;

export interface RunnerTimer {
  name: string;
  everyMs: number;
  run: (db: Db, now: Date) => Promise<unknown>;
}

export interface RunnerOptions {
  getDb: () => Promise<Db>;
  workerId?: string;
  /** Actions executing at once in this process. */
  concurrency?: number;
  perUserLimit?: number;
  /** How often to look for actions that became due without a wake-up (backoff, run-at). */
  pollMs?: number;
  /** How often to recover stale locks and cancel actions whose dependency failed. */
  maintenanceMs?: number;
  staleAfterMs?: number;
  clock?: () => Date;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Cron stand-ins (daily plan, memory cleanup, …); unref'd like every timer here. */
  timers?: RunnerTimer[];
  /**
   * The process's own runner at start-up: on PGlite (one process owns the data folder) whatever is
   * `running` was left by the previous process, so it is recovered at once instead of after
   * staleAfterMs. Ignored on Postgres, where other processes may be running those actions.
   */
  orphansAtStart?: boolean;
  /** Called after each stored outcome (tests and the bench watch progress through it). */
  onOutcome?: (action: PlannedAction, outcome: StoredOutcome) => void;
}

export interface Runner {
  readonly workerId: string;
  /** Claim now instead of at the next poll. */
  wake(): void;
  /** Resolves once nothing is executing and nothing due is claimable (tests, the bench). */
  drain(): Promise<void>;
  /** Recovers stale locks and sweeps blocked actions now (also runs on its own timer). */
  maintain(): Promise<void>;
  /** Stops claiming and waits for the actions already running to be stored. */
  stop(): Promise<void>;
}

export function newWorkerId(prefix = "embedded"): string {
  return `${prefix}:${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export function startRunner(opts: RunnerOptions): Runner {
  const workerId = opts.workerId ?? newWorkerId();
  const concurrency = opts.concurrency ?? 4;
  const perUserLimit = opts.perUserLimit ?? DEFAULT_PER_USER_LIMIT;
  const clock = opts.clock ?? (() => new Date());
  const inflight = new Set<Promise<void>>();
  let stopped = false;
  let filling: Promise<void> | null = null;
  let again = false;
  let wakeQueued = false;

  let storedSinceTidy = 0;
  const execute = (db: Db, action: PlannedAction) => {
    const run = (async () => {
      const outcome = await executeAction(db, action, clock());
      const stored = await storeOutcome(db, action, outcome, { now: clock(), random: opts.random, policy: opts.backoff });
      if (++storedSinceTidy >= TIDY_EVERY) {
        storedSinceTidy = 0;
        await tidyActionsTable(db);
      }
      if (stored.status === "stale") log.warn("an action's lock was lost while it ran; its outcome was dropped", { id: action.id });
      opts.onOutcome?.(action, stored);
    })()
      .catch((error: unknown) => log.error("could not store an action's outcome; it will be recovered", { id: action.id, error }))
      .finally(() => {
        inflight.delete(run);
        wake();
      });
    inflight.add(run);
  };

  /** Claims until every slot is busy or nothing more is claimable. */
  const fillLoop = async () => {
    do {
      again = false;
      const free = concurrency - inflight.size;
      if (stopped || free <= 0) break;
      const db = await opts.getDb();
      const claimed = await claimDue(db, { workerId, limit: free, perUserLimit, now: clock() });
      for (const action of claimed) execute(db, action);
      // Fewer than free may come back while more are claimable (see claimDue): look again.
      if (claimed.length > 0) again = true;
    } while (again);
  };

  /** Concurrent callers share one pass (and make it look again once more). */
  const fill = (): Promise<void> => {
    if (filling) {
      again = true;
      return filling;
    }
    // Reset in a later microtask: a pass that ends without awaiting must not leave `filling` set.
    const pass: Promise<void> = fillLoop()
      .catch((error: unknown) => log.error("the planner runner could not claim actions; retrying at the next poll", { error }))
      .finally(() => {
        if (filling === pass) filling = null;
      });
    filling = pass;
    return pass;
  };

  function wake() {
    if (stopped || wakeQueued) return;
    wakeQueued = true;
    setImmediate(() => {
      wakeQueued = false;
      void fill();
    });
  }

  let firstMaintenance = true;
  const maintain = async () => {
    const db = await opts.getDb();
    const now = clock();
    const orphans = firstMaintenance && opts.orphansAtStart === true && isSingleConnection(db);
    firstMaintenance = false;
    const recovered = await recoverStale(db, { now, staleAfterMs: orphans ? 0 : (opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS) });
    if (recovered.ready.length || recovered.failed.length) {
      log.warn("recovered actions a stopped runner left running", { ready: recovered.ready.length, failed: recovered.failed.length });
    }
    await sweepBlocked(db, now);
    await promoteSatisfied(db, now);
    await tidyActionsTable(db);
    wake();
  };

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, fn: () => unknown) => {
    const t = setInterval(fn, ms);
    t.unref();
    timers.push(t);
  };
  const unsubscribe = onActionsReady(wake);
  every(opts.pollMs ?? 1_000, wake);
  const maintainSafely = () => maintain().catch((error: unknown) => log.error("planner maintenance failed", { error }));
  every(opts.maintenanceMs ?? 30_000, maintainSafely);
  for (const timer of opts.timers ?? []) {
    every(timer.everyMs, () =>
      opts
        .getDb()
        .then((db) => timer.run(db, clock()))
        .catch((error: unknown) => log.error("embedded cron failed", { timer: timer.name, error })),
    );
  }
  // Start-up: pick up whatever a previous process left (due actions, stale locks).
  void maintainSafely();

  return {
    workerId,
    wake,
    maintain,
    async drain() {
      for (;;) {
        await fill();
        if (inflight.size === 0) {
          await fill();
          if (inflight.size === 0) return;
        }
        await Promise.race(inflight);
      }
    },
    async stop() {
      stopped = true;
      unsubscribe();
      timers.forEach(clearInterval);
      if (filling) await filling;
      await Promise.all(inflight);
    },
  };
}

export interface ExecuteNowResult {
  executed: number;
  succeeded: number;
  failed: number;
  retrying: number;
}

/**
 * planner.execute: runs the user's due actions now, in this request, through the same claim (per-user
 * limit included) and executors. Retries waiting out a backoff are due at once — the user asked;
 * actions scheduled for later (a reminder's time) keep their time.
 */
export async function executeNow(
  db: Db,
  userId: string,
  opts: { now?: () => Date; max?: number; perUserLimit?: number; random?: () => number } = {},
): Promise<ExecuteNowResult> {
  const clock = opts.now ?? (() => new Date());
  const max = opts.max ?? 25;
  const perUserLimit = opts.perUserLimit ?? DEFAULT_PER_USER_LIMIT;
  const workerId = newWorkerId("request");
  const start = clock();
  await db
    .update(plannedActions)
    .set({ runAt: start, updatedAt: start })
    .where(
      and(
        eq(plannedActions.userId, userId),
        eq(plannedActions.status, "ready"),
        gt(plannedActions.attempts, 0),
        gt(plannedActions.runAt, start),
        sql`${plannedActions.error} is not null`,
      ),
    );
  const tally: ExecuteNowResult = { executed: 0, succeeded: 0, failed: 0, retrying: 0 };
  while (tally.executed < max) {
    const claimed = await claimDue(db, { workerId, limit: Math.min(perUserLimit, max - tally.executed), perUserLimit, now: clock(), userId });
    if (claimed.length === 0) break;
    await Promise.all(
      claimed.map(async (action) => {
        const outcome = await executeAction(db, action, clock());
        const stored = await storeOutcome(db, action, outcome, { now: clock(), random: opts.random });
        tally.executed++;
        if (stored.status === "succeeded") tally.succeeded++;
        else if (stored.status === "failed") tally.failed++;
        else if (stored.status === "ready") tally.retrying++;
      }),
    );
  }
  return tally;
}
