// POST /api/tasks/:id/breakdown through its handler: steps stream in order and are saved when the
// stream ends; a cancelled request saves nothing; another user's task is 404 before any model call;
// bad input is 400 naming the field.
import { randomUUID } from "node:crypto";
import { parsePartialJson } from "ai";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useModelForTests } from "@/server/ai/providers";
import { resetBreakers } from "@/server/chains/breaker";
import { answeringModel } from "@/server/chains/testing";
import { aiUsage } from "@/server/db/schema";
import { recall } from "@/server/memory";
import { callerFor, makeUser, setupTestDb } from "@/test/harness";
import { streamTaskBreakdownResponse } from "./breakdown-stream";

const t = setupTestDb();
let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});
afterEach(() => {
  useModelForTests(undefined);
  resetBreakers();
});

function post(taskId: string, body: unknown, as: { id: string } | null, signal?: AbortSignal) {
  const request = new Request(`http://localhost/api/tasks/${taskId}/breakdown`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  return streamTaskBreakdownResponse(request, taskId, { user: async () => as, db: async () => t.db });
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

const stepTitles = async (userId: string, id: string) => (await callerFor(t.db, { id: userId }).task.get({ id })).steps.map((s) => s.title);

describe("POST /api/tasks/:id/breakdown", () => {
  it("streams the steps as they are generated, in order, then saves exactly those steps", async () => {
    const task = await callerFor(t.db, alice).task.create({ title: "Clean the kitchen" });
    const response = await post(task.id, { spiciness: 5 }, alice);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-coach-provider")).toBe("offline");
    const chunks = await readAll(response);
    expect(chunks.length).toBeGreaterThan(3);

    // What the page sees after each chunk: the step list only ever grows, and earlier steps never change.
    let text = "";
    const seen: string[][] = [];
    for (const chunk of chunks) {
      text += chunk;
      const { value } = await parsePartialJson(text);
      const steps = ((value as { steps?: { title?: string }[] } | undefined)?.steps ?? []).map((s) => s.title ?? "");
      seen.push(steps);
    }
    for (let i = 1; i < seen.length; i++) {
      const before = seen[i - 1] ?? [];
      const now = seen[i] ?? [];
      expect(now.length).toBeGreaterThanOrEqual(before.length);
      expect(now.slice(0, Math.max(0, before.length - 1))).toEqual(before.slice(0, Math.max(0, before.length - 1)));
    }
    const final = JSON.parse(text) as { steps: { title: string }[]; firstTinyStep: string };
    expect(final.steps.length).toBeGreaterThanOrEqual(8);
    expect(new Set(seen.map((s) => s.length)).size).toBeGreaterThan(3);

    // Saved by the time the stream ended, as task.breakdown would have saved them, and remembered.
    expect(await stepTitles(alice.id, task.id)).toEqual(final.steps.map((s) => s.title));
    const memories = await recall(t.db, { userId: alice.id, kind: "task.broken_down", limit: 5 });
    expect(memories.some((m) => m.data?.taskId === task.id)).toBe(true);
  });

  it("breaks a step down again, nested under it, with a model's answer streamed through", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Write the quarterly report" });
    await readAll(await post(task.id, { spiciness: 1 }, alice));
    const step = (await api.task.get({ id: task.id })).steps[1];
    expect(step).toBeDefined();
    const answer = {
      steps: [
        { title: "Open last quarter's report", estimateMinutes: 2 },
        { title: "Copy its section headings", estimateMinutes: 5 },
        { title: "Note this quarter's three numbers", estimateMinutes: 10 },
      ],
      firstTinyStep: "Open last quarter's report",
      tip: "Start with the numbers you know.",
    };
    useModelForTests(answeringModel(answer));
    const response = await post(step!.id, { spiciness: 3 }, alice);
    expect(response.headers.get("x-coach-provider")).toBe("test");
    await readAll(response);
    const tree = await api.task.get({ id: task.id });
    const nested = tree.steps.find((s) => s.id === step!.id);
    expect(nested?.steps.map((s) => s.title)).toEqual(answer.steps.map((s) => s.title));
    expect(nested?.steps.every((s) => s.depth === 2)).toBe(true);
  });

  it("saves nothing when the request is cancelled mid-stream", async () => {
    const task = await callerFor(t.db, alice).task.create({ title: `Move to a new flat ${randomUUID().slice(0, 4)}` });
    const controller = new AbortController();
    const response = await post(task.id, { spiciness: 5 }, alice, controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel();
    // The chain records its aborted call once it has wound down; nothing may have been saved by then.
    await expect
      .poll(async () => {
        const rows = await t.db.select().from(aiUsage).where(and(eq(aiUsage.userId, alice.id), eq(aiUsage.error, "aborted")));
        return rows.length;
      })
      .toBeGreaterThan(0);
    expect(await stepTitles(alice.id, task.id)).toEqual([]);
    const memories = await recall(t.db, { userId: alice.id, kind: "task.broken_down", limit: 20 });
    expect(memories.some((m) => m.data?.taskId === task.id)).toBe(false);
  });

  it("answers 404 for another user's task, before any model call", async () => {
    const task = await callerFor(t.db, alice).task.create({ title: "Alice's secret plan" });
    const model = answeringModel({ steps: [], firstTinyStep: "x", tip: "" });
    useModelForTests(model);
    const response = await post(task.id, { spiciness: 3 }, bob);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: "not_found:api", message: "Task not found" });
    expect(model.doStreamCalls).toHaveLength(0);
    expect(await stepTitles(alice.id, task.id)).toEqual([]);
  });

  it("answers 400 naming the field for a bad spiciness or task id, and 401 when signed out", async () => {
    const task = await callerFor(t.db, alice).task.create({ title: "Water the plants" });
    for (const spiciness of [0, 6, 2.5, "hot"]) {
      const response = await post(task.id, { spiciness }, alice);
      expect(response.status).toBe(400);
      expect((await response.json()).message).toMatch(/^spiciness: /);
    }
    const badId = await post("not-a-uuid", { spiciness: 3 }, alice);
    expect(badId.status).toBe(400);
    expect((await badId.json()).message).toMatch(/^id: /);
    expect((await post(task.id, { spiciness: 3 }, null)).status).toBe(401);
  });

  it("refuses a step 7 levels deep", async () => {
    const api = callerFor(t.db, alice);
    let parent = await api.task.create({ title: "Level 0" });
    for (let level = 1; level < 7; level++) parent = await api.task.create({ title: `Level ${level}`, parentId: parent.id });
    const response = await post(parent.id, { spiciness: 3 }, alice);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/^id: .*7 levels deep/);
  });
});
