// Every minute (Inngest mode): the planner's safety net. Actions left running by a run that died are
// made ready again (or failed, if that was their last attempt); waiting actions whose dependency
// failed are cancelled, those whose dependencies all succeeded are made ready; and due actions nobody claimed — their event was lost, or their run gave up
// on an infrastructure error — are announced again. The embedded runner does the same on its timers.
import "server-only";
import { getDb, type Db } from "../../db/client";
import { findOverdue, promoteSatisfied, recoverStale, sweepBlocked, tidyActionsTable } from "../../planner/claim";
import { actionReadyEvent } from "../../planner/dispatch";
import type { ReadyRef } from "../../planner/deps";
import { inngest, type JobEvent } from "../client";
import type { Steps } from "./analyze-task";

export const SWEEP_CRON = "* * * * *";
/** A due action unclaimed for this long is taken to have lost its event. */
export const OVERDUE_GRACE_MS = 2 * 60_000;
const MAX_RESEND = 500;

type ActionReadyEvent = Extract<JobEvent, { name: "planner/action.ready" }>;

/** A fresh event id per sweep, so Inngest does not drop it as a duplicate of the lost one. */
function resendEvent(ref: ReadyRef, now: Date): ActionReadyEvent {
  const event = actionReadyEvent(ref);
  return { ...event, id: `${event.id}-sweep-${Math.floor(now.getTime() / 60_000)}` };
}

export interface SweepSteps extends Steps {
  sendEvent(id: string, events: ActionReadyEvent[]): Promise<unknown>;
}

export async function sweepActions(db: () => Promise<Db>, step: SweepSteps, now: () => Date = () => new Date()) {
  const swept = await step.run("recover-and-find", async () => {
    const conn = await db();
    const at = now();
    const recovered = await recoverStale(conn, { now: at });
    const cancelled = await sweepBlocked(conn, at);
    const promoted = await promoteSatisfied(conn, at);
    const overdue = await findOverdue(conn, { now: at, graceMs: OVERDUE_GRACE_MS, limit: MAX_RESEND });
    await tidyActionsTable(conn); // PGlite only (INNGEST_DEV with the embedded database)
    const seen = new Set<string>();
    const events = [...recovered.ready, ...promoted, ...overdue]
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .map((r) => resendEvent({ ...r, status: "ready" }, at));
    return { recovered: recovered.ready.length, failed: recovered.failed.length, cancelled, events };
  });
  if (swept.events.length) await step.sendEvent("announce-overdue", swept.events);
  return { recovered: swept.recovered, failed: swept.failed, cancelled: swept.cancelled, announced: swept.events.length };
}

export const sweepActionsFunction = inngest.createFunction(
  { id: "sweep-actions", triggers: [{ cron: SWEEP_CRON }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const steps: SweepSteps = {
      run: (id, fn) => step.run(id, fn) as Promise<never>,
      sendEvent: (id, events) => step.sendEvent(id, events),
    };
    return sweepActions(getDb, steps);
  },
);
