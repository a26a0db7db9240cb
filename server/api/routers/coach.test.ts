// coach.motivation through the real router: kind, specific words from the user's state (and their
// recent wins from memory), a configured model's answer, ownership and bad input.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useModelForTests } from "@/server/ai/providers";
import { resetBreakers } from "@/server/chains/breaker";
import { answeringModel } from "@/server/chains/testing";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";
import { ZodError } from "zod";

/** The input fields a BAD_REQUEST names (from its zod error). */
const fields = (error: { cause?: unknown }) => (error.cause instanceof ZodError ? error.cause.issues.map((i) => i.path.join(".")) : []);

const t = setupTestDb();
let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});
afterEach(() => {
  useModelForTests(undefined);
  resetBreakers();
});

describe("coach.motivation", () => {
  it("names the user's task by id after they complete it, with their streak", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Clean the kitchen" });
    await api.task.complete({ id: task.id });
    const result = await api.coach.motivation({ trigger: "completed", taskId: task.id, streakDays: 4 });
    expect(result.message).toContain("“Clean the kitchen”");
    expect(result.message).toMatch(/4 days/);
    expect(result.message.length).toBeLessThanOrEqual(280);
    expect(result.coach).toMatchObject({ provider: "offline" });
  });

  it("remembers what the user just finished when a check-in names no task", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Book the dentist" });
    await api.task.complete({ id: task.id });
    const result = await api.coach.motivation({ trigger: "checkin" });
    expect(result.message).toContain("“Book the dentist”");
  });

  it("does not tell one user about another user's wins", async () => {
    const result = await callerFor(t.db, bob).coach.motivation({ trigger: "checkin" });
    expect(result.message).not.toMatch(/dentist|kitchen/i);
  });

  it("passes the state to a configured model and returns its message", async () => {
    const model = answeringModel({ message: "Low energy is okay — just open the kitchen tap and fill the sink." });
    useModelForTests(model);
    const result = await callerFor(t.db, alice).coach.motivation({ trigger: "low_energy", taskTitle: "Clean the kitchen", energy: 1, mood: 2 });
    expect(result.message).toBe("Low energy is okay — just open the kitchen tap and fill the sink.");
    const prompt = JSON.stringify(model.doGenerateCalls[0]?.prompt);
    expect(prompt).toContain("low_energy");
    expect(prompt).toContain("Clean the kitchen");
    expect(prompt).toContain("Book the dentist"); // what they finished recently
  });

  it("falls back to the offline coach when a model's message is too long", async () => {
    useModelForTests(answeringModel({ message: "x".repeat(400) }));
    const result = await callerFor(t.db, alice).coach.motivation({ trigger: "stuck", taskTitle: "Write the report" });
    expect(result.coach).toMatchObject({ provider: "offline", fallback: true });
    expect(result.message).toContain("“Write the report”");
  });

  it("is NOT_FOUND for another user's task id", async () => {
    const task = await callerFor(t.db, alice).task.create({ title: "Alice's secret" });
    const error = await rejects(callerFor(t.db, bob).coach.motivation({ trigger: "start", taskId: task.id }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("is BAD_REQUEST naming the field for bad input", async () => {
    const api = callerFor(t.db, alice);
    const cases: [unknown, string][] = [
      [{ trigger: "angry" }, "trigger"],
      [{ trigger: "checkin", mood: 9 }, "mood"],
      [{ trigger: "checkin", energy: 0 }, "energy"],
      [{ trigger: "checkin", streakDays: -1 }, "streakDays"],
      [{ trigger: "checkin", taskId: "nope" }, "taskId"],
      [{ trigger: "checkin", taskTitle: "x".repeat(501) }, "taskTitle"],
    ];
    for (const [input, field] of cases) {
      const error = await rejects(api.coach.motivation(input as never));
      expect(error.code).toBe("BAD_REQUEST");
      expect(fields(error)).toEqual([field]);
    }
    expect((await rejects(callerFor(t.db, null).coach.motivation({ trigger: "checkin" }))).code).toBe("UNAUTHORIZED");
  });
});
