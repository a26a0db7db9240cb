// `npm run bench`: task.list on the production build under autocannon vs a bare node:http + same-SQL baseline; JSON lines on stdout.
//
// Usage (from the repo root):  npm run -s bench        (-s keeps npm's own banner off stdout)
//   npm run -s bench -- memory [flags]   the memory.search benchmark instead (flags: top of bench/memory.ts).
//   npm run -s bench -- planner          only the planner runner benchmark (env: top of bench/planner.ts);
//                                        the default run ends with it too ("bench":"planner.embedded").
//   npm run -s bench -- chat             only the chat first-byte benchmark (bench/chat.ts); the default run ends with it.
//   DATABASE_URL=postgres://…   use that server: creates/drops database `focusforge_bench` on it;
//                               unset → PGlite in a fresh temp DATA_DIR ("db":"pglite").
//   BENCH_PROCESSES=1|2|1,2     `next start` processes sharing the load (Postgres only), a line each.
//   BENCH_CPU_PROF=<dir>        run the app under `node --cpu-prof`; summarise with
//                               `npx tsx bench/profile.ts <dir>`.
//   BENCH_CONNECTIONS (32), BENCH_WARMUP_S (5), BENCH_DURATION_S (20), BENCH_USERS (1000),
//   BENCH_TASKS_PER_USER (50), BENCH_TIMEOUT_S (600).
// Builds with `next build` first when .next/BUILD_ID is missing or older than the sources.
// stdout: one JSON line per figure; everything else goes to stderr.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import {
  buildIsStale,
  cleanupAll,
  freePort,
  type LoadTarget,
  log,
  machineCpuMs,
  type Measured,
  measure,
  onCleanup,
  runToCompletion,
  type Server,
  sleep,
  startServer,
  waitForOk,
} from "./lib";
import { launchMemoryBench } from "./memory-launch";
import { launchChatBench } from "./chat-launch";
import { launchPlannerBench } from "./planner-launch";
import { type BenchUser, dropPostgresBenchDb, preparePglite, preparePostgres, type SeedOptions } from "./seed";

/** npm runs scripts from the package root; the bench is always started from there. */
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const tsxLoader = "tsx";

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return n;
}

const config = {
  seed: {
    users: intEnv("BENCH_USERS", 1000),
    tasksPerUser: intEnv("BENCH_TASKS_PER_USER", 50),
    stepEvery: 5,
    stepsPerTask: 3,
  } satisfies SeedOptions,
  connections: intEnv("BENCH_CONNECTIONS", 32),
  warmupS: intEnv("BENCH_WARMUP_S", 5),
  durationS: intEnv("BENCH_DURATION_S", 20),
  /** "1" (default), "2", or "1,2": how many `next start` processes share the load; one JSON line each. */
  processes: [
    ...new Set(
      (process.env.BENCH_PROCESSES ?? "1").split(",").map((p) => {
        const n = Number(p.trim());
        if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`BENCH_PROCESSES: bad value ${p}`);
        return n;
      }),
    ),
  ],
  /** The whole run (build included) is aborted, and cleaned up, after this long. */
  timeoutS: intEnv("BENCH_TIMEOUT_S", 600),
  /** A folder: run the app under `node --cpu-prof` and leave the .cpuprofile files there. */
  cpuProfDir: process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined,
  adminUrl: process.env.DATABASE_URL || undefined,
};

type EnvVars = Record<string, string | undefined>;

