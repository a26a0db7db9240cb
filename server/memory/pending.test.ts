// Embedding off the request path: with a remote model (a MockEmbeddingModelV3), remember stores the
// memory without a vector and queues memory/embed; search embeds the newest waiting memories with the
// query; counts, the start-up check and the status line see what is still waiting.
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { hashEmbed } from "@/server/ai/embeddings";
import { HASH_EMBEDDING_MODEL_ID } from "@/server/ai/providers";
import { memories } from "@/server/db/schema";
import { UnavailableError } from "@/server/errors";
import { drainEmbedded, onEmbeddedEvent } from "@/server/inngest/embedded";
import { makeUser, setupTestDb } from "@/test/harness";
import { restoreEmbedder, installMockEmbedder } from "@/test/mock-embedder";
import { countPending, embedPending, memoryStatus, remember, search, SEARCH_CATCH_UP, usersWithPendingEmbeddings } from ".";
import { storeVectors } from "./pending";

const t = setupTestDb();
afterEach(() => restoreEmbedder());

async function rowsOf(userId: string) {
  return t.db
    .select({ content: memories.content, model: memories.embeddingModel, embedding: memories.embedding })
    .from(memories)
    .where(eq(memories.userId, userId));
}

describe("remember with a remote embedding model", () => {
  it("stores the memory at once without calling the model, and queues memory/embed for the user", async () => {
    const mock = installMockEmbedder();
    const queued: unknown[] = [];
    const off = onEmbeddedEvent("memory/embed", async (data) => {
      queued.push(data);
    });
    try {
      const user = await makeUser(t.db);
      const item = await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.created", content: "Book the dentist" });
      expect(item.embeddingModel).toBeNull();
      expect(mock.requests()).toEqual([]);
      await drainEmbedded();
      expect(queued).toEqual([{ userId: user.id }]);
      const [row] = await rowsOf(user.id);
      expect(row?.embedding).toBeNull();
    } finally {
      off();
    }
  });

  it("the local hashing embedder embeds inline and queues nothing", async () => {
    const queued: unknown[] = [];
    const off = onEmbeddedEvent("memory/embed", async (data) => {
      queued.push(data);
    });
    try {
      const user = await makeUser(t.db);
      const item = await remember(t.db, { userId: user.id, tier: "working", kind: "note", content: "Water the plants" });
      expect(item.embeddingModel).toBe(HASH_EMBEDDING_MODEL_ID);
      await drainEmbedded();
      expect(queued).toEqual([]);
    } finally {
      off();
    }
  });
});

describe("search before the embed job has run", () => {
  it("finds what was just remembered, embedding it together with the query in one request", async () => {
    const mock = installMockEmbedder();
    const user = await makeUser(t.db);
    for (const content of ["Call the dentist about the filling", "Buy groceries for dinner", "Renew the car insurance"]) {
      await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.created", content });
    }
    const hits = await search(t.db, { userId: user.id, query: "dentist", k: 1 });
    expect(hits.map((h) => h.content)).toEqual(["Call the dentist about the filling"]);
    expect(mock.requests()).toHaveLength(1);
    expect(mock.requests()[0]).toHaveLength(4); // the query + three waiting memories
    expect((await rowsOf(user.id)).every((r) => r.model === "mock-embedding-1")).toBe(true);

    await search(t.db, { userId: user.id, query: "groceries", k: 1 });
    expect(mock.requests()[1]).toEqual(["groceries"]); // nothing left to catch up
  });

  it("catches up at most SEARCH_CATCH_UP memories, newest first; the job does the rest", async () => {
    const mock = installMockEmbedder();
    const user = await makeUser(t.db);
    const base = Date.now() - 60_000;
    for (let i = 0; i < SEARCH_CATCH_UP + 4; i++) {
      await remember(t.db, { userId: user.id, tier: "long_term", kind: "note", content: `note number ${i}`, now: new Date(base + i * 1000) });
    }
    await search(t.db, { userId: user.id, query: "note", k: 5 });
    expect(mock.requests()[0]).toHaveLength(1 + SEARCH_CATCH_UP);
    expect(mock.requests()[0]).toContain(`note number ${SEARCH_CATCH_UP + 3}`);
    expect(mock.requests()[0]).not.toContain("note number 0");
    expect(await countPending(t.db, { userId: user.id })).toBe(4);
    expect(await embedPending(t.db, { userId: user.id })).toBe(4);
    expect(await countPending(t.db, { userId: user.id })).toBe(0);
  });

  it("says the embedding model is unavailable when it fails, and keeps the memories", async () => {
    const mock = installMockEmbedder();
    const user = await makeUser(t.db);
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "note", content: "Pay the rent" });
    mock.fail(true);
    await expect(search(t.db, { userId: user.id, query: "rent", k: 3 })).rejects.toBeInstanceOf(UnavailableError);
    expect(await rowsOf(user.id)).toHaveLength(1);
    expect(await countPending(t.db, { userId: user.id })).toBe(1);
  });
});

describe("pending bookkeeping", () => {
  it("the start-up check lists exactly the users with stale or missing vectors", async () => {
    const current = await makeUser(t.db);
    const stale = await makeUser(t.db);
    const missing = await makeUser(t.db);
    await remember(t.db, { userId: current.id, tier: "long_term", kind: "note", content: "up to date" });
    await t.db.insert(memories).values([
      { userId: stale.id, tier: "long_term", kind: "note", content: "old vector", embedding: hashEmbed("old"), embeddingModel: "old-model" },
      { userId: missing.id, tier: "long_term", kind: "note", content: "no vector yet" },
    ]);
    const users = await usersWithPendingEmbeddings(t.db, HASH_EMBEDDING_MODEL_ID);
    expect(users).toContain(stale.id);
    expect(users).toContain(missing.id);
    expect(users).not.toContain(current.id);
  });

  it("storeVectors never writes another user's memory", async () => {
    const owner = await makeUser(t.db);
    const other = await makeUser(t.db);
    const [row] = await t.db.insert(memories).values({ userId: owner.id, tier: "long_term", kind: "note", content: "mine" }).returning({ id: memories.id });
    const updated = await storeVectors(t.db, { userId: other.id, modelId: "m", items: [{ id: row?.id ?? "", vector: hashEmbed("x") }] });
    expect(updated).toBe(0);
    const [after] = await t.db.select({ model: memories.embeddingModel }).from(memories).where(and(eq(memories.userId, owner.id)));
    expect(after?.model).toBeNull();
  });

  it("memoryStatus names the embedder and counts what is waiting, per tier and kind", async () => {
    const user = await makeUser(t.db);
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.created", content: "Added a task" });
    await remember(t.db, { userId: user.id, tier: "working", kind: "mood", content: "Feeling tired" });
    const local = await memoryStatus(t.db, { userId: user.id });
    expect(local).toMatchObject({ modelId: HASH_EMBEDDING_MODEL_ID, dimensions: 384, provider: "hash", local: true, pending: 0 });
    expect(local.tiers).toEqual({ short_term: 0, working: 1, long_term: 1 });

    installMockEmbedder("mock-embedding-2");
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.created", content: "Another task" });
    const remote = await memoryStatus(t.db, { userId: user.id });
    expect(remote).toMatchObject({ modelId: "mock-embedding-2", provider: "test", local: false, pending: 3 });
    expect(remote.kinds).toEqual([
      { kind: "task.created", count: 2 },
      { kind: "mood", count: 1 },
    ]);
  });
});
