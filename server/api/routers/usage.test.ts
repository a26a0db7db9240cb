// usage.summary: what a user sees in Settings after using the coach — today's tokens against the
// budget, calls, cache hits, fallbacks and the latest calls — and never another user's.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useModelForTests } from "@/server/ai/providers";
import { breakdownChain } from "@/server/chains/breakdown";
import { resetBreakers } from "@/server/chains/breaker";
import { answeringModel, failingModel } from "@/server/chains/testing";
import { aiUsage } from "@/server/db/schema";
import { env } from "@/server/env";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const harness = setupTestDb();
let alice: { id: string };
let bob: { id: string };

const answer = {
  steps: [
    { title: "Open the tax portal", estimateMinutes: 3 },
    { title: "Download last year's form", estimateMinutes: 5 },
    { title: "Fill in page one", estimateMinutes: 20 },
  ],
  firstTinyStep: "Open the tax portal",
  tip: "One page at a time.",
};

beforeAll(async () => {
  alice = await makeUser(harness.db, "Alice");
  bob = await makeUser(harness.db, "Bob");
  const ctx = { db: harness.db, userId: alice.id };
  useModelForTests(answeringModel(answer));
  await breakdownChain(ctx, { title: "Do my taxes", spiciness: 3 }); // model: 10 + 20 tokens
  await breakdownChain(ctx, { title: "Do my taxes", spiciness: 3 }); // cache hit
  useModelForTests(failingModel());
  await breakdownChain(ctx, { title: `Clean the garage ${randomUUID()}`, spiciness: 2 }); // fallback
  // Yesterday's spend does not count today.
  await harness.db.insert(aiUsage).values({
    userId: alice.id,
    chain: "capture",
    provider: "openai",
    modelId: "gpt-4o-mini",
    inputTokens: 5000,
    outputTokens: 5000,
    createdAt: new Date(Date.now() - 2 * 24 * 3600 * 1000),
  });
  // Bob's usage is his own.
  await harness.db.insert(aiUsage).values({ userId: bob.id, chain: "proof", provider: "openai", modelId: "gpt-4o-mini", inputTokens: 777, outputTokens: 1 });
});
afterEach(() => {
  useModelForTests(undefined);
  resetBreakers();
});

describe("usage.summary", () => {
  it("shows today's tokens against the budget, calls, cache hits and fallbacks", async () => {
    const summary = await callerFor(harness.db, alice).usage.summary();
    expect(summary.today).toMatchObject({ tokensUsed: 30, tokenBudget: env.AI_DAILY_TOKEN_BUDGET, calls: 3, cacheHits: 1, fallbacks: 1, timeZone: "UTC" });
  });

  it("lists the latest calls newest first, with who answered and why", async () => {
    const { recent } = await callerFor(harness.db, alice).usage.summary({ recent: 3 });
    expect(recent).toHaveLength(3);
    expect(recent[0]).toMatchObject({ chain: "breakdown", provider: "offline", fallback: true, error: "Error" });
    expect(recent[1]).toMatchObject({ provider: "test", cacheHit: true });
    expect(recent[2]).toMatchObject({ provider: "test", cacheHit: false, inputTokens: 10, outputTokens: 20 });
    expect((await callerFor(harness.db, alice).usage.summary()).recent).toHaveLength(4);
  });

  it("never shows another user's usage", async () => {
    const summary = await callerFor(harness.db, bob).usage.summary();
    expect(summary.today).toMatchObject({ tokensUsed: 778, calls: 1, cacheHits: 0, fallbacks: 0 });
    expect(summary.recent.map((r) => r.chain)).toEqual(["proof"]);
  });

  it("needs a signed-in user", async () => {
    expect((await rejects(callerFor(harness.db, null).usage.summary())).code).toBe("UNAUTHORIZED");
  });

  it("rejects a bad page size, naming the field", async () => {
    const error = await rejects(callerFor(harness.db, alice).usage.summary({ recent: 0 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("recent");
    expect((await rejects(callerFor(harness.db, alice).usage.summary({ recent: 101 }))).code).toBe("BAD_REQUEST");
  });
});
