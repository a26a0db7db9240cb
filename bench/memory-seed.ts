// The memory benchmark's database: a dedicated, migrated database seeded once with clustered vectors
// (binary COPY), kept between runs behind a marker row that records the parameters, plus the HNSW
// index the naive comparison needs (built once and kept too: on 1M rows it takes long on 2 cores).
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm/logger";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { type Db, openPglite, openPostgres } from "../server/db/client";
import * as schema from "../server/db/schema";
import { log, treeCpuMs } from "./lib";
import { type BenchUser, benchUsers, type DataParams, generateMemories, TopicSpace } from "./memory-data";
import { type CopyField, encodeTuple, pgliteRaw, postgresRaw, type Raw } from "./memory-db";
import { withDatabase } from "./seed";

/** Bump when the generator or the seeding changes what ends up in the table: old databases get re-seeded. */
export const SEED_FORMAT = 1;
export const HNSW_INDEX = "memories_embedding_hnsw_bench";

export interface SeedParams extends DataParams {
  format: number;
  /** The embedding model id stored with every vector (the app only searches its current model's rows). */
  model: string;
}

export interface SeedFigures {
  rows: number;
  users: number;
  copy_s: number;
  index_s: number;
  vacuum_s: number;
  total_s: number;
  copy_streams: number;
}

export interface HnswFigures {
  build_s: number;
  m: number;
  ef_construction: number;
  maintenance_work_mem: string;
  parallel_workers: number;
}

export interface BenchDb {
  driver: "postgres" | "pglite";
  /** The app's drizzle handle (what search() takes). */
  db: Db;
  raw: Raw;
  /** A second drizzle handle on the raw client that reports every query (to capture search()'s SQL). */
  withLogger(logger: Logger): Db;
  /** CPU ms used so far by each server process serving this database (null: PGlite, or not readable here). */
  serverCpu?: () => Promise<Map<number, number> | null>;
  /** The seeding figures: measured now, or read from the marker when the database was reused. */
  seed: SeedFigures;
  reused: boolean;
  close(): Promise<void>;
}

const MARKER = "bench_memory_seed";

async function admin<T>(adminUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function sameParams(a: unknown, b: SeedParams): boolean {
  const order = (o: object) => JSON.stringify(Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y))));
  return typeof a === "object" && a !== null && order(a) === order(b);
}

async function readMarker(raw: Raw): Promise<{ params: unknown; seed: SeedFigures; hnsw: HnswFigures | null } | null> {
  await raw.query(
    `create table if not exists ${MARKER} (id int primary key, params jsonb not null, seed jsonb not null, hnsw jsonb, seeded_at timestamptz not null default now())`,
  );
  const [row] = await raw.query<{ params: unknown; seed: SeedFigures; hnsw: HnswFigures | null }>(
    `select params, seed, hnsw from ${MARKER} where id = 1`,
  );
  return row ?? null;
}

export async function readHnswFigures(raw: Raw): Promise<HnswFigures | null> {
  return (await readMarker(raw))?.hnsw ?? null;
}

/** Opens (creating if missing) database `name` next to `adminUrl`, migrated and seeded with `params`. */
export async function openPostgresBench(
  adminUrl: string,
  name: string,
  params: SeedParams,
  opts: { reseed: boolean; pool: number; copyStreams: number },
): Promise<BenchDb> {
  if (new URL(adminUrl).pathname.replace(/^\//, "") === name) {
    throw new Error(`DATABASE_URL must name another database than ${name} (the bench may drop and recreate it)`);
  }
  const url = withDatabase(adminUrl, name);
  const recreate = async () => {
    await admin(adminUrl, async (sql) => {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.unsafe(`create database "${name}"`);
    });
  };
  const exists = await admin(adminUrl, (sql) => sql`select 1 from pg_database where datname = ${name}`);
  // Reused only behind a marker with the same parameters; anything else (older parameters, a seeding
  // that died half-way with its indexes dropped) is recreated from scratch.
  let fresh = false;
  if (exists.length === 0 || opts.reseed) {
    await recreate();
    fresh = true;
  }

  for (;;) {
    const handle = openPostgres(url, opts.pool);
    const raw = postgresRaw(url, Math.max(opts.pool, opts.copyStreams));
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await raw.close();
        await handle.close();
      })());
    try {
      await handle.migrate();
      const marker = await readMarker(raw);
      const bench: Omit<BenchDb, "seed" | "reused"> = {
        driver: "postgres",
        db: handle.db,
        raw,
        withLogger: (logger) => drizzlePostgres(raw.client, { schema, logger }),
        serverCpu: () => backendCpu(raw),
        close,
      };
      if (marker && sameParams(marker.params, params)) {
        log(`reusing database ${name}: seeded earlier with the same parameters`);
        // A migration may have rewritten the table since (0008 did): index-only scans need the
        // visibility map set again. Cheap when nothing changed (VACUUM skips all-visible pages).
        await raw.query("vacuum (analyze) memories");
        return { ...bench, seed: marker.seed, reused: true };
      }
      if (!fresh) {
        log(`database ${name} was ${marker ? "seeded with other parameters" : "not completely seeded"}: recreating it`);
        await close();
        await recreate();
        fresh = true;
        continue;
      }
      const seed = await seedMemories(raw, params, opts.copyStreams, "4GB");
      return { ...bench, seed, reused: false };
    } catch (error) {
      await close();
      throw error;
    }
  }
}

