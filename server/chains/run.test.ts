// runChain and streamChain on mocked models: schema-valid output, partials in order, the cache, the
// breaker opening and closing, the offline coach on error, timeout and spent budget, usage rows.
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useModelForTests } from "@/server/ai/providers";
import { aiCache, aiUsage } from "@/server/db/schema";
import { env } from "@/server/env";
import { makeUser, setupTestDb } from "@/test/harness";
import { breakdownOutput, type BreakdownOutput } from "./breakdown";
import { resetBreakers } from "./breaker";
import { type ChainArgs, type ChainCtx, runChain, streamChain } from "./run";
import { answeringModel, breakingStreamModel, failingModel, flakyModel, silentModel } from "./testing";

const harness = setupTestDb();
let ctx: ChainCtx;
beforeAll(async () => {
  ctx = { db: harness.db, userId: (await makeUser(harness.db)).id };
});

let clock = Date.now();
beforeEach(() => {
  clock = Date.now();
  resetBreakers(() => clock);
});
afterEach(() => useModelForTests(undefined));

const answer: BreakdownOutput = {
  steps: [
    { title: "Open the laptop", estimateMinutes: 2 },
    { title: "Write the first heading", estimateMinutes: 10 },
    { title: "List three points", estimateMinutes: 8 },
    { title: "Send the draft to Sam", estimateMinutes: 5 },
  ],
  firstTinyStep: "Open the laptop",
  tip: "Set a 10-minute timer.",
};

/** A breakdown call; a fresh title each time unless given, so the cache only hits when a test wants it. */
function args(overrides: Partial<ChainArgs<BreakdownOutput>> & { title?: string } = {}): ChainArgs<BreakdownOutput> {
  const title = overrides.title ?? `Write the report ${randomUUID()}`;
  return {
    ctx,
    name: "breakdown",
    schema: breakdownOutput,
    system: "Break the task into steps.",
    prompt: `Task: ${title}`,
    offline: { chain: "breakdown", input: { title, notes: null, spiciness: 3 } },
    ...overrides,
  };
}

async function usageRows(userId = ctx.userId) {
  return harness.db.select().from(aiUsage).where(eq(aiUsage.userId, userId)).orderBy(aiUsage.createdAt);
}

async function lastUsage(userId = ctx.userId) {
  const rows = await usageRows(userId);
  return rows.at(-1);
}

