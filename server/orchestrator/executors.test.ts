// The concrete executors, each run for real through the planner (plan → executeNow): the next step
// surfaced in working memory, motivation from the (offline) coach, memories embedded, the day plan
// made, a reminder recorded — and the failures that must not be retried.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { insertTask, updateTask } from "@/server/db/queries/tasks";
import { memories, plannedActions } from "@/server/db/schema";
import { recall, remember } from "@/server/memory";
import { type ActionSpec, planActions } from "@/server/planner";
import { executeNow } from "@/server/planner/runner";
import { makeUser, setupTestDb } from "@/test/harness";
import { getDayPlan } from "./daily-plan";
import { registerExecutors } from "./executors";

const t = setupTestDb();
beforeAll(() => registerExecutors());

async function run(userId: string, specs: ActionSpec[]) {
  const planned = await planActions(t.db, userId, specs);
  await executeNow(t.db, userId);
  const rows = await t.db.select().from(plannedActions).where(eq(plannedActions.userId, userId));
  return planned.map((p) => rows.find((r) => r.id === p.id));
}

async function taskWithSteps(userId: string, title: string, steps: string[]) {
  const parent = await insertTask(t.db, { userId, fields: { title } });
  const children = [];
  for (const s of steps) children.push(await insertTask(t.db, { userId, parent, fields: { title: s } }));
  return { parent, steps: children };
}

describe("task.next_step", () => {
  it("remembers the next open step after a completed one, once", async () => {
    const user = await makeUser(t.db);
    const { steps } = await taskWithSteps(user.id, "Tax return", ["Find last year's forms", "Download bank statements", "Fill in the form"]);
    await updateTask(t.db, { userId: user.id, id: steps[0]?.id ?? "", patch: { status: "done" } });
    const [action] = await run(user.id, [
      { type: "task_management", executor: "task.next_step", payload: { taskId: steps[0]?.id }, idempotencyKey: "next:1" },
    ]);
    expect(action).toMatchObject({ status: "succeeded", result: { next: { id: steps[1]?.id, title: "Download bank statements" } } });
    const working = await recall(t.db, { userId: user.id, tier: "working", kind: "task.next_step", limit: 10 });
    expect(working.map((m) => m.content)).toEqual(['Next step for "Tax return": "Download bank statements".']);
    // Planned again under another key (say, after a crash): nothing is suggested twice.
    const [again] = await run(user.id, [
      { type: "task_management", executor: "task.next_step", payload: { taskId: steps[0]?.id }, idempotencyKey: "next:1b" },
    ]);
    expect(again?.result).toMatchObject({ repeated: true });
    expect(await recall(t.db, { userId: user.id, tier: "working", kind: "task.next_step", limit: 10 })).toHaveLength(1);
  });

  it("says the task is ready to tick off when its last step is done", async () => {
    const user = await makeUser(t.db);
    const { steps } = await taskWithSteps(user.id, "Book a holiday", ["Pick dates"]);
    await updateTask(t.db, { userId: user.id, id: steps[0]?.id ?? "", patch: { status: "done" } });
    const [action] = await run(user.id, [{ type: "task_management", executor: "task.next_step", payload: { taskId: steps[0]?.id }, idempotencyKey: "n" }]);
    expect(action?.result).toMatchObject({ next: null, parentReady: true });
    const [memory] = await recall(t.db, { userId: user.id, tier: "working", kind: "task.next_step", limit: 1 });
    expect(memory?.content).toBe('Every step of "Book a holiday" is done — it is ready to tick off.');
  });

  it("fails at once, without retries, for a task that is gone or someone else's", async () => {
    const owner = await makeUser(t.db);
    const stranger = await makeUser(t.db);
    const task = await insertTask(t.db, { userId: owner.id, fields: { title: "Private" } });
    const [action] = await run(stranger.id, [{ type: "task_management", executor: "task.next_step", payload: { taskId: task.id }, idempotencyKey: "x" }]);
    expect(action).toMatchObject({ status: "failed", attempts: 1, error: "The task no longer exists." });
    const [bad] = await run(stranger.id, [{ type: "task_management", executor: "task.next_step", payload: { taskId: "nope" }, idempotencyKey: "y" }]);
    expect(bad).toMatchObject({ status: "failed", attempts: 1 });
    expect(bad?.error).toContain("Bad payload: taskId");
  });
});

describe("coach.motivation", () => {
  it("asks the coach about the user's own task and keeps the message in working memory", async () => {
    const user = await makeUser(t.db);
    const task = await insertTask(t.db, { userId: user.id, fields: { title: "Call the landlord" } });
    const [action] = await run(user.id, [
      { type: "mood", executor: "coach.motivation", payload: { trigger: "completed", taskId: task.id }, idempotencyKey: "m" },
    ]);
    expect(action?.status).toBe("succeeded");
    const message = (action?.result as { message: string }).message;
    expect(message.length).toBeGreaterThan(10);
    const [memory] = await recall(t.db, { userId: user.id, tier: "working", kind: "coach.motivation", limit: 1 });
    expect(memory?.content).toBe(message);
    expect(memory?.data).toMatchObject({ trigger: "completed", taskId: task.id, provider: "offline" });
  });
});

describe("memory.embed", () => {
  it("embeds the user's memories that have no vector yet", async () => {
    const user = await makeUser(t.db);
    const memory = await remember(t.db, { userId: user.id, tier: "long_term", kind: "note", content: "Prefers mornings for deep work" });
    await t.db.update(memories).set({ embedding: null, embeddingModel: null }).where(eq(memories.id, memory.id));
    const [action] = await run(user.id, [{ type: "memory", executor: "memory.embed", idempotencyKey: "e" }]);
    expect(action).toMatchObject({ status: "succeeded", result: { embedded: 1 } });
    const [row] = await t.db.select().from(memories).where(and(eq(memories.id, memory.id), eq(memories.userId, user.id)));
    expect(row?.embedding).toHaveLength(384);
  });
});

describe("plan.daily", () => {
  it("makes the day plan for the given day", async () => {
    const user = await makeUser(t.db);
    await insertTask(t.db, { userId: user.id, fields: { title: "Write the report", estimateMinutes: 60 } });
    // Tomorrow (the user's zone is UTC): a whole working day, whatever time the suite runs at.
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const [action] = await run(user.id, [{ type: "task_management", executor: "plan.daily", payload: { day }, idempotencyKey: `plan.daily:${day}` }]);
    expect(action).toMatchObject({ status: "succeeded", result: { day } });
    const plan = await getDayPlan({ db: t.db, userId: user.id }, { day });
    expect(plan?.blocks.some((b) => JSON.stringify(b).includes("Write the report"))).toBe(true);
  });

  it("refuses a payload without a proper day, for good", async () => {
    const user = await makeUser(t.db);
    const [action] = await run(user.id, [{ type: "task_management", executor: "plan.daily", payload: { day: "tomorrow" }, idempotencyKey: "p" }]);
    expect(action).toMatchObject({ status: "failed", attempts: 1, error: "Bad payload: day: Use YYYY-MM-DD" });
  });
});

describe("notification.reminder", () => {
  it("records the reminder as a short-term memory", async () => {
    const user = await makeUser(t.db);
    const [action] = await run(user.id, [
      { type: "notification", executor: "notification.reminder", payload: { message: "Take your meds" }, idempotencyKey: "r" },
    ]);
    expect(action?.status).toBe("succeeded");
    const [memory] = await recall(t.db, { userId: user.id, tier: "short_term", kind: "notification.reminder", limit: 1 });
    expect(memory?.content).toBe("Take your meds");
  });
});
