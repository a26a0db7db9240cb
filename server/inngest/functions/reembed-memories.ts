// memory/reembed → bring all of a user's memories to the configured embedding model, a batch per
// step. Sent for every user with stale or missing vectors by the check at start-up (after the
// embedding model changed, or when embed jobs were lost in a restart), and by the embed job when a
// user has more pending rows than one run embeds.
import "server-only";
import { currentEmbeddingModelId } from "../../ai/embeddings";
import { getDb, type Db } from "../../db/client";
import { usersWithPendingEmbeddings } from "../../memory";
import { inngest, memoryReembed, type MemoryJobData, sendEvents } from "../client";
import type { Steps } from "./analyze-task";
import { embedBatches } from "./embed-memories";

export const REEMBED_BATCH = 200;
/** Batches per run (well under Inngest's step limit); a longer job continues in a fresh run. */
export const REEMBED_MAX_BATCHES = 50;
/** Users per `send` at start-up. */
export const DISPATCH_CHUNK = 100;

export function reembedMemories(db: () => Promise<Db>, data: MemoryJobData, step: Steps) {
  return embedBatches(db, data, step, { batchSize: REEMBED_BATCH, maxBatches: REEMBED_MAX_BATCHES });
}

/**
 * The start-up check: finds every user whose memories need (re-)embedding by the current model and
 * sends each a memory/reembed job, in chunks. The event id (model, user, hour) lets Inngest drop the
 * duplicates when several instances start at once.
 */
export async function dispatchReembedJobs(db: Db, now: Date = new Date()): Promise<{ users: number; modelId: string }> {
  const modelId = currentEmbeddingModelId();
  const userIds = await usersWithPendingEmbeddings(db, modelId);
  const hour = now.toISOString().slice(0, 13);
  for (let i = 0; i < userIds.length; i += DISPATCH_CHUNK) {
    await sendEvents(
      userIds.slice(i, i + DISPATCH_CHUNK).map((userId) => ({
        name: "memory/reembed" as const,
        data: { userId },
        id: `memory-reembed:${modelId}:${userId}:${hour}`,
      })),
    );
  }
  return { users: userIds.length, modelId };
}

export const reembedMemoriesFunction = inngest.createFunction(
  {
    id: "reembed-memories",
    triggers: [memoryReembed],
    retries: 4,
    // One run per user; a few users at a time so a model change does not flood the embedding API.
    concurrency: [{ key: "event.data.userId", limit: 1 }, { limit: 4 }],
  },
  async ({ event, step }) => {
    const steps: Steps = { run: (id, fn) => step.run(id, fn) as Promise<never> };
    return reembedMemories(getDb, event.data, steps);
  },
);
