// memory/embed → embed the user's memories that wait for a vector, a batch per step. Sent by
// `remember` when a remote embedding model is configured (the local hashing embedder embeds inline),
// so the user's request never waits on the embedding API. Debounced per user on Inngest: a burst of
// memories becomes one run; in-process, runs for one user are coalesced the same way.
import "server-only";
import { getDb, type Db } from "../../db/client";
import { embedPending } from "../../memory";
import { inngest, memoryEmbed, type MemoryJobData, sendEvent } from "../client";
import type { Steps } from "./analyze-task";

/** Texts per embedding request (and rows per UPDATE). */
export const EMBED_BATCH = 96;
/** Batches per run; anything left after that is handed to the re-embed job, which loops in steps. */
export const EMBED_MAX_BATCHES = 10;

export interface EmbedRunResult {
  embedded: number;
  /** True when rows were left and a memory/reembed job was sent to finish them. */
  continued: boolean;
}

/** Embeds the user's pending memories in batches until none are left (or the batch cap is reached). */
export async function embedBatches(
  db: () => Promise<Db>,
  data: MemoryJobData,
  step: Steps,
  { batchSize, maxBatches }: { batchSize: number; maxBatches: number },
): Promise<EmbedRunResult> {
  let embedded = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await step.run(`embed-batch-${i}`, async () => embedPending(await db(), { userId: data.userId, limit: batchSize }));
    embedded += n;
    if (n < batchSize) return { embedded, continued: false };
  }
  // Full batches all the way: there may be more. Continue in a fresh run rather than one endless run.
  await step.run("continue", () => sendEvent({ name: "memory/reembed", data: { userId: data.userId } }));
  return { embedded, continued: true };
}

export function embedMemories(db: () => Promise<Db>, data: MemoryJobData, step: Steps) {
  return embedBatches(db, data, step, { batchSize: EMBED_BATCH, maxBatches: EMBED_MAX_BATCHES });
}

/**
 * For the in-process runner: one run per user at a time; events that arrive while it runs ask for
 * a single follow-up run instead of starting their own (the same effect as Inngest's debounce).
 */
export function coalescePerUser(run: (data: MemoryJobData) => Promise<unknown>): (data: MemoryJobData) => Promise<void> {
  const running = new Map<string, { again: boolean }>();
  return async (data) => {
    const current = running.get(data.userId);
    if (current) {
      current.again = true;
      return;
    }
    const state = { again: false };
    running.set(data.userId, state);
    try {
      do {
        state.again = false;
        await run(data);
      } while (state.again);
    } finally {
      running.delete(data.userId);
    }
  };
}

export const embedMemoriesFunction = inngest.createFunction(
  {
    id: "embed-memories",
    triggers: [memoryEmbed],
    retries: 4,
    debounce: { key: "event.data.userId", period: "5s", timeout: "1m" },
    concurrency: [{ key: "event.data.userId", limit: 1 }, { limit: 10 }],
  },
  async ({ event, step }) => {
    const steps: Steps = { run: (id, fn) => step.run(id, fn) as Promise<never> };
    return embedMemories(getDb, event.data, steps);
  },
);
