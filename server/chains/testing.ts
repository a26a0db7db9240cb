// Mock language models for chain tests: one that answers (whole or streamed in pieces), one that
// fails, one that never answers, one that goes down and comes back, and one whose stream breaks
// after it started.
import "server-only";
import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";

export const mockUsage: LanguageModelV3Usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 20, text: 20, reasoning: 0 },
};

function streamParts(pieces: string[], usage: LanguageModelV3Usage): LanguageModelV3StreamPart[] {
  return [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "0" },
    ...pieces.map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "0", delta })),
    { type: "text-end", id: "0" },
    { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
  ];
}

/** Splits JSON text after every `}` so whole items arrive one by one, like a real stream. */
export function piecesOf(text: string): string[] {
  return text.split(/(?<=\})/).filter((piece) => piece.length > 0);
}

/** Answers every call with `output` as JSON: generate at once, stream in pieces (chunkDelayMs apart). */
export function answeringModel(output: unknown, { usage = mockUsage, chunkDelayMs = 5 } = {}) {
  const text = JSON.stringify(output);
  return new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage,
      warnings: [],
    }),
    doStream: async () => ({
      stream: simulateReadableStream({ chunks: streamParts(piecesOf(text), usage), chunkDelayInMs: chunkDelayMs }),
    }),
  });
}

/** Fails every call the way a provider outage does. */
export function failingModel(message = "503 upstream unavailable") {
  return new MockLanguageModelV3({
    doGenerate: async () => {
      throw new Error(message);
    },
    doStream: async () => {
      throw new Error(message);
    },
  });
}

/** Never answers and ignores the abort signal: only a timeout can get the caller out. */
export function silentModel() {
  return new MockLanguageModelV3({
    doGenerate: () => new Promise<never>(() => {}),
    doStream: () => new Promise<never>(() => {}),
  });
}

/** Streams the first pieces of `output`, then the connection breaks. */
export function breakingStreamModel(output: unknown) {
  const pieces = piecesOf(JSON.stringify(output)).slice(0, 2);
  return new MockLanguageModelV3({
    doStream: async () => ({
      stream: simulateReadableStream<LanguageModelV3StreamPart>({
        chunks: [
          { type: "stream-start", warnings: [] },
          { type: "text-start", id: "0" },
          ...pieces.map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "0", delta })),
          { type: "error", error: new Error("connection reset") },
        ],
        chunkDelayInMs: 5,
      }),
    }),
  });
}

/** A model whose provider goes down and comes back: `outage(true)` makes every call fail until `outage(false)`. */
export function flakyModel(output: unknown) {
  let down = false;
  const healthy = answeringModel(output);
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      if (down) throw new Error("503 upstream unavailable");
      return healthy.doGenerate(options);
    },
    doStream: async (options) => {
      if (down) throw new Error("503 upstream unavailable");
      return healthy.doStream(options);
    },
  });
  return { model, outage: (on: boolean) => void (down = on) };
}
