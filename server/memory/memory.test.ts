// The memory layer on a real database: tiers and TTLs with an injected clock, cleanup, exact
// per-user semantic search with the hashing embedder, forgetting. (Isolation at scale: isolation.test.ts.)
import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashEmbed } from "@/server/ai/embeddings";
import { HASH_EMBEDDING_MODEL_ID } from "@/server/ai/providers";
import type { Db } from "@/server/db/client";
import { memories, type MemoryTier } from "@/server/db/schema";
import { NotFoundError } from "@/server/errors";
import { makeUser, setupTestDb } from "@/test/harness";
import { cleanup, embedPending, forget, forgetAll, getUserContext, recall, remember, search, searchByVectors } from ".";
import { HALF_DISTANCE_ERROR, provenExact, SEARCH_POOL_EXTRA, toHalfQueryLiteral } from "./store";

const t = setupTestDb();
const HOUR = 60 * 60 * 1000;
const t0 = new Date("2026-11-20T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

async function rowCount(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memories).where(eq(memories.userId, userId));
  return Number(row?.n ?? 0);
}

/** Seeded PRNG so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const vocabulary = [
  "write", "report", "email", "dentist", "call", "mum", "laundry", "taxes", "groceries", "gym", "run",
  "plan", "budget", "meeting", "slides", "invoice", "garden", "clean", "kitchen", "book", "flight",
  "read", "chapter", "study", "exam", "fix", "bike", "pay", "rent", "walk", "dog", "cook", "dinner",
];

function sentence(rand: () => number): string {
  const n = 3 + Math.floor(rand() * 5);
  return Array.from({ length: n }, () => vocabulary[Math.floor(rand() * vocabulary.length)]).join(" ");
}

/** Bulk insert straight into the table (remember() one by one would make the scale tests slow). */
async function seed(db: Db, userId: string, contents: string[], now = t0) {
  for (let i = 0; i < contents.length; i += 500) {
    await db.insert(memories).values(
      contents.slice(i, i + 500).map((content) => ({
        userId,
        tier: "long_term" as const,
        kind: "test.seed",
        content,
        embedding: hashEmbed(content),
        embeddingModel: HASH_EMBEDDING_MODEL_ID,
        createdAt: now,
      })),
    );
  }
}

function cosineDistance(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return 1 - dot; // both unit length
}

describe("tiers and TTLs", () => {
  it("hides each tier once its lifetime is over, before any cleanup runs", async () => {
    const user = await makeUser(t.db);
    const tiers: MemoryTier[] = ["short_term", "working", "long_term"];
    for (const tier of tiers) await remember(t.db, { userId: user.id, tier, kind: "note", content: `a ${tier} thought`, now: t0 });
    const live = async (ms: number) =>
      (await recall(t.db, { userId: user.id, limit: 10, now: at(ms) })).map((m) => m.tier).sort();

    expect(await live(59 * 60 * 1000)).toEqual(["long_term", "short_term", "working"]);
    expect(await live(61 * 60 * 1000)).toEqual(["long_term", "working"]);
    expect(await live(23 * HOUR)).toEqual(["long_term", "working"]);
    expect(await live(25 * HOUR)).toEqual(["long_term"]);
    expect(await live(400 * 24 * HOUR)).toEqual(["long_term"]);
    // Still in the table: only hidden.
    expect(await rowCount(t.db, user.id)).toBe(3);
    // Search hides them too.
    const hits = await search(t.db, { userId: user.id, query: "thought", k: 10, now: at(2 * HOUR) });
    expect(hits.map((h) => h.tier).sort()).toEqual(["long_term", "working"]);
  });

  it("takes a custom ttl, and filters by tier and kind", async () => {
    const user = await makeUser(t.db);
    await remember(t.db, { userId: user.id, tier: "working", kind: "mood", content: "tired today", ttl: 5 * 60 * 1000, now: t0 });
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "preference", content: "likes mornings", now: t0 });
    expect(await recall(t.db, { userId: user.id, limit: 10, now: at(4 * 60 * 1000), kind: "mood" })).toHaveLength(1);
    expect(await recall(t.db, { userId: user.id, limit: 10, now: at(6 * 60 * 1000), kind: "mood" })).toHaveLength(0);
    const longTerm = await recall(t.db, { userId: user.id, limit: 10, tier: "long_term", now: t0 });
    expect(longTerm.map((m) => m.content)).toEqual(["likes mornings"]);
  });
});

