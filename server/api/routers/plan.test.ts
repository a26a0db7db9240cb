// plan.* through the real router on a fixed Monday morning in Berlin: make, read, accept, re-plan,
// edit; the plan reacts to a low-energy check-in; privacy between users; bad input named by field.
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { remember } from "@/server/memory";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();
type Api = ReturnType<typeof callerFor>;
type Plan = Awaited<ReturnType<Api["plan"]["today"]>>;

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}
const berlin = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
const minutes = (b: { start: string; end: string }) => (Date.parse(b.end) - Date.parse(b.start)) / 60_000;
const taskBlocks = (plan: Plan) => plan.blocks.filter((b) => b.kind === "task");
const blockIndex = (plan: Plan, pick: (b: Plan["blocks"][number]) => boolean) => {
  const index = plan.blocks.findIndex(pick);
  if (index < 0) throw new Error("no such block");
  return { index, blockStart: plan.blocks[index]!.start };
};

/** A user in Berlin with working hours 9–17 and three tasks, one of them with steps. */
async function berliner(name = "Robin") {
  const user = await makeUser(t.db, name);
  const api = callerFor(t.db, user);
  await api.settings.update({ timeZone: "Europe/Berlin", workdayStart: "09:00", workdayEnd: "17:00", energyPattern: "morning" });
  const report = await api.task.create({ title: "Write the quarterly report", estimateMinutes: 120, priority: "high" });
  const email = await api.task.create({ title: "Reply to Sam", estimateMinutes: 10 });
  const kitchen = await api.task.create({ title: "Clean the kitchen", estimateMinutes: 45 });
  const sink = await api.task.create({ title: "Fill the sink", estimateMinutes: 5, parentId: kitchen.id });
  await api.task.create({ title: "Wash the dishes", estimateMinutes: 15, parentId: kitchen.id });
  return { user, api, report, email, kitchen, sink };
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T07:30:00Z")); // 08:30 on a Monday in Berlin
});
afterAll(() => {
  vi.useRealTimers();
});

describe("plan.today / plan.get / plan.accept", () => {
  it("makes today's plan once, keeps it, and accepts it", async () => {
    const { api, report, email, kitchen } = await berliner();
    expect(await api.plan.get()).toBeNull();
    const plan = await api.plan.today();
    expect(plan).toMatchObject({ day: "2026-11-23", status: "draft", timeZone: "Europe/Berlin", overload: null, replanHint: null });
    expect(berlin(plan.blocks[0]!.start)).toBe("09:00");
    expect(plan.blocks[0]).toMatchObject({ kind: "task", taskId: report.id });
    expect(plan.summary?.headline).toContain("high-energy morning");
    const ids = new Set(taskBlocks(plan).map((b) => b.taskId));
    expect(ids).toEqual(new Set([report.id, email.id, kitchen.id]));
    expect(plan.blocks.some((b) => b.kind === "break")).toBe(true);

    // Asking again returns the same plan, even with a new task: re-planning is the user's call.
    await api.task.create({ title: "Water the plants", estimateMinutes: 5 });
    expect(await api.plan.today()).toEqual(plan);
    expect(await api.plan.get()).toEqual(plan);

    const accepted = await api.plan.accept();
    expect(accepted.status).toBe("accepted");
    expect((await api.plan.get())?.status).toBe("accepted");
    const generated = await api.memory.list({ kind: "plan.generated" });
    expect(generated.items[0]?.content).toMatch(/^Made a plan for Mon 23 Nov: Write the quarterly report; /);
    const remembered = await api.memory.list({ kind: "plan.accepted" });
    expect(remembered.items).toHaveLength(1);
    expect(remembered.items[0]?.content).toContain("Accepted the plan for Mon 23 Nov");
  });

  it("leaves out done tasks and puts an overdue task first", async () => {
    const { api, email } = await berliner();
    await api.task.complete({ id: email.id });
    const late = await api.task.create({ title: "Renew the passport", estimateMinutes: 20, priority: "low", dueAt: new Date("2026-11-20T12:00:00Z") });
    const plan = await api.plan.today();
    expect(taskBlocks(plan).map((b) => b.taskId)).not.toContain(email.id);
    expect(taskBlocks(plan)[0]).toMatchObject({ taskId: late.id });
    expect(taskBlocks(plan)[0]!.why).toContain("Overdue");
  });

  it("warns, kindly, when the day is overfull", async () => {
    const { api } = await berliner();
    for (let i = 1; i <= 4; i++) await api.task.create({ title: `Big job ${i}`, estimateMinutes: 120, priority: "low" });
    const plan = await api.plan.today();
    expect(plan.overload).not.toBeNull();
    expect(plan.overload!.overflowMinutes).toBeGreaterThanOrEqual(120);
    expect(plan.overload!.message).toContain("more than your working hours (09:00–17:00)");
    expect(plan.overload!.message).toContain("move them to tomorrow");
    expect(plan.overload!.unplannedTaskIds.length).toBeGreaterThanOrEqual(1);
  });
});

