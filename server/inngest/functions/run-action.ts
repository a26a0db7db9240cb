// planner/action.ready → claim the action, run its executor, store the outcome (Inngest mode; the
// embedded runner does the same through the same planner functions). Each of load, execute and store
// is its own step, so a replay never claims or executes twice. Concurrency is keyed by user (at most
// two running per user), priority comes from the action's, and a failed attempt sleeps out its
// backoff durably before the action is announced again.
import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { plannedActions } from "../../db/schema";
import { registerExecutors } from "../../orchestrator/executors";
import { DEFAULT_PER_USER_LIMIT, claimById } from "../../planner/claim";
import { actionReadyEvent } from "../../planner/dispatch";
import { executeAction, storeOutcome } from "../../planner/outcome";
import type { Claim } from "../../planner/backoff";
import { actionReady, type ActionReadyData, inngest, type JobEvent } from "../client";

type ActionReadyEvent = Extract<JobEvent, { name: "planner/action.ready" }>;

/** The step tools this logic uses; step results must be JSON (Inngest stores them), so no Dates. */
export interface ActionSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleepUntil(id: string, at: string): Promise<void>;
  sendEvent(id: string, events: ActionReadyEvent[]): Promise<unknown>;
}

type Loaded =
  | { kind: "claimed"; claim: Claim }
  | { kind: "not_due"; runAt: string }
  | { kind: "skip"; reason: string };

async function load(db: Db, data: ActionReadyData, workerId: string, now: Date): Promise<Loaded> {
  const result = await claimById(db, { id: data.actionId, userId: data.userId, workerId, now });
  if (result.claimed) {
    const { id, userId, executor, attempts, maxAttempts, lockedBy } = result.claimed;
    return { kind: "claimed", claim: { id, userId, executor, attempts, maxAttempts, lockedBy } };
  }
  if (result.reason === "not_due") return { kind: "not_due", runAt: result.runAt.toISOString() };
  return { kind: "skip", reason: result.reason };
}

export interface RunActionOptions {
  /** Written to locked_by: this run's id. */
  workerId: string;
  now?: () => Date;
  random?: () => number;
}

export async function runAction(getDbFn: () => Promise<Db>, data: ActionReadyData, step: ActionSteps, opts: RunActionOptions) {
  const now = opts.now ?? (() => new Date());
  let loaded = await step.run("load", async () => load(await getDbFn(), data, opts.workerId, now()));
  if (loaded.kind === "not_due") {
    // A reminder's time or a retry's backoff: wait durably, then claim.
    await step.sleepUntil("wait-until-due", loaded.runAt);
    loaded = await step.run("load-when-due", async () => load(await getDbFn(), data, opts.workerId, now()));
  }
  if (loaded.kind !== "claimed") {
    return { status: "skipped", reason: loaded.kind === "skip" ? loaded.reason : "not_due" } as const;
  }
  const claim = loaded.claim;

  const outcome = await step.run("execute", async () => {
    registerExecutors();
    const db = await getDbFn();
    const [action] = await db
      .select()
      .from(plannedActions)
      .where(and(eq(plannedActions.id, claim.id), eq(plannedActions.userId, claim.userId)))
      .limit(1);
    // Recovered as stale and claimed by someone else meanwhile: not ours to run any more.
    if (!action || action.status !== "running" || action.lockedBy !== claim.lockedBy || action.attempts !== claim.attempts) return null;
    return executeAction(db, action, now());
  });
  if (!outcome) return { status: "stale" } as const;

  const stored = await step.run("store", async () => {
    const result = await storeOutcome(await getDbFn(), claim, outcome, { now: now(), random: opts.random });
    if (result.status === "succeeded") return { status: result.status, announce: result.ready.filter((r) => r.status === "ready").map(actionReadyEvent) };
    if (result.status === "ready") {
      const next = actionReadyEvent({ id: claim.id, userId: claim.userId, priority: data.priority, attempts: claim.attempts, runAt: result.runAt, status: "ready" });
      return { status: result.status, runAt: result.runAt.toISOString(), announce: [next] };
    }
    return { status: result.status, announce: [] as ActionReadyEvent[] };
  });

  if (stored.status === "succeeded" && stored.announce.length) {
    await step.sendEvent("announce-dependents", stored.announce);
  }
  if (stored.status === "ready" && stored.runAt) {
    // The retry waits out its backoff here (a sleeping run holds no concurrency slot), then runs anew.
    await step.sleepUntil("wait-to-retry", stored.runAt);
    await step.sendEvent("retry", stored.announce);
  }
  return { status: stored.status, ...(outcome.ok ? {} : { error: outcome.error }) } as const;
}

export const runActionFunction = inngest.createFunction(
  {
    id: "run-action",
    triggers: [actionReady],
    // Infrastructure failures (database down in a step); an executor's own failures use the
    // planner's backoff and maxAttempts instead.
    retries: 4,
    concurrency: { key: "event.data.userId", limit: DEFAULT_PER_USER_LIMIT },
    // critical +120 s … background −120 s ahead of/behind other queued runs.
    priority: { run: "(2 - event.data.priority) * 60" },
  },
  async ({ event, step, runId }) => {
    const steps: ActionSteps = {
      run: (id, fn) => step.run(id, fn) as Promise<never>,
      sleepUntil: (id, at) => step.sleepUntil(id, at),
      sendEvent: (id, events) => step.sendEvent(id, events),
    };
    return runAction(getDb, event.data, steps, { workerId: `inngest:${runId}` });
  },
);
