// task.* through the real router on a real database: behaviour, ownership and bad input.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();
let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});

describe("task.create / list / get", () => {
  it("creates a task and lists it, top-level only by default", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "  Write the quarterly report  ", priority: "high" });
    expect(task.title).toBe("Write the quarterly report");
    expect(task.status).toBe("todo");
    expect(task.priority).toBe("high");
    await api.task.create({ title: "Outline", parentId: task.id });
    const list = await api.task.list();
    const mine = list.find((x) => x.id === task.id);
    expect(mine?.stepCount).toBe(1);
    expect(list.some((x) => x.title === "Outline")).toBe(false);
    const steps = await api.task.list({ parentId: task.id });
    expect(steps.map((s) => s.title)).toEqual(["Outline"]);
  });

  it("filters by status", async () => {
    const api = callerFor(t.db, alice);
    const a = await api.task.create({ title: "Filter me done" });
    await api.task.complete({ id: a.id });
    const done = await api.task.list({ status: ["done"] });
    expect(done.every((x) => x.status === "done")).toBe(true);
    expect(done.some((x) => x.id === a.id)).toBe(true);
    const open = await api.task.list({ status: ["todo"] });
    expect(open.some((x) => x.id === a.id)).toBe(false);
  });

  it("gets a task with its steps as a tree", async () => {
    const api = callerFor(t.db, alice);
    const root = await api.task.create({ title: "Move to a new flat" });
    const step = await api.task.create({ title: "Pack the kitchen", parentId: root.id });
    await api.task.create({ title: "Wrap the plates", parentId: step.id });
    const tree = await api.task.get({ id: root.id });
    expect(tree.steps).toHaveLength(1);
    expect(tree.steps[0]?.title).toBe("Pack the kitchen");
    expect(tree.steps[0]?.steps[0]?.title).toBe("Wrap the plates");
    expect(tree.steps[0]?.steps[0]?.depth).toBe(2);
  });

  it("keeps steps at most 7 levels deep", async () => {
    const api = callerFor(t.db, alice);
    let parent = await api.task.create({ title: "Level 0" });
    for (let level = 1; level < 7; level++) parent = await api.task.create({ title: `Level ${level}`, parentId: parent.id });
    const error = await rejects(api.task.create({ title: "Level 7", parentId: parent.id }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/parentId/);
    const breakdown = await rejects(api.task.breakdown({ id: parent.id, spiciness: 3 }));
    expect(breakdown.code).toBe("BAD_REQUEST");
  });
});

describe("task.update / complete / delete", () => {
  it("updates fields and reopens a completed task", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Book a dentist appointment" });
    const due = new Date("2026-12-01T10:30:00Z");
    const updated = await api.task.update({ id: task.id, title: "Book the dentist", estimateMinutes: 10, dueAt: due });
    expect(updated.title).toBe("Book the dentist");
    expect(updated.estimateMinutes).toBe(10);
    expect(updated.estimateSource).toBe("user");
    expect(updated.dueAt?.toISOString()).toBe(due.toISOString());
    const done = await api.task.complete({ id: task.id });
    expect(done.task.status).toBe("done");
    expect(done.task.completedAt).toBeInstanceOf(Date);
    const reopened = await api.task.update({ id: task.id, status: "todo" });
    expect(reopened.status).toBe("todo");
    expect(reopened.completedAt).toBeNull();
  });

  it("completing a task completes its open steps too", async () => {
    const api = callerFor(t.db, alice);
    const root = await api.task.create({ title: "Do laundry" });
    const a = await api.task.create({ title: "Sort the clothes", parentId: root.id });
    await api.task.create({ title: "Start the wash", parentId: root.id });
    await api.task.complete({ id: a.id });
    const result = await api.task.complete({ id: root.id });
    expect(result.completedCount).toBe(2); // the root and the one open step
    const tree = await api.task.get({ id: root.id });
    expect(tree.steps.every((s) => s.status === "done")).toBe(true);
  });

  it("deletes a task with all its steps", async () => {
    const api = callerFor(t.db, alice);
    const root = await api.task.create({ title: "Plan the party" });
    const step = await api.task.create({ title: "Write the guest list", parentId: root.id });
    await api.task.create({ title: "Ask mum's friends", parentId: step.id });
    const result = await api.task.delete({ id: root.id });
    expect(result.deleted).toBe(3);
    expect((await rejects(api.task.get({ id: step.id }))).code).toBe("NOT_FOUND");
  });
});