describe("cleanup", () => {
  it("deletes expired rows only, in batches", async () => {
    const user = await makeUser(t.db);
    for (let i = 0; i < 5; i++) {
      await remember(t.db, { userId: user.id, tier: "short_term", kind: "note", content: `fleeting ${i}`, now: t0 });
    }
    await remember(t.db, { userId: user.id, tier: "working", kind: "note", content: "still today", now: t0 });
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "note", content: "forever", now: t0 });

    const deleted = await cleanup(t.db, at(2 * HOUR), { batchSize: 2 });
    expect(deleted).toBeGreaterThanOrEqual(5); // other tests' expired rows may go too
    const left = await t.db.select({ content: memories.content }).from(memories).where(eq(memories.userId, user.id));
    expect(left.map((r) => r.content).sort()).toEqual(["forever", "still today"]);
    expect(await cleanup(t.db, at(2 * HOUR))).toBe(0);
  });
});

describe("semantic search", () => {
  it("finds the lexical neighbours on a small fixture", async () => {
    const user = await makeUser(t.db);
    const fixture = [
      "Booked a dentist appointment for Tuesday",
      "Called the dentist about a toothache",
      "Filed the tax return with the accountant",
      "Walked the dog in the park",
      "Wrote the quarterly report slides",
      "Paid the electricity bill",
    ];
    for (const content of fixture) await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.created", content });

    const dentist = await search(t.db, { userId: user.id, query: "dentist", k: 2 });
    expect(dentist.map((h) => h.content).sort()).toEqual([fixture[0], fixture[1]].sort());
    const taxes = await search(t.db, { userId: user.id, query: "tax return", k: 1 });
    expect(taxes[0]?.content).toBe(fixture[2]);
    const report = await search(t.db, { userId: user.id, query: "finish the quarterly report", k: 3 });
    expect(report[0]?.content).toBe(fixture[4]);
    expect(report.map((h) => h.distance)).toEqual([...report.map((h) => h.distance)].sort((a, b) => a - b));
    const onlyOtherKinds = await search(t.db, { userId: user.id, query: "dentist", k: 5, kinds: ["mood"] });
    expect(onlyOtherKinds).toEqual([]);
  });

  it("returns min(k, rows): 3 for a user with 3 memories, k for one with 1,000, exactly the nearest", async () => {
    const rand = rng(7);
    const small = await makeUser(t.db);
    const heavy = await makeUser(t.db);
    await seed(t.db, small.id, [sentence(rand), sentence(rand), sentence(rand)]);
    const heavyContents = Array.from({ length: 1000 }, () => sentence(rand));
    await seed(t.db, heavy.id, heavyContents);

    expect(await search(t.db, { userId: small.id, query: "write the report", k: 10 })).toHaveLength(3);
    const heavyVectors = heavyContents.map(hashEmbed);
    for (let i = 0; i < 5; i++) {
      const query = sentence(rand);
      const hits = await search(t.db, { userId: heavy.id, query, k: 10 });
      expect(hits).toHaveLength(10);
      // Exact, not approximate: the same distances a brute-force scan finds.
      const q = hashEmbed(query);
      const expected = heavyVectors.map((v) => cosineDistance(v, q)).sort((a, b) => a - b).slice(0, 10);
      hits.forEach((h, j) => expect(h.distance).toBeCloseTo(expected[j] ?? Number.NaN, 5));
    }
  });

  it("stays exact for a heavy user even when someone adds an HNSW index", async () => {
    const rand = rng(99);
    const heavy = await makeUser(t.db);
    const contents = Array.from({ length: 600 }, () => sentence(rand));
    await seed(t.db, heavy.id, contents);
    // Local to this file's database; it exists only to tempt the planner into an approximate scan.
    await t.db.execute(sql`create index memories_tempting_hnsw on memories using hnsw (embedding vector_cosine_ops) with (m = 4, ef_construction = 10)`);
    await t.db.execute(sql`create index memories_tempting_half_hnsw on memories using hnsw (embedding_half halfvec_cosine_ops) with (m = 4, ef_construction = 10)`);
    await t.db.execute(sql`analyze memories`);
    const vectors = contents.map(hashEmbed);
    for (let i = 0; i < 5; i++) {
      const query = sentence(rand);
      // Make the approximate plan as attractive (and as visibly wrong) as it can be.
      const hits = await t.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local hnsw.ef_search = 1`);
        return search(tx, { userId: heavy.id, query, k: 10 });
      });
      const q = hashEmbed(query);
      const expected = vectors.map((v) => cosineDistance(v, q)).sort((a, b) => a - b).slice(0, 10);
      expect(hits).toHaveLength(10);
      hits.forEach((h, j) => expect(h.distance).toBeCloseTo(expected[j] ?? Number.NaN, 5));
    }
    // Later tests insert rows: don't make them pay for two HNSW indexes.
    await t.db.execute(sql`drop index memories_tempting_hnsw`);
    await t.db.execute(sql`drop index memories_tempting_half_hnsw`);
  });
});

describe("search's two passes (half vectors, then the full ones)", () => {
  it("keeps every half-vector distance within HALF_DISTANCE_ERROR of the full one, whatever the vectors' scale", async () => {
    const rand = rng(2026);
    const user = await makeUser(t.db);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    // Dense, sparse (like the hashing embedder's), tiny and huge vectors, and near-duplicates of the query.
    const query = Array.from({ length: 384 }, gauss);
    const vectors: number[][] = [];
    for (let i = 0; i < 400; i++) {
      const kind = i % 4;
      const scale = [1e-3, 1, 1e3, 0.05][kind] as number;
      const v = kind === 3 ? query.map((x) => x + gauss() * 0.01) : Array.from({ length: 384 }, () => (rand() < 0.2 || kind === 1 ? gauss() : 0));
      vectors.push(v.map((x) => x * scale));
    }
    await t.db.insert(memories).values(
      vectors.map((v, i) => ({ userId: user.id, tier: "long_term" as const, kind: "test.bound", content: `v${i}`, embedding: v, embeddingModel: "test-bound", createdAt: t0 })),
    );
    const gaps = await t.db
      .select({
        gap: sql<number>`abs((${memories.embeddingHalf} <=> ${toHalfQueryLiteral(query)}::halfvec) - (${memories.embedding} <=> ${JSON.stringify(query)}::vector))`.mapWith(Number),
      })
      .from(memories)
      .where(eq(memories.userId, user.id));
    expect(gaps).toHaveLength(400);
    const worst = Math.max(...gaps.map((r) => Number(r.gap)));
    expect(worst).toBeGreaterThan(0); // the half vectors really are rounded
    expect(worst).toBeLessThan(HALF_DISTANCE_ERROR / 2); // and the bound has room to spare
  });

  it("stays exact (ties by id) when many memories sit at the same distance and the fast pass cannot prove it", async () => {
    const rand = rng(5);
    const user = await makeUser(t.db);
    const same = "took my meds with breakfast";
    await seed(t.db, user.id, [...Array.from({ length: 60 }, () => same), ...Array.from({ length: 300 }, () => sentence(rand))]);
    const ids = await t.db.select({ id: memories.id }).from(memories).where(and(eq(memories.userId, user.id), eq(memories.content, same)));
    const smallest = ids.map((r) => r.id).sort().slice(0, 10);
    const hits = await search(t.db, { userId: user.id, query: same, k: 10 });
    expect(hits.map((h) => h.id)).toEqual(smallest);
    hits.forEach((h) => expect(h.distance).toBeCloseTo(0, 5));
  });

  it("the fast statement and the bounded one give the same answers", async () => {
    const rand = rng(31);
    const a = await makeUser(t.db);
    const b = await makeUser(t.db);
    await seed(t.db, a.id, Array.from({ length: 400 }, () => sentence(rand)));
    await seed(t.db, b.id, Array.from({ length: 7 }, () => sentence(rand)));
    for (let i = 0; i < 10; i++) {
      const vector = hashEmbed(sentence(rand));
      const request = { userId: i % 2 ? a.id : b.id, vector, k: 1 + (i % 10) };
      const [fast] = await searchByVectors(t.db, { modelId: HASH_EMBEDDING_MODEL_ID, now: t0, requests: [request] });
      const [bounded] = await searchByVectors(t.db, { modelId: HASH_EMBEDDING_MODEL_ID, now: t0, requests: [request, request] });
      expect(fast?.map((h) => h.id)).toEqual(bounded?.map((h) => h.id));
      expect(fast).toHaveLength(Math.min(request.k, i % 2 ? 400 : 7));
    }
  });

  it("provenExact: a short pool is everything; otherwise the k-th distance must clear the pool's edge by the error bound", () => {
    const k = 3;
    const pool = k + SEARCH_POOL_EXTRA;
    const rows = (kth: number, edge: number, size: number) => [0.1, 0.2, kth].map((distance) => ({ distance, poolEdge: edge, poolSize: size }));
    expect(provenExact([], k, pool)).toBe(true);
    expect(provenExact(rows(0.9, 0.5, pool - 1), k, pool)).toBe(true);
    expect(provenExact(rows(0.3, 0.5, pool), k, pool)).toBe(true);
    expect(provenExact(rows(0.5 - HALF_DISTANCE_ERROR, 0.5, pool), k, pool)).toBe(false);
    expect(provenExact(rows(0.5, 0.5, pool), k, pool)).toBe(false);
    expect(provenExact(rows(Number.NaN, 0.5, pool), k, pool)).toBe(false);
  });
});

describe("forgetting", () => {
  it("forget deletes one memory with its vector; another user's id is not found", async () => {
    const alice = await makeUser(t.db, "Alice");
    const bob = await makeUser(t.db, "Bob");
    const a = await remember(t.db, { userId: alice.id, tier: "long_term", kind: "note", content: "secret plan" });
    await remember(t.db, { userId: alice.id, tier: "long_term", kind: "note", content: "another note" });

    await expect(forget(t.db, { userId: bob.id, id: a.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowCount(t.db, alice.id)).toBe(2);

    await forget(t.db, { userId: alice.id, id: a.id });
    const gone = await t.db.select().from(memories).where(and(eq(memories.userId, alice.id), eq(memories.id, a.id)));
    expect(gone).toHaveLength(0);
    expect(await search(t.db, { userId: alice.id, query: "secret plan", k: 5 })).toHaveLength(1);
    await expect(forget(t.db, { userId: alice.id, id: a.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("forgetAll deletes every memory of that user and no one else's", async () => {
    const alice = await makeUser(t.db);
    const bob = await makeUser(t.db);
    for (let i = 0; i < 3; i++) {
      await remember(t.db, { userId: alice.id, tier: "working", kind: "note", content: `alice ${i}` });
      await remember(t.db, { userId: bob.id, tier: "working", kind: "note", content: `bob ${i}` });
    }
    expect(await forgetAll(t.db, { userId: alice.id })).toEqual({ deleted: 3 });
    expect(await rowCount(t.db, alice.id)).toBe(0);
    expect(await rowCount(t.db, bob.id)).toBe(3);
  });
});

describe("re-embedding and context", () => {
  it("embeds rows that have no vector or one from another model", async () => {
    const user = await makeUser(t.db);
    await t.db.insert(memories).values([
      { userId: user.id, tier: "long_term", kind: "note", content: "water the plants" },
      { userId: user.id, tier: "long_term", kind: "note", content: "water bill", embedding: hashEmbed("x"), embeddingModel: "old-model" },
    ]);
    expect(await search(t.db, { userId: user.id, query: "water", k: 5 })).toHaveLength(0);
    expect(await embedPending(t.db, { userId: user.id })).toBe(2);
    expect(await embedPending(t.db, { userId: user.id })).toBe(0);
    const hits = await search(t.db, { userId: user.id, query: "water", k: 5 });
    expect(hits.map((h) => h.embeddingModel)).toEqual([HASH_EMBEDDING_MODEL_ID, HASH_EMBEDDING_MODEL_ID]);
  });

  it("getUserContext gives recent items and the nearest past items", async () => {
    const user = await makeUser(t.db);
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.completed", content: "Completed: clean the kitchen", now: at(-2 * HOUR) });
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.created", content: "Added: book a flight to Lisbon", now: at(-HOUR) });
    const ctx = await getUserContext(t.db, user.id, { about: "kitchen cleaning", k: 1, now: t0 });
    expect(ctx.recent.map((m) => m.content)).toEqual(["Added: book a flight to Lisbon", "Completed: clean the kitchen"]);
    expect(ctx.similar.map((m) => m.content)).toEqual(["Completed: clean the kitchen"]);
    expect(ctx.mood).toBeNull();
    const noAbout = await getUserContext(t.db, user.id, { now: t0 });
    expect(noAbout.similar).toEqual([]);
  });
});
