// The memory benchmark's yardsticks: the exact per-user answer computed in Node from every stored
// vector (independent of Postgres's plans and indexes), and a runner that measures one search variant's
// recall@k, short answers, sequential latency and throughput at N concurrent queries.
import { log, machineCpuMs, percentile } from "./lib";
import type { BenchUser } from "./memory-data";
import { CopyParser, decodeUuid, decodeVector, type Raw } from "./memory-db";

export interface Query {
  user: BenchUser;
  /** The vector the answer is judged against. */
  vector: Float32Array;
  /** `vector` in pgvector's text form, for SQL parameters. */
  literal: string;
  /** For the app's search(), which embeds text itself; `vector` is then that embedding. */
  text?: string;
}

export interface Hit {
  id: string;
  distance: number;
}

/** The exact answer: the user's nearest rows (k plus a few, to judge near-ties fairly). */
export interface Truth {
  ids: string[];
  distances: number[];
  /** How many rows the user has that search may return (alive, embedded by the current model). */
  rows: number;
}

/** Extra neighbours kept beyond k, so a result that swaps two (nearly) equidistant rows is not called wrong. */
const TIE_SLACK = 5;
const TIE_EPSILON = 1e-5;

/**
 * Streams every searchable row (binary COPY) once and keeps, per query, the k + TIE_SLACK nearest
 * rows of that query's user by cosine distance — pgvector's `<=>`: 1 − a·b / (|a| |b|).
 */
