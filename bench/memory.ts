// `npm run -s bench -- memory [flags]`: memory.search — the app's exact per-user search beside the naive filtered HNSW scan.
//
// Seeds a dedicated database with clustered 384-d memories (default: 1,000 users × 1,000 plus 10 heavy
// users × 10,000 = 1.1M rows), then measures, for users of each size and k = 10: recall@k against the
// exact answer computed in Node, the share of short answers (< min(k, rows)), p50/p95/p99 latency one
// query at a time, and queries/s with 8 in flight. Variants:
//   app             the real search() from server/memory (embeds the text query with the hashing embedder)
//   sql             the very SQL search() sends (captured from drizzle), run bare on postgres.js, clustered queries
//   naive           WHERE user_id = $1 ORDER BY embedding <=> $q LIMIT k, the planner choosing (HNSW present)
//   naive_iterative the same with SET LOCAL hnsw.iterative_scan = relaxed_order
//   hnsw            the same scan forced onto the HNSW index (SET LOCAL enable_sort = off), ef_search default
//   hnsw_iterative  forced, with hnsw.iterative_scan = relaxed_order
// app and sql run before the HNSW index exists (when it has to be built) and again with it present.
// Each line also gives CPU ms per query in the Postgres backends and in this process: steadier than
// latency when other work shares the cores (machine_busy_pct says how busy they were).
//
// Database: DATABASE_URL's server, database `focusforge_bench_memory` (created if missing, kept between
// runs; re-seeded only when the parameters change — a marker table records them and the seed figures).
// The HNSW index (`memories_embedding_hnsw_bench`) is kept too. Without DATABASE_URL: PGlite in a temp
// folder at a small scale (20 users + 2 heavy; lines say "db":"pglite"); PGlite runs one query at a time,
// so its qps is serial.
//
// Flags (env in brackets):
//   --quick                 small scale for development: 100 users + 2 heavy, fewer queries, db …_quick
//   --users N [BENCH_MEMORY_USERS]                 users with --rows memories each (1000)
//   --rows N [BENCH_MEMORY_ROWS]                   (1000)
//   --heavy-users N [BENCH_MEMORY_HEAVY_USERS]     (10)
//   --heavy-rows N [BENCH_MEMORY_HEAVY_ROWS]       (10000)
//   --queries N [BENCH_MEMORY_QUERIES]             queries per variant over the normal users (1000: one per user)
//   --heavy-queries N [BENCH_MEMORY_HEAVY_QUERIES] queries per variant over the heavy users (200)
//   --k N (10) --concurrency N (8) --qps-seconds N (5) --seed N (1)
//   --hnsw-m N (16) --hnsw-ef-construction N (64) --hnsw-workers N (1: parallel maintenance workers)
//   --maintenance-work-mem SIZE (4GB; the HNSW graph must fit or the build crawls)
//   --copy-streams N (2)    parallel COPY connections while seeding
//   --db-name NAME          database to use (focusforge_bench_memory, or …_quick with --quick)
//   --no-hnsw               build no HNSW index and skip the naive lines (a kept index stays)
//   --rebuild-hnsw          drop the kept HNSW index first (so app/sql are also measured without it), rebuild
//   --reseed                drop and re-seed the database
//   --drop                  drop the database when done (≈ 7 GB at full scale with the HNSW index)
//   --prewarm               load memories_user_cover_idx into shared_buffers first (pg_prewarm; Postgres
//                           only): the steady state of a server whose shared_buffers hold the index
// stdout: one JSON line per figure; progress on stderr.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentEmbeddingModelId, hashEmbed, toVectorLiteral } from "../server/ai/embeddings";
import { modes } from "../server/env";
import { cleanupAll, log, machineCpuMs, onCleanup, sleep } from "./lib";
import { benchUsers, type BenchUser, TopicSpace, textQueries, userQueries } from "./memory-data";
import { exactAnswers, type Query, type Truth } from "./memory-measure";
import { captureSearchSql, measureVariants, planLine, type Variant, variants } from "./memory-variants";
import {
  type BenchDb,
  buildHnsw,
  dropHnsw,
  dropPostgresBench,
  hnswPresent,
  openPgliteBench,
  openPostgresBench,
  readHnswFigures,
  relationSizes,
  SEED_FORMAT,
} from "./memory-seed";

