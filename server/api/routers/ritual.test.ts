// ritual.* through the real router on a Monday morning in Berlin: the ritual is saved once per local
// day (a second save replaces it), it feeds the day plan (its energy, unless a later check-in says
// otherwise; its top three first, in the user's order), privacy, bad input named by field; and the
// top-first planning itself on the planner's fixtures.
import type { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { morningRituals } from "@/server/db/schema";
import { planTopFirst } from "@/server/orchestrator/morning-ritual-plan";
import { planDay } from "@/server/planner/day-plan";
import { expectWellFormed, minutes, monday, tasksOf } from "@/server/planner/day-plan/fixtures";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}
const at = (iso: string) => vi.setSystemTime(new Date(iso));

async function berliner(name = "Robin") {
  const user = await makeUser(t.db, name);
  const api = callerFor(t.db, user);
  await api.settings.update({ timeZone: "Europe/Berlin", workdayStart: "09:00", workdayEnd: "17:00", energyPattern: "morning" });
  const report = await api.task.create({ title: "Write the quarterly report", estimateMinutes: 120, priority: "high" });
  const email = await api.task.create({ title: "Reply to Sam", estimateMinutes: 10 });
  const kitchen = await api.task.create({ title: "Clean the kitchen", estimateMinutes: 45 });
  return { user, api, report, email, kitchen };
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  at("2026-11-23T07:30:00Z"); // 08:30 on a Monday in Berlin
});
afterAll(() => {
  vi.useRealTimers();
});

describe("the morning ritual", () => {
  it("is saved per local day, replaces itself, and puts the top three first in the plan", async () => {
    at("2026-11-23T07:30:00Z");
    const { user, api, report, email, kitchen } = await berliner();
    expect(await api.ritual.today()).toEqual({ day: "2026-11-23", ritual: null });
    // Without a ritual the hardest task opens the morning.
    const before = await api.plan.today();
    expect(before.blocks.find((b) => b.kind === "task")?.taskId).toBe(report.id);

    const { ritual, plan } = await api.ritual.save({ intention: "  Be kind to myself  ", energy: 4, topTaskIds: [kitchen.id, email.id] });
    expect(ritual).toMatchObject({
      day: "2026-11-23",
      intention: "Be kind to myself",
      energy: 4,
      top: [
        { id: kitchen.id, title: "Clean the kitchen", done: false },
        { id: email.id, title: "Reply to Sam", done: false },
      ],
    });
    expect(plan).not.toBeNull();
    const tasks = plan!.blocks.filter((b) => b.kind === "task");
    expect(tasks.map((b) => b.taskId)).toEqual([kitchen.id, email.id, report.id, report.id, report.id]);
    expect(tasks[0]!.why).toMatch(/^Your top task today, from your morning ritual, so it comes first\./);
    expect(tasks[1]!.why).toMatch(/^Second of your top three, from your morning ritual/);
    expect(plan!.energy).toBe(4);
    expect(plan!.summary?.headline).toMatch(/^Your top two from this morning come first, in your order\. Good energy today\./);
    expect(plan!.overload).toBeNull();
    // The stored plan is the one returned.
    expect((await api.plan.get())?.blocks).toEqual(plan!.blocks);

    // A second save the same day replaces the first (one row), and the plan follows it.
    at("2026-11-23T07:35:00Z");
    const again = await api.ritual.save({ intention: "Just start", energy: 3, topTaskIds: [email.id] });
    expect(again.plan!.blocks.find((b) => b.kind === "task")?.taskId).toBe(email.id);
    const rows = await t.db.select().from(morningRituals).where(eq(morningRituals.userId, user.id));
    expect(rows).toHaveLength(1);
    expect((await api.ritual.today()).ritual).toMatchObject({ intention: "Just start", energy: 3, top: [{ id: email.id }] });

    // The next day starts without one.
    at("2026-11-24T07:30:00Z");
    expect(await api.ritual.today()).toEqual({ day: "2026-11-24", ritual: null });
    at("2026-11-23T07:30:00Z");
  });

  it("its energy counts for the plan unless the user checks in with an energy level after it", async () => {
    at("2026-11-23T07:00:00Z");
    const { api } = await berliner("Sky");
    await api.mood.log({ energy: 5 }); // before the ritual: the ritual's word wins
    at("2026-11-23T07:10:00Z");
    const low = await api.ritual.save({ energy: 2, topTaskIds: [] });
    expect(low.plan).toMatchObject({ energy: 2, summary: { light: true } });
    expect(low.plan!.blocks.filter((b) => b.kind === "task").every((b) => minutes(b) <= 25)).toBe(true);
    // A mood-only check-in later changes nothing about energy.
    at("2026-11-23T07:20:00Z");
    await api.mood.log({ mood: 4 });
    expect((await api.plan.replan()).energy).toBe(2);
    // An energy check-in after the ritual is how the user feels now.
    at("2026-11-23T07:30:00Z");
    await api.mood.log({ energy: 4 });
    const replanned = await api.plan.replan();
    expect(replanned).toMatchObject({ energy: 4, summary: { light: false } });
    // Saving without re-planning leaves the plan as it is.
    at("2026-11-23T07:40:00Z");
    const quiet = await api.ritual.save({ energy: 1, replan: false });
    expect(quiet.plan).toBeNull();
    expect((await api.plan.get())?.energy).toBe(4);
  });

  it("another user's task is NOT_FOUND; steps and finished tasks are refused, naming the field", async () => {
    const alice = await berliner("Alice");
    const bob = callerFor(t.db, await makeUser(t.db, "Bob"));
    const stolen = await rejects(bob.ritual.save({ topTaskIds: [alice.report.id] }));
    expect(stolen.code).toBe("NOT_FOUND");
    expect((await bob.ritual.today()).ritual).toBeNull();
    expect((await alice.api.ritual.today()).ritual).toBeNull();

    const step = await alice.api.task.create({ title: "Open the document", parentId: alice.report.id });
    const asStep = await rejects(alice.api.ritual.save({ topTaskIds: [step.id] }));
    expect(asStep.code).toBe("BAD_REQUEST");
    expect(said(asStep)).toBe("topTaskIds: “Open the document” is a step; pick the task it belongs to");
    await alice.api.task.complete({ id: alice.email.id });
    const done = await rejects(alice.api.ritual.save({ topTaskIds: [alice.email.id] }));
    expect(said(done)).toBe("topTaskIds: “Reply to Sam” is already done; pick an open task");
    const rows = await t.db.select().from(morningRituals).where(and(eq(morningRituals.userId, alice.user.id)));
    expect(rows).toHaveLength(0);
  });

  it("names the field that is wrong", async () => {
    const { api, report } = await berliner("Kai");
    const id = "00000000-0000-4000-8000-000000000000";
    const cases: [() => Promise<unknown>, string][] = [
      [() => api.ritual.save({ energy: 6 }), "energy: Energy is 1 to 5"],
      [() => api.ritual.save({ energy: 2.5 }), "energy: Energy is a whole number from 1 to 5"],
      [() => api.ritual.save({ intention: "x".repeat(301) }), "intention: Keep the intention under 300 characters"],
      [() => api.ritual.save({ topTaskIds: [report.id, report.id] }), "topTaskIds: Pick each task only once"],
      [() => api.ritual.save({ topTaskIds: [id, report.id, `${id.slice(0, -1)}1`, `${id.slice(0, -1)}2`] }), "topTaskIds: Pick at most three tasks"],
      [() => api.ritual.save({ topTaskIds: ["nope"] }), "topTaskIds.0: Not a valid task id"],
    ];
    for (const [call, message] of cases) {
      const error = await rejects(call());
      expect(error.code).toBe("BAD_REQUEST");
      expect(said(error)).toBe(message);
    }
    expect((await rejects(callerFor(t.db, null).ritual.today())).code).toBe("UNAUTHORIZED");
  });
});

describe("planning the top three first", () => {
  it("without a top three it is exactly the planner's plan", () => {
    expect(planTopFirst(monday(), [])).toEqual(planDay(monday()));
    expect(planTopFirst(monday(), ["not-a-task"])).toEqual(planDay(monday()));
  });

  it("plans the top three first in the user's order, then the rest, with breaks and nothing overlapping", () => {
    const plain = planDay(monday());
    expect(tasksOf(plain.blocks)[0]?.taskId).toBe("report");
    const plan = planTopFirst(monday(), ["dentist", "kitchen", "sam"]);
    expectWellFormed(plan.blocks);
    const order = [...new Set(tasksOf(plan.blocks).map((b) => b.taskId))];
    expect(order.slice(0, 3)).toEqual(["dentist", "kitchen", "sam"]);
    expect(new Set(order)).toEqual(new Set(["dentist", "kitchen", "sam", "report", "slides"]));
    // Everything still fits, and every task gets the same minutes as in the plain plan.
    expect(plan.overload).toBeNull();
    const total = (p: typeof plan, id: string) => tasksOf(p.blocks).filter((b) => b.taskId === id).reduce((s, b) => s + minutes(b), 0);
    for (const id of ["report", "slides", "sam", "kitchen", "dentist"]) expect(total(plan, id)).toBe(total(plain, id));
    // Kitchen (45 min) is a long enough stretch to rest after before Sam.
    const kitchenEnd = tasksOf(plan.blocks).filter((b) => b.taskId === "kitchen").at(-1)!.end;
    expect(plan.blocks.find((b) => b.start === kitchenEnd)).toMatchObject({ kind: "break" });
    expect(plan.summary.headline).toMatch(/^Your top three from this morning come first, in your order\. /);
    expect(plan.summary.focusMinutes).toBe(plain.summary.focusMinutes);
  });

  it("keeps fixed events where they are, opens a low-mood day with a tiny win, and says so kindly when the top three fill the day", () => {
    const lunch = { id: "lunch", title: "Lunch", start: "2026-11-23T08:15:00Z", end: "2026-11-23T08:45:00Z" };
    const withEvent = planTopFirst(monday({ fixedEvents: [lunch] }), ["report"]);
    expectWellFormed(withEvent.blocks);
    expect(withEvent.blocks.filter((b) => b.kind === "event")).toHaveLength(1);
    expect(tasksOf(withEvent.blocks)[0]?.taskId).toBe("report");

    const sad = planTopFirst(monday({ mood: 1 }), ["slides"]);
    expect(tasksOf(sad.blocks)[0]).toMatchObject({ taskId: "slides" });
    expect(minutes(tasksOf(sad.blocks)[0]!)).toBeLessThanOrEqual(15);
    expect(sad.summary.tinyWin).toBe(true);
    expect(sad.summary.headline).toContain("one tiny, easy win");

    const short = planTopFirst(monday({ workday: { startMinute: 9 * 60, endMinute: 11 * 60 } }), ["report"]);
    expect(tasksOf(short.blocks).every((b) => b.taskId === "report")).toBe(true);
    expect(short.overload?.message).toMatch(/^Your top task fills today's working hours \(09:00–11:00\)/);
    expect(short.overload?.unplannedTaskIds).toEqual(expect.arrayContaining(["sam", "dentist", "kitchen", "slides"]));
  });
});
