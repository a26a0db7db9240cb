// The create-task workflow through task.create: the coach sizes a task up before it is saved, splits
// it when asked and advised, learns from the user's own past times and today's energy, remembers
// the insights (kept unembedded when the embedder is down), and a cancelled call saves nothing.
import { MockEmbeddingModelV3 } from "ai/test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useEmbeddingModelForTests } from "@/server/ai/providers";
import { checkins } from "@/server/db/schema";
import { recall, remember } from "@/server/memory";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";
import { createTaskWithCoach } from "./create-task";

const t = setupTestDb();
let alice: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
});
afterEach(() => useEmbeddingModelForTests(undefined));

describe("task.create with the coach", () => {
  it("answers with the task, the coach's insights and no steps; the estimate is stored as the coach's", async () => {
    const created = await callerFor(t.db, alice).task.create({ title: "Write the quarterly report" });
    expect(created).toMatchObject({ title: "Write the quarterly report", status: "todo", estimateSource: "coach:offline", steps: [] });
    expect(created.insights).toMatchObject({ shouldBreakDown: true, complexity: expect.any(Number) });
    expect(created.estimateMinutes).toBe(created.insights?.estimateMinutes);
    expect(created.insights?.estimateMinutes).toBeGreaterThan(25);
    expect(created.insights?.firstTinyStep.length).toBeGreaterThan(3);
    expect(created.coach?.provider).toBe("offline");

    const [insight] = await recall(t.db, { userId: alice.id, kind: "task.insights", limit: 1 });
    expect(insight?.content).toMatch(/^"Write the quarterly report": about \d+ min, complexity \d\/5; first tiny step: .+ Worth breaking down\.$/);
    expect(insight?.data).toMatchObject({ taskId: created.id, shouldBreakDown: true });
  });

  it("keeps an estimate the user gave", async () => {
    const created = await callerFor(t.db, alice).task.create({ title: "Clean the garage", estimateMinutes: 20 });
    expect(created).toMatchObject({ estimateMinutes: 20, estimateSource: "user" });
    expect(created.insights?.estimateMinutes).toBeGreaterThan(20);
  });

  it("splits the task right away when asked and the coach advises it, and only then", async () => {
    const api = callerFor(t.db, alice);
    const big = await api.task.create({ title: "Plan mum's birthday party", breakDown: true });
    expect(big.steps.length).toBeGreaterThanOrEqual(3);
    expect(big.steps.every((s) => s.parentId === big.id && s.depth === 1 && s.estimateSource === "coach:offline")).toBe(true);
    const tree = await api.task.get({ id: big.id });
    expect(tree.steps.map((s) => s.title)).toEqual(big.steps.map((s) => s.title));
    const [broken] = await recall(t.db, { userId: alice.id, kind: "task.broken_down", limit: 1 });
    expect(broken?.data).toMatchObject({ taskId: big.id, steps: big.steps.map((s) => s.title) });

    const small = await api.task.create({ title: "Water the plants", breakDown: true });
    expect(small.insights?.shouldBreakDown).toBe(false);
    expect(small.steps).toEqual([]);
    const offered = await api.task.create({ title: "Declutter the wardrobe" });
    expect(offered.insights?.shouldBreakDown).toBe(true);
    expect(offered.steps).toEqual([]);
  });

  it("uses the user's own past times for similar tasks", async () => {
    const bea = await makeUser(t.db, "Bea");
    for (const minutes of [35, 45, 40]) {
      await remember(t.db, {
        userId: bea.id,
        tier: "long_term",
        kind: "task.completed",
        content: `Completed "Clean the kitchen" in ${minutes} min (estimated 50 min).`,
        data: { actualMinutes: minutes, estimateMinutes: 50 },
      });
    }
    const created = await callerFor(t.db, bea).task.create({ title: "Clean the kitchen" });
    expect(created.insights?.estimateMinutes).toBe(40);
    expect(created.estimateMinutes).toBe(40);
    expect(created.insights?.reasoning).toContain("Your last 3 similar tasks took ~40 min.");
  });

  it("finds those past times even when many closer memories of other kinds exist", async () => {
    const cai = await makeUser(t.db, "Cai");
    // Fifteen "created" memories word for word like the new title: nearer than any completion.
    for (let i = 0; i < 15; i++) {
      await remember(t.db, { userId: cai.id, tier: "long_term", kind: "task.created", content: "Clean the kitchen" });
    }
    await remember(t.db, {
      userId: cai.id,
      tier: "long_term",
      kind: "task.completed",
      content: `Completed "Clean the kitchen" in 25 min (estimated 50 min).`,
      data: { actualMinutes: 25, estimateMinutes: 50 },
    });
    const created = await callerFor(t.db, cai).task.create({ title: "Clean the kitchen" });
    expect(created.insights?.estimateMinutes).toBe(25);
  });

  it("advises smaller steps on a low-energy day", async () => {
    const cal = await makeUser(t.db, "Cal");
    const api = callerFor(t.db, cal);
    // A 20-minute job is fine to just start on an ordinary day…
    const before = await api.task.create({ title: "Fold the laundry" });
    expect(before.insights).toMatchObject({ estimateMinutes: 20, shouldBreakDown: false });
    // …but not when energy is 1 out of 5; a 15-minute call still is.
    await t.db.insert(checkins).values({ userId: cal.id, mood: 2, energy: 1 });
    const tired = await api.task.create({ title: "Fold the laundry" });
    expect(tired.insights?.shouldBreakDown).toBe(true);
    expect(tired.insights?.reasoning).toContain("Energy is low today");
    const call = await api.task.create({ title: "Call the bank about the card" });
    expect(call.insights).toMatchObject({ estimateMinutes: 15, shouldBreakDown: false });
  });

  it("still saves the task and its memories when the embedder is down (the memory layer's job embeds them later)", async () => {
    useEmbeddingModelForTests(
      new MockEmbeddingModelV3({
        doEmbed: async () => {
          throw new Error("embeddings unavailable");
        },
      }),
    );
    const dan = await makeUser(t.db, "Dan");
    const created = await callerFor(t.db, dan).task.create({ title: "Renew the passport" });
    const memories = await recall(t.db, { userId: dan.id, limit: 10 });
    expect(memories.map((m) => m.kind).sort()).toEqual(["task.created", "task.insights"]);
    expect(memories.every((m) => m.embeddingModel === null)).toBe(true);
    expect(created.insights).not.toBeNull();
  });

  it("a cancelled call saves nothing", async () => {
    const eve = await makeUser(t.db, "Eve");
    const controller = new AbortController();
    controller.abort();
    await expect(createTaskWithCoach({ db: t.db, userId: eve.id }, { title: "Book flights" }, controller.signal)).rejects.toBeTruthy();
    expect(await callerFor(t.db, eve).task.list()).toEqual([]);
  });

  it("breakDown must be true or false; another user's parent is NOT_FOUND", async () => {
    const api = callerFor(t.db, alice);
    const error = await rejects(api.task.create({ title: "ok", breakDown: "yes" as unknown as boolean }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("breakDown");
    const theirs = await callerFor(t.db, await makeUser(t.db)).task.create({ title: "Their task" });
    expect((await rejects(api.task.create({ title: "sneaky", parentId: theirs.id, breakDown: true }))).code).toBe("NOT_FOUND");
  });
});
