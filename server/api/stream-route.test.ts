// streamChainResponse: the streamed body a page reads, who-answered headers, onFinish, and the
// 400 / 401 / 429 / 503 answers — called directly with a Request and an injected session user.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { useModelForTests } from "@/server/ai/providers";
import { breakdownOutput, type BreakdownOutput } from "@/server/chains/breakdown";
import { resetBreakers } from "@/server/chains/breaker";
import { type ChainCtx, streamChain } from "@/server/chains/run";
import { answeringModel, failingModel } from "@/server/chains/testing";
import { checkRateLimit, rateLimitRules } from "@/server/ratelimit";
import { NotFoundError } from "@/server/errors";
import { makeUser, setupTestDb } from "@/test/harness";
import { streamChainResponse, type StreamRouteOptions } from "./stream-route";

const harness = setupTestDb();
let userId: string;
beforeAll(async () => {
  userId = (await makeUser(harness.db)).id;
});
afterEach(() => {
  useModelForTests(undefined);
  resetBreakers();
});

const answer: BreakdownOutput = {
  steps: [
    { title: "Fill the sink with warm water", estimateMinutes: 3 },
    { title: "Wash the glasses first", estimateMinutes: 8 },
    { title: "Wipe the counter", estimateMinutes: 4 },
  ],
  firstTinyStep: "Put the plug in the sink",
  tip: "Music on.",
};

const input = z.object({ title: z.string().min(1).max(200), spiciness: z.number().int().min(1).max(5) });
type Input = z.infer<typeof input>;

function breakdown(ctx: ChainCtx & { signal: AbortSignal }, body: Input) {
  return streamChain({
    ctx,
    name: "breakdown",
    schema: breakdownOutput,
    system: "Break the task into steps.",
    prompt: `Task: ${body.title}`,
    offline: { chain: "breakdown", input: { title: body.title, notes: null, spiciness: body.spiciness as 1 | 2 | 3 | 4 | 5 } },
    abortSignal: ctx.signal,
  });
}

function options(overrides: Partial<StreamRouteOptions<Input, BreakdownOutput>> = {}, asUser: string | null = userId) {
  return {
    input,
    run: breakdown,
    deps: { user: async () => (asUser ? { id: asUser } : null), db: async () => harness.db },
    ...overrides,
  } satisfies StreamRouteOptions<Input, BreakdownOutput>;
}

function post(body: unknown, init: RequestInit = {}) {
  return new Request("http://localhost/api/chains/breakdown", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

async function readChunks(response: Response): Promise<string[]> {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value));
  }
}

describe("streamChainResponse", () => {
  it("streams the chain's JSON in pieces, says who answered, and runs onFinish with the output", async () => {
    useModelForTests(answeringModel(answer));
    const finished: BreakdownOutput[] = [];
    const response = await streamChainResponse(
      post({ title: `Wash up ${randomUUID()}`, spiciness: 3 }),
      options({ onFinish: async (output) => void finished.push(output) }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-coach-provider")).toBe("test");
    expect(response.headers.get("x-coach-fallback")).toBe("false");
    const chunks = await readChunks(response);
    expect(chunks.length).toBeGreaterThan(2);
    expect(JSON.parse(chunks.join(""))).toEqual(answer);
    expect(finished).toEqual([answer]);
  });

  it("says when the offline coach answered instead", async () => {
    useModelForTests(failingModel());
    const response = await streamChainResponse(post({ title: "Clean the kitchen", spiciness: 2 }), options());
    expect(response.headers.get("x-coach-provider")).toBe("offline");
    expect(response.headers.get("x-coach-fallback")).toBe("true");
    expect(response.headers.get("x-coach-fallback-reason")).toBe("error");
    expect(breakdownOutput.parse(JSON.parse((await readChunks(response)).join(""))).steps.length).toBeGreaterThanOrEqual(3);
  });

  it("answers 400 naming the field for bad input, and for a body that is not JSON", async () => {
    const bad = await streamChainResponse(post({ title: "", spiciness: 9 }), options());
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; message: string };
    expect(body.code).toBe("bad_request:api");
    expect(body.message).toContain("title");
    expect(body.message).toContain("spiciness");
    const notJson = await streamChainResponse(post("{nope"), options());
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toContain("body");
  });

  it("answers 401 without a signed-in user", async () => {
    const response = await streamChainResponse(post({ title: "Tidy up", spiciness: 3 }), options({}, null));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "unauthorized:auth" });
  });

  it("answers 429 with Retry-After once the user's AI rate limit is used up, without calling the model", async () => {
    const user = (await makeUser(harness.db)).id;
    const model = answeringModel(answer);
    useModelForTests(model);
    const { limit, windowSeconds } = rateLimitRules.ai;
    // The sliding window lets part of the limit through again right after a window boundary, so
    // start with a few seconds of the current window left.
    const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
    if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    // The same per-user "ai" limit as the tRPC AI procedures: spend all but one of it there.
    for (let i = 0; i < limit - 1; i++) expect((await checkRateLimit("ai", `user:${user}`)).success).toBe(true);
    const last = await streamChainResponse(post({ title: `Last one ${randomUUID()}`, spiciness: 3 }), options({}, user));
    expect(last.status).toBe(200);
    await readChunks(last);
    const calls = model.doStreamCalls.length;

    const limited = await streamChainResponse(post({ title: "One more", spiciness: 3 }), options({}, user));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ code: "rate_limit:api" });
    expect(model.doStreamCalls.length).toBe(calls);
    // Someone else is not limited by it.
    const other = await streamChainResponse(post({ title: `Mine ${randomUUID()}`, spiciness: 3 }), options());
    expect(other.status).toBe(200);
    await readChunks(other);
  });

  it("maps typed errors from run: another user's task is 404, anything unexpected 503 without details", async () => {
    const notFound = await streamChainResponse(
      post({ title: "x", spiciness: 3 }),
      options({ run: async () => Promise.reject(new NotFoundError("Task")) }),
    );
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ code: "not_found:api", message: "Task not found" });
    const broken = await streamChainResponse(
      post({ title: "x", spiciness: 3 }),
      options({ run: async () => Promise.reject(new Error("relation ai_cache does not exist")) }),
    );
    expect(broken.status).toBe(503);
    const body = (await broken.json()) as { message: string };
    expect(body.message).not.toContain("relation");
  });

  it("stops the model and skips onFinish when the page cancels", async () => {
    useModelForTests(answeringModel(answer, { chunkDelayMs: 30 }));
    const controller = new AbortController();
    let finished = false;
    const response = await streamChainResponse(
      post({ title: `Cancel me ${randomUUID()}`, spiciness: 3 }, { signal: controller.signal }),
      options({ onFinish: async () => void (finished = true) }),
    );
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel();
    await expect.poll(async () => {
      const { aiUsage } = await import("@/server/db/schema");
      const { eq } = await import("drizzle-orm");
      const rows = await harness.db.select().from(aiUsage).where(eq(aiUsage.userId, userId));
      return rows.some((r) => r.error === "aborted");
    }).toBe(true);
    expect(finished).toBe(false);
  });
});
