// Reminders: on Inngest the function sleeps until the reminder's time, then plans the action once;
// embedded, the action is planned at once with that run-at and the runner waits for it.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { memories, plannedActions } from "@/server/db/schema";
import { registerExecutors } from "@/server/orchestrator/executors";
import { startRunner } from "@/server/planner/runner";
import { makeUser, setupTestDb } from "@/test/harness";
import { planReminder, reminderFunction } from "./reminder";

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
  registerExecutors();
});

describe("reminder", () => {
  it("sleeps until the reminder's time, then plans one notification.reminder action", async () => {
    const user = await makeUser(t.db);
    const data = { userId: user.id, key: "water-plants", remindAt: "2026-11-23T17:00:00.000Z", message: "Water the plants" };
    const run = () =>
      new InngestTestEngine({
        function: reminderFunction,
        events: [{ name: "reminder/scheduled", data }],
        steps: [{ id: "wait-until-remind-at", handler: () => undefined }],
      }).execute();
    const { result, ctx } = await run();
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-until-remind-at", data.remindAt);
    expect(result).toMatchObject({ status: "ready" });
    // The same event again (a resend): still one reminder.
    await run();
    const rows = await t.db.select().from(plannedActions).where(eq(plannedActions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: "notification",
      executor: "notification.reminder",
      idempotencyKey: "reminder:water-plants",
      payload: { message: "Water the plants" },
    });
  });

  it("embedded: the runner delivers the reminder at its time, not before", async () => {
    const user = await makeUser(t.db);
    let now = new Date("2026-11-23T16:00:00Z");
    const { actionId } = await planReminder(
      t.db,
      { userId: user.id, key: "stretch", remindAt: "2026-11-23T17:00:00.000Z", message: "Stand up and stretch" },
      new Date("2026-11-23T17:00:00Z"),
    );
    const runner = startRunner({ getDb: async () => t.db, clock: () => now, pollMs: 3_600_000 });
    try {
      await runner.drain();
      const reminders = () => t.db.select().from(memories).where(eq(memories.userId, user.id));
      expect(await reminders()).toEqual([]);
      now = new Date("2026-11-23T17:00:00Z");
      await runner.drain();
      const [memory] = await reminders();
      expect(memory).toMatchObject({ kind: "notification.reminder", tier: "short_term", content: "Stand up and stretch" });
      const [action] = await t.db.select().from(plannedActions).where(eq(plannedActions.id, actionId));
      expect(action?.status).toBe("succeeded");
    } finally {
      await runner.stop();
    }
  });
});
