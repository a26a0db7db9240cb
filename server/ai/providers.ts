// The one file that names models. OPENAI_API_KEY (and/or OPENAI_BASE_URL for any OpenAI-compatible
// server such as Ollama, vLLM or LM Studio) selects OpenAI; otherwise the offline coach answers.
// Tests swap in a mock model with `useModelForTests`, honoured only when NODE_ENV is "test".
import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { env, modes } from "../env";
import { createOfflineModel, OFFLINE_MODEL_ID } from "./offline-model";

export type ProviderName = "openai" | "offline" | "test";

export interface ModelChoice {
  model: LanguageModelV3;
  provider: ProviderName;
  modelId: string;
}

let testModel: LanguageModelV3 | undefined;

/** Replace the configured model in tests (MockLanguageModelV3); pass undefined to restore. */
export function useModelForTests(model: LanguageModelV3 | undefined): void {
  if (env.NODE_ENV !== "test") throw new Error("useModelForTests is only available when NODE_ENV=test");
  testModel = model;
}

let openai: ReturnType<typeof createOpenAI> | undefined;

export function offlineModel(): ModelChoice {
  return { model: createOfflineModel(), provider: "offline", modelId: OFFLINE_MODEL_ID };
}

/** The model for the coach's chains (structured output). */
export function chainModel(): ModelChoice {
  if (testModel) return { model: testModel, provider: "test", modelId: testModel.modelId };
  if (modes.ai === "offline") return offlineModel();
  openai ??= createOpenAI({ apiKey: env.OPENAI_API_KEY ?? "not-needed", baseURL: env.OPENAI_BASE_URL });
  // A custom base URL speaks Chat Completions, which every compatible server implements.
  const model = env.OPENAI_BASE_URL ? openai.chat(env.AI_MODEL) : openai(env.AI_MODEL);
  return { model, provider: "openai", modelId: env.AI_MODEL };
}
