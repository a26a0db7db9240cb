// settings.* and mood.* through the real router: defaults, changes, check-ins folded into today,
// what they remember, privacy between users, and bad input named by field.
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { insertCheckin } from "@/server/db/queries/days";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();

/** "field: message", as a client sees a bad-input error (server/api/trpc.ts formats zod issues so). */
function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}
let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  // 08:30 on Monday 23 November in Berlin.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T07:30:00Z"));
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});
afterAll(() => {
  vi.useRealTimers();
});

describe("settings", () => {
  it("starts from gentle defaults and saves every change", async () => {
    const api = callerFor(t.db, alice);
    expect(await api.settings.get()).toEqual({
      timeZone: "UTC",
      workdayStart: "09:00",
      workdayEnd: "17:00",
      energyPattern: "morning",
      coachTone: "gentle",
      onboardedAt: null,
    });
    const saved = await api.settings.update({
      timeZone: "Europe/Berlin",
      workdayStart: "08:30",
      workdayEnd: "24:00",
      energyPattern: "evening",
      coachTone: "direct",
    });
    expect(saved).toMatchObject({ timeZone: "Europe/Berlin", workdayStart: "08:30", workdayEnd: "24:00", energyPattern: "evening", coachTone: "direct" });
    await api.settings.update({ workdayEnd: "16:00" });
    expect(await api.settings.get()).toMatchObject({ workdayStart: "08:30", workdayEnd: "16:00", energyPattern: "evening" });
    // The coach remembers what changed, in words (the clock is frozen, so both share one time).
    const { items } = await api.memory.list({ kind: "preferences.updated" });
    expect(items.map((m) => m.content).sort()).toEqual([
      "Changed settings: workday end 24:00 → 16:00.",
      "Changed settings: workday start 09:00 → 08:30; workday end 17:00 → 24:00; energy peak morning → evening; coach tone gentle → direct; time zone UTC → Europe/Berlin.",
    ]);
    // Bob's settings are his own.
    expect(await callerFor(t.db, bob).settings.get()).toMatchObject({ timeZone: "UTC", workdayStart: "09:00", coachTone: "gentle" });
  });

  it("names the field that is wrong", async () => {
    const api = callerFor(t.db, bob);
    const badZone = await rejects(api.settings.update({ timeZone: "Mars/Olympus_Mons" }));
    expect(badZone.code).toBe("BAD_REQUEST");
    expect(said(badZone)).toMatch(/^timeZone: Not a time zone we know/);
    const backwards = await rejects(api.settings.update({ workdayStart: "17:00", workdayEnd: "09:00" }));
    expect(backwards.code).toBe("BAD_REQUEST");
    expect(said(backwards)).toBe("workdayEnd: Your working day has to end after it starts");
    // Only the end changes, but it would fall before the stored start.
    const early = await rejects(api.settings.update({ workdayEnd: "08:00" }));
    expect(early.code).toBe("BAD_REQUEST");
    expect(said(early)).toMatch(/^workdayEnd: Your working day has to end after it starts/);
    expect(said(await rejects(api.settings.update({ workdayStart: "25:00" })))).toMatch(/^workdayStart: Give the start/);
    expect(said(await rejects(api.settings.update({ energyPattern: "night" as "evening" })))).toMatch(/^energyPattern:/);
    expect(said(await rejects(api.settings.update({})))).toBe("input: Nothing to update");
    expect(await api.settings.get()).toMatchObject({ timeZone: "UTC", workdayStart: "09:00", workdayEnd: "17:00" });
  });

  it("needs a signed-in user", async () => {
    expect((await rejects(callerFor(t.db, null).settings.get())).code).toBe("UNAUTHORIZED");
    expect((await rejects(callerFor(t.db, null).mood.log({ mood: 3 }))).code).toBe("UNAUTHORIZED");
  });
});

describe("mood check-ins", () => {
  it("logs a check-in, answers kindly and offers a lighter plan on low energy", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    const result = await api.mood.log({ mood: 2, energy: 1, note: "slept badly" });
    expect(result.checkin).toMatchObject({ mood: 2, energy: 1, note: "slept badly" });
    expect(result.offerLighterPlan).toBe(true);
    expect(result.offerTinyStep).toBe(true);
    expect(result.message).toContain("lighter plan");
    const { items } = await api.memory.list({ kind: "mood.logged" });
    expect(items.map((m) => m.content)).toEqual(["Checked in: mood 2/5, energy 1/5 — “slept badly”."]);
  });

  it("folds several check-ins into today's mood and energy, ignoring yesterday's", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    await api.settings.update({ timeZone: "Europe/Berlin" });
    await insertCheckin(t.db, { userId: user.id, mood: 1, energy: 1, note: null, at: new Date("2026-11-22T20:00:00Z") });
    expect(await api.mood.today()).toEqual({ latest: null, mood: null, energy: null, count: 0 });
    await api.mood.log({ energy: 4 });
    vi.setSystemTime(new Date("2026-11-23T07:40:00Z"));
    await api.mood.log({ mood: 3 });
    const today = await api.mood.today();
    expect(today).toMatchObject({ mood: 3, energy: 4, count: 2 });
    expect(today.latest).toMatchObject({ mood: 3, energy: null });
    const recent = await api.mood.list({ limit: 2 });
    expect(recent.map((c) => [c.mood, c.energy])).toEqual([[3, null], [null, 4]]);
    expect(await api.mood.list()).toHaveLength(3);
    // Nobody else sees them.
    expect(await callerFor(t.db, bob).mood.list()).toEqual([]);
    expect((await callerFor(t.db, bob).mood.today()).count).toBe(0);
    vi.setSystemTime(new Date("2026-11-23T07:30:00Z"));
  });

  it("rejects a mood of 7, an empty check-in and a long note, naming the field", async () => {
    const api = callerFor(t.db, bob);
    const seven = await rejects(api.mood.log({ mood: 7 }));
    expect(seven.code).toBe("BAD_REQUEST");
    expect(said(seven)).toBe("mood: Mood is 1 to 5");
    expect(said(await rejects(api.mood.log({ energy: 2.5 })))).toBe("energy: Energy is a whole number from 1 to 5");
    expect(said(await rejects(api.mood.log({ note: "just a note" })))).toBe("mood: Pick a mood or an energy level (1 to 5)");
    expect(said(await rejects(api.mood.log({ mood: 3, note: "x".repeat(501) })))).toBe("note: Keep the note under 500 characters");
    expect(said(await rejects(api.mood.list({ limit: 0 })))).toBe("limit: At least 1");
    expect(await api.mood.list()).toEqual([]);
  });
});
