// 10,000 random searches across 50 users: every hit is the searching user's own, live, of the asked
// kinds, and each answer is exactly the min(k, rows) nearest — never fewer, never approximate.
// Query vectors are computed once and most searches go to the database in batches (searchByVectors,
// the query behind search()), so the test stays fast on PGlite; one batch in ten goes one request at
// a time, through the single-request statement search() itself sends.
import { describe, expect, it } from "vitest";
import { hashEmbed } from "@/server/ai/embeddings";
import { HASH_EMBEDDING_MODEL_ID } from "@/server/ai/providers";
import { memories } from "@/server/db/schema";
import { makeUser, setupTestDb } from "@/test/harness";
import { search, searchByVectors, type VectorSearch } from ".";

const t = setupTestDb();
const now = new Date("2026-11-20T09:00:00Z");
const HOUR = 60 * 60 * 1000;

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

interface Row {
  id: string;
  kind: string;
  vector: number[];
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

describe("per-user search isolation", () => {
  it("10,000 random searches across 50 users return 0 rows of another user, exactly min(k, rows) each", async () => {
    const rand = rng(2026);
    const sentence = () =>
      Array.from({ length: 3 + Math.floor(rand() * 5) }, () => vocabulary[Math.floor(rand() * vocabulary.length)]).join(" ");
    const users = await Promise.all(Array.from({ length: 50 }, (_, i) => makeUser(t.db, `User ${i}`)));
    // Sizes from 0 to 120 rows, so many requests ask for more than the user has.
    const sizes = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 120];
    const live = new Map<string, Row[]>();
    for (const [i, user] of users.entries()) {
      const n = sizes[i % sizes.length] ?? 0;
      const values = Array.from({ length: n }, (_, j) => {
        const content = sentence();
        return {
          userId: user.id,
          tier: "long_term" as const,
          kind: j % 3 === 0 ? "task.completed" : "task.created",
          content,
          embedding: hashEmbed(content),
          embeddingModel: HASH_EMBEDDING_MODEL_ID,
          createdAt: new Date(now.getTime() - HOUR),
        };
      });
      // Rows that must never come back: expired ones, and ones embedded by another model.
      const hidden = [
        { userId: user.id, tier: "short_term" as const, kind: "task.created", content: "expired", embedding: hashEmbed("dentist report"), embeddingModel: HASH_EMBEDDING_MODEL_ID, createdAt: new Date(now.getTime() - 3 * HOUR), expiresAt: new Date(now.getTime() - 2 * HOUR) },
        { userId: user.id, tier: "long_term" as const, kind: "task.created", content: "old model", embedding: hashEmbed("dentist report"), embeddingModel: "old-model" },
      ];
      const inserted = await t.db.insert(memories).values([...values, ...hidden]).returning({ id: memories.id, kind: memories.kind, content: memories.content });
      live.set(
        user.id,
        inserted.slice(0, n).map((r, j) => ({ id: r.id, kind: r.kind, vector: values[j]?.embedding ?? [] })),
      );
    }

    const queries = Array.from({ length: 300 }, () => hashEmbed(sentence()));
    const requests: VectorSearch[] = Array.from({ length: 10_000 }, () => {
      const user = users[Math.floor(rand() * users.length)];
      const kinds = rand() < 0.3 ? ["task.completed"] : undefined;
      return { userId: user?.id ?? "", vector: queries[Math.floor(rand() * queries.length)] ?? [], k: 1 + Math.floor(rand() * 12), kinds };
    });

    let foreign = 0;
    let wrongCount = 0;
    let notNearest = 0;
    let hiddenSeen = 0;
    for (let i = 0; i < requests.length; i += 250) {
      const batch = requests.slice(i, i + 250);
      // One batch in ten goes request by request: the flat one-request statement search() sends.
      const answers =
        (i / 250) % 10 === 0
          ? await Promise.all(batch.map(async (request) => (await searchByVectors(t.db, { modelId: HASH_EMBEDDING_MODEL_ID, now, requests: [request] }))[0] ?? []))
          : await searchByVectors(t.db, { modelId: HASH_EMBEDDING_MODEL_ID, now, requests: batch });
      batch.forEach((request, j) => {
        const hits = answers[j] ?? [];
        const own = (live.get(request.userId) ?? []).filter((r) => !request.kinds || request.kinds.includes(r.kind));
        foreign += hits.filter((h) => h.userId !== request.userId).length;
        hiddenSeen += hits.filter((h) => h.content === "expired" || h.content === "old model").length;
        if (hits.length !== Math.min(request.k, own.length)) wrongCount++;
        // Exact: the same distances a brute-force scan of the user's own rows finds.
        const expected = own.map((r) => 1 - dot(r.vector, request.vector)).sort((a, b) => a - b).slice(0, request.k);
        if (hits.some((h, n) => Math.abs(h.distance - (expected[n] ?? Number.NaN)) > 1e-5)) notNearest++;
      });
    }
    expect({ foreign, wrongCount, notNearest, hiddenSeen }).toEqual({ foreign: 0, wrongCount: 0, notNearest: 0, hiddenSeen: 0 });

    // And through search() itself, text query and all, for a sample.
    for (let i = 0; i < 50; i++) {
      const user = users[i];
      if (!user) continue;
      const hits = await search(t.db, { userId: user.id, query: sentence(), k: 10, now });
      expect(hits.every((h) => h.userId === user.id)).toBe(true);
      expect(hits).toHaveLength(Math.min(10, live.get(user.id)?.length ?? 0));
    }
  }, 120_000);
});
