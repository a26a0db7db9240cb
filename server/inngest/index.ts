// Every Inngest function (served at /api/inngest) and their registration with the embedded runner.
import "server-only";
import type { Db } from "../db/client";
import { log } from "../log";
import { onEmbeddedEvent } from "./embedded";
import { analyzeTask, analyzeTaskFunction, inlineSteps } from "./functions/analyze-task";
import { CLEANUP_INTERVAL_MS, cleanupMemories, cleanupMemoriesFunction } from "./functions/cleanup-memories";
import type { TaskCreatedData } from "./client";

export const functions = [analyzeTaskFunction, cleanupMemoriesFunction];

/** Wires the same logic into the in-process runner; returns a function that unregisters it. */
export function registerEmbeddedFunctions(getDb: () => Promise<Db>): () => void {
  const offs = [
    onEmbeddedEvent("task/created", (data) => analyzeTask(getDb, data as TaskCreatedData, inlineSteps)),
  ];
  // The embedded stand-in for the hourly cron; unref'd so it never keeps the process alive.
  const timer = setInterval(() => {
    cleanupMemories(getDb, inlineSteps).catch((error: unknown) => log.error("memory cleanup failed", { error }));
  }, CLEANUP_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    offs.forEach((off) => off());
  };
}
