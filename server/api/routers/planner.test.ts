// planner.* through the real router: listing by status, running the user's due actions now, cancel
// and retry, another user's action as NOT_FOUND, and bad input named by field.
import { describe, expect, it } from "vitest";
import { insertTask, updateTask } from "@/server/db/queries/tasks";
import { planActions } from "@/server/planner";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();

async function nextStepAction(userId: string) {
  const parent = await insertTask(t.db, { userId, fields: { title: "Move house" } });
  const first = await insertTask(t.db, { userId, parent, fields: { title: "Order boxes" } });
  await insertTask(t.db, { userId, parent, fields: { title: "Pack the books" } });
  await updateTask(t.db, { userId, id: first.id, patch: { status: "done" } });
  const [action] = await planActions(t.db, userId, [
    { type: "task_management", executor: "task.next_step", priority: "high", payload: { taskId: first.id }, idempotencyKey: `next:${first.id}` },
  ]);
  if (!action) throw new Error("no action");
  return action;
}

describe("planner router", () => {
  it("lists the user's actions with counts, filtered by status", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    await planActions(t.db, user.id, [
      { type: "memory", executor: "memory.embed", idempotencyKey: "a" },
      { type: "notification", executor: "notification.reminder", idempotencyKey: "b", dependsOn: ["a"], payload: { message: "hi" } },
    ]);
    const all = await api.planner.actions();
    expect(all.items.map((a) => a.idempotencyKey).sort()).toEqual(["a", "b"]);
    expect(all.counts).toMatchObject({ ready: 1, pending: 1, running: 0 });
    const pending = await api.planner.actions({ status: "pending" });
    expect(pending.items.map((a) => a.idempotencyKey)).toEqual(["b"]);
    expect((await callerFor(t.db, await makeUser(t.db)).planner.actions()).items).toEqual([]);
  });

  it("runs the user's due actions now — and only theirs", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const mine = await nextStepAction(user.id);
    const theirs = await nextStepAction(other.id);
    const result = await callerFor(t.db, user).planner.execute();
    expect(result).toEqual({ executed: 1, succeeded: 1, failed: 0, retrying: 0 });
    const [after] = (await callerFor(t.db, user).planner.actions()).items;
    expect(after).toMatchObject({ id: mine.id, status: "succeeded", attempts: 1 });
    const memories = await callerFor(t.db, user).memory.list({ tier: "working" });
    expect(memories.items.map((m) => m.content)).toContain('Next step for "Move house": "Pack the books".');
    const [untouched] = (await callerFor(t.db, other).planner.actions()).items;
    expect(untouched).toMatchObject({ id: theirs.id, status: "ready", attempts: 0 });
  });

  it("cancels a waiting action and retries it again", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    const action = await nextStepAction(user.id);
    expect(await api.planner.cancel({ id: action.id })).toMatchObject({ status: "cancelled" });
    const again = await rejects(api.planner.cancel({ id: action.id }));
    expect(again.code).toBe("CONFLICT");
    expect(await api.planner.retry({ id: action.id })).toMatchObject({ status: "ready", attempts: 0, error: null });
    const notFailed = await rejects(api.planner.retry({ id: action.id }));
    expect(notFailed.code).toBe("CONFLICT");
    expect(notFailed.message).toContain("Only failed or cancelled actions can be retried");
  });

  it("answers NOT_FOUND for another user's action", async () => {
    const owner = await makeUser(t.db);
    const action = await nextStepAction(owner.id);
    const stranger = callerFor(t.db, await makeUser(t.db));
    expect((await rejects(stranger.planner.cancel({ id: action.id }))).code).toBe("NOT_FOUND");
    expect((await rejects(stranger.planner.retry({ id: action.id }))).code).toBe("NOT_FOUND");
    const [still] = (await callerFor(t.db, owner).planner.actions()).items;
    expect(still?.status).toBe("ready");
  });

  it("rejects bad input with BAD_REQUEST naming the field, and strangers with UNAUTHORIZED", async () => {
    const api = callerFor(t.db, await makeUser(t.db));
    // Calls made one at a time: started together, the later rejections would go unhandled meanwhile.
    const cases: [() => Promise<unknown>, string][] = [
      [() => api.planner.cancel({ id: "not-a-uuid" }), "id"],
      [() => api.planner.retry({ id: "" }), "id"],
      [() => api.planner.actions({ status: "exploded" as "ready" }), "status"],
      [() => api.planner.actions({ limit: 0 }), "limit"],
      [() => api.planner.execute({ max: 100 }), "max"],
    ];
    for (const [call, field] of cases) {
      const error = await rejects(call());
      expect(error.code, field).toBe("BAD_REQUEST");
      expect(error.message).toContain(field);
    }
    expect((await rejects(callerFor(t.db, null).planner.actions())).code).toBe("UNAUTHORIZED");
    expect((await rejects(callerFor(t.db, null).planner.execute())).code).toBe("UNAUTHORIZED");
  });
});
