// POST /api/capture through its handler: tasks stream in one by one with headers saying who answered,
// nothing is saved, a cancelled request stops, and bad input / no session / too many calls are answered
// with 400 naming the field / 401 / 429.
import { parsePartialJson } from "ai";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useModelForTests } from "@/server/ai/providers";
import { resetBreakers } from "@/server/chains/breaker";
import { answeringModel } from "@/server/chains/testing";
import { rateLimitRules } from "@/server/ratelimit";
import { callerFor, makeUser, setupTestDb } from "@/test/harness";
import { streamCaptureResponse } from "./capture-stream";

const t = setupTestDb();
let alice: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
});
afterEach(() => {
  useModelForTests(undefined);
  resetBreakers();
});

function post(body: unknown, as: { id: string } | null, signal?: AbortSignal) {
  const request = new Request("http://localhost/api/capture", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal,
  });
  return streamCaptureResponse(request, { user: async () => as, db: async () => t.db });
}

async function readAll(response: Response): Promise<string[]> {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value, { stream: true }));
  }
}

type Partial = { tasks?: Array<{ title?: string }> } | undefined;

describe("POST /api/capture", () => {
  it("streams the offline coach's tasks one by one and saves nothing", async () => {
    const before = (await callerFor(t.db, alice).task.list()).length;
    const response = await post({ text: "ugh so much. emails. the presentation for monday. pick up kids at 3 today. water plants" }, alice);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(response.headers.get("x-coach-provider")).toBe("offline");
    expect(response.headers.get("x-coach-fallback")).toBe("false");

    const chunks = await readAll(response);
    let text = "";
    const seen: string[][] = [];
    for (const chunk of chunks) {
      text += chunk;
      const { value } = await parsePartialJson(text);
      seen.push(((value as Partial)?.tasks ?? []).map((x) => x.title ?? ""));
    }
    // The page sees the list grow: more than one state, and finished titles never change.
    expect(new Set(seen.map((s) => s.length)).size).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) {
      const done = (seen[i - 1] ?? []).slice(0, -1);
      expect((seen[i] ?? []).slice(0, done.length)).toEqual(done);
    }
    const final = JSON.parse(text) as { tasks: Array<{ title: string; due: string | null }> };
    expect(final.tasks.map((x) => x.title)).toEqual(["Answer emails", "Prepare the presentation", "Pick up kids", "Water plants"]);
    expect((await callerFor(t.db, alice).task.list()).length).toBe(before);
  });

  it("says when a model answered", async () => {
    useModelForTests(answeringModel({ tasks: [{ title: "Call mom", notes: null, due: null, estimateMinutes: 15, priority: "medium", area: "relationships" }] }));
    const response = await post({ text: "call mom" }, alice);
    expect(response.headers.get("x-coach-provider")).toBe("test");
    expect(JSON.parse((await readAll(response)).join(""))).toMatchObject({ tasks: [{ title: "Call mom" }] });
  });

  it("stops when the page cancels", async () => {
    useModelForTests(answeringModel({ tasks: Array.from({ length: 20 }, (_, i) => ({ title: `Task ${i}`, notes: null, due: null, estimateMinutes: 5, priority: "low", area: "other" })) }, { chunkDelayMs: 40 }));
    const controller = new AbortController();
    const response = await post({ text: "lots" }, alice, controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "ended";
      })(),
    ).rejects.toBeTruthy();
  });

  it("answers 400 naming the field, 401 without a session, 429 over the AI limit", async () => {
    const empty = await post({ text: "   " }, alice);
    expect(empty.status).toBe(400);
    expect((await empty.json()) as { message: string }).toMatchObject({ code: "bad_request:api", message: expect.stringMatching(/^text: /) });
    const long = await post({ text: "x".repeat(8001) }, alice);
    expect(((await long.json()) as { message: string }).message).toMatch(/^text: Keep it under 8000 characters/);
    expect((await post("not json", alice)).status).toBe(400);
    expect((await post({ text: "call mom" }, null)).status).toBe(401);

    const carol = await makeUser(t.db, "Carol");
    let limited: Response | undefined;
    // A sliding window: a minute boundary in the middle can let a few more through, never twice the limit.
    for (let i = 0; i <= rateLimitRules.ai.limit * 2 && !limited; i++) {
      const r = await post({ text: "call mom" }, carol);
      if (r.status === 429) limited = r;
      else await readAll(r);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
