// Every Inngest function (served at /api/inngest) and their registration with the embedded runner.
import "server-only";
import type { Db } from "../db/client";
import { onEmbeddedEvent } from "./embedded";
import { analyzeTask, analyzeTaskFunction, inlineSteps } from "./functions/analyze-task";
import type { TaskCreatedData } from "./client";

export const functions = [analyzeTaskFunction];

/** Wires the same logic into the in-process runner; returns a function that unregisters it. */
export function registerEmbeddedFunctions(getDb: () => Promise<Db>): () => void {
  const offs = [
    onEmbeddedEvent("task/created", (data) => analyzeTask(getDb, data as TaskCreatedData, inlineSteps)),
  ];
  return () => offs.forEach((off) => off());
}
