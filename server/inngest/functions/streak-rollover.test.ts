// The streak rollover: who is past their local midnight with days to record, each finished day written
// once however often it runs, days caught up after downtime, the Inngest cron through @inngest/test,
// and the embedded runner's timer.
import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { achievements, pointsLedger, streakDays, users, vacations } from "@/server/db/schema";
import { registerEmbeddedFunctions } from "@/server/inngest";
import { findUsersDueForRollover } from "@/server/rewards";
import { makeUser, setupTestDb } from "@/test/harness";
import { inlineSteps } from "./analyze-task";
import { rollOverStreaks, STREAK_ROLLOVER_EVERY_MS, streakRolloverFunction } from "./streak-rollover";

const holder = vi.hoisted(() => ({ db: undefined as Db | undefined }));
vi.mock("@/server/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/db/client")>()),
  getDb: async () => {
    if (!holder.db) throw new Error("test database not open");
    return holder.db;
  },
}));

const t = setupTestDb();
beforeAll(() => {
  holder.db = t.db;
});
afterEach(() => {
  vi.useRealTimers();
});

async function person(timeZone: string) {
  const user = await makeUser(t.db);
  await t.db.update(users).set({ timeZone }).where(eq(users.id, user.id));
  return user.id;
}

async function did(userId: string, at: string) {
  await t.db.insert(pointsLedger).values({ userId, amount: 10, kind: "task.completed", reason: "test", idempotencyKey: `task.completed:${randomUUID()}`, createdAt: new Date(at) });
}

async function days(userId: string) {
  const rows = await t.db.select().from(streakDays).where(eq(streakDays.userId, userId)).orderBy(streakDays.day);
  return rows.map((r) => `${r.day}:${r.status}`);
}

describe("streak rollover", () => {
  it("picks users whose local midnight passed and whose yesterday is not recorded yet", async () => {
    const tokyo = await person("Asia/Tokyo");
    const la = await person("America/Los_Angeles");
    const never = await person("UTC");
    await did(tokyo, "2026-11-22T03:00:00Z"); // 12:00 on the 22nd in Tokyo
    await did(la, "2026-11-22T20:00:00Z"); // 12:00 on the 22nd in LA
    // 15:10 UTC on the 22nd = 00:10 on the 23rd in Tokyo; still the 22nd in LA.
    const due = (await findUsersDueForRollover(t.db, new Date("2026-11-22T15:10:00Z"))).map((d) => d.userId);
    expect(due).toContain(tokyo);
    expect(due).not.toContain(la);
    expect(due).not.toContain(never);
    // 08:10 UTC on the 23rd = 00:10 in LA.
    const later = (await findUsersDueForRollover(t.db, new Date("2026-11-23T08:10:00Z"))).map((d) => d.userId);
    expect(later).toContain(la);
  });

  it("writes each finished day once, with freezes and vacations, however often it runs", async () => {
    const userId = await person("Europe/Berlin");
    for (let d = 1; d <= 5; d++) await did(userId, `2026-11-0${d}T10:00:00Z`);
    await t.db.insert(vacations).values({ userId, startDay: "2026-11-07", endDay: "2026-11-08" });
    const now = new Date("2026-11-10T00:30:00Z"); // 01:30 on the 10th in Berlin
    const first = await rollOverStreaks(async () => t.db, inlineSteps, () => now);
    expect(first.users).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i++) await rollOverStreaks(async () => t.db, inlineSteps, () => now);
    expect(await days(userId)).toEqual([
      "2026-11-01:active",
      "2026-11-02:active",
      "2026-11-03:active",
      "2026-11-04:active",
      "2026-11-05:active",
      "2026-11-06:frozen",
      "2026-11-07:vacation",
      "2026-11-08:vacation",
      "2026-11-09:missed",
    ]);
    // Five active days reach the 3-day streak and the freeze badge, unlocked once by the rollover.
    const keys = (await t.db.select().from(achievements).where(eq(achievements.userId, userId))).map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(["first-task", "streak-3", "freeze-used"]));
    const bonus = await t.db.select().from(pointsLedger).where(and(eq(pointsLedger.userId, userId), eq(pointsLedger.idempotencyKey, "achievement:streak-3")));
    expect(bonus).toHaveLength(1);
    // Not due again until the next local midnight.
    expect((await findUsersDueForRollover(t.db, new Date("2026-11-10T20:00:00Z"))).map((d) => d.userId)).not.toContain(userId);
  });

  it("catches up the days missed while the server was down", async () => {
    const userId = await person("UTC");
    await did(userId, "2026-10-01T09:00:00Z");
    await t.db.insert(streakDays).values({ userId, day: "2026-10-01", status: "active" });
    // Back after a week offline, in the middle of the day.
    await rollOverStreaks(async () => t.db, inlineSteps, () => new Date("2026-10-08T14:00:00Z"));
    expect(await days(userId)).toEqual([
      "2026-10-01:active",
      "2026-10-02:missed",
      "2026-10-03:missed",
      "2026-10-04:missed",
      "2026-10-05:missed",
      "2026-10-06:missed",
      "2026-10-07:missed",
    ]);
  });

  it("runs as an Inngest cron: find the users in one step, then a step per user", async () => {
    const userId = await person("UTC");
    await did(userId, "2026-09-01T09:00:00Z");
    const engine = new InngestTestEngine({
      function: streakRolloverFunction,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "5 * * * *" } }],
      steps: [{ id: "find-users-past-midnight", handler: () => ({ at: "2026-09-03T00:05:00Z", due: [{ userId, timeZone: "UTC" }] }) }],
    });
    const { result, ctx } = await engine.execute();
    expect(result).toEqual({ due: 1, users: 1, days: 2 });
    expect(await days(userId)).toEqual(["2026-09-01:active", "2026-09-02:missed"]);
    expect(ctx.step.run).toHaveBeenCalledWith(`rollover-${userId}`, expect.any(Function));
  });

  it("runs on the embedded runner's timer", async () => {
    const userId = await person("UTC");
    await did(userId, "2026-08-01T09:00:00Z");
    // Catch the runner's intervals as they are set, then fire the 15-minute ones (the rollover's) at once.
    const intervals = vi.spyOn(globalThis, "setInterval");
    vi.useFakeTimers({ toFake: ["Date"] });
    // 03:01 UTC: nobody's workday starts now, so the daily-plan tick (also every 15 minutes) plans nothing.
    vi.setSystemTime(new Date("2026-08-03T03:01:00Z"));
    const off = registerEmbeddedFunctions(async () => t.db);
    try {
      const ticks = intervals.mock.calls.filter(([, ms]) => ms === STREAK_ROLLOVER_EVERY_MS).map(([fn]) => fn as () => void);
      expect(ticks.length).toBeGreaterThanOrEqual(1);
      expect(await days(userId)).toEqual([]);
      ticks.forEach((tick) => tick());
      await vi.waitFor(async () => expect(await days(userId)).toEqual(["2026-08-01:active", "2026-08-02:missed"]), { timeout: 20_000, interval: 100 });
      // The rollover ends by unlocking achievements; wait for that too before the database closes.
      await vi.waitFor(async () => expect((await t.db.select().from(achievements).where(eq(achievements.userId, userId))).map((a) => a.key)).toContain("first-task"), {
        timeout: 20_000,
        interval: 100,
      });
    } finally {
      off();
      intervals.mockRestore();
    }
  });
});
