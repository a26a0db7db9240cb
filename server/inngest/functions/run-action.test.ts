// The run-action function through @inngest/test, its steps running for real against the test
// database (only sleeps and event sends are mocked): claim → execute → store, dependents announced,
// backoff slept out durably, someone else's action left alone.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { plannedActions } from "@/server/db/schema";
import { planActions } from "@/server/planner";
import { registerExecutor } from "@/server/planner/executors";
import { makeUser, setupTestDb } from "@/test/harness";
import { runActionFunction } from "./run-action";

const holder = vi.hoisted(() => ({ db: undefined as Db | undefined }));
vi.mock("@/server/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/db/client")>()),
  getDb: async () => {
    if (!holder.db) throw new Error("test database not open");
    return holder.db;
  },
}));

const t = setupTestDb();
const calls: string[] = [];
const offs: (() => void)[] = [];
beforeAll(() => {
  holder.db = t.db;
  offs.push(
    registerExecutor("test.ok", {
      type: "task_management",
      run: async ({ userId }, payload) => {
        calls.push(`${userId}:${String(payload.label)}`);
        return { done: payload.label };
      },
    }),
    registerExecutor("test.broken", {
      type: "integration",
      run: async () => {
        throw new Error("the calendar API said 503");
      },
    }),
  );
});
afterAll(() => offs.forEach((off) => off()));

const sent = { handler: () => ({ ids: ["mock"] }) };

function engineFor(data: { actionId: string; userId: string; priority: number }, steps: { id: string; handler: () => unknown }[] = []) {
  return new InngestTestEngine({ function: runActionFunction, events: [{ name: "planner/action.ready", data }], steps });
}

async function row(id: string) {
  const [r] = await t.db.select().from(plannedActions).where(eq(plannedActions.id, id));
  return r;
}

describe("run-action (Inngest)", () => {
  it("claims, executes and stores an action, then announces the dependents it unblocked", async () => {
    const user = await makeUser(t.db);
    const [first, second] = await planActions(t.db, user.id, [
      { type: "task_management", executor: "test.ok", idempotencyKey: "first", payload: { label: "first" }, priority: "high" },
      { type: "task_management", executor: "test.ok", idempotencyKey: "second", payload: { label: "second" }, dependsOn: ["first"] },
    ]);
    const { result, ctx } = await engineFor({ actionId: first?.id ?? "", userId: user.id, priority: 1 }, [{ id: "announce-dependents", ...sent }]).execute();
    expect(result).toEqual({ status: "succeeded" });
    expect(calls).toContain(`${user.id}:first`);
    expect(await row(first?.id ?? "")).toMatchObject({ status: "succeeded", attempts: 1, result: { done: "first" } });
    expect(await row(second?.id ?? "")).toMatchObject({ status: "ready" });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("announce-dependents", [
      expect.objectContaining({ name: "planner/action.ready", data: { actionId: second?.id, userId: user.id, priority: 2 } }),
    ]);
  });

  it("stores a failed attempt with backoff, sleeps it out, then announces the retry", async () => {
    const user = await makeUser(t.db);
    const [action] = await planActions(t.db, user.id, [{ type: "integration", executor: "test.broken", idempotencyKey: "sync" }]);
    const { result, ctx } = await engineFor({ actionId: action?.id ?? "", userId: user.id, priority: 2 }, [
      { id: "wait-to-retry", handler: () => undefined },
      { id: "retry", ...sent },
    ]).execute();
    expect(result).toEqual({ status: "ready", error: "the calendar API said 503" });
    const stored = await row(action?.id ?? "");
    expect(stored).toMatchObject({ status: "ready", attempts: 1, error: "the calendar API said 503" });
    const waitMs = (stored?.runAt.getTime() ?? 0) - (stored?.updatedAt.getTime() ?? 0);
    expect(waitMs).toBeGreaterThanOrEqual(1_000);
    expect(waitMs).toBeLessThanOrEqual(2_000);
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-to-retry", stored?.runAt.toISOString());
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("retry", [
      expect.objectContaining({ data: { actionId: action?.id, userId: user.id, priority: 2 }, id: `planner-${action?.id}-1-${stored?.runAt.getTime()}` }),
    ]);
  });

  it("waits until an action's run-at before claiming it", async () => {
    const user = await makeUser(t.db);
    const runAt = new Date(Date.now() - 1_000);
    const [action] = await planActions(t.db, user.id, [{ type: "task_management", executor: "test.ok", idempotencyKey: "later", payload: { label: "later" }, runAt }]);
    // The first look finds it not yet due (a reminder's time); after the durable sleep it runs.
    const { result, ctx } = await engineFor({ actionId: action?.id ?? "", userId: user.id, priority: 2 }, [
      { id: "load", handler: () => ({ kind: "not_due", runAt: runAt.toISOString() }) },
      { id: "wait-until-due", handler: () => undefined },
    ]).execute();
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-until-due", runAt.toISOString());
    expect(result).toEqual({ status: "succeeded" });
    expect((await row(action?.id ?? ""))?.status).toBe("succeeded");
  });

  it("leaves an action alone when the event names another user", async () => {
    const owner = await makeUser(t.db);
    const other = await makeUser(t.db);
    const [action] = await planActions(t.db, owner.id, [{ type: "task_management", executor: "test.ok", idempotencyKey: "mine", payload: { label: "mine" } }]);
    const { result } = await engineFor({ actionId: action?.id ?? "", userId: other.id, priority: 2 }).execute();
    expect(result).toEqual({ status: "skipped", reason: "not_found" });
    expect(await row(action?.id ?? "")).toMatchObject({ status: "ready", attempts: 0 });
  });

  it("does not run an action twice when its event arrives twice", async () => {
    const user = await makeUser(t.db);
    const [action] = await planActions(t.db, user.id, [{ type: "task_management", executor: "test.ok", idempotencyKey: "once", payload: { label: "once" } }]);
    const data = { actionId: action?.id ?? "", userId: user.id, priority: 2 };
    expect((await engineFor(data).execute()).result).toEqual({ status: "succeeded" });
    expect((await engineFor(data).execute()).result).toEqual({ status: "skipped", reason: "finished" });
    expect(calls.filter((c) => c === `${user.id}:once`)).toHaveLength(1);
  });

  it("fails an action with an unknown executor at once", async () => {
    const user = await makeUser(t.db);
    const [action] = await planActions(t.db, user.id, [{ type: "integration", executor: "test.missing", idempotencyKey: "ghost" }]);
    const { result } = await engineFor({ actionId: action?.id ?? "", userId: user.id, priority: 2 }).execute();
    expect(result).toMatchObject({ status: "failed" });
    expect((await row(action?.id ?? ""))?.error).toContain('No executor named "test.missing"');
  });
});
