// A stand-in for a remote embedding model (MockEmbeddingModelV3): vectors from the hashing embedder,
// so search still finds lexical neighbours, under another model id; it records every request and can
// be made to fail. Install with `installMockEmbedder()`; `restoreEmbedder()` puts the configured one back.
import { MockEmbeddingModelV3 } from "ai/test";
import { hashEmbed } from "@/server/ai/embeddings";
// Aliased: the name starts with "use" but it is not a React hook.
import { useEmbeddingModelForTests as setEmbeddingModelForTests } from "@/server/ai/providers";

export interface MockEmbedder {
  model: MockEmbeddingModelV3;
  /** The texts of each embedding request, in order. */
  requests(): string[][];
  /** Makes every following request fail (true) or succeed again (false). */
  fail(on: boolean): void;
}

export function installMockEmbedder(modelId = "mock-embedding-1"): MockEmbedder {
  let failing = false;
  const model = new MockEmbeddingModelV3({
    modelId,
    maxEmbeddingsPerCall: null,
    doEmbed: async ({ values }) => {
      if (failing) throw new Error("embedding API is down");
      return { embeddings: values.map((v) => hashEmbed(v)), warnings: [] };
    },
  });
  setEmbeddingModelForTests(model);
  return {
    model,
    requests: () => model.doEmbedCalls.map((call) => call.values),
    fail: (on) => {
      failing = on;
    },
  };
}

export function restoreEmbedder(): void {
  setEmbeddingModelForTests(undefined);
}
