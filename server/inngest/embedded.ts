// The in-process job runner for the embedded default: when Inngest is not configured, events are
// handed to the same function logic here, with retries and exponential backoff. It keeps its queue
// in memory, which is why production mode uses Inngest instead.
import "server-only";
import { log } from "../log";

type Handler = (data: unknown) => Promise<unknown>;

type Global = typeof globalThis & {
  __focusforgeJobs?: { handlers: Map<string, Handler[]>; inflight: Set<Promise<void>> };
};
const g = globalThis as Global;
const state = (g.__focusforgeJobs ??= { handlers: new Map(), inflight: new Set() });

const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 250;

/** Registers a handler for an event name (called once at start-up, and by tests). */
export function onEmbeddedEvent(name: string, handler: Handler): () => void {
  const list = state.handlers.get(name) ?? [];
  list.push(handler);
  state.handlers.set(name, list);
  return () => state.handlers.set(name, (state.handlers.get(name) ?? []).filter((h: Handler) => h !== handler));
}

async function runWithRetries(name: string, handler: Handler, data: unknown) {
  for (let attempt = 1; ; attempt++) {
    try {
      await handler(data);
      return;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS) {
        log.error("embedded job failed for good", { event: name, attempt, error });
        return;
      }
      const delay = BASE_DELAY_MS * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      log.warn("embedded job failed; retrying", { event: name, attempt, delayMs: Math.round(delay), error });
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

export function dispatchEmbedded(name: string, data: unknown): void {
  const handlers = state.handlers.get(name) ?? [];
  if (handlers.length === 0) log.warn("no embedded handler for event", { event: name });
  for (const handler of handlers) {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => runWithRetries(name, handler, data))
      .finally(() => state.inflight.delete(run));
    state.inflight.add(run);
  }
}

/** Waits until every job dispatched so far (and any they dispatch) has finished. */
export async function drainEmbedded(): Promise<void> {
  while (state.inflight.size) await Promise.all([...state.inflight]);
}
