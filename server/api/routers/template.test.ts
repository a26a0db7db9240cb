// template.* through the real router: save a task with its step tree (up to the deepest level a
// task can have), list, rename, start a new task from it (the same tree, fresh to-dos, use count +1),
// delete; another user's task or template is NOT_FOUND; bad input is named by field.
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { findTaskTree, insertTask, type TaskNode } from "@/server/db/queries/tasks";
import { taskTemplates, tasks } from "@/server/db/schema";
import { shapeSteps } from "@/server/orchestrator/templates";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}

interface Shape {
  title: string;
  estimateMinutes: number | null;
  status: string;
  depth: number;
  steps: Shape[];
}
const shape = (n: TaskNode): Shape => ({ title: n.title, estimateMinutes: n.estimateMinutes, status: n.status, depth: n.depth, steps: n.steps.map(shape) });

let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});

/** "Move house": three steps, one of them a chain six levels deep (the deepest a task can go). */
async function moveHouse(userId: string) {
  const root = await insertTask(t.db, { userId, fields: { title: "Move house", notes: "Start early", priority: "high", estimateMinutes: 600, area: "home" } });
  const boxes = await insertTask(t.db, { userId, parent: root, fields: { title: "Get boxes", estimateMinutes: 30 } });
  let parent = await insertTask(t.db, { userId, parent: root, fields: { title: "Pack", estimateMinutes: 240 } });
  for (let level = 2; level <= 6; level++) parent = await insertTask(t.db, { userId, parent, fields: { title: `Pack level ${level}`, estimateMinutes: level } });
  await insertTask(t.db, { userId, parent: root, fields: { title: "Tell the post office" } });
  // Progress is not part of a template: one step is done already.
  await t.db.update(tasks).set({ status: "done", completedAt: new Date() }).where(eq(tasks.id, boxes.id));
  return root;
}

describe("templates", () => {
  it("saves a task with its whole step tree and starts a fresh copy from it", async () => {
    const api = callerFor(t.db, alice);
    const root = await moveHouse(alice.id);
    const saved = await api.template.saveFromTask({ taskId: root.id });
    expect(saved).toMatchObject({ name: "Move house", title: "Move house", notes: "Start early", priority: "high", area: "home", estimateMinutes: 600, stepCount: 8, useCount: 0 });
    expect(saved.steps.map((s) => s.title)).toEqual(["Get boxes", "Pack", "Tell the post office"]);

    const started = await api.template.start({ id: saved.id });
    expect(started).toMatchObject({ stepCount: 8, useCount: 1 });
    expect(started.task).toMatchObject({ title: "Move house", notes: "Start early", priority: "high", area: "home", depth: 0, parentId: null, status: "todo" });
    const copy = await findTaskTree(t.db, { userId: alice.id, id: started.task.id });
    const original = await findTaskTree(t.db, { userId: alice.id, id: root.id });
    const fresh = (s: Shape): Shape => ({ ...s, status: "todo", steps: s.steps.map(fresh) });
    expect(shape(copy!)).toEqual(fresh(shape(original!)));
    // Six levels of steps below the task: the deepest leaf sits at depth 6.
    let deepest = copy!.steps.find((s) => s.title === "Pack")!;
    while (deepest.steps[0]) deepest = deepest.steps[0];
    expect(deepest).toMatchObject({ title: "Pack level 6", depth: 6 });
    // It lands at the end of the list, and the list shows it like any other task.
    const listed = await api.task.list();
    expect(listed.at(-1)).toMatchObject({ id: started.task.id, stepCount: 3, stepsDone: 0 });

    expect((await api.template.start({ id: saved.id, dueAt: new Date("2026-12-01T10:00:00Z") })).useCount).toBe(2);
    expect((await api.template.list()).map((x) => [x.name, x.useCount])).toEqual([["Move house", 2]]);
  });

  it("saves a step (with the steps below it) under a name, renames and deletes", async () => {
    const api = callerFor(t.db, alice);
    const root = await insertTask(t.db, { userId: alice.id, fields: { title: "Weekly review" } });
    const inbox = await insertTask(t.db, { userId: alice.id, parent: root, fields: { title: "Empty the inbox", estimateMinutes: 15 } });
    await insertTask(t.db, { userId: alice.id, parent: inbox, fields: { title: "Archive newsletters", estimateMinutes: 5 } });
    const saved = await api.template.saveFromTask({ taskId: inbox.id, name: "Inbox zero" });
    expect(saved).toMatchObject({ name: "Inbox zero", title: "Empty the inbox", stepCount: 1, steps: [{ title: "Archive newsletters", estimateMinutes: 5 }] });
    const started = await api.template.start({ id: saved.id });
    expect(started.task).toMatchObject({ title: "Empty the inbox", depth: 0, parentId: null });
    const renamed = await api.template.rename({ id: saved.id, name: "  Zero inbox  " });
    expect(renamed.name).toBe("Zero inbox");
    expect(await api.template.remove({ id: saved.id })).toEqual({ id: saved.id });
    expect((await api.template.list()).map((x) => x.name)).not.toContain("Zero inbox");
    expect((await rejects(api.template.start({ id: saved.id }))).code).toBe("NOT_FOUND");
  });

  it("reads stored steps defensively: malformed ones dropped, levels past the limit cut off", () => {
    const deep = { title: "1", steps: [{ title: "2", steps: [{ title: "3", steps: [{ title: "4", steps: [{ title: "5", steps: [{ title: "6", steps: [{ title: "7" }] }] }] }] }] }] };
    const shaped = shapeSteps([deep, { title: "" }, { nope: true }, "x"]);
    expect(shaped).toHaveLength(1);
    let level = shaped[0];
    let levels = 0;
    while (level) {
      levels++;
      level = level.steps?.[0];
    }
    expect(levels).toBe(6);
    expect(shapeSteps("not a list")).toEqual([]);
  });
});

