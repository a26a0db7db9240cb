// The breakdown chain on the AI SDK: a mocked model's structured output, schema enforcement, and
// the offline coach taking over when the model fails.
import { MockLanguageModelV3 } from "ai/test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useModelForTests } from "@/server/ai/providers";
import { makeUser, setupTestDb } from "@/test/harness";
import { breakdownChain } from "./breakdown";
import type { ChainCtx } from "./run";

const harness = setupTestDb();
let ctx: ChainCtx;
beforeAll(async () => {
  const db = harness.db;
  ctx = { db, userId: (await makeUser(db)).id };
});

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 20, text: 20, reasoning: 0 },
};

function modelAnswering(text: string) {
  return new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage,
      warnings: [],
    }),
  });
}

afterEach(() => useModelForTests(undefined));

describe("breakdownChain", () => {
  it("returns the model's structured steps, validated by the schema", async () => {
    const steps = [
      { title: "Open the laptop", estimateMinutes: 2 },
      { title: "Write the first heading", estimateMinutes: 10 },
      { title: "Send the draft to Sam", estimateMinutes: 5 },
    ];
    const model = modelAnswering(JSON.stringify({ steps, firstTinyStep: "Open the laptop", tip: "Timer on." }));
    useModelForTests(model);
    const { output, meta } = await breakdownChain(ctx, { title: "Write the report", spiciness: 3 });
    expect(output.steps).toEqual(steps);
    expect(meta).toMatchObject({ provider: "test", fallback: false });
    // The prompt carries the task as data.
    expect(JSON.stringify(model.doGenerateCalls[0]?.prompt)).toContain("Write the report");
  });

  it("falls back to the offline coach when the model's output breaks the schema", async () => {
    useModelForTests(modelAnswering(JSON.stringify({ steps: [{ title: "Do it all", estimateMinutes: 300 }] })));
    const { output, meta } = await breakdownChain(ctx, { title: "Clean the kitchen", spiciness: 3 });
    expect(meta).toMatchObject({ provider: "offline", fallback: true });
    expect(output.steps.length).toBeGreaterThanOrEqual(3);
    expect(output.steps.every((s) => s.estimateMinutes <= 25)).toBe(true);
  });

  it("falls back to the offline coach when the model errors", async () => {
    useModelForTests(
      new MockLanguageModelV3({
        doGenerate: async () => {
          throw new Error("503 upstream unavailable");
        },
      }),
    );
    const { output, meta } = await breakdownChain(ctx, { title: "Do laundry", spiciness: 5 });
    expect(meta.fallback).toBe(true);
    expect(output.steps.length).toBeGreaterThanOrEqual(8);
  });

  it("streams the offline coach's answer in pieces through the same model interface", async () => {
    const { streamText, Output } = await import("ai");
    const { offlineModel } = await import("@/server/ai/providers");
    const { offlineRequest } = await import("@/server/ai/offline-model");
    const { breakdownOutput } = await import("./breakdown");
    const result = streamText({
      model: offlineModel().model,
      output: Output.object({ schema: breakdownOutput }),
      prompt: "Move to a new flat",
      providerOptions: offlineRequest({ chain: "breakdown", input: { title: "Move to a new flat", spiciness: 4 } }),
    });
    const partialCounts: number[] = [];
    for await (const partial of result.partialOutputStream) partialCounts.push(partial.steps?.length ?? 0);
    expect(partialCounts.length).toBeGreaterThan(3);
    expect(new Set(partialCounts).size).toBeGreaterThan(2); // steps arrive one by one
    const final = await result.output;
    expect(final.steps.some((s) => /box/i.test(s.title))).toBe(true);
  });
});