const AUTH_SECRET = `bench-${randomBytes(24).toString("base64url")}`;
const COOKIE = "authjs.session-token";
const TRPC_PATH = "/api/trpc/task.list";

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function ensureBuild(): Promise<void> {
  const reason = buildIsStale(root);
  if (!reason) {
    log("production build is up to date");
    return;
  }
  log(`building the app (${reason})…`);
  const started = Date.now();
  await runToCompletion(process.execPath, [nextBin, "build"], root, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  log(`build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function mintCookies(users: BenchUser[]): Promise<string[]> {
  const started = Date.now();
  const cookies: string[] = [];
  for (const u of users) {
    const jwt = await encode({
      token: { sub: u.id, name: u.name, email: u.email },
      secret: AUTH_SECRET,
      salt: COOKIE,
      maxAge: 3600,
    });
    cookies.push(`${COOKIE}=${jwt}`);
  }
  log(`minted ${cookies.length} session cookies in ${Date.now() - started} ms`);
  return cookies;
}

interface TaskRow {
  id: string;
  stepCount: number;
}

function isTaskRows(value: unknown): value is TaskRow[] {
  return Array.isArray(value) && value.every((r) => typeof r === "object" && r !== null && "id" in r && "stepCount" in r);
}

/** Checks the signed-in list (tasksPerUser rows, step counts present) and the signed-out 401; returns the working path. */
async function verifyApp(port: number, cookie: string): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const candidates = [TRPC_PATH, `${TRPC_PATH}?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`];
  const problems: string[] = [];
  for (const candidate of candidates) {
    const res = await fetch(base + candidate, { headers: { cookie } });
    const text = await res.text();
    if (res.status !== 200) {
      problems.push(`GET ${candidate} → HTTP ${res.status}: ${text.slice(0, 300)}`);
      continue;
    }
    const body = JSON.parse(text) as { result?: { data?: { json?: unknown } } };
    const rows = body.result?.data?.json;
    if (!isTaskRows(rows)) throw new Error(`GET ${candidate}: unexpected body ${text.slice(0, 300)}`);
    if (rows.length !== config.seed.tasksPerUser) {
      throw new Error(`GET ${candidate}: expected ${config.seed.tasksPerUser} tasks, got ${rows.length}`);
    }
    const withSteps = rows.filter((r) => r.stepCount > 0).length;
    if (withSteps === 0) throw new Error(`GET ${candidate}: no task reports steps; stepCounts not applied?`);
    const anon = await fetch(base + candidate);
    await anon.arrayBuffer();
    if (anon.status !== 401) throw new Error(`GET ${candidate} without a cookie: expected 401, got ${anon.status}`);
    log(`verified ${candidate}: ${rows.length} tasks (${withSteps} with steps, ${text.length} bytes), 401 without cookie`);
    return candidate;
  }
  throw new Error(`task.list does not answer as expected:\n  ${problems.join("\n  ")}`);
}

async function startApp(index: number, dbEnv: EnvVars, dataDir: string): Promise<Server> {
  const port = await freePort();
  const nodeArgs = config.cpuProfDir
    ? ["--cpu-prof", `--cpu-prof-dir=${config.cpuProfDir}`, `--cpu-prof-name=next-${index}-${Date.now()}.cpuprofile`]
    : [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: undefined,
    ...dbEnv,
    DATA_DIR: dataDir,
    AUTH_SECRET,
    RATE_LIMIT_DISABLED: "1",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  return startServer({
    name: `next-${index}`,
    port,
    command: process.execPath,
    argv: [...nodeArgs, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    cwd: root,
    env,
  });
}

async function startBaseline(dbEnv: EnvVars): Promise<Server> {
  const port = await freePort();
  const server = startServer({
    name: "baseline",
    port,
    command: process.execPath,
    argv: ["--conditions=react-server", "--import", tsxLoader, path.join(root, "bench", "baseline.ts")],
    cwd: root,
    env: { ...process.env, ...dbEnv, BASELINE_PORT: String(port), LOG_LEVEL: "warn" },
  });
  await waitForOk(`http://127.0.0.1:${port}/ready`, server, 60_000);
  return server;
}

async function verifyBaseline(port: number, userId: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/tasks`, { headers: { "x-user-id": userId } });
  const text = await res.text();
  const rows: unknown = JSON.parse(text);
  if (res.status !== 200 || !isTaskRows(rows) || rows.length !== config.seed.tasksPerUser) {
    throw new Error(`baseline answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  }
  log(`verified baseline: ${rows.length} tasks (${rows.filter((r) => r.stepCount > 0).length} with steps, ${text.length} bytes)`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const before = machineCpuMs();
  await sleep(1_000);
  const after = machineCpuMs();
  const idleBusy = before && after && after.total > before.total ? (100 * (after.busy - before.busy)) / (after.total - before.total) : null;
  log(
    `before the run: load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, ${os.cpus().length} cores` +
      (idleBusy !== null ? `, ${idleBusy.toFixed(0)}% busy` : ""),
  );
  if (idleBusy !== null && idleBusy > 15) {
    log("WARNING: something else is using the CPU; figures will be low and noisy (see machine_busy_pct)");
  }
  const db = config.adminUrl ? "postgres" : "pglite";
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "focusforge-bench-"));
  onCleanup("temp dir", () => fs.rmSync(tmp, { recursive: true, force: true }));
  if (config.cpuProfDir) fs.mkdirSync(config.cpuProfDir, { recursive: true });

  await ensureBuild();

  // The database: fresh, migrated, seeded — and closed again before any server opens it.
  let dbEnv: EnvVars;
  let baselineEnv: EnvVars;
  let users: BenchUser[];
  log(`preparing ${db}: ${config.seed.users} users × ${config.seed.tasksPerUser} tasks`);
  if (config.adminUrl) {
    const adminUrl = config.adminUrl;
    onCleanup("bench database", () => dropPostgresBenchDb(adminUrl));
    const prepared = await preparePostgres(adminUrl, config.seed);
    users = prepared.users;
    dbEnv = { DATABASE_URL: prepared.url };
    baselineEnv = { BASELINE_DATABASE_URL: prepared.url, BASELINE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? "10" };
  } else {
    const pgliteDir = path.join(tmp, "pglite"); // where the app opens DATA_DIR's database
    users = await preparePglite(pgliteDir, config.seed);
    dbEnv = {};
    baselineEnv = { BASELINE_PGLITE_DIR: pgliteDir };
  }
  const cookies = await mintCookies(users);
  const pick = <T>(list: T[], n: number): T => list[n % list.length] as T;

  // The app, once per requested process count.
  const appRuns: { processes: number; figures: Measured }[] = [];
  let processCounts = config.processes;
  if (db === "pglite" && processCounts.some((p) => p > 1)) {
    log("PGlite is single-process: measuring 1 × next start only (set DATABASE_URL for BENCH_PROCESSES > 1)");
    processCounts = [1];
  }
  for (const processes of processCounts) {
    log(`starting ${processes} × next start`);
    const servers: Server[] = [];
    for (let i = 0; i < processes; i++) servers.push(await startApp(i, dbEnv, tmp));
    const bootStarted = Date.now();
    await Promise.all(servers.map((s) => waitForOk(`http://127.0.0.1:${s.port}/api/ready`, s, 120_000)));
    log(`app ready in ${Date.now() - bootStarted} ms`);
    let requestPath = TRPC_PATH;
    for (const s of servers) requestPath = await verifyApp(s.port, pick(cookies, 0));
    const targets: LoadTarget[] = servers.map((s) => ({
      url: `http://127.0.0.1:${s.port}${requestPath}`,
      headersFor: (n) => ({ cookie: pick(cookies, n) }),
    }));
    const pids = servers.map((s) => s.child.pid).filter((p): p is number => p !== undefined);
    const figures = await measure(`task.list ×${processes}`, targets, config, pids);
    appRuns.push({ processes, figures });
    await Promise.all(servers.map((s) => s.stop()));
  }

  // The baseline, after the app has let go of the database (PGlite allows one process).
  log("starting the baseline server");
  const baseline = await startBaseline(baselineEnv);
  await verifyBaseline(baseline.port, pick(users, 0).id);
  const base = await measure(
    "baseline",
    [{ url: `http://127.0.0.1:${baseline.port}/tasks`, headersFor: (n) => ({ "x-user-id": pick(users, n).id }) }],
    config,
    baseline.child.pid !== undefined ? [baseline.child.pid] : [],
  );
  await baseline.stop();

  for (const run of appRuns) {
    emit({
      bench: "task.list",
      rps: run.figures.rps,
      p50_ms: run.figures.p50_ms,
      p95_ms: run.figures.p95_ms,
      p99_ms: run.figures.p99_ms,
      errors: run.figures.errors,
      baseline_rps: base.rps,
      ratio: base.rps > 0 ? Number((run.figures.rps / base.rps).toFixed(3)) : null,
      db,
      processes: run.processes,
      connections: config.connections,
      duration_s: config.durationS,
      requests: run.figures.requests,
      cpu_ms_per_req: run.figures.cpu_ms_per_req,
      baseline_cpu_ms_per_req: base.cpu_ms_per_req,
      machine_busy_pct: run.figures.machine_busy_pct,
    });
  }
  emit({
    bench: "task.list.baseline",
    rps: base.rps,
    p50_ms: base.p50_ms,
    p95_ms: base.p95_ms,
    p99_ms: base.p99_ms,
    errors: base.errors,
    db,
    connections: config.connections,
    duration_s: config.durationS,
    requests: base.requests,
    cpu_ms_per_req: base.cpu_ms_per_req,
    machine_busy_pct: base.machine_busy_pct,
  });
  log("planner: the embedded runner with 1,000 queued actions");
  await launchPlannerBench();
  log("chat: first byte of /api/chat with a mock model, beside a bare stream");
  await launchChatBench();
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Cleans up (servers, bench database, temp dir) exactly once, then exits. */
function shutdown(reason: string, code: number): void {
  log(`${reason}: cleaning up`);
  void cleanupAll().finally(() => process.exit(code));
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(signal, 130));
process.on("uncaughtException", (error) => shutdown(`uncaught ${error.stack ?? String(error)}`, 1));
process.on("unhandledRejection", (error) => shutdown(`unhandled rejection ${String(error)}`, 1));
// A reader that goes away (`| head -1`) must not kill us before the clean-up.
process.stdout.on("error", () => {});
const watchdog = setTimeout(() => shutdown(`still running after ${config.timeoutS} s (BENCH_TIMEOUT_S)`, 124), config.timeoutS * 1000);
watchdog.unref();
// The memory benchmark seeds for as long as it takes (minutes at full scale): no watchdog.
const memoryBench = process.argv[2] === "memory";
if (memoryBench) clearTimeout(watchdog);
// No top-level await: package.json has no "type": "module", so tsx runs this file as CommonJS.
(memoryBench ? launchMemoryBench(process.argv.slice(3)) : process.argv[2] === "planner" ? launchPlannerBench() : process.argv[2] === "chat" ? launchChatBench() : main())
  .then(() => 0)
  .catch((error: unknown) => {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });
