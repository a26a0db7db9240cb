// The task/created function: on Inngest (through @inngest/test) and in the embedded runner.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { findTask, insertTask } from "@/server/db/queries/tasks";
import { drainEmbedded } from "@/server/inngest/embedded";
import { registerEmbeddedFunctions } from "@/server/inngest";
import { callerFor, makeUser, setupTestDb } from "@/test/harness";
import { analyzeTask, analyzeTaskFunction, inlineSteps } from "./analyze-task";

const t = setupTestDb();

describe("analyze-task", () => {
  it("stores the coach's estimate for a new task", async () => {
    const user = await makeUser(t.db);
    const task = await insertTask(t.db, { userId: user.id, fields: { title: "Write the quarterly report" } });
    const result = await analyzeTask(async () => t.db, { userId: user.id, taskId: task.id }, inlineSteps);
    expect(result.status).toBe("estimated");
    const row = await findTask(t.db, { userId: user.id, id: task.id });
    expect(row?.estimateMinutes).toBeGreaterThan(25);
    expect(row?.estimateSource).toBe("coach:offline");
  });

  it("never overwrites an estimate the user gave", async () => {
    const user = await makeUser(t.db);
    const task = await insertTask(t.db, { userId: user.id, fields: { title: "Call mum", estimateMinutes: 45 } });
    const result = await analyzeTask(async () => t.db, { userId: user.id, taskId: task.id }, inlineSteps);
    expect(result.status).toBe("skipped");
    expect((await findTask(t.db, { userId: user.id, id: task.id }))?.estimateMinutes).toBe(45);
  });

  it("does nothing for another user's task id", async () => {
    const owner = await makeUser(t.db);
    const other = await makeUser(t.db);
    const task = await insertTask(t.db, { userId: owner.id, fields: { title: "Renew my passport" } });
    const result = await analyzeTask(async () => t.db, { userId: other.id, taskId: task.id }, inlineSteps);
    expect(result.status).toBe("skipped");
    expect((await findTask(t.db, { userId: owner.id, id: task.id }))?.estimateMinutes).toBeNull();
  });

  it("runs as an Inngest function with each side effect in its own step", async () => {
    const engine = new InngestTestEngine({
      function: analyzeTaskFunction,
      events: [{ name: "task/created", data: { userId: "u1", taskId: "00000000-0000-4000-8000-000000000001" } }],
      steps: [
        { id: "load-task", handler: () => ({ title: "Book a dentist appointment", notes: null, estimateSource: null }) },
        { id: "store-estimate", handler: () => true },
      ],
    });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ status: "estimated" });
    expect((result as { estimateMinutes: number }).estimateMinutes).toBeGreaterThan(0);
  });

  // task.create sizes a task up itself; captured tasks saved without an estimate get one from this job.
  it("the embedded runner estimates a captured task that was saved without an estimate", async () => {
    const off = registerEmbeddedFunctions(async () => t.db);
    try {
      const user = await makeUser(t.db);
      const { tasks } = await callerFor(t.db, user).task.captureConfirm({ tasks: [{ title: "Declutter the wardrobe" }] });
      const task = tasks[0];
      expect(task?.estimateMinutes).toBeNull();
      await drainEmbedded();
      const row = await findTask(t.db, { userId: user.id, id: task?.id ?? "" });
      expect(row?.estimateMinutes).toBeGreaterThan(0);
      expect(row?.estimateSource).toBe("coach:offline");
    } finally {
      off();
    }
  });
});
