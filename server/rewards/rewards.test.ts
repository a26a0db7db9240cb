// Rewards: levels and points per action (diminishing at higher levels), forgiving streaks in the
// user's time zone, exactly-once awards under concurrency, and the summary the header shows.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { pointsLedger, users } from "@/server/db/schema";
import { makeUser, setupTestDb } from "@/test/harness";
import { awardAction, awardPoints, getRewardsSummary, getStreak, LEVELS, levelFor, pointsFor, safeTimeZone, streakFromDays } from ".";

describe("levels", () => {
  it("names each level and measures the way to the next", () => {
    expect(levelFor(0)).toMatchObject({ number: 1, name: "Spark", nextAt: 50, progress: 0 });
    expect(levelFor(49).progress).toBeCloseTo(0.98);
    expect(levelFor(50)).toMatchObject({ number: 2, name: "Kindling", at: 50, nextAt: 150, nextName: "Ember" });
    expect(levelFor(-20)).toMatchObject({ number: 1 });
  });

  it("tops out with nothing further to reach", () => {
    const top = LEVELS[LEVELS.length - 1];
    expect(levelFor((top?.at ?? 0) + 10_000)).toMatchObject({ number: top?.number, nextAt: null, nextName: null, progress: 1 });
  });

  it("asks for more points per level the higher you go", () => {
    const gaps = LEVELS.slice(1).map((l, i) => l.at - (LEVELS[i]?.at ?? 0));
    gaps.slice(1).forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(gaps[i] ?? 0));
  });
});

describe("points per action", () => {
  it("pays a task more than a step, and an accepted proof a bonus", () => {
    expect(pointsFor("task.completed", 1)).toBe(10);
    expect(pointsFor("step.completed", 1)).toBe(3);
    expect(pointsFor("proof.accepted", 1)).toBe(5);
    expect(pointsFor("focus.minutes", 1, 25 / 5)).toBe(5);
  });

  it("pays fewer points per action at higher levels, never nothing", () => {
    const low = levelFor(0).factor;
    const high = levelFor(5000).factor;
    expect(pointsFor("task.completed", high)).toBeLessThan(pointsFor("task.completed", low));
    expect(pointsFor("step.completed", 0.1)).toBe(1);
    expect(pointsFor("focus.minutes", high, 0)).toBe(0);
  });
});

describe("streakFromDays", () => {
  it("counts consecutive days up to today", () => {
    expect(streakFromDays(["2026-11-23", "2026-11-22", "2026-11-21", "2026-11-19"], "2026-11-23")).toEqual({ days: 3, activeToday: true });
  });

  it("keeps yesterday's streak while today is still open", () => {
    expect(streakFromDays(["2026-11-22", "2026-11-21"], "2026-11-23")).toEqual({ days: 2, activeToday: false });
  });

  it("ends once a whole day went by with nothing done", () => {
    expect(streakFromDays(["2026-11-21", "2026-11-20"], "2026-11-23")).toEqual({ days: 0, activeToday: false });
  });

  it("crosses month and year ends", () => {
    expect(streakFromDays(["2027-01-01", "2026-12-31", "2026-12-30"], "2027-01-01").days).toBe(3);
  });

  it("falls back to UTC for an unknown zone", () => {
    expect(safeTimeZone("Mars/Olympus_Mons")).toBe("UTC");
    expect(safeTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
  });
});

const t = setupTestDb();

async function entryAt(userId: string, at: string, kind = "task.completed", amount = 10) {
  await t.db.insert(pointsLedger).values({ userId, amount, kind, reason: "test", idempotencyKey: `${kind}:${randomUUID()}`, createdAt: new Date(at) });
}

describe("awardPoints", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await makeUser(t.db)).id;
  });

  it("writes an award once per idempotency key and returns the standing entry after that", async () => {
    const input = { userId, amount: 10, kind: "task.completed", reason: "Completed a task", idempotencyKey: "task.completed:abc" };
    const first = await awardPoints(t.db, input);
    const second = await awardPoints(t.db, { ...input, amount: 99 });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.entry.id).toBe(first.entry.id);
    expect(second.entry.amount).toBe(10);
  });

  it("lands exactly once when 30 awards race for the same key", async () => {
    const key = `task.completed:${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => awardPoints(t.db, { userId, amount: 10, kind: "task.completed", reason: "race", idempotencyKey: key })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    const rows = await t.db.select().from(pointsLedger).where(eq(pointsLedger.idempotencyKey, key));
    expect(rows).toHaveLength(1);
  });

  it("keys are per user: the same key for two users is two awards", async () => {
    const other = (await makeUser(t.db)).id;
    const key = `task.completed:${randomUUID()}`;
    expect((await awardPoints(t.db, { userId, amount: 1, kind: "task.completed", reason: "a", idempotencyKey: key })).created).toBe(true);
    expect((await awardPoints(t.db, { userId: other, amount: 1, kind: "task.completed", reason: "b", idempotencyKey: key })).created).toBe(true);
  });

  it("awards an action at the user's level with the action's key", async () => {
    const fresh = (await makeUser(t.db)).id;
    const { entry } = await awardAction(t.db, { userId: fresh, kind: "step.completed", sourceId: "s1", reason: "Finished a step" });
    expect(entry).toMatchObject({ amount: 3, idempotencyKey: "step.completed:s1", sourceId: "s1", data: { level: 1 } });
    await entryAt(fresh, "2026-11-01T10:00:00Z", "task.completed", 5000);
    const later = await awardAction(t.db, { userId: fresh, kind: "task.completed", sourceId: "t1", reason: "Done" });
    expect(later.entry.amount).toBe(5); // level 10 pays half
  });
});

describe("XP and balance", () => {
  it("levels from earned points only: spending lowers the balance, never the level or what an action pays", async () => {
    const userId = (await makeUser(t.db)).id;
    await entryAt(userId, "2026-11-20T10:00:00Z", "task.completed", 320);
    await entryAt(userId, "2026-11-21T10:00:00Z", "store.purchase", -300);
    const summary = await getRewardsSummary(t.db, userId, { now: new Date("2026-11-21T12:00:00Z"), timeZone: "UTC" });
    expect(summary).toMatchObject({ balance: 20, total: 20, earned: 320, level: { number: 4, name: "Flame", at: 300 } });
    // Level 4 pays 0.9 of the base: the spend did not take the user back to full-rate level 1.
    const { entry } = await awardAction(t.db, { userId, kind: "task.completed", sourceId: "after-spend", reason: "Done" });
    expect(entry.amount).toBe(9);
    expect(entry.data).toMatchObject({ level: 4, units: 1 });
  });

  it("keeps a negative-looking history sane: a balance of 0 after spending everything is still the earned level", async () => {
    const userId = (await makeUser(t.db)).id;
    await entryAt(userId, "2026-11-20T10:00:00Z", "task.completed", 150);
    await entryAt(userId, "2026-11-20T11:00:00Z", "store.purchase", -150);
    const summary = await getRewardsSummary(t.db, userId, { now: new Date("2026-11-21T12:00:00Z"), timeZone: "UTC", latest: 0 });
    expect(summary).toMatchObject({ balance: 0, earned: 150, level: { number: 3, name: "Ember" }, latest: [] });
  });
});

describe("getStreak and getRewardsSummary", () => {
  it("counts days in the user's time zone", async () => {
    const userId = (await makeUser(t.db)).id;
    // 23:30 UTC on the 21st is already the 22nd in Berlin.
    await entryAt(userId, "2026-11-21T23:30:00Z");
    await entryAt(userId, "2026-11-23T08:00:00Z");
    const now = new Date("2026-11-23T12:00:00Z");
    expect(await getStreak(t.db, userId, { now, timeZone: "Europe/Berlin" })).toEqual({ days: 2, activeToday: true });
    expect(await getStreak(t.db, userId, { now, timeZone: "UTC" })).toEqual({ days: 1, activeToday: true });
  });

  it("only completions keep a streak alive, not bonuses", async () => {
    const userId = (await makeUser(t.db)).id;
    await entryAt(userId, "2026-11-22T10:00:00Z", "proof.accepted", 5);
    expect(await getStreak(t.db, userId, { now: new Date("2026-11-23T12:00:00Z"), timeZone: "UTC" })).toEqual({ days: 0, activeToday: false });
  });

  it("follows a long streak past the first window", async () => {
    const userId = (await makeUser(t.db)).id;
    const values = Array.from({ length: 100 }, (_, i) => ({
      userId,
      amount: 1,
      kind: "step.completed",
      reason: "daily",
      idempotencyKey: `step.completed:${i}`,
      createdAt: new Date(Date.UTC(2026, 10, 22 - i, 12)),
    }));
    await t.db.insert(pointsLedger).values(values);
    expect(await getStreak(t.db, userId, { now: new Date("2026-11-23T09:00:00Z"), timeZone: "UTC" })).toEqual({ days: 100, activeToday: false });
  });

  it("sums the ledger, names the level and lists the latest entries, newest first", async () => {
    const userId = (await makeUser(t.db)).id;
    await t.db.update(users).set({ timeZone: "America/Los_Angeles" }).where(eq(users.id, userId));
    await entryAt(userId, "2026-11-22T18:00:00Z", "task.completed", 40);
    await entryAt(userId, "2026-11-23T18:00:00Z", "proof.accepted", 15);
    const summary = await getRewardsSummary(t.db, userId, { now: new Date("2026-11-23T20:00:00Z") });
    expect(summary.total).toBe(55);
    expect(summary.level).toMatchObject({ number: 2, name: "Kindling", nextAt: 150 });
    expect(summary.level.progress).toBeCloseTo(0.05);
    expect(summary.streak).toEqual({ days: 1, activeToday: false });
    expect(summary.latest.map((e) => e.kind)).toEqual(["proof.accepted", "task.completed"]);
  });
});
