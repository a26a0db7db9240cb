// The hourly memory cleanup: deletes expired memories only, on Inngest (through @inngest/test) and inline.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { aiCache, memories } from "@/server/db/schema";
import { remember } from "@/server/memory";
import { makeUser, setupTestDb } from "@/test/harness";
import { inlineSteps } from "./analyze-task";
import { cleanupMemories, cleanupMemoriesFunction } from "./cleanup-memories";

const t = setupTestDb();

describe("cleanup-memories", () => {
  it("deletes what has expired and keeps the rest", async () => {
    const user = await makeUser(t.db);
    const t0 = new Date("2026-11-20T09:00:00Z");
    await remember(t.db, { userId: user.id, tier: "short_term", kind: "note", content: "gone in an hour", now: t0 });
    await remember(t.db, { userId: user.id, tier: "working", kind: "note", content: "here all day", now: t0 });
    const cached = { userId: user.id, chain: "breakdown", output: {}, meta: {}, createdAt: t0 };
    await t.db.insert(aiCache).values([
      { ...cached, key: "stale", expiresAt: new Date(t0.getTime() + 30 * 60 * 1000) },
      { ...cached, key: "fresh", expiresAt: new Date(t0.getTime() + 3 * 60 * 60 * 1000) },
    ]);
    const result = await cleanupMemories(async () => t.db, inlineSteps, () => new Date(t0.getTime() + 2 * 60 * 60 * 1000));
    expect(result).toEqual({ deleted: 1, cacheDeleted: 1 });
    const cacheLeft = await t.db.select({ key: aiCache.key }).from(aiCache).where(eq(aiCache.userId, user.id));
    expect(cacheLeft.map((r) => r.key)).toEqual(["fresh"]);
    const left = await t.db.select({ content: memories.content }).from(memories).where(eq(memories.userId, user.id));
    expect(left.map((r) => r.content)).toEqual(["here all day"]);
  });

  it("runs as an Inngest cron function with the delete in its own step", async () => {
    const engine = new InngestTestEngine({
      function: cleanupMemoriesFunction,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "0 * * * *" } }],
      steps: [
        { id: "delete-expired", handler: () => 7 },
        { id: "delete-expired-ai-cache", handler: () => 2 },
      ],
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ deleted: 7, cacheDeleted: 2 });
  });
});
