// memory/embed: memories stored without a vector (a remote model is configured) get embedded in
// batches by the job — inline, through the embedded runner after a real task action, and as an
// Inngest function; runs for one user are coalesced in-process.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { memories } from "@/server/db/schema";
import { registerEmbeddedFunctions } from "@/server/inngest";
import { drainEmbedded, onEmbeddedEvent } from "@/server/inngest/embedded";
import { remember, search } from "@/server/memory";
import { callerFor, makeUser, setupTestDb } from "@/test/harness";
import { restoreEmbedder, installMockEmbedder } from "@/test/mock-embedder";
import { inlineSteps } from "./analyze-task";
import { coalescePerUser, embedBatches, embedMemories, embedMemoriesFunction } from "./embed-memories";

const t = setupTestDb();
afterEach(() => restoreEmbedder());

const models = async (userId: string) =>
  (await t.db.select({ model: memories.embeddingModel }).from(memories).where(eq(memories.userId, userId))).map((r) => r.model);

describe("embed-memories", () => {
  it("embeds every waiting memory of the user, and no one else's", async () => {
    const mock = installMockEmbedder();
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    for (let i = 0; i < 5; i++) await remember(t.db, { userId: user.id, tier: "long_term", kind: "note", content: `thing ${i}` });
    await remember(t.db, { userId: other.id, tier: "long_term", kind: "note", content: "not mine" });
    const result = await embedMemories(async () => t.db, { userId: user.id }, inlineSteps);
    expect(result).toEqual({ embedded: 5, continued: false });
    expect(await models(user.id)).toEqual(Array(5).fill("mock-embedding-1"));
    expect(await models(other.id)).toEqual([null]);
    expect(mock.requests()).toHaveLength(1); // one batch, one request
  });

  it("stops after its batch cap and hands the rest to a memory/reembed run", async () => {
    installMockEmbedder();
    const user = await makeUser(t.db);
    for (let i = 0; i < 7; i++) await remember(t.db, { userId: user.id, tier: "long_term", kind: "note", content: `item ${i}` });
    const continued: unknown[] = [];
    const off = onEmbeddedEvent("memory/reembed", async (data) => {
      continued.push(data);
    });
    try {
      const result = await embedBatches(async () => t.db, { userId: user.id }, inlineSteps, { batchSize: 2, maxBatches: 2 });
      expect(result).toEqual({ embedded: 4, continued: true });
      await drainEmbedded();
      expect(continued).toEqual([{ userId: user.id }]);
      expect((await models(user.id)).filter((m) => m === null)).toHaveLength(3);
    } finally {
      off();
    }
  });

  it("through the embedded runner: a task added by the user becomes searchable once the job ran", async () => {
    const mock = installMockEmbedder();
    const off = registerEmbeddedFunctions(async () => t.db);
    try {
      const user = await makeUser(t.db);
      await callerFor(t.db, user).task.create({ title: "Renew the passport" });
      await drainEmbedded();
      const stored = await models(user.id);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.every((m) => m === "mock-embedding-1")).toBe(true);
      const hits = await search(t.db, { userId: user.id, query: "passport", k: 5 });
      expect(hits.map((h) => h.content)).toContain('Added the task "Renew the passport".');
      expect(mock.requests().at(-1)).toEqual(["passport"]); // nothing left for search to catch up
    } finally {
      off();
    }
  });

  it("through the embedded runner: a burst of memories is embedded once each", async () => {
    const mock = installMockEmbedder();
    const off = registerEmbeddedFunctions(async () => t.db);
    try {
      const user = await makeUser(t.db);
      const contents = ["Felt calm this morning", "Finished the slides", "Skipped the gym", "Called mum"];
      for (const content of contents) await remember(t.db, { userId: user.id, tier: "working", kind: "note", content });
      await drainEmbedded();
      expect(await models(user.id)).toEqual(Array(4).fill("mock-embedding-1"));
      expect(mock.requests().flat().sort()).toEqual([...contents].sort());
    } finally {
      off();
    }
  });

  it("coalesces runs for one user: events during a run ask for one more run, not one each", async () => {
    const runs: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handler = coalescePerUser(async ({ userId }) => {
      runs.push(userId);
      if (runs.length === 1) await gate;
    });
    const first = handler({ userId: "a" });
    await Promise.all([handler({ userId: "a" }), handler({ userId: "a" }), handler({ userId: "b" })]);
    release();
    await first;
    expect(runs.sort()).toEqual(["a", "a", "b"]);
  });

  it("runs as an Inngest function with each batch in its own step", async () => {
    const engine = new InngestTestEngine({
      function: embedMemoriesFunction,
      events: [{ name: "memory/embed", data: { userId: "u1" } }],
      steps: [{ id: "embed-batch-0", handler: () => 3 }],
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ embedded: 3, continued: false });
  });
});
