// Who answers a chat turn: the configured model (server/ai/providers.ts) — unless no model is set up,
// today's token budget is spent or the provider's breaker is open, in which case the offline coach
// answers from the start. A model that fails before its first chunk hands over to the offline coach
// too, for the rest of the turn; after the first chunk a failure is the stream's error.
import "server-only";
import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { chainModel, type ProviderName } from "../ai/providers";
import { breakerFor } from "../chains/breaker";
import { budgetStatus } from "../chains/budget";
import type { Db } from "../db/client";
import { env } from "../env";
import { log } from "../log";
import { createOfflineChatModel, OFFLINE_CHAT_MODEL_ID } from "./offline-model";

export type ChatFallbackReason = "budget" | "breaker_open" | "error" | "timeout";

/** Mutable: a fallback in the middle of a turn updates it, and the reply's metadata reads it at the end. */
export interface ChatAnswerer {
  model: LanguageModelV3;
  provider: ProviderName;
  modelId: string;
  /** True once the offline coach answers although a model is configured. */
  fallback: boolean;
  fallbackReason?: ChatFallbackReason;
}

function offlineAnswerer(reason?: ChatFallbackReason): ChatAnswerer {
  return {
    model: createOfflineChatModel(),
    provider: "offline",
    modelId: OFFLINE_CHAT_MODEL_ID,
    fallback: reason !== undefined,
    ...(reason ? { fallbackReason: reason } : {}),
  };
}

function withTimeout(options: LanguageModelV3CallOptions, ms: number): { options: LanguageModelV3CallOptions; timeout: AbortSignal } {
  const timeout = AbortSignal.timeout(ms);
  const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, timeout]) : timeout;
  return { options: { ...options, abortSignal: signal }, timeout };
}

/** The configured model, handing over to the offline coach if a call fails before answering. */
function withOfflineFallback(primary: LanguageModelV3, state: ChatAnswerer, breakerKey: string | object, timeoutMs: number): LanguageModelV3 {
  const offline = createOfflineChatModel();
  const breaker = breakerFor(breakerKey);
  const failed = (error: unknown, timeout: AbortSignal, caller?: AbortSignal) => {
    if (caller?.aborted) {
      breaker.release();
      throw error;
    }
    breaker.recordFailure();
    state.fallback = true;
    state.fallbackReason = timeout.aborted ? "timeout" : "error";
    log.warn("chat model failed; the offline coach answers instead", { provider: state.provider, error });
  };
  return {
    specificationVersion: "v3",
    provider: primary.provider,
    modelId: primary.modelId,
    supportedUrls: primary.supportedUrls,
    async doGenerate(options) {
      if (state.fallback) return offline.doGenerate(options);
      const { options: bounded, timeout } = withTimeout(options, timeoutMs);
      try {
        const result = await primary.doGenerate(bounded);
        breaker.recordSuccess();
        return result;
      } catch (error) {
        failed(error, timeout, options.abortSignal);
        return offline.doGenerate(options);
      }
    },
    async doStream(options) {
      if (state.fallback) return offline.doStream(options);
      const { options: bounded, timeout } = withTimeout(options, timeoutMs);
      try {
        const result = await primary.doStream(bounded);
        breaker.recordSuccess();
        return result;
      } catch (error) {
        failed(error, timeout, options.abortSignal);
        return offline.doStream(options);
      }
    },
  };
}

/**
 * Whether today's token budget is spent (false at once when no model is configured). Fails open like
 * the chains: the chat rate limit still caps floods. Separate from chooseChatModel so the turn can read
 * it while it writes the conversation.
 */
export async function budgetSpent(db: Db, userId: string): Promise<boolean> {
  if (chainModel().provider === "offline") return false;
  try {
    return (await budgetStatus(db, userId)).exceeded;
  } catch (error) {
    log.error("token budget check failed; allowing the chat model", { userId, error });
    return false;
  }
}

export function chooseChatModel(spent: boolean): ChatAnswerer {
  const choice = chainModel();
  if (choice.provider === "offline") return offlineAnswerer();
  if (spent) return offlineAnswerer("budget");
  // A mock model swapped in by a test is a provider of its own (see server/chains/plan.ts).
  const breakerKey = choice.provider === "test" ? choice.model : choice.provider;
  if (!breakerFor(breakerKey).tryAcquire()) return offlineAnswerer("breaker_open");
  const state: ChatAnswerer = { model: choice.model, provider: choice.provider, modelId: choice.modelId, fallback: false };
  state.model = withOfflineFallback(choice.model, state, breakerKey, env.AI_TIMEOUT_MS);
  return state;
}

export { OFFLINE_CHAT_MODEL_ID };