describe("what the coach knows about a task", () => {
  it("puts a task the coach rated hard into the high-energy morning, even when it is short", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    await api.settings.update({ timeZone: "Europe/Berlin" });
    const sam = await api.task.create({ title: "Reply to Sam", estimateMinutes: 20 });
    const offer = await api.task.create({ title: "Decide on the job offer", estimateMinutes: 20 });
    await remember(t.db, {
      userId: user.id,
      tier: "long_term",
      kind: "task.insights",
      content: '"Decide on the job offer": about 20 min, complexity 5/5.',
      data: { taskId: offer.id, complexity: 5 },
    });
    const plan = await api.plan.today();
    expect(taskBlocks(plan).map((b) => b.taskId)).toEqual([offer.id, sam.id]);
    expect(taskBlocks(plan)[0]!.why).toContain("Your hardest work, in your high-energy morning");
  });
});

describe("the plan reacts to a check-in", () => {
  it("offers a re-plan after a low-energy check-in, and the re-plan is lighter", async () => {
    const { api, kitchen, sink } = await berliner();
    const first = await api.plan.today();
    expect(first.summary?.light).toBe(false);
    await api.mood.log({ energy: 2, mood: 3 });
    const before = await api.plan.get();
    expect(before?.replanHint).toBe("You checked in with low energy after this plan was made. Re-plan for a lighter day?");
    const lighter = await api.plan.replan();
    expect(lighter.replanHint).toBeNull();
    expect(lighter).toMatchObject({ energy: 2, mood: 3, status: "draft" });
    expect(lighter.summary?.headline).toMatch(/^Low energy today, so this is a lighter plan/);
    for (const b of taskBlocks(lighter)) expect(minutes(b)).toBeLessThanOrEqual(25);
    // The kitchen shows up as its next small steps, not as the whole task.
    expect(taskBlocks(lighter).map((b) => b.taskId)).toContain(sink.id);
    expect(taskBlocks(lighter).map((b) => b.taskId)).not.toContain(kitchen.id);
    expect(lighter.summary!.focusMinutes).toBeLessThan(first.summary!.focusMinutes);
  });
});

