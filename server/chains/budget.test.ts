// The daily token budget: counted from the user's local midnight, per user, from usage rows.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { aiUsage, users } from "@/server/db/schema";
import { makeUser, setupTestDb } from "@/test/harness";
import { budgetStatus, startOfLocalDay } from "./budget";

const harness = setupTestDb();

describe("startOfLocalDay", () => {
  it("is the user's local midnight as an instant", () => {
    const now = new Date("2026-11-23T15:30:00Z");
    expect(startOfLocalDay(now, "UTC").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(startOfLocalDay(now, "Europe/Berlin").toISOString()).toBe("2026-11-22T23:00:00.000Z");
    expect(startOfLocalDay(now, "America/New_York").toISOString()).toBe("2026-11-23T05:00:00.000Z");
    // 01:00 UTC is still the previous day in New York.
    expect(startOfLocalDay(new Date("2026-11-23T01:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-22T05:00:00.000Z");
    expect(startOfLocalDay(now, "Asia/Kolkata").toISOString()).toBe("2026-11-22T18:30:00.000Z");
  });

  it("handles a day on which the clocks change", () => {
    // 2026-03-29: Berlin moves from +01:00 to +02:00 at 02:00 local; the day began at +01:00.
    expect(startOfLocalDay(new Date("2026-03-29T20:00:00Z"), "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });

  it("treats an unknown time zone as UTC", () => {
    expect(startOfLocalDay(new Date("2026-11-23T15:30:00Z"), "Mars/Olympus").toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });
});

describe("budgetStatus", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await makeUser(harness.db)).id;
    await harness.db.update(users).set({ timeZone: "America/New_York" }).where(eq(users.id, userId));
    const row = { userId, chain: "breakdown", provider: "openai", modelId: "gpt-4o-mini" };
    await harness.db.insert(aiUsage).values([
      // Yesterday evening in New York (before local midnight at 05:00Z): not today.
      { ...row, inputTokens: 900, outputTokens: 100, createdAt: new Date("2026-11-23T04:59:00Z") },
      // Today in New York.
      { ...row, inputTokens: 300, outputTokens: 200, createdAt: new Date("2026-11-23T05:00:00Z") },
      { ...row, inputTokens: 100, outputTokens: 50, createdAt: new Date("2026-11-23T14:00:00Z") },
    ]);
    const other = (await makeUser(harness.db)).id;
    await harness.db.insert(aiUsage).values({ ...row, userId: other, inputTokens: 10_000, createdAt: new Date("2026-11-23T14:00:00Z") });
  });

  it("sums this user's tokens since their local midnight", async () => {
    const status = await budgetStatus(harness.db, userId, { now: new Date("2026-11-23T15:00:00Z"), limit: 1000 });
    expect(status).toMatchObject({ used: 650, limit: 1000, exceeded: false, timeZone: "America/New_York" });
    expect(status.since.toISOString()).toBe("2026-11-23T05:00:00.000Z");
  });

  it("is exceeded once the used tokens reach the limit", async () => {
    expect((await budgetStatus(harness.db, userId, { now: new Date("2026-11-23T15:00:00Z"), limit: 650 })).exceeded).toBe(true);
    expect((await budgetStatus(harness.db, userId, { now: new Date("2026-11-23T15:00:00Z"), limit: 651 })).exceeded).toBe(false);
  });

  it("starts again the next local day", async () => {
    const status = await budgetStatus(harness.db, userId, { now: new Date("2026-11-24T06:00:00Z"), limit: 1000 });
    expect(status.used).toBe(0);
  });
});
