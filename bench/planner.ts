// `npm run -s bench -- planner`: the embedded planner runner — ready → running latency and actions per
// minute — beside a bare SKIP LOCKED claim loop doing the same work, in one process (one core for
// PGlite, which runs inside it). Started by bench/run.ts in a process of its own (planner-launch.ts).
//
//   phase "queued": 1,000 actions planned up front (50 users, mixed priorities), then the runner starts;
//                   actions/min = 1,000 / time to drain; queue wait = claim time − run-at (it grows with
//                   the backlog by design, so it is reported, not judged).
//   phase "paced":  the runner idles, then 1,000 actions arrive one at a time, every BENCH_PLANNER_INTERVAL_MS
//                   (60: the goal's 1,000 a minute, below capacity, so the latency is the runner's and
//                   not a backlog's); ready → running = executor start − planActions returned (the row is committed
//                   and the runner woken). p50/p95/p99 of that are the latency figures.
//   baseline:       the same 1,000 rows inserted ready, 4 workers looping the bare claim
//                   (UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)), the same executor body,
//                   a bare status update — no priorities across users, dependencies, limits or fencing.
// Every action must write exactly one row (a memory): the bench fails if any is lost or doubled.
// DATABASE_URL set: Postgres, database `focusforge_bench_planner` (dropped afterwards); else PGlite in a
// temp folder. Env: BENCH_PLANNER_ACTIONS (1000), BENCH_PLANNER_USERS (50), BENCH_PLANNER_CONCURRENCY (4).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { type DbHandle, openPglite, openPostgres, resultRows, type Db } from "../server/db/client";
import { memories, plannedActions, users } from "../server/db/schema";
import { modes } from "../server/env";
import { registerExecutor } from "../server/planner/executors";
import { type ActionSpec, planActions } from "../server/planner";
import { startRunner } from "../server/planner/runner";
import { cleanupAll, log, machineCpuMs, onCleanup, percentile } from "./lib";

const DB_NAME = "focusforge_bench_planner";
const int = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number`);
  return n;
};
const config = {
  actions: int("BENCH_PLANNER_ACTIONS", 1000),
  users: int("BENCH_PLANNER_USERS", 50),
  concurrency: int("BENCH_PLANNER_CONCURRENCY", 4),
  perUserLimit: 2,
  /** Arrival interval of the paced phase; the default, 60 ms, is the goal's rate: 1,000 actions a minute. */
  intervalMs: int("BENCH_PLANNER_INTERVAL_MS", 60),
  adminUrl: process.env.DATABASE_URL || undefined,
};
const PRIORITIES = ["critical", "high", "medium", "low", "background"] as const;

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
const round = (x: number, d = 2) => Number(x.toFixed(d));
function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
}

async function openDb(): Promise<DbHandle> {
  if (!config.adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focusforge-planner-bench-"));
    onCleanup("planner bench folder", () => fs.rmSync(dir, { recursive: true, force: true }));
    const handle = await openPglite(dir);
    onCleanup("planner bench pglite", () => handle.close());
    await handle.migrate();
    return handle;
  }
  const admin = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
    await admin.unsafe(`create database "${DB_NAME}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  onCleanup("planner bench database", async () => {
    const dropper = postgres(config.adminUrl as string, { max: 1, onnotice: () => {} });
    try {
      await dropper.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
    } finally {
      await dropper.end({ timeout: 5 });
    }
  });
  const url = new URL(config.adminUrl);
  url.pathname = `/${DB_NAME}`;
  const handle = openPostgres(url.toString(), 10);
  onCleanup("planner bench pool", () => handle.close());
  await handle.migrate();
  return handle;
}

/** The bench executor's work, shared with the baseline: write one short-term memory row. */
async function writeNote(db: Db, userId: string, label: string): Promise<void> {
  await db.insert(memories).values({ userId, tier: "short_term", kind: "bench.note", content: `bench action ${label}` });
}

async function countNotes(db: Db): Promise<number> {
  const [row] = resultRows<{ n: number }>(await db.execute(sql`select count(*)::int as n from memories where kind = 'bench.note'`));
  return Number(row?.n ?? 0);
}

function specs(userIndex: number, from: number, count: number, prefix: string): ActionSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    type: "notification" as const,
    executor: "bench.note",
    priority: PRIORITIES[(from + i) % PRIORITIES.length],
    payload: { label: `${prefix}-${userIndex}-${from + i}` },
    idempotencyKey: `${prefix}:${from + i}`,
  }));
}

async function main(): Promise<void> {
  if (modes.jobs !== "embedded") throw new Error("unset INNGEST_EVENT_KEY / INNGEST_DEV: this measures the embedded runner");
  const dbKind = config.adminUrl ? "postgres" : "pglite";
  log(`planner bench on ${dbKind}: ${config.actions} actions, ${config.users} users, concurrency ${config.concurrency}`);
  const handle = await openDb();
  const db = handle.db;
  const userIds = Array.from({ length: config.users }, () => randomUUID());
  await db.insert(users).values(userIds.map((id, i) => ({ id, email: `planner-bench-${i}@example.com`, name: `Bench ${i}` })));

  const startedAt = new Map<string, number>();
  registerExecutor<{ label: string }>("bench.note", {
    type: "notification",
    run: async ({ db: conn, userId }, payload) => {
      startedAt.set(payload.label, performance.now());
      await writeNote(conn, userId, payload.label);
      return null;
    },
  });
  let done = 0;
  let waiter: { target: number; resolve: () => void } | null = null;
  const onOutcome = () => {
    done++;
    if (waiter && done >= waiter.target) waiter.resolve();
  };
  const until = (target: number) => new Promise<void>((resolve) => (done >= target ? resolve() : (waiter = { target, resolve })));

  // Warm-up (first queries are slow on PGlite): a few actions through the whole path, not measured.
  const warm = startRunner({ getDb: async () => db, concurrency: config.concurrency, onOutcome });
  await planActions(db, userIds[0] as string, specs(0, 0, 20, "warm"));
  await until(20);
  await warm.stop();
  done = 0;

  // Phase "queued": everything planned first, then drained.
  const perUser = Math.ceil(config.actions / config.users);
  let planned = 0;
  for (let u = 0; u < config.users && planned < config.actions; u++) {
    const n = Math.min(perUser, config.actions - planned);
    await planActions(db, userIds[u] as string, specs(u, 0, n, "queued"));
    planned += n;
  }
  const cpu0 = process.cpuUsage();
  const machine0 = machineCpuMs();
  const t0 = performance.now();
  const runner = startRunner({ getDb: async () => db, concurrency: config.concurrency, perUserLimit: config.perUserLimit, onOutcome });
  await until(config.actions);
  const drainMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const machine1 = machineCpuMs();
  const queueWait = resultRows<{ ms: number }>(
    await db.execute(sql`select extract(epoch from (started_at - run_at)) * 1000 as ms from planned_actions where idempotency_key like 'queued:%'`),
  ).map((r) => Number(r.ms));
  log(`queued: ${config.actions} drained in ${(drainMs / 1000).toFixed(2)} s`);

  // Phase "paced": one action at a time into an idle runner.
  done = 0;
  startedAt.clear();
  const readyAt = new Map<string, number>();
  const planMs: number[] = [];
  const intervalMs = config.intervalMs;
  log(`paced: one action every ${intervalMs} ms`);
  const p0 = performance.now();
  for (let i = 0; i < config.actions; i++) {
    const due = p0 + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const u = i % config.users;
    const [spec] = specs(u, i, 1, "paced");
    const before = performance.now();
    await planActions(db, userIds[u] as string, [spec as ActionSpec]);
    const after = performance.now();
    planMs.push(after - before);
    readyAt.set(`paced-${u}-${i}`, after);
  }
  await until(config.actions);
  const arrivalPerMin = (config.actions / (performance.now() - p0)) * 60_000;
  await runner.stop();
  const latencies = [...readyAt].map(([label, at]) => {
    const start = startedAt.get(label);
    if (start === undefined) throw new Error(`paced action ${label} never started`);
    return Math.max(0, start - at);
  });

  // Exactly once: every action succeeded and wrote one row.
  const [counts] = resultRows<{ ok: number; other: number }>(
    await db.execute(sql`select count(*) filter (where status = 'succeeded')::int as ok, count(*) filter (where status <> 'succeeded')::int as other from planned_actions`),
  );
  const expected = 2 * config.actions + 20;
  if (Number(counts?.ok) !== expected || Number(counts?.other) !== 0 || (await countNotes(db)) !== expected) {
    throw new Error(`lost or doubled work: ${JSON.stringify(counts)}, ${await countNotes(db)} notes, expected ${expected}`);
  }

  // Baseline: the bare claim loop over the same number of rows.
  const now = new Date();
  await db.insert(plannedActions).values(
    Array.from({ length: config.actions }, (_, i) => ({
      userId: userIds[i % config.users] as string,
      type: "notification" as const,
      executor: "bench.note",
      status: "ready" as const,
      priority: i % 5,
      payload: { label: `base-${i}` },
      idempotencyKey: `base:${i}`,
      runAt: now,
    })),
  );
  const b0 = performance.now();
  const bcpu0 = process.cpuUsage();
  const claimMs: number[] = [];
  const worker = async () => {
    for (;;) {
      const c0 = performance.now();
      const [row] = resultRows<{ id: string; user_id: string; payload: { label: string } }>(
        await db.execute(sql`update planned_actions set status = 'running', attempts = attempts + 1, started_at = now()
          where id = (select id from planned_actions where status = 'ready' and idempotency_key like 'base:%'
                      order by priority, run_at limit 1 for update skip locked)
          returning id, user_id, payload`),
      );
      claimMs.push(performance.now() - c0);
      if (!row) return;
      await writeNote(db, row.user_id, row.payload.label);
      await db.update(plannedActions).set({ status: "succeeded", finishedAt: new Date() }).where(and(eq(plannedActions.id, row.id)));
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, worker));
  const baseMs = performance.now() - b0;
  const bcpu = process.cpuUsage(bcpu0);
  if ((await countNotes(db)) !== expected + config.actions) throw new Error("baseline lost or doubled work");

  const lat = stats(latencies);
  const wait = stats(queueWait);
  const actionsPerMin = round((config.actions / drainMs) * 60_000, 0);
  const baselinePerMin = round((config.actions / baseMs) * 60_000, 0);
  emit({
    bench: "planner.embedded",
    db: dbKind,
    actions: config.actions,
    users: config.users,
    concurrency: config.concurrency,
    per_user_limit: config.perUserLimit,
    p50_ms: lat.p50,
    p95_ms: lat.p95,
    p99_ms: lat.p99,
    arrival_interval_ms: intervalMs,
    arrival_per_min: round(arrivalPerMin, 0),
    plan_p50_ms: stats(planMs).p50,
    actions_per_min: actionsPerMin,
    drain_s: round(drainMs / 1000),
    queue_wait_p50_ms: wait.p50,
    queue_wait_p95_ms: wait.p95,
    cpu_ms_per_action: round((cpu.user + cpu.system) / 1000 / config.actions, 3),
    baseline_actions_per_min: baselinePerMin,
    goal_met: lat.p95 <= 50 && actionsPerMin >= 1000,
    machine_busy_pct:
      machine0 && machine1 && machine1.total > machine0.total ? round((100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total), 1) : null,
  });
  emit({
    bench: "planner.embedded.baseline",
    db: dbKind,
    actions: config.actions,
    concurrency: config.concurrency,
    what: "bare UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1), same executor write, bare status update",
    actions_per_min: baselinePerMin,
    claim_p50_ms: stats(claimMs).p50,
    claim_p95_ms: stats(claimMs).p95,
    cpu_ms_per_action: round((bcpu.user + bcpu.system) / 1000 / config.actions, 3),
  });
}

process.on("unhandledRejection", (error) => {
  log(`planner bench: unhandled rejection ${String(error)}`);
  void cleanupAll().finally(() => process.exit(1));
});
main()
  .then(() => 0)
  .catch((error: unknown) => {
    log(`planner bench failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });
