// mood.* through the real router: several check-ins a day; the answer to a low energy (a lighter plan
// and smaller steps for what comes next) and a low mood (a kind word and ONE tiny next step, the
// smallest open step of the task that matters most); privacy between users; bad input named by field.
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}

/** A Berlin user with a pressing task in steps and a plain one. */
async function person(name = "Robin") {
  const user = await makeUser(t.db, name);
  const api = callerFor(t.db, user);
  await api.settings.update({ timeZone: "Europe/Berlin", workdayStart: "09:00", workdayEnd: "17:00" });
  const report = await api.task.create({ title: "Write the quarterly report", estimateMinutes: 120 });
  const kitchen = await api.task.create({ title: "Clean the kitchen", estimateMinutes: 45, priority: "high" });
  const dishes = await api.task.create({ title: "Wash the dishes", estimateMinutes: 15, parentId: kitchen.id });
  const sink = await api.task.create({ title: "Fill the sink", estimateMinutes: 5, parentId: kitchen.id });
  await api.task.create({ title: "Wipe the counter", parentId: kitchen.id });
  return { user, api, report, kitchen, dishes, sink };
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T07:30:00Z")); // 08:30 on a Monday in Berlin
});
afterAll(() => {
  vi.useRealTimers();
});

describe("mood.log — what a check-in changes", () => {
  it("answers low energy with a lighter plan and smaller steps for the next piece of work", async () => {
    const { api, kitchen, dishes } = await person();
    const reply = await api.mood.log({ energy: 2, note: "slept badly" });
    expect(reply).toMatchObject({ offerLighterPlan: true, offerTinyStep: false, kindWord: null, tinyStep: null });
    expect(reply.message).toMatch(/^Low energy noted/);
    // No plan yet: the most pressing task (high priority), at its first open step, in the tiniest steps.
    expect(reply.smallerSteps).toEqual({
      id: dishes.id,
      title: "Wash the dishes",
      estimateMinutes: 15,
      taskId: kitchen.id,
      taskTitle: "Clean the kitchen",
      spiciness: 5,
    });
    // The offer works: re-planning today reads the check-in and makes the plan lighter.
    const plan = await api.plan.replan({});
    expect(plan.energy).toBe(2);
    expect(plan.summary?.light).toBe(true);
    expect(plan.summary?.headline).toMatch(/^Low energy today, so this is a lighter plan/);
    const blocks = plan.blocks.filter((b) => b.kind === "task");
    expect(Math.max(...blocks.map((b) => (Date.parse(b.end) - Date.parse(b.start)) / 60_000))).toBeLessThanOrEqual(25);
  });

  it("follows today's plan when there is one: the first open block is what comes next", async () => {
    const { api } = await person("Planner");
    const plan = await api.plan.today({});
    const first = plan.blocks.find((b) => b.kind === "task");
    if (!first?.taskId) throw new Error("the plan has no task block");
    const reply = await api.mood.log({ energy: 1 });
    expect(reply.smallerSteps?.id).toBe(first.taskId);
    const reread = await api.plan.get({});
    expect(reread?.replanHint).toBe("You checked in with low energy after this plan was made. Re-plan for a lighter day?");
  });

  it("answers a low mood with a kind word and ONE tiny step: the smallest open step of the top task", async () => {
    const { api, kitchen, sink } = await person("Kim");
    const reply = await api.mood.log({ mood: 2 });
    expect(reply).toMatchObject({ offerLighterPlan: false, offerTinyStep: true, smallerSteps: null });
    expect(reply.tinyStep).toEqual({ id: sink.id, title: "Fill the sink", estimateMinutes: 5, taskId: kitchen.id, taskTitle: "Clean the kitchen" });
    expect(reply.kindWord?.provider).toBe("offline");
    expect(reply.kindWord?.message.length).toBeGreaterThan(20);
    expect(reply.kindWord?.message).not.toMatch(/\b(should|lazy|behind|failed)\b/i);
    // The tiny step is the user's to tick off; then the next smallest one is offered.
    await api.task.complete({ id: sink.id });
    const again = await api.mood.log({ mood: 1 });
    expect(again.tinyStep?.title).toBe("Wash the dishes");
  });

  it("answers both at once, and gives the task itself when it has no steps", async () => {
    const user = await makeUser(t.db, "Lee");
    const api = callerFor(t.db, user);
    const task = await api.task.create({ title: "Call the bank", estimateMinutes: 10 });
    const reply = await api.mood.log({ mood: 1, energy: 2 });
    expect(reply).toMatchObject({ offerLighterPlan: true, offerTinyStep: true });
    expect(reply.tinyStep).toMatchObject({ id: task.id, title: "Call the bank", taskId: task.id });
    expect(reply.smallerSteps).toMatchObject({ id: task.id, spiciness: 5 });
    expect(reply.kindWord?.message).toBeTruthy();
  });

  it("still answers kindly with nothing on the list, and adds nothing when you feel fine", async () => {
    const api = callerFor(t.db, await makeUser(t.db, "Empty"));
    const low = await api.mood.log({ mood: 2, energy: 1 });
    expect(low).toMatchObject({ tinyStep: null, smallerSteps: null, offerLighterPlan: true });
    expect(low.kindWord?.message).toBeTruthy();
    const { api: fine } = await person("Fine");
    const good = await fine.mood.log({ mood: 4, energy: 5 });
    expect(good).toMatchObject({ offerLighterPlan: false, offerTinyStep: false, smallerSteps: null, kindWord: null, tinyStep: null });
    expect(good.message).toBe("Good energy noted — a fine day for your hardest task.");
  });

  it("takes several check-ins a day: today folds the newest mood and energy, list has them all", async () => {
    const { api } = await person("Sam");
    vi.setSystemTime(new Date("2026-11-23T08:00:00Z"));
    await api.mood.log({ mood: 4, energy: 4 });
    vi.setSystemTime(new Date("2026-11-23T12:00:00Z"));
    await api.mood.log({ energy: 2 });
    vi.setSystemTime(new Date("2026-11-23T15:00:00Z"));
    await api.mood.log({ mood: 3, note: "  after lunch  " });
    const today = await api.mood.today();
    expect(today).toMatchObject({ count: 3, mood: 3, energy: 2 });
    expect(today.latest?.note).toBe("after lunch");
    expect((await api.mood.list({ limit: 10 })).map((c) => [c.mood, c.energy])).toEqual([
      [3, null],
      [null, 2],
      [4, 4],
    ]);
    vi.setSystemTime(new Date("2026-11-23T07:30:00Z"));
  });
});

