// The executor registry: one executor per action name (`memory.embed`, `task.next_step`, …), shared by
// both runners. The planner layer only knows the mechanism; the orchestrator registers the concrete
// executors (server/orchestrator/executors.ts), so a layer never imports the workflows above it.
import "server-only";
import type { z } from "zod";
import type { Db } from "../db/client";
import type { ActionType, PlannedAction } from "../db/schema";

export interface ExecutorContext {
  db: Db;
  userId: string;
  /** The claimed row (status running, attempts already counted). */
  action: PlannedAction;
  now: Date;
}

export interface Executor<P = Record<string, unknown>> {
  /** The action type this executor serves (shown in the planner view). */
  type: ActionType;
  /** Validates the stored payload before `run`; a bad payload fails the action for good. */
  payload?: z.ZodType<P>;
  /** Does the work; the JSON-serialisable value it returns is stored as the action's result. */
  run(ctx: ExecutorContext, payload: P): Promise<unknown>;
}

/**
 * Thrown by an executor when trying again cannot help (the task was deleted, the payload is wrong):
 * the action fails at once instead of backing off.
 */
export class PermanentActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentActionError";
  }
}

type AnyExecutor = Executor<never>;

type Global = typeof globalThis & { __focusforgeExecutors?: Map<string, AnyExecutor> };
const g = globalThis as Global;
/** On globalThis so Next's route bundles and the runner share one registry. */
const registry = (g.__focusforgeExecutors ??= new Map());

const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Registers an executor under `name`; returns a function that removes it again (tests). A second
 * executor under a taken name is a mistake, unless `replace` says it is the same one registered again
 * (Next bundles a module once per route, and each copy registers on start-up).
 */
export function registerExecutor<P = Record<string, unknown>>(
  name: string,
  executor: Executor<P>,
  opts: { replace?: boolean } = {},
): () => void {
  if (!NAME.test(name)) throw new Error(`Executor name "${name}" must look like "area.verb" (lower case, dots)`);
  if (registry.has(name) && !opts.replace) throw new Error(`An executor named "${name}" is already registered`);
  registry.set(name, executor as unknown as AnyExecutor);
  return () => {
    if (registry.get(name) === (executor as unknown as AnyExecutor)) registry.delete(name);
  };
}

export function getExecutor(name: string): Executor<unknown> | undefined {
  return registry.get(name) as Executor<unknown> | undefined;
}

export function hasExecutor(name: string): boolean {
  return registry.has(name);
}

export function executorNames(): string[] {
  return [...registry.keys()].sort();
}
