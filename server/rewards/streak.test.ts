// Forgiving streaks on fixtures over weeks: freezes earned by activity and used on missed days,
// vacations that never count, a missed day that restarts only the current streak, and local days
// across DST changes — then the same rules read from the database.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pointsLedger, streakDays, users, vacations } from "@/server/db/schema";
import { addDays } from "@/server/time";
import { makeUser, setupTestDb } from "@/test/harness";
import { FREEZE_EARN_CAP, FREEZE_EVERY, getStreakStatus, replayStreak, type StreakInputs } from "./streak";

/** Days from `start` on, one letter each: a = active, . = nothing, v = vacation. */
function fixture(start: string, pattern: string, today?: string): StreakInputs {
  const active = new Set<string>();
  const ranges: { startDay: string; endDay: string }[] = [];
  [...pattern].forEach((c, i) => {
    const day = addDays(start, i);
    if (c === "a") active.add(day);
    if (c === "v") ranges.push({ startDay: day, endDay: day });
  });
  return { today: today ?? addDays(start, pattern.length), active, stored: new Map(), vacations: ranges, bonusFreezes: new Map() };
}

describe("replayStreak", () => {
  it("counts active days and keeps yesterday's streak while today is open", () => {
    const s = replayStreak(fixture("2026-11-01", "aaa"));
    expect(s).toMatchObject({ days: 3, activeToday: false, best: 3, freezes: 0, nextFreezeIn: FREEZE_EVERY - 3 });
    const today = replayStreak({ ...fixture("2026-11-01", "aaa"), active: new Set(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"]) });
    expect(today).toMatchObject({ days: 4, activeToday: true, best: 4 });
  });

  it("earns a freeze every 5 active days and spends it on a missed day, keeping the streak", () => {
    const s = replayStreak(fixture("2026-11-01", "aaaaa.aa"));
    expect(s.days).toBe(7);
    expect(s.freezesUsed).toBe(1);
    expect(s.freezes).toBe(0);
    expect(s.pending.find((p) => p.day === "2026-11-06")).toEqual({ day: "2026-11-06", status: "frozen" });
    expect(s.best).toBe(7);
  });

  it("restarts only the current streak on a missed day without a freeze, never the best", () => {
    const s = replayStreak(fixture("2026-11-01", "aaaa.aa"));
    expect(s).toMatchObject({ days: 2, best: 4, freezesUsed: 0 });
    const gap = replayStreak(fixture("2026-11-01", "aaaa.."));
    expect(gap).toMatchObject({ days: 0, best: 4 });
    expect(gap.message).toMatch(/fresh start.*best streak of 4 days is still yours/i);
    expect(gap.message).not.toMatch(/lost|broke|fail/i);
  });

  it("banks at most two earned freezes and uses them one per missed day", () => {
    // 15 active days earn three freezes but the bank holds two; then three missed days: two frozen, one missed.
    const s = replayStreak(fixture("2026-10-01", `${"a".repeat(15)}...`));
    expect(s.pending.slice(-3).map((p) => p.status)).toEqual(["frozen", "frozen", "missed"]);
    expect(s).toMatchObject({ days: 0, best: 15, freezes: 0, freezesUsed: 2 });
    const full = replayStreak(fixture("2026-10-01", "a".repeat(15)));
    expect(full).toMatchObject({ freezes: FREEZE_EARN_CAP, nextFreezeIn: null });
  });

  it("never counts vacation days, before or after a freeze", () => {
    const s = replayStreak(fixture("2026-11-01", "aaavvvvvvvaa"));
    expect(s).toMatchObject({ days: 5, best: 5, freezesUsed: 0 });
    expect(s.pending.filter((p) => p.status === "vacation")).toHaveLength(7);
    const today = fixture("2026-11-01", "aaa");
    const onBreak = replayStreak({ ...today, vacations: [{ startDay: today.today, endDay: addDays(today.today, 5) }] });
    expect(onBreak).toMatchObject({ onVacation: true, days: 3 });
    expect(onBreak.message).toMatch(/vacation/);
  });

  it("adds freezes won in the mystery box on top of the earned ones", () => {
    const input = fixture("2026-11-01", "aa..a");
    const s = replayStreak({ ...input, bonusFreezes: new Map([["2026-11-02", 1]]) });
    expect(s.pending.map((p) => p.status)).toEqual(["active", "active", "frozen", "missed", "active"]);
    expect(s).toMatchObject({ days: 1, best: 2, freezesUsed: 1 });
  });

  it("keeps what the rollover recorded, and lets a later vacation cover a recorded miss", () => {
    const input = fixture("2026-11-01", "aa.a");
    const recorded = replayStreak({ ...input, stored: new Map([["2026-11-01", "active"], ["2026-11-02", "active"], ["2026-11-03", "missed"]]) });
    expect(recorded.days).toBe(1);
    expect(recorded.pending).toEqual([{ day: "2026-11-04", status: "active" }]);
    const forgiven = replayStreak({
      ...input,
      stored: new Map([["2026-11-03", "missed"]]),
      vacations: [{ startDay: "2026-11-03", endDay: "2026-11-03" }],
    });
    expect(forgiven.days).toBe(3);
  });

  it("follows a long run over months and shows the last two weeks", () => {
    const s = replayStreak(fixture("2026-01-01", "a".repeat(300)));
    expect(s).toMatchObject({ days: 300, best: 300 });
    expect(s.recent).toHaveLength(14);
    expect(s.recent.at(-1)).toEqual({ day: "2026-10-28", status: "open" });
    expect(s.recent.slice(0, 13).every((d) => d.status === "active")).toBe(true);
  });

  it("is nothing at all for someone who never started", () => {
    expect(replayStreak(fixture("2026-11-01", "", "2026-11-01"))).toMatchObject({ days: 0, best: 0, freezes: 0, pending: [] });
  });
});

const t = setupTestDb();

async function did(userId: string, at: string, kind = "task.completed") {
  await t.db.insert(pointsLedger).values({ userId, amount: 1, kind, reason: "test", idempotencyKey: `${kind}:${randomUUID()}`, createdAt: new Date(at) });
}

describe("getStreakStatus from the database", () => {
  it("counts local days across the spring-forward and fall-back nights (DST-safe)", async () => {
    const user = await makeUser(t.db);
    await t.db.update(users).set({ timeZone: "America/New_York" }).where(eq(users.id, user.id));
    // 23:30 local on each day, around 2026-03-08 (spring forward) — UTC offset moves from -5 to -4.
    await did(user.id, "2026-03-07T04:30:00Z"); // 23:30 on the 6th
    await did(user.id, "2026-03-08T04:30:00Z"); // 23:30 on the 7th
    await did(user.id, "2026-03-09T03:30:00Z"); // 23:30 on the 8th (EDT)
    await did(user.id, "2026-03-09T04:30:00Z", "focus.minutes"); // 00:30 on the 9th: a finished focus session counts
    const s = await getStreakStatus(t.db, user.id, { now: new Date("2026-03-09T15:00:00Z"), timeZone: "America/New_York" });
    expect(s).toMatchObject({ days: 4, activeToday: true, best: 4 });
    // Fall back on 2026-11-01: 25-hour day.
    const other = await makeUser(t.db);
    await did(other.id, "2026-10-31T12:00:00Z");
    await did(other.id, "2026-11-02T04:30:00Z"); // 23:30 EST on 1 November
    const f = await getStreakStatus(t.db, other.id, { now: new Date("2026-11-02T14:00:00Z"), timeZone: "America/New_York" });
    expect(f).toMatchObject({ days: 2, activeToday: false });
  });

  it("reads vacations, recorded days and mystery freezes — only the user's own", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    await did(user.id, "2026-11-10T12:00:00Z");
    await did(user.id, "2026-11-11T12:00:00Z");
    await t.db.insert(vacations).values({ userId: user.id, startDay: "2026-11-12", endDay: "2026-11-14" });
    await t.db.insert(streakDays).values({ userId: user.id, day: "2026-11-10", status: "active" });
    await t.db.insert(pointsLedger).values({ userId: user.id, amount: 0, kind: "streak.freeze", reason: "prize", idempotencyKey: "mystery.prize:x", createdAt: new Date("2026-11-11T13:00:00Z") });
    // Someone else's vacation and misses change nothing here.
    await t.db.insert(vacations).values({ userId: other.id, startDay: "2026-11-15", endDay: "2026-11-16" });
    const s = await getStreakStatus(t.db, user.id, { now: new Date("2026-11-16T12:00:00Z"), timeZone: "UTC" });
    expect(s.pending.map((p) => `${p.day}:${p.status}`)).toEqual(["2026-11-11:active", "2026-11-12:vacation", "2026-11-13:vacation", "2026-11-14:vacation", "2026-11-15:frozen"]);
    expect(s).toMatchObject({ days: 2, freezes: 0, freezesUsed: 1, activeToday: false });
  });
});
