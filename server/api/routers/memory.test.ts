// memory.* through the real router: what task actions remember, listing, search, forgetting,
// ownership and bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { remember } from "@/server/memory";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();
let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});

describe("what task actions remember", () => {
  it("remembers a task created, completed and deleted, in the user's words", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Renew the passport" });
    await api.task.complete({ id: task.id });
    const other = await api.task.create({ title: "Clean the garage" });
    await api.task.delete({ id: other.id });

    const { items } = await api.memory.list({ tier: "long_term" });
    expect(items.map((m) => [m.kind, m.content])).toEqual(
      expect.arrayContaining([
        ["task.created", 'Added the task "Renew the passport".'],
        // The coach sized the task up when it was created, so the completion mentions its estimate.
        ["task.completed", expect.stringMatching(/^Completed "Renew the passport" \(estimated \d+ min\)\.$/)],
        ["task.created", 'Added the task "Clean the garage".'],
        ["task.deleted", 'Deleted the task "Clean the garage".'],
      ]),
    );
    const hits = await api.memory.search({ query: "passport", k: 2 });
    expect(hits.every((h) => h.content.includes("passport"))).toBe(true);
    expect(await callerFor(t.db, bob).memory.list()).toEqual({ items: [], nextCursor: null });
  });

  it("remembers a breakdown with its steps", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    const task = await api.task.create({ title: "Plan the birthday party" });
    const result = await api.task.breakdown({ id: task.id, spiciness: 3 });
    const { items } = await api.memory.list({ kind: "task.broken_down" });
    expect(items).toHaveLength(1);
    expect(items[0]?.content).toContain('Broke "Plan the birthday party" into');
    expect(items[0]?.data).toMatchObject({ taskId: task.id, steps: result.task.steps.map((s) => s.title) });
  });
});

describe("what editing the coach's steps remembers", () => {
  it("a renamed or re-estimated step is task.steps_edited with before and after; a removed one has after null", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    const task = await api.task.create({ title: "Plan the birthday party" });
    const { task: tree } = await api.task.breakdown({ id: task.id, spiciness: 3 });
    const [first, second, third] = tree.steps;
    if (!first || !second || !third) throw new Error("the offline coach made fewer than 3 steps");

    await api.task.update({ id: first.id, title: "Pick a date with Sam" });
    await api.task.update({ id: second.id, estimateMinutes: (second.estimateMinutes ?? 0) + 20 });
    // Not edits of what the coach proposed: ticking a step, saving the same title, renaming the task itself.
    await api.task.update({ id: second.id, status: "done" });
    await api.task.update({ id: third.id, title: third.title });
    await api.task.delete({ id: third.id });
    await api.task.update({ id: task.id, title: "Plan Sam's birthday party" });

    const { items } = await api.memory.list({ kind: "task.steps_edited" });
    const base = { parentId: task.id, parentTitle: "Plan the birthday party" };
    expect(items.map((m) => m.data)).toEqual([
      { ...base, taskId: third.id, before: { title: third.title, estimateMinutes: third.estimateMinutes }, after: null },
      {
        ...base,
        taskId: second.id,
        before: { title: second.title, estimateMinutes: second.estimateMinutes },
        after: { title: second.title, estimateMinutes: (second.estimateMinutes ?? 0) + 20 },
      },
      {
        ...base,
        taskId: first.id,
        before: { title: first.title, estimateMinutes: first.estimateMinutes },
        after: { title: "Pick a date with Sam", estimateMinutes: first.estimateMinutes },
      },
    ]);
    expect(items[2]?.content).toBe(`Renamed the step "${first.title}" to "Pick a date with Sam" in "Plan the birthday party".`);
    // A removed step is an edit of the breakdown, not a deleted task.
    expect((await api.memory.list({ kind: "task.deleted" })).items).toEqual([]);
  });
});