describe("privacy and bad input", () => {
  it("another user's task or template is NOT_FOUND, and nothing is created", async () => {
    const root = await moveHouse(alice.id);
    const mine = await callerFor(t.db, alice).template.saveFromTask({ taskId: root.id, name: "Alice's move" });
    const api = callerFor(t.db, bob);
    expect((await rejects(api.template.saveFromTask({ taskId: root.id }))).code).toBe("NOT_FOUND");
    expect((await rejects(api.template.start({ id: mine.id }))).code).toBe("NOT_FOUND");
    expect((await rejects(api.template.rename({ id: mine.id, name: "Bob's now" }))).code).toBe("NOT_FOUND");
    expect((await rejects(api.template.remove({ id: mine.id }))).code).toBe("NOT_FOUND");
    expect(await api.template.list()).toEqual([]);
    expect(await t.db.select().from(tasks).where(eq(tasks.userId, bob.id))).toEqual([]);
    const [row] = await t.db.select().from(taskTemplates).where(eq(taskTemplates.id, mine.id));
    expect(row).toMatchObject({ name: "Alice's move", useCount: 0 });
  });

  it("names the field that is wrong", async () => {
    const api = callerFor(t.db, bob);
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => api.template.saveFromTask({ taskId: "nope" }), /^taskId: Not a valid task id$/],
      [() => api.template.saveFromTask({ taskId: "00000000-0000-4000-8000-000000000000", name: " " }), /^name: Give the template a name$/],
      [() => api.template.rename({ id: "00000000-0000-4000-8000-000000000000", name: "x".repeat(201) }), /^name: Keep the name under 200 characters$/],
      [() => api.template.start({ id: "bad" }), /^id: Not a valid template id$/],
      [() => api.template.start({ id: "00000000-0000-4000-8000-000000000000", dueAt: "tomorrow" as unknown as Date }), /^dueAt: /],
    ];
    for (const [call, message] of cases) {
      const error = await rejects(call());
      expect(error.code).toBe("BAD_REQUEST");
      expect(said(error)).toMatch(message);
    }
  });
});
