// The steps every chain call shares, for run.ts: deciding who answers (cache hit, offline coach
// because of budget or an open breaker, or the configured model), timeouts, and usage/cache writes.
import "server-only";
import { chainModel, type ModelChoice } from "../ai/providers";
import { env } from "../env";
import { log } from "../log";
import { breakerFor, type CircuitBreaker } from "./breaker";
import { budgetStatus } from "./budget";
import { cacheKey, readCache, writeCache } from "./cache";
import type { ChainArgs, ChainMeta, FallbackReason } from "./run";
import type { UsageRecord } from "./usage";

// ----------------------------------------------------------------------------------------------
// Choosing who answers

export type Plan<T> =
  | { kind: "cached"; output: T; meta: ChainMeta }
  | { kind: "model"; choice: ModelChoice; key: string | null; breaker: CircuitBreaker }
  | { kind: "offline"; reason?: FallbackReason };

/**
 * One breaker per provider. A mock model swapped in by a test counts as a provider of its own, so an
 * outage one test simulates cannot leak into the next test's fresh model.
 */
function breakerKey(choice: ModelChoice): string | object {
  return choice.provider === "test" ? choice.model : choice.provider;
}

function cacheEnabled(args: ChainArgs<unknown>): boolean {
  // Images are never cached: the key would have to hash megabytes, and photo proofs are one-offs.
  return args.cache !== false && !args.images?.length && env.AI_CACHE_TTL_SECONDS > 0;
}

export async function plan<T>(args: ChainArgs<T>, started: number): Promise<Plan<T>> {
  const choice = chainModel();
  if (choice.provider === "offline") return { kind: "offline" };
  const { db, userId } = args.ctx;

  let key: string | null = null;
  if (cacheEnabled(args)) {
    key = cacheKey(args.name, userId, {
      model: `${choice.provider}:${choice.modelId}`,
      system: args.system,
      prompt: args.prompt,
      offline: args.offline,
    });
    try {
      const hit = await readCache(db, { key, userId });
      if (hit) {
        const parsed = args.schema.safeParse(hit.output);
        if (parsed.success) {
          const meta: ChainMeta = {
            provider: choice.provider,
            modelId: typeof hit.meta.modelId === "string" ? hit.meta.modelId : choice.modelId,
            fallback: false,
            latencyMs: Date.now() - started,
            cacheHit: true,
          };
          return { kind: "cached", output: parsed.data, meta };
        }
      }
    } catch (error) {
      log.warn("chain cache read failed; calling the model", { chain: args.name, error });
    }
  }

  try {
    if ((await budgetStatus(db, userId)).exceeded) return { kind: "offline", reason: "budget" };
  } catch (error) {
    // Fail open: the rate limiter still caps request floods, and a budget we cannot read is no reason to refuse.
    log.error("token budget check failed; allowing the model call", { chain: args.name, error });
  }

  const breaker = breakerFor(breakerKey(choice));
  if (!breaker.tryAcquire()) return { kind: "offline", reason: "breaker_open" };
  return { kind: "model", choice, key, breaker };
}

// ----------------------------------------------------------------------------------------------
// Helpers

export function timeoutSignal(args: ChainArgs<unknown>): AbortSignal {
  return AbortSignal.timeout(args.timeoutMs ?? env.AI_TIMEOUT_MS);
}

export function combined(timeout: AbortSignal, caller?: AbortSignal): AbortSignal {
  return caller ? AbortSignal.any([caller, timeout]) : timeout;
}

/** Settles with the promise, or rejects as soon as the signal aborts (a model that ignores it cannot hang us). */
export function untilAborted<T>(promise: PromiseLike<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function reasonFor(timeout: AbortSignal): FallbackReason {
  return timeout.aborted ? "timeout" : "error";
}

export function errorClass(error: unknown, timeout: AbortSignal): string {
  if (timeout.aborted) return "timeout";
  return error instanceof Error ? error.name : "unknown";
}

/** ~4 characters a token: for calls cut short before the provider reported usage. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** The SDK's usage as token counts; undefined when the provider reported none (e.g. a broken stream). */
export function tokenCount(usage: { inputTokens: number | undefined; outputTokens: number | undefined } | undefined) {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  return { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
}

/** Tokens a failed call still spent (e.g. an answer that broke the schema carries its usage). */
export function spentBy(error: unknown) {
  const usage = (error as { usage?: { inputTokens?: number; outputTokens?: number } } | null)?.usage;
  return usage ? { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 } : undefined;
}

export function callerAborted(args: ChainArgs<unknown>): boolean {
  return args.abortSignal?.aborted === true;
}

export function usageRow(args: ChainArgs<unknown>, meta: ChainMeta, error?: string | null): UsageRecord {
  return {
    userId: args.ctx.userId,
    chain: args.name,
    provider: meta.provider,
    modelId: meta.modelId,
    // Tokens count what a real model spent; the offline coach spends none.
    inputTokens: meta.usage?.inputTokens ?? 0,
    outputTokens: meta.usage?.outputTokens ?? 0,
    latencyMs: meta.latencyMs,
    cacheHit: meta.cacheHit,
    fallback: meta.fallback,
    error: error ?? meta.fallbackReason ?? null,
  };
}

export async function saveToCache<T>(args: ChainArgs<T>, key: string | null, output: T, meta: ChainMeta): Promise<void> {
  if (!key) return;
  try {
    await writeCache(args.ctx.db, {
      key,
      userId: args.ctx.userId,
      chain: args.name,
      output,
      meta: { provider: meta.provider, modelId: meta.modelId },
    });
  } catch (error) {
    log.warn("chain cache write failed", { chain: args.name, error });
  }
}
