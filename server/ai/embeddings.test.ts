// The embedders: the deterministic hashing embedder's shape and neighbours, and batching, provider
// options and model ids when a real (here: mock) embedding model is configured.
import { MockEmbeddingModelV3 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import { embedTexts, hashEmbed, toVectorLiteral } from "./embeddings";
import { EMBEDDING_DIMENSIONS, HASH_EMBEDDING_MODEL_ID, useEmbeddingModelForTests } from "./providers";

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

afterEach(() => useEmbeddingModelForTests(undefined));

describe("hashEmbed", () => {
  it("is deterministic, 384-d and unit length, even for text with no words", () => {
    const v = hashEmbed("Write the quarterly report");
    expect(v).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(hashEmbed("Write the quarterly report")).toEqual(v);
    expect(Math.hypot(...v)).toBeCloseTo(1, 10);
    expect(Math.hypot(...hashEmbed("!!!"))).toBeCloseTo(1, 10);
    expect(Math.hypot(...hashEmbed(""))).toBeCloseTo(1, 10);
  });

  it("makes lexical neighbours closer than unrelated text", () => {
    const report = hashEmbed("write the quarterly report");
    expect(dot(report, hashEmbed("Quarterly report: write it"))).toBeGreaterThan(dot(report, hashEmbed("walk the dog")));
    // Character 3-grams relate word forms.
    expect(dot(hashEmbed("planning"), hashEmbed("plan"))).toBeGreaterThan(dot(hashEmbed("planning"), hashEmbed("dentist")));
  });

  it("prints pgvector's text form", () => {
    expect(toVectorLiteral([0.5, -1, Number.NaN])).toBe("[0.5,-1,0]");
  });
});

describe("embedTexts", () => {
  it("uses the hashing embedder offline", async () => {
    const { vectors, modelId } = await embedTexts(["a", "b"]);
    expect(modelId).toBe(HASH_EMBEDDING_MODEL_ID);
    expect(vectors).toEqual([hashEmbed("a"), hashEmbed("b")]);
  });

  it("batches a configured model's calls, asks for 384 dimensions and names the model", async () => {
    const model = new MockEmbeddingModelV3({
      modelId: "mock-embed",
      maxEmbeddingsPerCall: 1000,
      doEmbed: async ({ values }) => ({ embeddings: values.map(() => new Array<number>(EMBEDDING_DIMENSIONS).fill(0.05)), warnings: [] }),
    });
    useEmbeddingModelForTests(model);
    const texts = Array.from({ length: 200 }, (_, i) => `text ${i}`);
    const { vectors, modelId } = await embedTexts(texts);
    expect(modelId).toBe("mock-embed");
    expect(vectors).toHaveLength(200);
    expect(model.doEmbedCalls.length).toBe(3); // 96 + 96 + 8
    expect(model.doEmbedCalls[0]?.providerOptions).toEqual({ openai: { dimensions: EMBEDDING_DIMENSIONS } });
  });

  it("refuses vectors of the wrong size", async () => {
    useEmbeddingModelForTests(
      new MockEmbeddingModelV3({ doEmbed: async ({ values }) => ({ embeddings: values.map(() => [1, 0, 0]), warnings: [] }) }),
    );
    await expect(embedTexts(["x"])).rejects.toThrow(/3 dimensions, expected 384/);
  });
});
