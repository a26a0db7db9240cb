// The offline coach as an AI SDK language model. It answers the same structured-output calls as
// a real model: the chain passes its name and input in `providerOptions.offline`, the offline
// coach does the work deterministically (server/ai/offline/*), and the JSON it returns goes
// through the very same zod schema and streaming path as an LLM's answer.
import "server-only";
import type {
  JSONObject,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { type AnalysisInput, offlineAnalysis } from "./offline/analysis";
import { type BreakdownInput, offlineBreakdown } from "./offline/breakdown";
import { type CaptureInput, offlineCapture } from "./offline/capture";
import { type MotivationInput, offlineMotivation } from "./offline/motivation";
import { offlineProof, type ProofInput } from "./offline/proof";

export const OFFLINE_PROVIDER = "focusforge.offline";
export const OFFLINE_MODEL_ID = "offline-coach-1";

export type OfflineRequest =
  | { chain: "breakdown"; input: BreakdownInput }
  | { chain: "analysis"; input: AnalysisInput }
  | { chain: "capture"; input: CaptureInput }
  | { chain: "proof"; input: ProofInput }
  | { chain: "motivation"; input: MotivationInput };

/** providerOptions for a chain call: real models ignore it, the offline coach acts on it. */
export function offlineRequest(request: OfflineRequest): Record<string, JSONObject> {
  return { offline: JSON.parse(JSON.stringify(request)) as JSONObject };
}

function answer(options: LanguageModelV3CallOptions): unknown {
  const request = options.providerOptions?.offline as unknown as OfflineRequest | undefined;
  switch (request?.chain) {
    case "breakdown":
      return offlineBreakdown(request.input);
    case "analysis":
      return offlineAnalysis(request.input);
    case "capture":
      return offlineCapture(request.input);
    case "proof":
      return offlineProof(request.input);
    case "motivation":
      return offlineMotivation(request.input);
    default:
      throw new Error("The offline coach can only answer FocusForge's own chains.");
  }
}

function usage(text: string): LanguageModelV3Usage {
  // Honest counts for budgets: no model tokens were spent; output size in ~4-char tokens.
  return {
    inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: Math.ceil(text.length / 4), text: Math.ceil(text.length / 4), reasoning: 0 },
  };
}

/** Splits JSON into pieces at object boundaries so a page sees whole items arrive one by one. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "}" && i - start > 16) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

export function createOfflineModel(): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(options) {
      const text = JSON.stringify(answer(options));
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: usage(text),
        warnings: [],
        response: { modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
      };
    },
    async doStream(options) {
      const text = JSON.stringify(answer(options));
      const parts: LanguageModelV3StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
        { type: "text-start", id: "0" },
        ...chunks(text).map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "0", delta })),
        { type: "text-end", id: "0" },
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usage(text) },
      ];
      const signal = options.abortSignal;
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          async pull(controller) {
            if (signal?.aborted) return controller.error(signal.reason);
            const next = parts.shift();
            if (!next) return controller.close();
            controller.enqueue(next);
            // A short pause between items keeps the offline stream shaped like a real one.
            if (next.type === "text-delta") await new Promise((r) => setTimeout(r, 15));
          },
        }),
      };
    },
  };
}