describe("task.breakdown", () => {
  it("creates concrete steps as child tasks, and can break a step down again", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Clean the kitchen" });
    const result = await api.task.breakdown({ id: task.id, spiciness: 3 });
    expect(result.coach.provider).toBe("offline");
    expect(result.task.steps.length).toBeGreaterThanOrEqual(3);
    expect(result.task.steps.length).toBeLessThanOrEqual(12);
    for (const step of result.task.steps) {
      expect(step.estimateMinutes).toBeGreaterThan(0);
      expect(step.estimateMinutes).toBeLessThanOrEqual(25);
      expect(step.depth).toBe(1);
    }
    expect(result.task.steps.map((s) => s.title).join(" ").toLowerCase()).toContain("dishes");
    const first = result.task.steps[0];
    if (!first) throw new Error("no steps");
    const again = await api.task.breakdown({ id: first.id, spiciness: 5 });
    expect(again.task.steps.length).toBeGreaterThanOrEqual(3);
    expect(again.task.steps.every((s) => s.depth === 2)).toBe(true);
  });

  it("a fresh breakdown replaces untouched steps but keeps done ones", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Write the quarterly report" });
    const first = await api.task.breakdown({ id: task.id, spiciness: 2 });
    const kept = first.task.steps[0];
    if (!kept) throw new Error("no steps");
    await api.task.complete({ id: kept.id });
    const second = await api.task.breakdown({ id: task.id, spiciness: 5 });
    const ids = second.task.steps.map((s) => s.id);
    expect(ids).toContain(kept.id);
    const stale = first.task.steps.slice(1).map((s) => s.id);
    expect(ids.some((id) => stale.includes(id))).toBe(false);
  });
});

describe("task.breakdown rate limit", () => {
  it("answers TOO_MANY_REQUESTS with the wait once a user exceeds the coach's limit", async () => {
    const carol = await makeUser(t.db, "Carol");
    const api = callerFor(t.db, carol);
    const task = await api.task.create({ title: "Start going to the gym" });
    let limited: TRPCError | undefined;
    for (let i = 0; i < 30 && !limited; i++) {
      try {
        await api.task.breakdown({ id: task.id, spiciness: 1 });
      } catch (error) {
        if (error instanceof TRPCError && error.code === "TOO_MANY_REQUESTS") limited = error;
        else throw error;
      }
    }
    expect(limited?.message).toMatch(/try again in \d+ second/i);
    // Another user is not affected.
    const other = callerFor(t.db, await makeUser(t.db));
    const theirs = await other.task.create({ title: "Book a dentist appointment" });
    await expect(other.task.breakdown({ id: theirs.id, spiciness: 2 })).resolves.toBeTruthy();
  });
});

describe("ownership: another user's id is NOT_FOUND", () => {
  it("for get, update, delete, complete, breakdown and list by parent", async () => {
    const task = await callerFor(t.db, alice).task.create({ title: "Alice's private task" });
    const api = callerFor(t.db, bob);
    const calls = [
      () => api.task.get({ id: task.id }),
      () => api.task.update({ id: task.id, title: "stolen" }),
      () => api.task.delete({ id: task.id }),
      () => api.task.complete({ id: task.id }),
      () => api.task.breakdown({ id: task.id, spiciness: 3 }),
      () => api.task.list({ parentId: task.id }),
      () => api.task.create({ title: "sneaky step", parentId: task.id }),
    ];
    for (const call of calls) expect((await rejects(call())).code).toBe("NOT_FOUND");
    expect((await api.task.list()).some((x) => x.id === task.id)).toBe(false);
    const still = await callerFor(t.db, alice).task.get({ id: task.id });
    expect(still.title).toBe("Alice's private task");
    expect(still.status).toBe("todo");
  });

  it("signed-out callers get UNAUTHORIZED", async () => {
    const api = callerFor(t.db, null);
    expect((await rejects(api.task.list())).code).toBe("UNAUTHORIZED");
    expect((await rejects(api.task.create({ title: "x" }))).code).toBe("UNAUTHORIZED");
  });
});

describe("bad input gets BAD_REQUEST naming the field", () => {
  const cases: [string, (api: ReturnType<typeof callerFor>) => Promise<unknown>, string][] = [
    ["empty title", (api) => api.task.create({ title: "   " }), "title"],
    ["huge title", (api) => api.task.create({ title: "x".repeat(501) }), "title"],
    ["wrong type", (api) => api.task.create({ title: 42 as unknown as string }), "title"],
    ["bad priority", (api) => api.task.create({ title: "ok", priority: "asap" as "high" }), "priority"],
    ["negative estimate", (api) => api.task.create({ title: "ok", estimateMinutes: -5 }), "estimateMinutes"],
    ["non-uuid id", (api) => api.task.get({ id: "not-a-uuid" }), "id"],
    ["non-uuid parent", (api) => api.task.create({ title: "ok", parentId: "42" }), "parentId"],
    ["spiciness out of range", (api) => api.task.breakdown({ id: crypto.randomUUID(), spiciness: 9 }), "spiciness"],
    ["empty update", (api) => api.task.update({ id: crypto.randomUUID() }), "id"],
    ["bad status", (api) => api.task.update({ id: crypto.randomUUID(), status: "finished" as "done" }), "status"],
  ];
  for (const [name, call, field] of cases) {
    it(name, async () => {
      const error = await rejects(call(callerFor(t.db, alice)));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain(field);
    });
  }

  it("an unknown (well-formed) id is NOT_FOUND and nothing is created", async () => {
    const api = callerFor(t.db, alice);
    const before = (await api.task.list()).length;
    expect((await rejects(api.task.get({ id: crypto.randomUUID() }))).code).toBe("NOT_FOUND");
    expect((await rejects(api.task.create({ title: "orphan", parentId: crypto.randomUUID() }))).code).toBe("NOT_FOUND");
    expect((await api.task.list()).length).toBe(before);
  });
});
