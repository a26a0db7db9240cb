// Hourly: delete expired memories (short-term and working tiers) and expired chain-cache rows in batches. Runs as an Inngest cron
// in production and on the embedded runner's timer otherwise. Expired rows are already invisible
// to every read; this only reclaims the space.
import "server-only";
import { cleanupAiCache } from "../../chains/cache";
import { getDb, type Db } from "../../db/client";
import { cleanup } from "../../memory";
import { inngest } from "../client";
import type { Steps } from "./analyze-task";

export const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

export async function cleanupMemories(db: () => Promise<Db>, step: Steps, now: () => Date = () => new Date()) {
  const deleted = await step.run("delete-expired", async () => cleanup(await db(), now()));
  const cacheDeleted = await step.run("delete-expired-ai-cache", async () => cleanupAiCache(await db(), now()));
  return { deleted, cacheDeleted };
}

export const cleanupMemoriesFunction = inngest.createFunction(
  { id: "cleanup-memories", triggers: [{ cron: "0 * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const steps: Steps = { run: (id, fn) => step.run(id, fn) as Promise<never> };
    return cleanupMemories(getDb, steps);
  },
);
