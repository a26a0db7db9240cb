// Re-embedding after the embedding model changes: the start-up check finds the users whose memories
// were embedded by another model and the memory/reembed job brings them to the new one (tested with
// a MockEmbeddingModelV3 standing in for the new model).
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { HASH_EMBEDDING_MODEL_ID } from "@/server/ai/providers";
import { memories } from "@/server/db/schema";
import { registerEmbeddedFunctions } from "@/server/inngest";
import { drainEmbedded } from "@/server/inngest/embedded";
import { countPending, remember, search } from "@/server/memory";
import { makeUser, setupTestDb } from "@/test/harness";
import { restoreEmbedder, installMockEmbedder } from "@/test/mock-embedder";
import { inlineSteps } from "./analyze-task";
import { dispatchReembedJobs, reembedMemories, reembedMemoriesFunction } from "./reembed-memories";

const t = setupTestDb();
afterEach(() => restoreEmbedder());

const models = async (userId: string) =>
  (await t.db.select({ model: memories.embeddingModel }).from(memories).where(eq(memories.userId, userId))).map((r) => r.model);

describe("reembed-memories", () => {
  it("after a model change, the start-up check re-embeds every affected user's memories with the new model", async () => {
    // Remembered under the hashing embedder...
    const alice = await makeUser(t.db);
    const bob = await makeUser(t.db);
    for (const content of ["Booked the dentist", "Paid the electricity bill", "Walked the dog"]) {
      await remember(t.db, { userId: alice.id, tier: "long_term", kind: "note", content });
    }
    await remember(t.db, { userId: bob.id, tier: "long_term", kind: "note", content: "Cleaned the kitchen" });
    // ...then the configured model changes.
    const mock = installMockEmbedder("mock-embedding-v2");
    expect(await search(t.db, { userId: alice.id, query: "dentist", k: 3 })).toEqual([]); // old vectors are not comparable
    expect(await countPending(t.db, { userId: alice.id })).toBe(3);

    const off = registerEmbeddedFunctions(async () => t.db);
    try {
      const dispatched = await dispatchReembedJobs(t.db);
      expect(dispatched.modelId).toBe("mock-embedding-v2");
      expect(dispatched.users).toBeGreaterThanOrEqual(2);
      await drainEmbedded();
    } finally {
      off();
    }
    expect(await models(alice.id)).toEqual(Array(3).fill("mock-embedding-v2"));
    expect(await models(bob.id)).toEqual(["mock-embedding-v2"]);
    expect(mock.requests().flat().sort()).toEqual(
      ["Booked the dentist", "Cleaned the kitchen", "Paid the electricity bill", "Walked the dog", "dentist"].sort(),
    );
    const hits = await search(t.db, { userId: alice.id, query: "dentist", k: 1 });
    expect(hits.map((h) => h.content)).toEqual(["Booked the dentist"]);
    // Nothing left: the next start-up sends no jobs.
    expect((await dispatchReembedJobs(t.db)).users).toBe(0);
  });

  it("re-embeds in batches and leaves rows already on the current model alone", async () => {
    const user = await makeUser(t.db);
    for (let i = 0; i < 5; i++) await remember(t.db, { userId: user.id, tier: "long_term", kind: "note", content: `old ${i}` });
    const mock = installMockEmbedder("mock-embedding-v3");
    await t.db.update(memories).set({ embeddingModel: "mock-embedding-v3" }).where(eq(memories.content, "old 0"));
    const result = await reembedMemories(async () => t.db, { userId: user.id }, inlineSteps);
    expect(result).toEqual({ embedded: 4, continued: false });
    expect(mock.requests().flat()).not.toContain("old 0");
    expect((await models(user.id)).every((m) => m === "mock-embedding-v3")).toBe(true);
    expect((await models(user.id)).includes(HASH_EMBEDDING_MODEL_ID)).toBe(false);
  });

  it("runs as an Inngest function, a step per batch until a short batch", async () => {
    const engine = new InngestTestEngine({
      function: reembedMemoriesFunction,
      events: [{ name: "memory/reembed", data: { userId: "u1" } }],
      steps: [
        { id: "embed-batch-0", handler: () => 200 },
        { id: "embed-batch-1", handler: () => 200 },
        { id: "embed-batch-2", handler: () => 17 },
      ],
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ embedded: 417, continued: false });
  });
});
