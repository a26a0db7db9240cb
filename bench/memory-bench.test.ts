// The memory benchmark's own machinery: clustered data, binary COPY both ways, the Node-side exact
// answer and how results are judged — so its recall figures can be trusted.
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { currentEmbeddingModelId, hashEmbed, toVectorLiteral } from "@/server/ai/embeddings";
import { env } from "@/server/env";
import { search } from "@/server/memory";
import { setupTestDb } from "@/test/harness";
import { benchUsers, DIMS, generateMemories, TopicSpace, userQueries, userTopics } from "./memory-data";
import { CopyParser, COPY_HEADER, COPY_TRAILER, decodeVector, encodeTuple, pgliteRaw, postgresRaw, type Raw } from "./memory-db";
import { exactAnswers, judge, type Query } from "./memory-measure";
import { SEED_FORMAT, seedMemories } from "./memory-seed";
import { withDatabase } from "./seed";

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe("clustered memories", () => {
  const params = { seed: 7, users: 3, rowsPerUser: 300, heavyUsers: 1, heavyRows: 600 };
  const users = benchUsers(params);
  const space = new TopicSpace(params.seed);
  const memoriesOf = (i: number) => {
    const out: Float32Array[] = [];
    generateMemories(space, users[i]!, (m) => out.push(Float32Array.from(m.vector)));
    return out;
  };

  it("are unit vectors of 384 dimensions, the same on every run", () => {
    const a = memoriesOf(0);
    const b = memoriesOf(0);
    expect(a).toHaveLength(300);
    expect(a[0]).toHaveLength(DIMS);
    expect(Math.abs(cos(a[5]!, a[5]!) - 1)).toBeLessThan(1e-5);
    expect(Array.from(a[123]!)).toEqual(Array.from(b[123]!));
    expect(memoriesOf(3)).toHaveLength(600);
  });

  it("bunch around each user's topics, closer than to other people's memories", () => {
    const mine = memoriesOf(0);
    const theirs = memoriesOf(1);
    const topics = userTopics(space, users[0]!).centroids;
    const toOwnTopic = mine.map((m) => Math.max(...topics.map((t) => cos(m, t))));
    const meanOwn = toOwnTopic.reduce((a, b) => a + b, 0) / mine.length;
    const across = mine.slice(0, 100).map((m, i) => cos(m, theirs[i]!));
    const meanAcross = across.reduce((a, b) => a + b, 0) / across.length;
    expect(meanOwn).toBeGreaterThan(0.7);
    expect(meanAcross).toBeLessThan(0.5);
    // Not uniform noise either: unrelated memories still lean the same way.
    expect(meanAcross).toBeGreaterThan(0.02);
    // Queries come from the same topics as the memories.
    const q = userQueries(space, users[0]!, 20);
    expect(Math.min(...q.map((v) => Math.max(...topics.map((t) => cos(v, t)))))).toBeGreaterThan(0.6);
  });
});

describe("binary COPY", () => {
  it("parses what it encodes, whatever the chunk boundaries", () => {
    const v = Float32Array.from({ length: 5 }, (_, i) => i / 7 - 0.3);
    const tuples = [
      encodeTuple([{ text: "naïve ✓" }, { vector: v }, null]),
      encodeTuple([{ text: "" }, { vector: new Float32Array(3) }, { timestamptz: new Date("2026-11-23T10:00:00Z") }]),
    ];
    const stream = Buffer.concat([COPY_HEADER, ...tuples, COPY_TRAILER]);
    for (const size of [1, 2, 3, 7, 19, 64, stream.length]) {
      const parser = new CopyParser();
      const rows: (Buffer | null)[][] = [];
      for (let o = 0; o < stream.length; o += size) {
        for (const row of parser.push(stream.subarray(o, o + size))) rows.push(row.map((f) => (f ? Buffer.from(f) : null)));
      }
      expect(parser.done).toBe(true);
      expect(rows).toHaveLength(2);
      expect(rows[0]![0]!.toString("utf8")).toBe("naïve ✓");
      expect(Array.from(decodeVector(rows[0]![1]!))).toEqual(Array.from(v));
      expect(rows[0]![2]).toBeNull();
      // 2026-11-23T10:00Z in microseconds since 2000-01-01.
      expect(rows[1]![2]!.readBigInt64BE(0)).toBe(BigInt(Date.parse("2026-11-23T10:00:00Z")) * 1000n - 946_684_800_000_000n);
    }
  });
});