describe("memory.status", () => {
  it("names the embedder and counts only the user's own live memories", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.created", content: "Added a task" });
    await remember(t.db, { userId: user.id, tier: "short_term", kind: "note", content: "Just now" });
    await remember(t.db, { userId: other.id, tier: "working", kind: "mood", content: "Someone else's mood" });
    const status = await callerFor(t.db, user).memory.status();
    expect(status).toEqual({
      modelId: "hash-384-v1",
      dimensions: 384,
      provider: "hash",
      local: true,
      pending: 0,
      tiers: { short_term: 1, working: 0, long_term: 1 },
      kinds: [
        { kind: "note", count: 1 },
        { kind: "task.created", count: 1 },
      ],
    });
    expect((await rejects(callerFor(t.db, null).memory.status())).code).toBe("UNAUTHORIZED");
  });
});

describe("memory.list", () => {
  it("pages newest first and filters by kind", async () => {
    const user = await makeUser(t.db);
    const base = Date.UTC(2026, 10, 20, 9);
    for (let i = 0; i < 5; i++) {
      await remember(t.db, { userId: user.id, tier: "working", kind: "note", content: `note ${i}`, now: new Date(base + i * 1000), ttl: null });
    }
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "preference", content: "prefers short steps" });
    const api = callerFor(t.db, user);
    const page1 = await api.memory.list({ kind: "note", limit: 3 });
    expect(page1.items.map((m) => m.content)).toEqual(["note 4", "note 3", "note 2"]);
    expect(page1.nextCursor).toBe(3);
    const page2 = await api.memory.list({ kind: "note", limit: 3, cursor: page1.nextCursor ?? 0 });
    expect(page2.items.map((m) => m.content)).toEqual(["note 1", "note 0"]);
    expect(page2.nextCursor).toBeNull();
    const prefs = await api.memory.list({ tier: "long_term" });
    expect(prefs.items.map((m) => m.content)).toEqual(["prefers short steps"]);
  });
});

describe("memory.forget / forgetAll", () => {
  it("forgets one memory; another user's id is NOT_FOUND and leaves it alone", async () => {
    const owner = await makeUser(t.db);
    const memory = await remember(t.db, { userId: owner.id, tier: "long_term", kind: "note", content: "my private note" });
    const err = await rejects(callerFor(t.db, bob).memory.forget({ id: memory.id }));
    expect(err.code).toBe("NOT_FOUND");
    const api = callerFor(t.db, owner);
    expect((await api.memory.list()).items).toHaveLength(1);
    expect(await api.memory.forget({ id: memory.id })).toEqual({ id: memory.id });
    expect((await api.memory.list()).items).toHaveLength(0);
    expect(await api.memory.search({ query: "private note" })).toEqual([]);
    expect((await rejects(api.memory.forget({ id: memory.id }))).code).toBe("NOT_FOUND");
  });

  it("forgetAll removes all of the user's memories only", async () => {
    const carol = await makeUser(t.db);
    const dave = await makeUser(t.db);
    await remember(t.db, { userId: carol.id, tier: "working", kind: "note", content: "carol one" });
    await remember(t.db, { userId: carol.id, tier: "short_term", kind: "note", content: "carol two" });
    await remember(t.db, { userId: dave.id, tier: "working", kind: "note", content: "dave one" });
    expect(await callerFor(t.db, carol).memory.forgetAll()).toEqual({ deleted: 2 });
    expect((await callerFor(t.db, carol).memory.list()).items).toHaveLength(0);
    expect((await callerFor(t.db, dave).memory.list()).items).toHaveLength(1);
  });
});

describe("bad input and auth", () => {
  it("answers BAD_REQUEST naming the field", async () => {
    const api = callerFor(t.db, alice);
    const empty = await rejects(api.memory.search({ query: "   " }));
    expect(empty.code).toBe("BAD_REQUEST");
    expect(empty.message).toContain("query");
    for (const k of [0, 51, 2.5]) {
      const err = await rejects(api.memory.search({ query: "passport", k }));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toContain("k");
    }
    expect((await rejects(api.memory.forget({ id: "not-a-uuid" }))).code).toBe("BAD_REQUEST");
    expect((await rejects(api.memory.list({ tier: "forever" as "long_term" }))).code).toBe("BAD_REQUEST");
  });

  it("needs a signed-in user", async () => {
    const anon = callerFor(t.db, null);
    expect((await rejects(anon.memory.list())).code).toBe("UNAUTHORIZED");
    expect((await rejects(anon.memory.forgetAll())).code).toBe("UNAUTHORIZED");
  });
});
