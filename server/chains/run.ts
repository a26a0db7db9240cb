// Runs one chain call: structured output (Output.object + zod) on the configured model, with a
// timeout; if the model fails or times out, the offline coach answers the same request and the
// result says so. Every chain goes through here, so fallback behaves the same everywhere.
import "server-only";
import { generateText, Output } from "ai";
import type { z } from "zod";
import { chainModel, offlineModel, type ProviderName } from "../ai/providers";
import { offlineRequest, type OfflineRequest } from "../ai/offline-model";
import type { Db } from "../db/client";
import { env } from "../env";
import { log } from "../log";

export interface ChainMeta {
  provider: ProviderName;
  modelId: string;
  /** True when the configured model failed and the offline coach answered instead. */
  fallback: boolean;
  latencyMs: number;
}

/** Who a chain runs for: the cache, usage records and token budget are per user. */
export interface ChainCtx {
  db: Db;
  userId: string;
}

export interface ChainResult<T> {
  output: T;
  meta: ChainMeta;
}

export async function runChain<T>(args: {
  ctx: ChainCtx;
  name: OfflineRequest["chain"];
  schema: z.ZodType<T>;
  system: string;
  prompt: string;
  offline: OfflineRequest;
  abortSignal?: AbortSignal;
}): Promise<ChainResult<T>> {
  const started = Date.now();
  const call = async (choice: ReturnType<typeof chainModel>) => {
    const result = await generateText({
      model: choice.model,
      output: Output.object({ schema: args.schema }),
      system: args.system,
      prompt: args.prompt,
      providerOptions: offlineRequest(args.offline),
      maxRetries: 1,
      abortSignal: args.abortSignal
        ? AbortSignal.any([args.abortSignal, AbortSignal.timeout(env.AI_TIMEOUT_MS)])
        : AbortSignal.timeout(env.AI_TIMEOUT_MS),
    });
    return result.output as T;
  };
  const choice = chainModel();
  try {
    const output = await call(choice);
    return { output, meta: { provider: choice.provider, modelId: choice.modelId, fallback: false, latencyMs: Date.now() - started } };
  } catch (error) {
    if (choice.provider === "offline" || args.abortSignal?.aborted) throw error;
    log.warn("chain failed; the offline coach answers instead", { chain: args.name, provider: choice.provider, error });
    const offline = offlineModel();
    const output = await call(offline);
    return { output, meta: { provider: "offline", modelId: offline.modelId, fallback: true, latencyMs: Date.now() - started } };
  }
}