export async function exactAnswers(raw: Raw, queries: Query[], k: number, model: string): Promise<Truth[]> {
  const started = performance.now();
  const byUser = new Map<string, number[]>();
  queries.forEach((q, i) => byUser.set(q.user.id, [...(byUser.get(q.user.id) ?? []), i]));
  const keep = k + TIE_SLACK;
  const truths: Truth[] = queries.map(() => ({ ids: [], distances: [], rows: 0 }));
  const qNorms = queries.map((q) => Math.sqrt(dot(q.vector, q.vector)));
  const rowsByUser = new Map<string, number>();
  const escaped = model.replace(/'/g, "''");
  const parser = new CopyParser();
  let seen = 0;
  for await (const chunk of raw.copyOut(
    `select user_id, id, embedding from memories
      where embedding is not null and embedding_model = '${escaped}' and (expires_at is null or expires_at > now())`,
  )) {
    for (const [userField, idField, vecField] of parser.push(chunk)) {
      if (!userField || !idField || !vecField) throw new Error("unexpected NULL in the exact-answer stream");
      seen++;
      const userId = userField.toString("utf8");
      rowsByUser.set(userId, (rowsByUser.get(userId) ?? 0) + 1);
      const mine = byUser.get(userId);
      if (!mine) continue;
      const v = decodeVector(vecField);
      const vNorm = Math.sqrt(dot(v, v));
      let id: string | null = null;
      for (const qi of mine) {
        const q = queries[qi] as Query;
        const sim = dot(q.vector, v) / ((qNorms[qi] as number) * vNorm);
        const d = 1 - Math.max(-1, Math.min(1, sim));
        const t = truths[qi] as Truth;
        if (t.distances.length === keep && d >= (t.distances[keep - 1] as number)) continue;
        id ??= decodeUuid(idField);
        let at = t.distances.length;
        while (at > 0 && (t.distances[at - 1] as number) > d) at--;
        t.distances.splice(at, 0, d);
        t.ids.splice(at, 0, id);
        if (t.distances.length > keep) {
          t.distances.pop();
          t.ids.pop();
        }
      }
    }
  }
  if (!parser.done) throw new Error("the exact-answer COPY stream ended early");
  queries.forEach((q, i) => ((truths[i] as Truth).rows = rowsByUser.get(q.user.id) ?? 0));
  log(`exact answers for ${queries.length} queries from ${seen} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return truths;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

export interface Judged {
  /** Returned rows that belong to the exact answer, over min(k, rows). */
  recall: number;
  /** Fewer rows than min(k, rows). */
  short: boolean;
}

export function judge(hits: Hit[], truth: Truth, k: number): Judged {
  const expected = Math.min(k, truth.rows);
  if (expected === 0) return { recall: hits.length === 0 ? 1 : 0, short: false };
  const exact = new Set(truth.ids.slice(0, expected));
  const kth = truth.distances[expected - 1] as number;
  const near = new Map(truth.ids.map((id, i) => [id, truth.distances[i] as number]));
  const counted = new Set<string>();
  for (const h of hits) {
    if (counted.has(h.id)) continue;
    const d = near.get(h.id);
    if (exact.has(h.id) || (d !== undefined && d <= kth + TIE_EPSILON)) counted.add(h.id);
  }
  return { recall: Math.min(counted.size, expected) / expected, short: hits.length < expected };
}

export interface Figures {
  queries: number;
  users_checked: number;
  recall_at_k: number;
  recall_min: number;
  /** Queries whose recall was below 1. */
  queries_below_full_recall: number;
  short_share: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /**
   * CPU time per sequential query in the database server's backends and in this process (the client:
   * search()'s embedding, drizzle, the driver). Unlike latency, it barely moves when other work
   * shares the cores, so it says what an idle machine would see; null where the server's processes
   * cannot be read (PGlite runs inside the client; a remote server).
   */
  server_cpu_ms_per_query: number | null;
  client_cpu_ms_per_query: number;
  /** Completed queries per second with `concurrency` in flight. */
  qps: number;
  concurrent_p95_ms: number;
  machine_busy_pct: number | null;
}

export type Runner = (q: Query) => Promise<Hit[]>;

/** CPU milliseconds spent between two per-process readings (processes that appeared in between count from 0). */
function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}

const r = (x: number, digits: number) => Number(x.toFixed(digits));

/**
 * Runs every query once, one at a time (recall, short answers, latency), after a short untimed
 * warm-up; then keeps `concurrency` queries in flight for `qpsSeconds` (throughput).
 */
export async function measureRunner(
  label: string,
  run: Runner,
  queries: Query[],
  truths: Truth[],
  opts: { k: number; concurrency: number; qpsSeconds: number; serverCpu?: () => Promise<Map<number, number> | null> },
): Promise<{ figures: Figures; judged: Judged[] }> {
  const busyBefore = machineCpuMs();
  for (const q of queries.slice(0, Math.min(20, queries.length))) await run(q);
  const serverBefore = opts.serverCpu ? await opts.serverCpu() : null;
  const clientBefore = process.cpuUsage();
  const latencies: number[] = [];
  const judged: Judged[] = [];
  let recallSum = 0;
  let recallMin = 1;
  let below = 0;
  let short = 0;
  for (const [i, q] of queries.entries()) {
    const t0 = performance.now();
    const hits = await run(q);
    latencies.push(performance.now() - t0);
    const j = judge(hits, truths[i] as Truth, opts.k);
    judged.push(j);
    recallSum += j.recall;
    recallMin = Math.min(recallMin, j.recall);
    if (j.recall < 1) below++;
    if (j.short) short++;
  }
  const client = process.cpuUsage(clientBefore);
  const serverAfter = opts.serverCpu ? await opts.serverCpu() : null;
  latencies.sort((a, b) => a - b);

  const concurrent: number[] = [];
  let next = 0;
  const deadline = performance.now() + opts.qpsSeconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) {
        const q = queries[next++ % queries.length] as Query;
        const t0 = performance.now();
        await run(q);
        concurrent.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  concurrent.sort((a, b) => a - b);
  const busyAfter = machineCpuMs();

  const figures: Figures = {
    queries: queries.length,
    users_checked: new Set(queries.map((q) => q.user.id)).size,
    recall_at_k: r(recallSum / queries.length, 4),
    recall_min: r(recallMin, 4),
    queries_below_full_recall: below,
    short_share: r(short / queries.length, 4),
    p50_ms: r(percentile(latencies, 50), 3),
    p95_ms: r(percentile(latencies, 95), 3),
    p99_ms: r(percentile(latencies, 99), 3),
    server_cpu_ms_per_query: serverBefore && serverAfter ? r(cpuDelta(serverBefore, serverAfter) / queries.length, 3) : null,
    client_cpu_ms_per_query: r((client.user + client.system) / 1000 / queries.length, 3),
    qps: r(concurrent.length / elapsed, 1),
    concurrent_p95_ms: r(percentile(concurrent, 95), 3),
    machine_busy_pct:
      busyBefore && busyAfter && busyAfter.total > busyBefore.total
        ? r((100 * (busyAfter.busy - busyBefore.busy)) / (busyAfter.total - busyBefore.total), 1)
        : null,
  };
  log(`${label}: recall ${figures.recall_at_k} (min ${figures.recall_min}), short ${figures.short_share}, p50 ${figures.p50_ms} p95 ${figures.p95_ms} ms, ${figures.qps} q/s`);
  return { figures, judged };
}
