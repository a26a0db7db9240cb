// Telling a runner that actions may run: with Inngest, one `planner/action.ready` event per action
// (the run-action function claims and executes it); embedded, a wake-up call to the in-process
// runner so it claims at once instead of at its next poll.
import "server-only";
import { modes } from "../env";
import { type JobEvent, sendEvents } from "../inngest/client";
import { log } from "../log";
import type { ReadyRef } from "./deps";

type Listener = () => void;
type Global = typeof globalThis & { __focusforgePlannerListeners?: Set<Listener> };
const g = globalThis as Global;
const listeners = (g.__focusforgePlannerListeners ??= new Set<Listener>());

/** The embedded runner subscribes here; returns the unsubscribe function. */
export function onActionsReady(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The event for one action. Its id changes with every attempt and run-at, so Inngest drops a
 * duplicate send of the same readiness but never a genuine retry.
 */
export function actionReadyEvent(ref: ReadyRef): Extract<JobEvent, { name: "planner/action.ready" }> {
  return {
    name: "planner/action.ready",
    data: { actionId: ref.id, userId: ref.userId, priority: ref.priority },
    id: `planner-${ref.id}-${ref.attempts}-${ref.runAt.getTime()}`,
  };
}

export interface AnnounceOptions {
  mode?: "inngest" | "embedded";
  send?: (events: JobEvent[]) => Promise<void>;
}

/**
 * Announces actions that are ready (pending ones wait for their dependencies and are announced when
 * those succeed). Never throws: the actions are already stored, and a lost announcement is picked up
 * by the runner's poll (embedded) or the sweeper cron (Inngest).
 */
export async function announceReady(refs: ReadyRef[], opts: AnnounceOptions = {}): Promise<void> {
  const ready = refs.filter((r) => r.status === "ready");
  if (ready.length === 0) return;
  if ((opts.mode ?? modes.jobs) === "inngest") {
    try {
      await (opts.send ?? sendEvents)(ready.map(actionReadyEvent));
    } catch (error) {
      log.error("could not send planner/action.ready events; the sweeper will resend them", { count: ready.length, error });
    }
    return;
  }
  for (const listener of listeners) listener();
}
