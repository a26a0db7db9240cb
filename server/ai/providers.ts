// The one file that names models. OPENAI_API_KEY (and/or OPENAI_BASE_URL for any OpenAI-compatible
// server such as Ollama, vLLM or LM Studio) selects OpenAI; otherwise the offline coach answers.
// Tests swap in a mock model with `useModelForTests`, honoured only when NODE_ENV is "test".
import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import type { EmbeddingModelV3, LanguageModelV3 } from "@ai-sdk/provider";
import { env, modes } from "../env";
import { createOfflineModel, OFFLINE_MODEL_ID } from "./offline-model";

export type ProviderName = "openai" | "offline" | "test";

export interface ModelChoice {
  model: LanguageModelV3;
  provider: ProviderName;
  modelId: string;
  /** Whether the model can look at images (then a photo proof is shown to it, not just its caption). */
  seesImages: boolean;
}

let testModel: { model: LanguageModelV3; seesImages: boolean } | undefined;

/** Replace the configured model in tests (MockLanguageModelV3); pass undefined to restore. */
export function useModelForTests(model: LanguageModelV3 | undefined, options: { seesImages?: boolean } = {}): void {
  if (env.NODE_ENV !== "test") throw new Error("useModelForTests is only available when NODE_ENV=test");
  testModel = model ? { model, seesImages: options.seesImages ?? false } : undefined;
}

/** OpenAI's own multimodal chat models; an OpenAI-compatible server's model is not assumed to see. */
function modelSeesImages(): boolean {
  if (env.AI_VISION !== "auto") return env.AI_VISION === "on";
  return !env.OPENAI_BASE_URL && /^(gpt-4o|gpt-4\.1|gpt-5|o[134])/.test(env.AI_MODEL);
}

let openai: ReturnType<typeof createOpenAI> | undefined;

export function offlineModel(): ModelChoice {
  return { model: createOfflineModel(), provider: "offline", modelId: OFFLINE_MODEL_ID, seesImages: false };
}

/** The model for the coach's chains (structured output). */
export function chainModel(): ModelChoice {
  if (testModel) return { model: testModel.model, provider: "test", modelId: testModel.model.modelId, seesImages: testModel.seesImages };
  if (modes.ai === "offline") return offlineModel();
  openai ??= createOpenAI({ apiKey: env.OPENAI_API_KEY ?? "not-needed", baseURL: env.OPENAI_BASE_URL });
  // A custom base URL speaks Chat Completions, which every compatible server implements.
  const model = env.OPENAI_BASE_URL ? openai.chat(env.AI_MODEL) : openai(env.AI_MODEL);
  return { model, provider: "openai", modelId: env.AI_MODEL, seesImages: modelSeesImages() };
}

/** The deterministic offline embedder (server/ai/embeddings.ts); bump the version if its features change. */
export const HASH_EMBEDDING_MODEL_ID = "hash-384-v1";
export const OPENAI_EMBEDDING_MODEL_ID = "text-embedding-3-small";
/** Every stored vector has this many dimensions (the `memories.embedding` column). */
export const EMBEDDING_DIMENSIONS = 384;

export type EmbeddingChoice =
  | { kind: "hash"; modelId: string }
  | { kind: "model"; model: EmbeddingModelV3; provider: ProviderName; modelId: string };

let testEmbeddingModel: EmbeddingModelV3 | undefined;

/** Replace the embedding model in tests (MockEmbeddingModelV3); pass undefined to restore. */
export function useEmbeddingModelForTests(model: EmbeddingModelV3 | undefined): void {
  if (env.NODE_ENV !== "test") throw new Error("useEmbeddingModelForTests is only available when NODE_ENV=test");
  testEmbeddingModel = model;
}

/** The embedder for memories: OpenAI (or a compatible server) when configured, else the hashing embedder. */
export function embeddingModel(): EmbeddingChoice {
  if (testEmbeddingModel) {
    return { kind: "model", model: testEmbeddingModel, provider: "test", modelId: testEmbeddingModel.modelId };
  }
  if (modes.ai === "offline") return { kind: "hash", modelId: HASH_EMBEDDING_MODEL_ID };
  openai ??= createOpenAI({ apiKey: env.OPENAI_API_KEY ?? "not-needed", baseURL: env.OPENAI_BASE_URL });
  const model = openai.embedding(OPENAI_EMBEDDING_MODEL_ID);
  return { kind: "model", model, provider: "openai", modelId: `${OPENAI_EMBEDDING_MODEL_ID}@${EMBEDDING_DIMENSIONS}` };
}