/** A fresh PGlite database in `dir`, migrated and seeded (small scales only: PGlite is single-threaded WASM). */
export async function openPgliteBench(dir: string, params: SeedParams): Promise<BenchDb> {
  const handle = await openPglite(dir);
  try {
    await handle.migrate();
    // openPglite builds its drizzle instance on a PGlite client; drizzle keeps it as `$client`.
    const client = (handle.db as unknown as { $client?: unknown }).$client;
    if (!(client instanceof PGlite)) throw new Error("expected the PGlite client behind the drizzle handle");
    const raw = pgliteRaw(client);
    const seed = await seedMemories(raw, params, 1, "512MB");
    return {
      driver: "pglite",
      db: handle.db,
      raw,
      withLogger: (logger) => drizzlePglite(client, { schema, logger }),
      seed,
      reused: false,
      close: once(() => handle.close()),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

const COLUMNS = "memories (user_id, tier, kind, content, embedding, embedding_model, created_at)";
/** Rows per chunk handed to COPY: big enough to keep syscalls few, small enough for backpressure. */
const ROWS_PER_CHUNK = 500;

async function* tuplesOf(space: TopicSpace, users: BenchUser[], model: string): AsyncGenerator<Buffer> {
  for (const user of users) {
    let chunk: Buffer[] = [];
    const out: Buffer[][] = [];
    generateMemories(space, user, (m) => {
      const fields: CopyField[] = [
        { text: user.id },
        { text: "long_term" },
        { text: m.kind },
        { text: m.content },
        { vector: m.vector },
        { text: model },
        { timestamptz: m.createdAt },
      ];
      chunk.push(encodeTuple(fields));
      if (chunk.length === ROWS_PER_CHUNK) {
        out.push(chunk);
        chunk = [];
      }
    });
    if (chunk.length) out.push(chunk);
    for (const c of out) yield Buffer.concat(c);
  }
}

/**
 * Seeds users and memories: drops memories' secondary indexes, streams the rows in with binary COPY
 * (`streams` connections at once, users split between them), rebuilds the indexes exactly as the
 * migrations defined them, then VACUUM ANALYZE (autovacuum may be off, and index-only scans need
 * the visibility map) — and records the figures in the marker row.
 */
export async function seedMemories(raw: Raw, params: SeedParams, streams: number, indexMem: string): Promise<SeedFigures> {
  const started = performance.now();
  await readMarker(raw); // creates the marker table if missing
  const users = benchUsers(params);
  const rows = users.reduce((a, u) => a + u.rows, 0);
  log(`seeding ${users.length} users, ${rows} memories (${params.users} × ${params.rowsPerUser} + ${params.heavyUsers} × ${params.heavyRows})…`);
  await raw.query("insert into users (id, email, name) select * from unnest($1::text[], $2::text[], $3::text[])", [
    users.map((u) => u.id),
    users.map((u) => `${u.id}@membench.example.test`),
    users.map((u) => `Memory bench ${u.id}`),
  ]);

  const indexes = await raw.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'memories'
       and indexname not in (select conname from pg_constraint where conrelid = 'memories'::regclass)`,
  );
  for (const i of indexes) await raw.query(`drop index "${i.indexname}"`);

  const space = new TopicSpace(params.seed);
  const groups: BenchUser[][] = Array.from({ length: streams }, () => []);
  // Contiguous blocks of users per stream keep each user's rows together in the heap.
  users.forEach((u, i) => groups[Math.floor((i * streams) / users.length)]?.push(u));
  // Open every stream's connection before any rows are made: generating vectors keeps the event loop
  // busy, and a connection still handshaking then misses its connect timeout (seen at full scale).
  await Promise.all(groups.map(() => raw.query("select pg_sleep(0.05)", [], { prepare: false })));
  await Promise.all(groups.map((g) => raw.copyIn(COLUMNS, tuplesOf(space, g, params.model))));
  const copied = performance.now();
  log(`copied ${rows} rows in ${((copied - started) / 1000).toFixed(1)} s over ${streams} stream(s)`);

  for (const i of indexes) {
    await raw.inTransaction({ maintenance_work_mem: indexMem }, i.indexdef);
    log(`rebuilt ${i.indexname}`);
  }
  const indexed = performance.now();
  await raw.query("vacuum (analyze) memories");
  await raw.query("analyze users");
  const done = performance.now();

  const [{ n } = { n: -1 }] = await raw.query<{ n: number }>("select count(*)::int as n from memories");
  if (n !== rows) throw new Error(`seeded ${n} memories, expected ${rows}`);
  const figures: SeedFigures = {
    rows,
    users: users.length,
    copy_s: round((copied - started) / 1000),
    index_s: round((indexed - copied) / 1000),
    vacuum_s: round((done - indexed) / 1000),
    total_s: round((done - started) / 1000),
    copy_streams: streams,
  };
  await raw.query(
    // `::text::jsonb`: typed as jsonb, postgres.js would JSON-encode the JSON string a second time.
    `insert into ${MARKER} (id, params, seed) values (1, $1::text::jsonb, $2::text::jsonb)
       on conflict (id) do update set params = excluded.params, seed = excluded.seed, hnsw = null, seeded_at = now()`,
    [JSON.stringify(params), JSON.stringify(figures)],
  );
  log(`seeded in ${figures.total_s} s (copy ${figures.copy_s}, indexes ${figures.index_s}, vacuum ${figures.vacuum_s})`);
  return figures;
}

/**
 * Per backend of this database, its CPU ms from /proc — when the server runs on this machine (the
 * pids must be postgres processes here); null otherwise.
 */
async function backendCpu(raw: Raw): Promise<Map<number, number> | null> {
  const rows = await raw.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database()");
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    let comm: string;
    try {
      comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      return null;
    }
    if (comm !== "postgres") return null;
    const ms = treeCpuMs([pid]);
    if (ms === null) return null;
    out.set(pid, ms);
  }
  return out;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

function round(x: number, digits = 1): number {
  return Number(x.toFixed(digits));
}

export async function hnswPresent(raw: Raw): Promise<boolean> {
  const rows = await raw.query("select 1 from pg_indexes where schemaname = current_schema() and indexname = $1", [HNSW_INDEX]);
  return rows.length > 0;
}

export async function dropHnsw(raw: Raw): Promise<void> {
  await raw.query(`drop index if exists ${HNSW_INDEX}`);
  await raw.query(`update ${MARKER} set hnsw = null where id = 1`);
}

/** Builds the HNSW index the naive comparison needs (cosine, like search's `<=>`) and records its build time. */
export async function buildHnsw(
  raw: Raw,
  opts: { m: number; efConstruction: number; maintenanceWorkMem: string; workers: number },
): Promise<HnswFigures> {
  log(`building HNSW (m=${opts.m}, ef_construction=${opts.efConstruction}, maintenance_work_mem=${opts.maintenanceWorkMem}${raw.driver === "postgres" ? `, ${opts.workers} parallel worker(s)` : ""})…`);
  const started = performance.now();
  const settings: Record<string, string> = { maintenance_work_mem: opts.maintenanceWorkMem };
  if (raw.driver === "postgres") settings.max_parallel_maintenance_workers = String(opts.workers);
  await raw.inTransaction(
    settings,
    `create index ${HNSW_INDEX} on memories using hnsw (embedding vector_cosine_ops) with (m = ${opts.m}, ef_construction = ${opts.efConstruction})`,
  );
  const figures: HnswFigures = {
    build_s: round((performance.now() - started) / 1000),
    m: opts.m,
    ef_construction: opts.efConstruction,
    maintenance_work_mem: opts.maintenanceWorkMem,
    parallel_workers: raw.driver === "postgres" ? opts.workers : 0,
  };
  await raw.query(`update ${MARKER} set hnsw = $1::text::jsonb where id = 1`, [JSON.stringify(figures)]);
  log(`HNSW built in ${figures.build_s} s`);
  return figures;
}

export interface Sizes {
  table_mb: number;
  heap_mb: number;
  toast_mb: number;
  total_mb: number;
  indexes_mb: Record<string, number>;
  /** The server's shared_buffers (PGlite: its own default). */
  shared_buffers_mb: number;
  /** Whether the covering index search scans could stay whole in shared_buffers. */
  cover_index_fits: boolean;
}

export async function relationSizes(raw: Raw): Promise<Sizes> {
  const mb = (b: number | string) => round(Number(b) / 1024 / 1024);
  const [t] = await raw.query<{ heap: string; toast: string; table: string; total: string }>(
    `select pg_relation_size('memories')::text as heap,
            coalesce(pg_total_relation_size(nullif(reltoastrelid, 0)), 0)::text as toast,
            pg_table_size('memories')::text as table,
            pg_total_relation_size('memories')::text as total
       from pg_class where oid = 'memories'::regclass`,
  );
  const idx = await raw.query<{ name: string; bytes: string }>(
    `select indexrelid::regclass::text as name, pg_relation_size(indexrelid)::text as bytes
       from pg_index where indrelid = 'memories'::regclass order by 1`,
  );
  const [buffers] = await raw.query<{ bytes: string }>(
    "select (setting::bigint * 8192)::text as bytes from pg_settings where name = 'shared_buffers'",
  );
  const cover = idx.find((i) => i.name === "memories_user_cover_idx");
  return {
    shared_buffers_mb: mb(buffers?.bytes ?? 0),
    cover_index_fits: cover !== undefined && Number(cover.bytes) < Number(buffers?.bytes ?? 0),
    table_mb: mb(t?.table ?? 0),
    heap_mb: mb(t?.heap ?? 0),
    toast_mb: mb(t?.toast ?? 0),
    total_mb: mb(t?.total ?? 0),
    indexes_mb: Object.fromEntries(idx.map((i) => [i.name, mb(i.bytes)])),
  };
}

export async function dropPostgresBench(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}