describe("runChain", () => {
  it("returns the model's schema-valid output and records one usage row with its tokens", async () => {
    useModelForTests(answeringModel(answer));
    const before = (await usageRows()).length;
    const { output, meta } = await runChain(args());
    expect(output).toEqual(answer);
    expect(meta).toMatchObject({ provider: "test", fallback: false, cacheHit: false, usage: { inputTokens: 10, outputTokens: 20 } });
    const rows = await usageRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ chain: "breakdown", provider: "test", inputTokens: 10, outputTokens: 20, cacheHit: false, fallback: false, error: null });
  });

  it("answers a repeated call from the cache without calling the model; another user or input misses", async () => {
    const model = answeringModel(answer);
    useModelForTests(model);
    const call = args();
    await runChain(call);
    const again = await runChain(call);
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(again.output).toEqual(answer);
    expect(again.meta).toMatchObject({ provider: "test", cacheHit: true, fallback: false });
    expect(await lastUsage()).toMatchObject({ cacheHit: true, inputTokens: 0, outputTokens: 0 });

    const other = { db: harness.db, userId: (await makeUser(harness.db)).id };
    expect((await runChain({ ...call, ctx: other })).meta.cacheHit).toBe(false);
    expect((await runChain({ ...call, prompt: `${call.prompt} (urgent)` })).meta.cacheHit).toBe(false);
    expect((await runChain({ ...call, cache: false })).meta.cacheHit).toBe(false);
    expect(model.doGenerateCalls).toHaveLength(4);
  });

  it("does not return an expired cache entry", async () => {
    const model = answeringModel(answer);
    useModelForTests(model);
    const call = args();
    await runChain(call);
    await harness.db.update(aiCache).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(aiCache.userId, ctx.userId));
    const again = await runChain(call);
    expect(again.meta.cacheHit).toBe(false);
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it("keeps the answer for AI_CACHE_TTL_SECONDS", async () => {
    useModelForTests(answeringModel(answer));
    const call = args();
    const startedAt = Date.now();
    await runChain(call);
    const [newest] = await harness.db.select().from(aiCache).where(eq(aiCache.userId, ctx.userId)).orderBy(desc(aiCache.createdAt)).limit(1);
    const ttl = newest!.expiresAt.getTime() - startedAt;
    expect(ttl).toBeGreaterThanOrEqual(env.AI_CACHE_TTL_SECONDS * 1000 - 5_000);
    expect(ttl).toBeLessThanOrEqual(env.AI_CACHE_TTL_SECONDS * 1000 + 5_000);
  });

  it("lets the offline coach answer when the model errors, and says so", async () => {
    useModelForTests(failingModel());
    const { output, meta } = await runChain(args({ title: "Clean the kitchen" }));
    expect(meta).toMatchObject({ provider: "offline", fallback: true, fallbackReason: "error", cacheHit: false });
    expect(breakdownOutput.parse(output).steps.length).toBeGreaterThanOrEqual(3);
    expect(await lastUsage()).toMatchObject({ provider: "offline", fallback: true, error: "Error", inputTokens: 0, outputTokens: 0 });
  });

  it("lets the offline coach answer when the model does not answer in time", async () => {
    useModelForTests(silentModel());
    const started = Date.now();
    const { output, meta } = await runChain(args({ title: "Do laundry", timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(meta).toMatchObject({ provider: "offline", fallback: true, fallbackReason: "timeout" });
    expect(output.steps.length).toBeGreaterThanOrEqual(3);
    expect(await lastUsage()).toMatchObject({ fallback: true, error: "timeout" });
  });

  it("does not cache a fallback answer", async () => {
    useModelForTests(failingModel());
    const call = args();
    await runChain(call);
    const model = answeringModel(answer);
    useModelForTests(model);
    const { meta } = await runChain(call);
    expect(meta).toMatchObject({ provider: "test", cacheHit: false, fallback: false });
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it("opens the breaker after 5 consecutive failures, then half-opens after 60 s and closes on success", async () => {
    const { model, outage } = flakyModel(answer);
    useModelForTests(model);
    outage(true);
    for (let i = 0; i < 5; i++) {
      expect((await runChain(args())).meta.fallbackReason).toBe("error");
    }
    expect(model.doGenerateCalls).toHaveLength(5);

    // Open: the 6th call does not reach the model at all; the offline coach answers at once.
    const sixth = await runChain(args());
    expect(sixth.meta).toMatchObject({ provider: "offline", fallback: true, fallbackReason: "breaker_open" });
    expect(model.doGenerateCalls).toHaveLength(5);
    expect(await lastUsage()).toMatchObject({ error: "breaker_open", fallback: true });

    // The provider recovers, but the breaker keeps it skipped until 60 s have passed.
    outage(false);
    clock += 59_000;
    expect((await runChain(args())).meta.fallbackReason).toBe("breaker_open");
    expect(model.doGenerateCalls).toHaveLength(5);

    // Half-open after 60 s: one trial call goes through; it succeeds, so the breaker closes.
    clock += 1_000;
    expect((await runChain(args())).meta).toMatchObject({ provider: "test", fallback: false });
    expect((await runChain(args())).meta).toMatchObject({ provider: "test", fallback: false });
    expect(model.doGenerateCalls).toHaveLength(7);
  });

  it("re-opens the breaker when the half-open trial fails", async () => {
    const failing = failingModel();
    useModelForTests(failing);
    for (let i = 0; i < 5; i++) await runChain(args());
    clock += 60_000;
    expect((await runChain(args())).meta.fallbackReason).toBe("error"); // the trial reached the model
    const calls = failing.doGenerateCalls.length;
    expect((await runChain(args())).meta.fallbackReason).toBe("breaker_open");
    expect(failing.doGenerateCalls.length).toBe(calls);
  });

  it("keeps a failing model's breaker to itself: another model is still called", async () => {
    useModelForTests(failingModel());
    for (let i = 0; i < 5; i++) await runChain(args());
    const fresh = answeringModel(answer);
    useModelForTests(fresh);
    expect((await runChain(args())).meta).toMatchObject({ provider: "test", fallback: false });
  });

  it("does not call the model once today's token budget is spent; the offline coach answers", async () => {
    const user = await makeUser(harness.db);
    const mine = { db: harness.db, userId: user.id };
    await harness.db.insert(aiUsage).values({
      userId: user.id,
      chain: "breakdown",
      provider: "openai",
      modelId: "gpt-4o-mini",
      inputTokens: env.AI_DAILY_TOKEN_BUDGET,
      outputTokens: 1,
    });
    const model = answeringModel(answer);
    useModelForTests(model);
    const { output, meta } = await runChain(args({ ctx: mine }));
    expect(model.doGenerateCalls).toHaveLength(0);
    expect(meta).toMatchObject({ provider: "offline", fallback: true, fallbackReason: "budget" });
    expect(output.steps.length).toBeGreaterThanOrEqual(3);
    expect(await lastUsage(user.id)).toMatchObject({ error: "budget", fallback: true, inputTokens: 0 });
    // Another user's budget is untouched.
    expect((await runChain(args())).meta).toMatchObject({ provider: "test", fallback: false });
  });

  it("stops without a fallback when the caller aborts, and the breaker does not count it", async () => {
    useModelForTests(silentModel());
    for (let i = 0; i < 6; i++) {
      const controller = new AbortController();
      const call = runChain(args({ abortSignal: controller.signal }));
      setTimeout(() => controller.abort(new Error("user pressed stop")), 20);
      await expect(call).rejects.toThrow("user pressed stop");
    }
    useModelForTests(answeringModel(answer));
    expect((await runChain(args())).meta).toMatchObject({ provider: "test", fallback: false });
    expect((await usageRows()).some((r) => r.error === "aborted")).toBe(true);
  });
});

describe("streamChain", () => {
  it("streams partial outputs in order, knows who answers before the first chunk, and records usage at the end", async () => {
    useModelForTests(answeringModel(answer, { chunkDelayMs: 10 }));
    const streamed = await streamChain(args());
    expect(streamed.meta).toMatchObject({ provider: "test", fallback: false, cacheHit: false });
    const counts: number[] = [];
    for await (const partial of streamed.partialOutputStream) counts.push(partial.steps?.length ?? 0);
    expect(counts.length).toBeGreaterThan(3);
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // steps only ever grow
    expect(new Set(counts).size).toBeGreaterThan(2); // and arrive one by one
    expect(await streamed.output).toEqual(answer);
    const final = await streamed.finished;
    expect(final.usage).toEqual({ inputTokens: 10, outputTokens: 20 });
    expect(await lastUsage()).toMatchObject({ provider: "test", inputTokens: 10, outputTokens: 20, fallback: false, cacheHit: false });
  });

  it("gives the raw JSON text for the page alongside the partials", async () => {
    useModelForTests(answeringModel(answer));
    const streamed = await streamChain(args());
    let text = "";
    for await (const piece of streamed.textStream) text += piece;
    expect(JSON.parse(text)).toEqual(answer);
  });

  it("streams a cached answer at once without calling the model", async () => {
    const model = answeringModel(answer);
    useModelForTests(model);
    const call = args();
    const first = await streamChain(call);
    await first.finished;
    const second = await streamChain(call);
    expect(second.meta).toMatchObject({ cacheHit: true, provider: "test" });
    const partials = [];
    for await (const partial of second.partialOutputStream) partials.push(partial);
    expect(partials).toEqual([answer]);
    expect(await second.output).toEqual(answer);
    expect(model.doStreamCalls).toHaveLength(1);
  });

  it("streams the offline coach instead when the model fails before its first chunk", async () => {
    useModelForTests(failingModel());
    const streamed = await streamChain(args({ title: "Move to a new flat" }));
    expect(streamed.meta).toMatchObject({ provider: "offline", fallback: true, fallbackReason: "error" });
    const counts: number[] = [];
    for await (const partial of streamed.partialOutputStream) counts.push(partial.steps?.length ?? 0);
    expect(counts.length).toBeGreaterThan(1);
    expect((await streamed.output).steps.some((s) => /box/i.test(s.title))).toBe(true);
    await streamed.finished;
    expect(await lastUsage()).toMatchObject({ provider: "offline", fallback: true, inputTokens: 0, outputTokens: 0 });
  });

  it("streams the offline coach instead when the model says nothing in time", async () => {
    useModelForTests(silentModel());
    const streamed = await streamChain(args({ timeoutMs: 200 }));
    expect(streamed.meta).toMatchObject({ provider: "offline", fallback: true, fallbackReason: "timeout" });
    expect((await streamed.output).steps.length).toBeGreaterThanOrEqual(3);
  });

  it("skips the model while its breaker is open", async () => {
    const failing = failingModel();
    useModelForTests(failing);
    for (let i = 0; i < 5; i++) await streamChain(args());
    const calls = failing.doStreamCalls.length;
    const streamed = await streamChain(args());
    expect(streamed.meta.fallbackReason).toBe("breaker_open");
    expect(failing.doStreamCalls.length).toBe(calls);
    await streamed.output;
  });

  it("ends with an error (no silent fallback) when the stream breaks after it started, and records it", async () => {
    useModelForTests(breakingStreamModel(answer));
    const streamed = await streamChain(args());
    expect(streamed.meta).toMatchObject({ provider: "test", fallback: false });
    await expect(streamed.output).rejects.toThrow();
    const final = await streamed.finished;
    expect(final.usage?.outputTokens).toBeGreaterThan(0); // estimated: the provider never reported usage
    expect((await lastUsage())?.error).toBeTruthy();
  });

  it("streams the offline coach when the budget is spent", async () => {
    const user = await makeUser(harness.db);
    await harness.db.insert(aiUsage).values({
      userId: user.id,
      chain: "capture",
      provider: "openai",
      modelId: "gpt-4o-mini",
      inputTokens: 0,
      outputTokens: env.AI_DAILY_TOKEN_BUDGET,
    });
    const model = answeringModel(answer);
    useModelForTests(model);
    const streamed = await streamChain(args({ ctx: { db: harness.db, userId: user.id } }));
    expect(streamed.meta).toMatchObject({ provider: "offline", fallbackReason: "budget" });
    expect(model.doStreamCalls).toHaveLength(0);
    await streamed.finished;
  });
});
