// The planner's sweeper (Inngest mode): stale locks recovered, blocked actions cancelled and overdue
// actions announced again — through @inngest/test with the step running against the test database.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { plannedActions } from "@/server/db/schema";
import { planActions } from "@/server/planner";
import { makeUser, setupTestDb } from "@/test/harness";
import { sweepActionsFunction } from "./sweep-actions";

const holder = vi.hoisted(() => ({ db: undefined as Db | undefined }));
vi.mock("@/server/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/db/client")>()),
  getDb: async () => {
    if (!holder.db) throw new Error("test database not open");
    return holder.db;
  },
}));

const t = setupTestDb();
beforeAll(() => {
  holder.db = t.db;
});

describe("sweep-actions", () => {
  it("recovers a crashed run's action and re-announces actions whose event was lost", async () => {
    const user = await makeUser(t.db);
    const longAgo = new Date(Date.now() - 30 * 60_000);
    const [crashed, lost, fresh] = await planActions(
      t.db,
      user.id,
      [
        { type: "memory", executor: "memory.embed", idempotencyKey: "crashed" },
        { type: "memory", executor: "memory.embed", idempotencyKey: "lost", priority: "low" },
      ],
      { now: longAgo },
    ).then(async (rows) => [...rows, ...(await planActions(t.db, user.id, [{ type: "memory", executor: "memory.embed", idempotencyKey: "fresh" }]))]);
    // A run claimed "crashed" half an hour ago and died.
    await t.db.update(plannedActions).set({ status: "running", lockedBy: "inngest:dead", lockedAt: longAgo, attempts: 1 }).where(eq(plannedActions.id, crashed?.id ?? ""));

    const engine = new InngestTestEngine({
      function: sweepActionsFunction,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }],
      steps: [{ id: "announce-overdue", handler: () => ({ ids: [] }) }],
    });
    const { result, ctx } = await engine.execute();
    expect(result).toMatchObject({ recovered: 1, failed: 0 });
    expect(await t.db.select().from(plannedActions).where(eq(plannedActions.id, crashed?.id ?? ""))).toMatchObject([
      { status: "ready", lockedBy: null, attempts: 1 },
    ]);
    const calls = vi.mocked(ctx.step.sendEvent).mock.calls;
    expect(calls).toHaveLength(1);
    const events = calls[0]?.[1] as { data: { actionId: string; priority: number }; id: string }[];
    const ids = events.map((e) => e.data.actionId);
    expect(ids).toEqual(expect.arrayContaining([crashed?.id, lost?.id]));
    // Just planned: its own event is surely on the way; not announced twice.
    expect(ids).not.toContain(fresh?.id);
    expect(events.find((e) => e.data.actionId === lost?.id)?.data.priority).toBe(3);
    expect(events.every((e) => e.id.includes("-sweep-"))).toBe(true);
  });
});