describe("judging a result", () => {
  const truth = { ids: ["a", "b", "c", "d"], distances: [0.1, 0.2, 0.3, 0.3 + 1e-7], rows: 40 };

  it("counts the exact rows, forgives a swap of equidistant rows, and never a stranger", () => {
    expect(judge([{ id: "a", distance: 0.1 }, { id: "b", distance: 0.2 }, { id: "c", distance: 0.3 }], truth, 3)).toEqual({ recall: 1, short: false });
    expect(judge([{ id: "a", distance: 0.1 }, { id: "b", distance: 0.2 }, { id: "d", distance: 0.3 }], truth, 3).recall).toBe(1);
    expect(judge([{ id: "a", distance: 0.1 }, { id: "x", distance: 0 }, { id: "x", distance: 0 }], truth, 3).recall).toBeCloseTo(1 / 3);
    expect(judge([{ id: "a", distance: 0.1 }], truth, 3)).toEqual({ recall: 1 / 3, short: true });
    // A user with fewer rows than k: min(k, rows) is the bar.
    expect(judge([{ id: "a", distance: 0.1 }], { ids: ["a"], distances: [0.1], rows: 1 }, 10)).toEqual({ recall: 1, short: false });
  });
});

describe("seeding and the exact answer, on the test database", () => {
  const h = setupTestDb();

  function rawFor(): Raw {
    if (h.handle.driver === "pglite") return pgliteRaw((h.db as unknown as { $client: PGlite }).$client);
    return postgresRaw(withDatabase(env.DATABASE_URL as string, h.handle.name), 2);
  }

  it("seeds by COPY and agrees with pgvector's own ordering and with search()", async () => {
    const raw = rawFor();
    try {
      const params = { format: SEED_FORMAT, model: currentEmbeddingModelId(), seed: 3, users: 3, rowsPerUser: 200, heavyUsers: 1, heavyRows: 500 };
      const figures = await seedMemories(raw, params, 2, "64MB");
      expect(figures.rows).toBe(1100);
      const [marker] = await raw.query<{ params: unknown; kind: string }>("select params, jsonb_typeof(seed) as kind from bench_memory_seed");
      expect(marker).toEqual({ params: params, kind: "object" });
      const counts = await raw.query<{ user_id: string; n: number }>("select user_id, count(*)::int as n from memories group by 1 order by 1");
      expect(counts.map((c) => c.n)).toEqual([500, 200, 200, 200]);
      const cover = await raw.query("select 1 from pg_indexes where indexname = 'memories_user_cover_idx'");
      expect(cover).toHaveLength(1);

      const space = new TopicSpace(params.seed);
      const users = benchUsers(params);
      const queries: Query[] = users.flatMap((u) =>
        userQueries(space, u, 3).map((vector) => ({ user: u, vector, literal: toVectorLiteral(Array.from(vector)) })),
      );
      const truths = await exactAnswers(raw, queries, 10, params.model);
      for (const [i, q] of queries.entries()) {
        const byPg = await raw.query<{ id: string }>(
          "select id from memories where user_id = $1 order by embedding <=> $2::vector limit 10",
          [q.user.id, q.literal],
        );
        expect(truths[i]!.ids.slice(0, 10)).toEqual(byPg.map((r) => r.id));
        expect(truths[i]!.rows).toBe(q.user.rows);
      }
      // The app's search() on these rows is exact too (text query → its embedding → the same judge).
      const [u] = users;
      const text = "plan the quarterly report";
      const hits = await search(h.db, { userId: u!.id, query: text, k: 10 });
      const e = hashEmbed(text);
      const [truth] = await exactAnswers(raw, [{ user: u!, vector: Float32Array.from(e), literal: toVectorLiteral(e), text }], 10, params.model);
      expect(judge(hits, truth!, 10)).toEqual({ recall: 1, short: false });
    } finally {
      await raw.close();
    }
  });
});