describe("mood.* — privacy and bad input", () => {
  it("never shows or acts on another user's check-ins or tasks", async () => {
    const a = await person("Owner");
    const b = callerFor(t.db, await makeUser(t.db, "Other"));
    const reply = await a.api.mood.log({ mood: 1, note: "private" });
    expect((await b.mood.today()).count).toBe(0);
    expect(await b.mood.list({ limit: 100 })).toEqual([]);
    // Their own low mood never offers the first user's task, and the first user's step is not theirs.
    expect((await b.mood.log({ mood: 1 })).tinyStep).toBeNull();
    const error = await rejects(b.task.complete({ id: reply.tinyStep?.id ?? "" }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await a.api.mood.today()).count).toBe(1);
  });

  it("names the field for bad input, and asks for a session", async () => {
    const api = callerFor(t.db, await makeUser(t.db));
    const out = await rejects(api.mood.log({ mood: 6 }));
    expect(out.code).toBe("BAD_REQUEST");
    expect(said(out)).toBe("mood: Mood is 1 to 5");
    expect(said(await rejects(api.mood.log({ energy: 2.5 })))).toBe("energy: Energy is a whole number from 1 to 5");
    expect(said(await rejects(api.mood.log({})))).toBe("mood: Pick a mood or an energy level (1 to 5)");
    expect(said(await rejects(api.mood.log({ mood: 3, note: "x".repeat(501) })))).toBe("note: Keep the note under 500 characters");
    expect(said(await rejects(api.mood.list({ limit: 0 })))).toBe("limit: At least 1");
    expect((await rejects(callerFor(t.db, null).mood.log({ mood: 3 }))).code).toBe("UNAUTHORIZED");
  });
});
