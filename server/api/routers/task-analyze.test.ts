// task.analyze and task.breakdown (the whole, non-streamed path tools use) through the real router:
// the coach sizes a task up, the estimate is stored unless the user set one, ownership and bad input.
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

describe("task.analyze", () => {
  it("sizes a task up with the offline coach and stores its estimate", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Plan mum's 60th birthday party" });
    const result = await api.task.analyze({ id: task.id });
    expect(result.coach).toMatchObject({ provider: "offline" });
    expect(result.analysis.complexity).toBeGreaterThanOrEqual(3);
    expect(result.analysis.shouldBreakDown).toBe(true);
    expect(result.analysis.needs.length).toBeGreaterThan(0);
    expect(result.analysis.firstTinyStep).toMatch(/^[A-Z]/);
    expect(result.estimateStored).toBe(true);
    const stored = await api.task.get({ id: task.id });
    expect(stored.estimateMinutes).toBe(result.analysis.estimateMinutes);
    expect(stored.estimateSource).toBe("coach:offline");
  });

  it("uses a configured model's answer, and never overwrites the user's own estimate", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Reply to Sam", estimateMinutes: 5 });
    const analysis = { complexity: 2, estimateMinutes: 20, needs: ["Sam's last email"], firstTinyStep: "Open Sam's email", shouldBreakDown: false, reasoning: "A short reply." };
    useModelForTests(answeringModel(analysis));
    const result = await api.task.analyze({ id: task.id });
    expect(result.analysis).toEqual(analysis);
    expect(result.coach).toMatchObject({ provider: "test", fallback: false });
    expect(result.estimateStored).toBe(false);
    expect((await api.task.get({ id: task.id })).estimateMinutes).toBe(5);
  });

  it("is NOT_FOUND for another user's task, and BAD_REQUEST naming the id for a malformed one", async () => {
    const task = await callerFor(t.db, alice).task.create({ title: "Alice's task", estimateMinutes: 7 });
    const error = await rejects(callerFor(t.db, bob).task.analyze({ id: task.id }));
    expect(error.code).toBe("NOT_FOUND");
    const bad = await rejects(callerFor(t.db, bob).task.analyze({ id: "nope" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(fields(bad)).toEqual(["id"]);
    expect(await callerFor(t.db, alice).task.get({ id: task.id })).toMatchObject({ estimateMinutes: 7, estimateSource: "user" });
  });

  it("needs a signed-in user", async () => {
    const error = await rejects(callerFor(t.db, null).task.analyze({ id: "00000000-0000-4000-8000-000000000000" }));
    expect(error.code).toBe("UNAUTHORIZED");
  });
});

describe("task.breakdown (whole, for tools)", () => {
  it("saves steps at two spiciness levels, replacing untouched steps and keeping done ones", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Clean the kitchen" });
    const mild = await api.task.breakdown({ id: task.id, spiciness: 1 });
    expect(mild.task.steps.length).toBeGreaterThanOrEqual(3);
    expect(mild.task.steps.length).toBeLessThanOrEqual(4);
    expect(mild.firstTinyStep).toBe(mild.task.steps[0]?.title);
    await api.task.complete({ id: mild.task.steps[0]!.id });
    const hot = await api.task.breakdown({ id: task.id, spiciness: 5 });
    const titles = hot.task.steps.map((s) => s.title);
    expect(hot.task.steps.filter((s) => s.status === "done")).toHaveLength(1); // the done step stays
    expect(titles.length).toBeGreaterThanOrEqual(9);
    expect(hot.task.steps.every((s) => s.estimateMinutes !== null && s.estimateMinutes <= 10)).toBe(true);
  });

  it("never saves the same step twice, even if a model repeats itself", async () => {
    const api = callerFor(t.db, alice);
    const task = await api.task.create({ title: "Send the invoice" });
    useModelForTests(
      answeringModel({
        steps: [
          { title: "Open the invoice template", estimateMinutes: 2 },
          { title: "Fill in the hours", estimateMinutes: 10 },
          { title: "Fill in the hours.", estimateMinutes: 10 },
          { title: "Email it to the client", estimateMinutes: 3 },
        ],
        firstTinyStep: "Open the invoice template",
        tip: "Use last month's as a base.",
      }),
    );
    const result = await api.task.breakdown({ id: task.id, spiciness: 3 });
    expect(result.task.steps.map((s) => s.title)).toEqual(["Open the invoice template", "Fill in the hours", "Email it to the client"]);
  });

  it("is NOT_FOUND for another user's task and BAD_REQUEST naming spiciness", async () => {
    const task = await callerFor(t.db, alice).task.create({ title: "Alice's other task" });
    expect((await rejects(callerFor(t.db, bob).task.breakdown({ id: task.id, spiciness: 3 }))).code).toBe("NOT_FOUND");
    const bad = await rejects(callerFor(t.db, alice).task.breakdown({ id: task.id, spiciness: 7 }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(fields(bad)).toEqual(["spiciness"]);
  });
});