const DEFAULTS = { users: 1000, rows: 1000, heavyUsers: 10, heavyRows: 10000, queries: 1000, heavyQueries: 200, qpsSeconds: 5 };
const QUICK = { users: 100, rows: 1000, heavyUsers: 2, heavyRows: 10000, queries: 300, heavyQueries: 100, qpsSeconds: 3 };
const PGLITE = { users: 20, rows: 1000, heavyUsers: 2, heavyRows: 10000, queries: 200, heavyQueries: 100, qpsSeconds: 3 };

function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a} (flags are listed at the top of bench/memory.ts)`);
    const [name, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) out.set(name, inline);
    else if (next !== undefined && !next.startsWith("--")) out.set(name, (i++, next));
    else out.set(name, true);
  }
  return out;
}

const KNOWN = new Set([
  "quick", "users", "rows", "heavy-users", "heavy-rows", "queries", "heavy-queries", "k", "concurrency", "qps-seconds",
  "seed", "hnsw-m", "hnsw-ef-construction", "hnsw-workers", "maintenance-work-mem", "copy-streams", "db-name",
  "no-hnsw", "rebuild-hnsw", "reseed", "drop", "prewarm",
]);

function config(argv: string[]) {
  const args = parseArgs(argv);
  for (const name of args.keys()) if (!KNOWN.has(name)) throw new Error(`unknown flag --${name}`);
  const adminUrl = process.env.DATABASE_URL || undefined;
  const quick = args.has("quick");
  const base = !adminUrl ? PGLITE : quick ? QUICK : DEFAULTS;
  const int = (flag: string, env: string, fallback: number): number => {
    const raw = args.get(flag) ?? process.env[env];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (raw === true || !Number.isInteger(n) || n < 0) throw new Error(`--${flag} / ${env} must be a whole number, got ${String(raw)}`);
    return n;
  };
  const str = (flag: string, fallback: string): string => {
    const raw = args.get(flag);
    if (raw === true) throw new Error(`--${flag} needs a value`);
    return raw ?? fallback;
  };
  const cfg = {
    adminUrl,
    users: int("users", "BENCH_MEMORY_USERS", base.users),
    rows: int("rows", "BENCH_MEMORY_ROWS", base.rows),
    heavyUsers: int("heavy-users", "BENCH_MEMORY_HEAVY_USERS", base.heavyUsers),
    heavyRows: int("heavy-rows", "BENCH_MEMORY_HEAVY_ROWS", base.heavyRows),
    queries: int("queries", "BENCH_MEMORY_QUERIES", base.queries),
    heavyQueries: int("heavy-queries", "BENCH_MEMORY_HEAVY_QUERIES", base.heavyQueries),
    k: int("k", "BENCH_MEMORY_K", 10),
    concurrency: Math.max(1, int("concurrency", "BENCH_MEMORY_CONCURRENCY", 8)),
    qpsSeconds: int("qps-seconds", "BENCH_MEMORY_QPS_SECONDS", base.qpsSeconds),
    seed: int("seed", "BENCH_MEMORY_SEED", 1),
    hnswM: int("hnsw-m", "BENCH_MEMORY_HNSW_M", 16),
    hnswEf: int("hnsw-ef-construction", "BENCH_MEMORY_HNSW_EF_CONSTRUCTION", 64),
    hnswWorkers: int("hnsw-workers", "BENCH_MEMORY_HNSW_WORKERS", 1),
    maintenanceWorkMem: str("maintenance-work-mem", adminUrl ? "4GB" : "512MB"),
    copyStreams: Math.max(1, int("copy-streams", "BENCH_MEMORY_COPY_STREAMS", 2)),
    dbName: str("db-name", quick ? "focusforge_bench_memory_quick" : "focusforge_bench_memory"),
    hnsw: !args.has("no-hnsw"),
    rebuildHnsw: args.has("rebuild-hnsw"),
    reseed: args.has("reseed"),
    drop: args.has("drop"),
    prewarm: args.has("prewarm"),
  };
  const isDefault = Object.entries(DEFAULTS).every(([key, v]) => key === "qpsSeconds" || cfg[key as keyof typeof cfg] === v);
  const scale = !adminUrl ? "pglite-small" : quick ? "quick" : isDefault ? "full" : "custom";
  if (cfg.k < 1) throw new Error("--k must be at least 1");
  return { ...cfg, scale, db: adminUrl ? ("postgres" as const) : ("pglite" as const) };
}

type Config = ReturnType<typeof config>;

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** `count` queries spread round-robin over `users` (several per user when count > users). */
function spread(users: BenchUser[], count: number, make: (u: BenchUser, n: number) => Query[]): Query[] {
  const perUser = users.map((_, i) => Math.floor(count / users.length) + (i < count % users.length ? 1 : 0));
  const lists = users.map((u, i) => make(u, perUser[i] as number));
  const out: Query[] = [];
  for (let round = 0; out.length < count; round++) {
    for (const list of lists) if (list[round]) out.push(list[round] as Query);
  }
  return out;
}

function buildQueries(cfg: Config, users: BenchUser[], space: TopicSpace) {
  const clustered = (u: BenchUser, n: number): Query[] =>
    userQueries(space, u, n).map((vector) => ({ user: u, vector, literal: toVectorLiteral(Array.from(vector)) }));
  const texts = (u: BenchUser, n: number): Query[] =>
    textQueries(u, n, cfg.seed).map((text) => {
      const embedded = hashEmbed(text);
      return { user: u, text, vector: Float32Array.from(embedded), literal: toVectorLiteral(embedded) };
    });
  const normal = users.filter((u) => !u.heavy);
  const heavy = users.filter((u) => u.heavy);
  return {
    normal: { clustered: spread(normal, cfg.queries, clustered), text: spread(normal, cfg.queries, texts) },
    heavy: { clustered: spread(heavy, cfg.heavyQueries, clustered), text: spread(heavy, cfg.heavyQueries, texts) },
  };
}

async function main(): Promise<void> {
  const cfg = config(process.argv.slice(2));
  if (modes.ai !== "offline") {
    throw new Error("search() would call the embedding API for every query: run with AI_PROVIDER=offline (npm run bench -- memory does)");
  }
  const model = currentEmbeddingModelId();
  const before = machineCpuMs();
  await sleep(1000);
  const after = machineCpuMs();
  const idleBusy = before && after && after.total > before.total ? (100 * (after.busy - before.busy)) / (after.total - before.total) : null;
  log(`memory.search bench: ${cfg.db}, scale ${cfg.scale}; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}${idleBusy !== null ? `, ${idleBusy.toFixed(0)}% busy before the run` : ""}`);

  const params = { format: SEED_FORMAT, model, seed: cfg.seed, users: cfg.users, rowsPerUser: cfg.rows, heavyUsers: cfg.heavyUsers, heavyRows: cfg.heavyRows };
  let bench: BenchDb;
  if (cfg.adminUrl) {
    bench = await openPostgresBench(cfg.adminUrl, cfg.dbName, params, { reseed: cfg.reseed, pool: cfg.concurrency, copyStreams: cfg.copyStreams });
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focusforge-bench-memory-"));
    onCleanup("PGlite folder", () => fs.rmSync(dir, { recursive: true, force: true }));
    bench = await openPgliteBench(path.join(dir, "pglite"), params);
  }
  onCleanup("bench database connections", () => bench.close());
  if (cfg.prewarm && cfg.adminUrl) {
    await bench.raw.query("create extension if not exists pg_prewarm");
    const [warm] = await bench.raw.query<{ pages: number }>("select pg_prewarm('memories_user_cover_idx')::int as pages");
    log(`prewarmed memories_user_cover_idx: ${warm?.pages ?? 0} pages`);
  }
  const common = { db: cfg.db, scale: cfg.scale, k: cfg.k, ...(cfg.prewarm && cfg.adminUrl ? { prewarmed: true } : {}) };
  emit({ bench: "memory.search.seed", ...common, reused: bench.reused, database: cfg.adminUrl ? cfg.dbName : "pglite (temp folder)", ...bench.seed });

  const users = benchUsers(params);
  const space = new TopicSpace(cfg.seed);
  const queries = buildQueries(cfg, users, space);
  const all = [...queries.normal.clustered, ...queries.normal.text, ...queries.heavy.clustered, ...queries.heavy.text];
  const truths = await exactAnswers(bench.raw, all, cfg.k, model);
  const truthOf = new Map<Query, Truth>(all.map((q, i) => [q, truths[i] as Truth]));
  for (const [q, t] of truthOf) {
    if (t.rows !== q.user.rows) throw new Error(`${q.user.id} has ${t.rows} searchable memories, expected ${q.user.rows}`);
  }

  const captured = await captureSearchSql(bench, all.find((q) => q.text) as Query, cfg.k);
  const groups = [
    { group: "normal", rows: cfg.rows, users: cfg.users, goalP95: 2, ...queries.normal },
    { group: "heavy", rows: cfg.heavyRows, users: cfg.heavyUsers, goalP95: 10, ...queries.heavy },
  ].filter((g) => g.users > 0 && g.clustered.length > 0);
  const ctx = { bench, captured, truthOf, k: cfg.k, concurrency: cfg.concurrency, qpsSeconds: cfg.qpsSeconds };

  const measure = async (list: Variant[], hnswIndex: boolean) => {
    for (const g of groups) {
      for (const line of await measureVariants(ctx, list, g, hnswIndex)) emit({ bench: "memory.search", ...common, ...line });
    }
  };
  const plans = async (hnswIndex: boolean) => {
    for (const g of groups) emit({ bench: "memory.search.plan", ...common, ...(await planLine(ctx, g, hnswIndex)) });
  };
  const exact = variants.filter((v) => v.exact);

  let present = await hnswPresent(bench.raw);
  if (present && cfg.rebuildHnsw) {
    log("--rebuild-hnsw: dropping the kept HNSW index");
    await dropHnsw(bench.raw);
    present = false;
  }
  if (!present) {
    await measure(exact, false);
    await plans(false);
  } else {
    log("the HNSW index is kept from an earlier run: app/sql are measured with it present only (--rebuild-hnsw to measure without it too)");
  }
  if (!cfg.hnsw && present) {
    await measure(exact, true);
    await plans(true);
  }
  if (cfg.hnsw) {
    const reusedIndex = present;
    const figures = present
      ? await readHnswFigures(bench.raw)
      : await buildHnsw(bench.raw, { m: cfg.hnswM, efConstruction: cfg.hnswEf, maintenanceWorkMem: cfg.maintenanceWorkMem, workers: cfg.hnswWorkers });
    emit({ bench: "memory.search.hnsw_build", ...common, reused: reusedIndex, rows: bench.seed.rows, ...figures });
    await measure(variants.filter((v) => !v.exact), true);
    await measure(exact, true);
    await plans(true);
  }
  emit({ bench: "memory.search.sizes", ...common, rows: bench.seed.rows, ...(await relationSizes(bench.raw)) });
  if (cfg.drop && cfg.adminUrl) {
    await bench.close();
    await dropPostgresBench(cfg.adminUrl, cfg.dbName);
    log(`dropped database ${cfg.dbName}`);
  }
}

function shutdown(reason: string, code: number): void {
  log(`${reason}: cleaning up`);
  void cleanupAll().finally(() => process.exit(code));
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(signal, 130));
process.stdout.on("error", () => {});
main()
  .then(() => 0)
  .catch((error: unknown) => {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });
