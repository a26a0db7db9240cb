// insights.overview through the real router, on a Berlin user whose week spans the end of summer time
// (Sun 25 Oct 2026, 03:00 CEST → 02:00 CET): tasks finished, focus sessions and check-ins at known
// instants land on the right local day; every chart's numbers and reading; ranges; a second user's
// data is never counted; bad ranges are named; a new account gets "not enough data" readings.
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { focusSessions, tasks, zones } from "@/server/db/schema";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();
type Api = ReturnType<typeof callerFor>;

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}

const NOW = new Date("2026-11-02T11:00:00Z"); // Mon 2 Nov, 12:00 in Berlin
const at = (iso: string) => vi.setSystemTime(new Date(iso));

async function completeAt(api: Api, id: string, iso: string) {
  at(iso);
  await api.task.complete({ id });
}

async function checkInAt(api: Api, iso: string, input: { mood?: number; energy?: number }) {
  at(iso);
  await api.mood.log(input);
}

async function focusAt(userId: string, args: { taskId?: string; startedAt: string; minutes: number | null; status: "completed" | "cancelled" | "running" }) {
  const start = new Date(args.startedAt);
  await t.db.insert(focusSessions).values({
    userId,
    taskId: args.taskId ?? null,
    status: args.status,
    plannedMinutes: 25,
    breakMinutes: 5,
    startedAt: start,
    endsAt: new Date(start.getTime() + 25 * 60_000),
    endedAt: args.status === "running" ? null : new Date(start.getTime() + (args.minutes ?? 0) * 60_000),
    actualMinutes: args.minutes,
  });
}

const setArea = (id: string, area: string | null, actualMinutes?: number) =>
  t.db.update(tasks).set({ area, ...(actualMinutes !== undefined ? { actualMinutes } : {}) }).where(eq(tasks.id, id));

