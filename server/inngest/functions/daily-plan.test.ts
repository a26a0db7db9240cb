// The daily-plan cron: who is at their morning in their own time zone, one plan.daily action per user
// and local day however often it runs, and the Inngest function through @inngest/test.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { plannedActions, userSettings, users } from "@/server/db/schema";
import { makeUser, setupTestDb } from "@/test/harness";
import { inlineSteps } from "./analyze-task";
import { dailyPlanFunction, findUsersAtMorning, planDailyPlans } from "./daily-plan";

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

const HOUR = 60 * 60_000;

async function person(timeZone: string, startMinute?: number) {
  const user = await makeUser(t.db);
  await t.db.update(users).set({ timeZone }).where(eq(users.id, user.id));
  if (startMinute !== undefined) await t.db.insert(userSettings).values({ userId: user.id, workdayStartMinute: startMinute });
  return user.id;
}

describe("daily-plan cron", () => {
  it("finds the users whose workday began in the last hour, in their own time zone", async () => {
    const berlin = await person("Europe/Berlin", 9 * 60); // 09:00 Berlin = 08:00 UTC
    const early = await person("UTC", 8 * 60 + 15); // 08:15 UTC
    const newYork = await person("America/New_York", 9 * 60); // 14:00 UTC
    const tokyoDefault = await person("Asia/Tokyo"); // no settings: 09:00 Tokyo = 00:00 UTC
    const now = new Date("2026-11-23T08:30:00Z");
    const due = await findUsersAtMorning(t.db, { now, windowMs: HOUR });
    const mine = due.filter((d) => [berlin, early, newYork, tokyoDefault].includes(d.userId));
    expect(mine).toEqual(
      expect.arrayContaining([
        { userId: berlin, day: "2026-11-23" },
        { userId: early, day: "2026-11-23" },
      ]),
    );
    expect(mine).toHaveLength(2);
    // Tokyo's morning came at midnight UTC.
    const atMidnight = await findUsersAtMorning(t.db, { now: new Date("2026-11-23T00:20:00Z"), windowMs: HOUR });
    expect(atMidnight.filter((d) => d.userId === tokyoDefault)).toEqual([{ userId: tokyoDefault, day: "2026-11-23" }]);
  });

  it("finds a morning that began just before local midnight's day change", async () => {
    const nightOwl = await person("UTC", 0);
    const due = await findUsersAtMorning(t.db, { now: new Date("2026-11-24T00:10:00Z"), windowMs: HOUR });
    expect(due.filter((d) => d.userId === nightOwl)).toEqual([{ userId: nightOwl, day: "2026-11-24" }]);
  });

  it("plans one plan.daily action per user and day, however often it runs", async () => {
    const lisbon = await person("Europe/Lisbon", 8 * 60); // 08:00 Lisbon = 08:00 UTC in winter
    const now = new Date("2026-11-25T08:05:00Z");
    for (let i = 0; i < 3; i++) await planDailyPlans(async () => t.db, inlineSteps, { now: () => now, windowMs: HOUR });
    const rows = await t.db.select().from(plannedActions).where(eq(plannedActions.userId, lisbon));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      executor: "plan.daily",
      type: "task_management",
      status: "ready",
      idempotencyKey: "plan.daily:2026-11-25",
      payload: { day: "2026-11-25" },
    });
  });

  it("runs as an Inngest cron: find the users, then plan in a step", async () => {
    const userId = await person("UTC", 9 * 60);
    const engine = new InngestTestEngine({
      function: dailyPlanFunction,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "0 * * * *" } }],
      steps: [{ id: "find-users-at-morning", handler: () => [{ userId, day: "2026-11-26" }] }],
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ due: 1, planned: 1 });
    const [row] = await t.db.select().from(plannedActions).where(eq(plannedActions.userId, userId));
    expect(row).toMatchObject({ executor: "plan.daily", idempotencyKey: "plan.daily:2026-11-26" });
  });
});