describe("plan.edit and plan.replan", () => {
  it("adds a fixed event, plans around it, and a re-plan keeps it", async () => {
    const { api } = await berliner();
    await api.plan.today();
    const edited = await api.plan.edit({ op: "addEvent", title: "Lunch with Ana", start: "10:00", end: "11:00" });
    const lunch = edited.blocks.find((b) => b.kind === "event")!;
    expect(lunch).toMatchObject({ title: "Lunch with Ana" });
    expect([berlin(lunch.start), berlin(lunch.end)]).toEqual(["10:00", "11:00"]);
    for (const b of taskBlocks(edited)) expect(Date.parse(b.end) <= Date.parse(lunch.start) || Date.parse(b.start) >= Date.parse(lunch.end)).toBe(true);
    const again = await api.plan.replan();
    expect(again.blocks.filter((b) => b.kind === "event")).toEqual([lunch]);
    expect(again.fixedEvents).toHaveLength(1);
  });

  it("moves, resizes and removes blocks; the rest is planned again", async () => {
    const { api, report, email } = await berliner();
    const plan = await api.plan.today();
    const moved = await api.plan.edit({ op: "move", ...blockIndex(plan, (b) => b.taskId === email.id), start: "15:00" });
    const emailBlock = taskBlocks(moved).find((b) => b.taskId === email.id)!;
    expect(berlin(emailBlock.start)).toBe("15:00");
    expect(emailBlock.why).toContain("You put this here");

    const resized = await api.plan.edit({ op: "resize", ...blockIndex(moved, (b) => b.taskId === email.id), minutes: 30 });
    expect(minutes(taskBlocks(resized).find((b) => b.taskId === email.id)!)).toBe(30);
    // Everything else still fits around it.
    for (const b of resized.blocks.filter((x) => x.taskId !== email.id)) {
      const e = taskBlocks(resized).find((x) => x.taskId === email.id)!;
      expect(Date.parse(b.end) <= Date.parse(e.start) || Date.parse(b.start) >= Date.parse(e.end)).toBe(true);
    }

    const removed = await api.plan.edit({ op: "remove", ...blockIndex(resized, (b) => b.taskId === report.id) });
    expect(taskBlocks(removed).map((b) => b.taskId)).not.toContain(report.id);
    // Removing from today is not deleting: the task is still on the list.
    expect((await api.task.get({ id: report.id })).status).toBe("todo");
  });

  it("refuses a stale edit, a break, a time in the past and an overlap, naming the field", async () => {
    const { api, email } = await berliner();
    const plan = await api.plan.today();
    const stale = await rejects(api.plan.edit({ op: "remove", index: 0, blockStart: "2026-11-23T05:00:00.000Z" }));
    expect(stale.code).toBe("CONFLICT");
    const brk = await rejects(api.plan.edit({ op: "remove", ...blockIndex(plan, (b) => b.kind === "break") }));
    expect(brk.code).toBe("BAD_REQUEST");
    expect(said(brk)).toMatch(/^index: Breaks are placed for you/);
    const past = await rejects(api.plan.edit({ op: "move", ...blockIndex(plan, (b) => b.taskId === email.id), start: "07:00" }));
    expect(said(past)).toBe("start: That time has already passed; pick a later one");
    const withLunch = await api.plan.edit({ op: "addEvent", title: "Lunch", start: "12:00", end: "13:00" });
    const overlap = await rejects(api.plan.edit({ op: "move", ...blockIndex(withLunch, (b) => b.taskId === email.id), start: "12:30" }));
    expect(said(overlap)).toBe("start: That overlaps “Lunch”; pick another time");
    const backwards = await rejects(api.plan.edit({ op: "addEvent", title: "Gym", start: "18:00", end: "17:00" }));
    expect(said(backwards)).toBe("end: The event has to end after it starts");
    expect(said(await rejects(api.plan.edit({ op: "addEvent", title: " ", start: "18:00", end: "19:00" })))).toBe("title: Give the event a name");
    expect(said(await rejects(api.plan.edit({ op: "resize", index: 0, blockStart: plan.blocks[0]!.start, minutes: 2 })))).toBe("minutes: At least 5 minutes");
    expect(said(await rejects(api.plan.today({ day: "2026-13-01" })))).toBe("day: Give the day as YYYY-MM-DD");
    expect(said(await rejects(api.plan.today({ day: "2026-11-22" })))).toBe("day: That day has passed; plan today or a day ahead");
    expect(said(await rejects(api.plan.today({ day: "2026-12-24" })))).toBe("day: Plan at most 7 days ahead");
  });

  it("plans a day ahead from the start of the working hours", async () => {
    const { api } = await berliner();
    const tomorrow = await api.plan.today({ day: "2026-11-24" });
    expect(tomorrow.day).toBe("2026-11-24");
    expect(berlin(tomorrow.blocks[0]!.start)).toBe("09:00");
    expect(tomorrow.blocks[0]!.start.startsWith("2026-11-24")).toBe(true);
  });
});

describe("privacy", () => {
  it("never shows or changes another user's plan", async () => {
    const alice = await berliner("Alice");
    const plan = await alice.api.plan.today();
    const bobUser = await makeUser(t.db, "Bob");
    const bob = callerFor(t.db, bobUser);
    await bob.settings.update({ timeZone: "Europe/Berlin" });
    expect(await bob.plan.get()).toBeNull();
    expect((await rejects(bob.plan.accept())).code).toBe("NOT_FOUND");
    expect((await rejects(bob.plan.edit({ op: "remove", index: 0, blockStart: plan.blocks[0]!.start }))).code).toBe("NOT_FOUND");
    expect((await rejects(bob.plan.edit({ op: "addEvent", title: "Sneaky", start: "10:00", end: "11:00" }))).code).toBe("NOT_FOUND");
    const bobs = await bob.plan.today();
    expect(bobs.blocks).toEqual([]);
    expect(bobs.summary?.headline).toContain("Nothing open to plan");
    expect(await alice.api.plan.get()).toEqual(plan);
    expect((await rejects(callerFor(t.db, null).plan.today())).code).toBe("UNAUTHORIZED");
  });
});