/** The Berlin fixture; returns the caller and the ids. */
async function fixture() {
  at("2026-10-20T09:00:00Z");
  const user = await makeUser(t.db, "Robin");
  const api = callerFor(t.db, user);
  await api.settings.update({ timeZone: "Europe/Berlin" });
  await t.db.insert(zones).values([
    { userId: user.id, key: "work", name: "Work", color: "#3d6b57", position: 0 },
    { userId: user.id, key: "health", name: "Health", color: "#c0562f", position: 1 },
    { userId: user.id, key: "home", name: "Home", color: "#5769b8", position: 2 },
    { userId: user.id, key: "growth", name: "Growth", color: "#8a5cb8", position: 3 },
  ]);
  const a = await api.task.create({ title: "Write the report", estimateMinutes: 60 });
  const b = await api.task.create({ title: "Reply to Sam", estimateMinutes: 30 });
  const c = await api.task.create({ title: "Go for a run", estimateMinutes: 20 });
  const d = await api.task.create({ title: "Pay the bill", estimateMinutes: 10 });
  const e = await api.task.create({ title: "Plan the sprint" });
  const f = await api.task.create({ title: "Water the garden" });
  const old = await api.task.create({ title: "Old thing", estimateMinutes: 10 });
  const kitchen = await api.task.create({ title: "Clean the kitchen" });
  const sink = await api.task.create({ title: "Fill the sink", parentId: kitchen.id });
  const dishes = await api.task.create({ title: "Wash the dishes", parentId: kitchen.id });
  await api.task.create({ title: "Dry the dishes", parentId: kitchen.id });
  await setArea(a.id, "work", 90); // its own actual time wins over its 30-minute session
  await setArea(b.id, "work");
  await setArea(c.id, "health", 20);
  await setArea(e.id, "work");
  await setArea(f.id, "garden"); // a key with no zone row
  await setArea(kitchen.id, "home"); // the steps count for their parent's zone
  await setArea(old.id, "work", 100);

  await completeAt(api, old.id, "2026-10-01T10:00:00Z"); // outside the last 30 days
  await completeAt(api, sink.id, "2026-10-24T10:00:00Z"); // Sat 24 Oct
  await completeAt(api, dishes.id, "2026-10-24T10:05:00Z");
  await completeAt(api, a.id, "2026-10-24T21:30:00Z"); // 23:30 CEST, Sat 24
  await completeAt(api, b.id, "2026-10-24T22:30:00Z"); // 00:30 CEST, Sun 25 (UTC: the 24th)
  await completeAt(api, c.id, "2026-10-25T22:30:00Z"); // 23:30 CET, Sun 25
  await completeAt(api, d.id, "2026-10-25T23:30:00Z"); // 00:30 CET, Mon 26 (UTC: the 25th)
  await completeAt(api, e.id, "2026-10-27T10:00:00Z"); // Tue 27
  await completeAt(api, f.id, "2026-10-28T10:00:00Z"); // Wed 28

  await focusAt(user.id, { taskId: a.id, startedAt: "2026-10-24T20:00:00Z", minutes: 30, status: "completed" }); // Sat 24
  await focusAt(user.id, { taskId: b.id, startedAt: "2026-10-24T22:00:00Z", minutes: 45, status: "completed" }); // 00:00 CEST Sun 25
  await focusAt(user.id, { taskId: d.id, startedAt: "2026-10-25T23:00:00Z", minutes: 15, status: "completed" }); // 00:00 CET Mon 26
  await focusAt(user.id, { startedAt: "2026-10-26T10:00:00Z", minutes: 10, status: "cancelled" }); // stopped early: still focused
  await focusAt(user.id, { taskId: e.id, startedAt: "2026-10-27T10:00:00Z", minutes: null, status: "running" }); // not over

  await checkInAt(api, "2026-10-24T08:00:00Z", { mood: 4, energy: 4 }); // Sat 24
  await checkInAt(api, "2026-10-24T22:45:00Z", { mood: 3, energy: 4 }); // 00:45 CEST Sun 25
  await checkInAt(api, "2026-10-25T22:45:00Z", { energy: 5 }); // 23:45 CET Sun 25
  await checkInAt(api, "2026-10-26T08:00:00Z", { mood: 2, energy: 2 }); // Mon 26
  await checkInAt(api, "2026-10-27T08:00:00Z", { mood: 2, energy: 2 }); // Tue 27
  await checkInAt(api, "2026-10-28T08:00:00Z", { mood: 3, energy: 3 }); // Wed 28
  at(NOW.toISOString());
  return { user, api, a, b, c, d };
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterAll(() => {
  vi.useRealTimers();
});

describe("insights.overview", () => {
  it("reads every chart from the seeded month, on Berlin's days across the DST change", async () => {
    const { api, a, b, c, d } = await fixture();
    // Someone else's busy month, at the same instants, is never counted.
    const other = callerFor(t.db, await makeUser(t.db, "Sam"));
    at("2026-10-24T12:00:00Z");
    const theirs = await other.task.create({ title: "Their task", estimateMinutes: 5 });
    await other.task.complete({ id: theirs.id });
    await other.mood.log({ mood: 1, energy: 1 });
    at(NOW.toISOString());

    const view = await api.insights.overview({ range: 30 });
    expect(view).toMatchObject({ range: 30, timeZone: "Europe/Berlin", from: "2026-10-04", to: "2026-11-02" });
    expect(view.days).toHaveLength(30);
    const day = (d: string) => view.days.find((x) => x.day === d);
    expect(day("2026-10-24")).toMatchObject({ label: "Sat 24 Oct", tasks: 1, steps: 2, focusMinutes: 30, mood: 4, energy: 4, checkins: 1 });
    expect(day("2026-10-25")).toMatchObject({ tasks: 2, steps: 0, focusMinutes: 45, mood: 3, energy: 4.5, checkins: 2 });
    expect(day("2026-10-26")).toMatchObject({ tasks: 1, focusMinutes: 25, mood: 2, energy: 2 });
    expect(day("2026-10-27")).toMatchObject({ tasks: 1, focusMinutes: 0, energy: 2 });
    expect(day("2026-10-28")).toMatchObject({ tasks: 1, energy: 3 });
    expect(view.days.filter((x) => x.tasks + x.steps > 0).map((x) => x.day)).toEqual(["2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27", "2026-10-28"]);

    expect(view.completions).toEqual({ tasks: 6, steps: 2, reading: "You finished 6 tasks and 2 steps in the last 30 days; your best day was Sat 24 Oct with 3." });
    expect(view.focus).toEqual({
      minutes: 100,
      daysFocused: 3,
      reading: "You focused 1 h 40 min in the last 30 days: about 33 min on each of the 3 days you focused.",
    });

    const pairs = Object.fromEntries(view.estimates.points.map((p) => [p.id, [p.estimateMinutes, p.actualMinutes, p.ratio]]));
    expect(pairs).toEqual({ [a.id]: [60, 90, 1.5], [b.id]: [30, 45, 1.5], [c.id]: [20, 20, 1], [d.id]: [10, 15, 1.5] });
    expect(view.estimates.medianRatio).toBe(1.5);
    expect(view.estimates.reading).toBe("Your estimates run 50% short: tasks take 1.5× what you plan (median of 4).");

    expect(view.moodVsProductivity).toMatchObject({
      highEnergyAvg: 2.5,
      lowEnergyAvg: 1,
      daysWithCheckins: 5,
      reading: "You finish about 2.5× more on days your energy is 4 or 5 (2.5 a day against 1 a day).",
    });
    expect(view.moodVsProductivity.correlation.energyDone).toBe(0.78);

    expect(view.zones.rows.map((r) => [r.name, r.completions, r.focusMinutes, r.share])).toEqual([
      ["Work", 3, 75, 38],
      ["Health", 1, 0, 13],
      ["Home", 2, 0, 25],
      ["Growth", 0, 0, 0],
      ["Garden", 1, 0, 13],
      ["No zone", 1, 25, 13],
    ]);
    expect(view.zones.reading).toBe("Most of what you finished was Work (38%), then Home (25%); nothing in Growth yet.");

    expect(view.checkins).toMatchObject({ daysWithCheckins: 5, avgMood: 2.8, avgEnergy: 3.1 });
    expect(view.checkins.reading).toBe("Your mood has dipped (3.5 → 2.5), and your energy has dipped (4.3 → 2.5) — go gently with yourself.");

    // The other user sees only their own.
    const mine = await other.insights.overview({ range: 30 });
    expect(mine.completions).toMatchObject({ tasks: 1, steps: 0 });
    expect(mine.focus.minutes).toBe(0);
    expect(mine.estimates.points).toEqual([]);
    expect(mine.zones.rows.map((r) => r.name)).toEqual(["No zone"]);
    expect(mine.checkins.daysWithCheckins).toBe(1);
  });

  it("bounds the range: 7 days see only the last week, 90 reach back to October 1st", async () => {
    const { api } = await fixture();
    const week = await api.insights.overview({ range: 7 });
    expect(week).toMatchObject({ from: "2026-10-27", to: "2026-11-02" });
    expect(week.days).toHaveLength(7);
    expect(week.completions).toMatchObject({ tasks: 2, steps: 0 });
    expect(week.completions.reading).toBe("You finished 2 tasks in the last 7 days; your best day was Tue 27 Oct with 1.");
    expect(week.focus.reading).toBe("No focus sessions in the last 7 days — start one on a task and your minutes show up here.");
    expect(week.moodVsProductivity.reading).toBe("Not enough data yet — 3 more days of check-ins and this chart fills in.");

    const quarter = await api.insights.overview({ range: 90 });
    expect(quarter.days).toHaveLength(90);
    expect(quarter.completions).toMatchObject({ tasks: 7, steps: 2 });
    expect(quarter.estimates.points).toHaveLength(5);
    expect(quarter.days.find((d) => d.day === "2026-10-01")?.tasks).toBe(1);
    // The default is 30 days.
    expect((await api.insights.overview()).range).toBe(30);
  });

  it("gives a new account readings that say what is missing", async () => {
    at(NOW.toISOString());
    const api = callerFor(t.db, await makeUser(t.db, "New"));
    const view = await api.insights.overview({ range: 7 });
    expect(view.days.every((d) => d.tasks === 0 && d.focusMinutes === 0 && d.mood === null)).toBe(true);
    expect(view.completions.reading).toBe("Nothing finished in the last 7 days yet — tick off one small step and this chart starts.");
    expect(view.estimates).toMatchObject({ points: [], medianRatio: null });
    expect(view.estimates.reading).toMatch(/^Not enough data yet — finish 3 more tasks with an estimate/);
    expect(view.moodVsProductivity.reading).toBe("Not enough data yet — 5 more days of check-ins and this chart fills in.");
    expect(view.zones).toEqual({ rows: [], reading: "Nothing finished in a zone yet — give tasks a life area and your balance shows up here." });
    expect(view.checkins.reading).toBe("Not enough data yet — 3 more days of check-ins and this chart fills in.");

    await api.mood.log({ energy: 4 });
    const one = await api.insights.overview({ range: 7 });
    expect(one.checkins.reading).toBe("Not enough data yet — 2 more days of check-ins and this chart fills in.");
    expect(one.moodVsProductivity.reading).toBe("Not enough data yet — 4 more days of check-ins and this chart fills in.");
  });

  it("buckets by the user's own zone: the same instant is another day in New York", async () => {
    at("2026-10-26T02:30:00Z"); // Mon 26 in Berlin (03:30), still Sun 25 in New York (22:30)
    const user = await makeUser(t.db, "Alex");
    const api = callerFor(t.db, user);
    const task = await api.task.create({ title: "Late one" });
    await api.task.complete({ id: task.id });
    at(NOW.toISOString());
    await api.settings.update({ timeZone: "America/New_York" });
    const ny = await api.insights.overview({ range: 30 });
    expect(ny.days.find((d) => d.tasks > 0)?.day).toBe("2026-10-25");
    await api.settings.update({ timeZone: "Europe/Berlin" });
    const berlin = await api.insights.overview({ range: 30 });
    expect(berlin.days.find((d) => d.tasks > 0)?.day).toBe("2026-10-26");
  });

  it("rejects a range outside 7, 30 and 90, naming the field, and asks for a session", async () => {
    const api = callerFor(t.db, await makeUser(t.db));
    for (const range of [14, 0, -7, 365]) {
      const error = await rejects(api.insights.overview({ range: range as 7 }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(said(error)).toBe("range: Pick 7, 30 or 90 days");
    }
    expect(said(await rejects(api.insights.overview({ range: "30" as unknown as 30 })))).toBe("range: Pick 7, 30 or 90 days");
    expect((await rejects(callerFor(t.db, null).insights.overview({ range: 7 }))).code).toBe("UNAUTHORIZED");
  });
});
