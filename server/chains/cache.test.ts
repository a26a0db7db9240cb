// The result cache on its own: stable keys, per-user rows, expiry and the hourly cleanup.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { aiCache } from "@/server/db/schema";
import { makeUser, setupTestDb } from "@/test/harness";
import { cacheKey, cleanupAiCache, readCache, stableJson, writeCache } from "./cache";

const harness = setupTestDb();
let alice: string;
let bob: string;
beforeAll(async () => {
  alice = (await makeUser(harness.db, "Alice")).id;
  bob = (await makeUser(harness.db, "Bob")).id;
});

describe("cacheKey", () => {
  it("is the same for the same input whatever the key order, and differs by chain, user and input", () => {
    const a = cacheKey("breakdown", "u1", { title: "Tax", spiciness: 3, nested: { b: 1, a: [2, { y: 1, x: 2 }] } });
    const b = cacheKey("breakdown", "u1", { nested: { a: [2, { x: 2, y: 1 }], b: 1 }, spiciness: 3, title: "Tax" });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey("analysis", "u1", { title: "Tax", spiciness: 3 })).not.toBe(cacheKey("breakdown", "u1", { title: "Tax", spiciness: 3 }));
    expect(cacheKey("breakdown", "u2", { title: "Tax" })).not.toBe(cacheKey("breakdown", "u1", { title: "Tax" }));
    expect(cacheKey("breakdown", "u1", { title: "Tax", spiciness: 4 })).not.toBe(cacheKey("breakdown", "u1", { title: "Tax", spiciness: 3 }));
    // Arrays keep their order: a different order is a different input.
    expect(stableJson([1, 2])).not.toBe(stableJson([2, 1]));
  });
});

describe("readCache / writeCache", () => {
  it("returns a live entry to its owner only", async () => {
    const key = cacheKey("breakdown", alice, { title: "Pay rent" });
    await writeCache(harness.db, { key, userId: alice, chain: "breakdown", output: { steps: [1] }, meta: { modelId: "m" } });
    expect(await readCache(harness.db, { key, userId: alice })).toMatchObject({ output: { steps: [1] }, meta: { modelId: "m" } });
    expect(await readCache(harness.db, { key, userId: bob })).toBeNull();
  });

  it("never returns an expired entry, even before cleanup ran", async () => {
    const key = cacheKey("breakdown", alice, { title: "Call mum" });
    const now = new Date("2026-11-23T10:00:00Z");
    await writeCache(harness.db, { key, userId: alice, chain: "breakdown", output: 1, meta: {}, now, ttlSeconds: 1800 });
    expect(await readCache(harness.db, { key, userId: alice, now: new Date("2026-11-23T10:29:59Z") })).not.toBeNull();
    expect(await readCache(harness.db, { key, userId: alice, now: new Date("2026-11-23T10:30:00Z") })).toBeNull();
  });

  it("replaces an entry written again under the same key", async () => {
    const key = cacheKey("breakdown", alice, { title: "Book dentist" });
    await writeCache(harness.db, { key, userId: alice, chain: "breakdown", output: "old", meta: {} });
    await writeCache(harness.db, { key, userId: alice, chain: "breakdown", output: "new", meta: {} });
    expect((await readCache(harness.db, { key, userId: alice }))?.output).toBe("new");
  });
});

describe("cleanupAiCache", () => {
  it("deletes expired rows of every user in batches and keeps live ones", async () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const past = new Date("2026-11-23T11:00:00Z");
    for (let i = 0; i < 5; i++) {
      for (const userId of [alice, bob]) {
        const key = cacheKey("cleanup", userId, { i });
        await writeCache(harness.db, { key, userId, chain: "cleanup", output: i, meta: {}, now: past, ttlSeconds: 60 });
      }
    }
    const live = cacheKey("cleanup", alice, { live: true });
    await writeCache(harness.db, { key: live, userId: alice, chain: "cleanup", output: "live", meta: {}, now, ttlSeconds: 1800 });
    const deleted = await cleanupAiCache(harness.db, now, { batchSize: 3 });
    expect(deleted).toBeGreaterThanOrEqual(10);
    const left = await harness.db.select().from(aiCache).where(eq(aiCache.chain, "cleanup"));
    expect(left.map((r) => r.key)).toEqual([live]);
  });
});
