// Shared helpers for `npm run bench`: logging to stderr, child servers, readiness polling, the build check, load runs.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import autocannon from "autocannon";

/** Progress goes to stderr; stdout carries only the JSON result lines. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Clean-up: everything the bench starts registers a disposer; they run once, in reverse order.

const disposers: { name: string; fn: () => Promise<void> | void }[] = [];

export function onCleanup(name: string, fn: () => Promise<void> | void): () => void {
  const entry = { name, fn };
  disposers.push(entry);
  return () => {
    const i = disposers.indexOf(entry);
    if (i >= 0) disposers.splice(i, 1);
  };
}

let cleaning: Promise<void> | undefined;
let aborted = false;

/** True once clean-up has begun: nothing new may start after that. */
export function isAborted(): boolean {
  return aborted;
}

/** Runs every disposer once; concurrent callers (a signal and the normal exit) share one run. */
export function cleanupAll(): Promise<void> {
  aborted = true;
  cleaning ??= (async () => {
    while (disposers.length) {
      const entry = disposers.pop();
      if (!entry) break;
      try {
        await entry.fn();
      } catch (error) {
        log(`clean-up of ${entry.name} failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

// ---------------------------------------------------------------------------------------------
// Child servers.

export interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts a server process; its stdout and stderr are forwarded to our stderr with a prefix. */
export function startServer(args: {
  name: string;
  port: number;
  command: string;
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  quiet?: boolean;
}): Server {
  if (aborted) throw new Error(`not starting ${args.name}: the bench is shutting down`);
  const child = spawn(args.command, args.argv, { cwd: args.cwd, env: args.env, stdio: ["ignore", "pipe", "pipe"] });
  const forward = (chunk: Buffer) => {
    if (args.quiet) return;
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim()) process.stderr.write(`[${args.name}] ${line}\n`);
    }
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let unregister = () => {};
  const stop = async () => {
    unregister();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }, 10_000);
    await exited;
    clearTimeout(killer);
  };
  unregister = onCleanup(args.name, stop);
  return { name: args.name, port: args.port, child, stop, exited };
}

/** Polls `url` until it answers 200, the process exits, or the deadline passes. */
export async function waitForOk(url: string, server: Server, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  let dead = false;
  void server.exited.then(() => (dead = true));
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${server.name} exited before it was ready (last: ${last})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) {
        await res.arrayBuffer();
        return;
      }
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${server.name} not ready at ${url} after ${timeoutMs} ms (last: ${last})`);
}

// ---------------------------------------------------------------------------------------------
// The production build is rebuilt only when missing or older than the sources (scripts/build-state.mjs).
export { buildIsStale } from "../scripts/build-state.mjs";

export async function runToCompletion(command: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, argv, { cwd, env, stdio: ["ignore", process.stderr, process.stderr] });
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  if (code !== 0) throw new Error(`${command} ${argv.join(" ")} exited with ${code}`);
}

// ---------------------------------------------------------------------------------------------
// Load.

export interface LoadTarget {
  url: string;
  /** Extra headers for the n-th request (0, 1, 2, …), e.g. a different user's cookie each time. */
  headersFor: (n: number) => Record<string, string>;
}

export interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  durationS: number;
  /** Per-request latencies of the 2xx responses, in milliseconds. */
  latencies: number[];
  statusCodes: Record<string, number>;
}

/** One autocannon run against one URL; every request asks `headersFor` for its headers. */
function cannon(
  target: LoadTarget,
  connections: number,
  durationS: number,
  counter: { n: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let ok = 0;
  let non2xx = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections,
        duration: durationS,
        timeout: 10,
        requests: [
          {
            method: "GET",
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, ...target.headersFor(counter.n++) },
            }),
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          ok,
          non2xx,
          errors: result.errors,
          durationS: result.duration,
          latencies,
          statusCodes,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        latencies.push(responseTime);
      } else {
        non2xx++;
      }
    });
  });
}

/**
 * Spreads `connections` over the targets (one autocannon per target, all at once) and merges the
 * results. A shared counter keeps the round-robin over users global across the instances.
 */
export async function load(targets: LoadTarget[], connections: number, durationS: number): Promise<LoadResult> {
  const counter = { n: 0 };
  const per = targets.map((_, i) => Math.floor(connections / targets.length) + (i < connections % targets.length ? 1 : 0));
  const results = await Promise.all(targets.map((t, i) => cannon(t, per[i] ?? 1, durationS, counter)));
  const merged: LoadResult = { ok: 0, non2xx: 0, errors: 0, durationS: 0, latencies: [], statusCodes: {} };
  for (const r of results) {
    merged.ok += r.ok;
    merged.non2xx += r.non2xx;
    merged.errors += r.errors;
    merged.durationS = Math.max(merged.durationS, r.durationS);
    for (const l of r.latencies) merged.latencies.push(l);
    for (const [code, n] of Object.entries(r.statusCodes)) merged.statusCodes[code] = (merged.statusCodes[code] ?? 0) + n;
  }
  return merged;
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface Figures {
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  requests: number;
}

export function summarise(result: LoadResult): Figures {
  const sorted = Float64Array.from(result.latencies).sort();
  const arr = Array.from(sorted);
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  return {
    rps: round(result.ok / result.durationS, 1),
    p50_ms: round(percentile(arr, 50), 2),
    p95_ms: round(percentile(arr, 95), 2),
    p99_ms: round(percentile(arr, 99), 2),
    errors: result.non2xx + result.errors,
    requests: result.ok + result.non2xx,
  };
}

// ---------------------------------------------------------------------------------------------
// CPU accounting from /proc (Linux): CPU time is steadier than throughput on a shared machine.

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on every Linux we run on

function statFields(pid: number): string[] | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (comm) may contain spaces; everything after its closing parenthesis is space-separated.
    return raw.slice(raw.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** CPU milliseconds (user + system) used so far by these processes and all their descendants. */
export function treeCpuMs(roots: number[]): number | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = Number(statFields(Number(entry))?.[1]);
    if (!Number.isFinite(ppid)) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  let ticks = 0;
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop() as number;
    const f = statFields(pid);
    if (f) ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks * CLOCK_TICK_MS;
}

/** Busy and total CPU milliseconds of the whole machine so far (all cores), from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { busy: (total - idle) * CLOCK_TICK_MS, total: total * CLOCK_TICK_MS };
  } catch {
    return null;
  }
}

export interface Measured extends Figures {
  /** CPU of the server process tree per successful request (null where /proc is missing). */
  cpu_ms_per_req: number | null;
  /** How busy the whole machine was during the measured run, 0–100 (all cores). */
  machine_busy_pct: number | null;
}

/** A warm-up run (discarded), then the measured run; `pids` are the server processes to account CPU for. */
export async function measure(
  label: string,
  targets: LoadTarget[],
  opts: { connections: number; warmupS: number; durationS: number },
  pids: number[] = [],
): Promise<Measured> {
  log(`${label}: warm-up ${opts.warmupS} s with ${opts.connections} connections over ${targets.length} target(s)`);
  await load(targets, opts.connections, opts.warmupS);
  log(`${label}: measuring ${opts.durationS} s`);
  const cpuBefore = treeCpuMs(pids);
  const machineBefore = machineCpuMs();
  const result = await load(targets, opts.connections, opts.durationS);
  const cpuAfter = treeCpuMs(pids);
  const machineAfter = machineCpuMs();
  const figures: Measured = {
    ...summarise(result),
    cpu_ms_per_req:
      cpuBefore !== null && cpuAfter !== null && result.ok > 0 && pids.length
        ? Number(((cpuAfter - cpuBefore) / result.ok).toFixed(3))
        : null,
    machine_busy_pct:
      machineBefore && machineAfter && machineAfter.total > machineBefore.total
        ? Number(((100 * (machineAfter.busy - machineBefore.busy)) / (machineAfter.total - machineBefore.total)).toFixed(1))
        : null,
  };
  log(`${label}: ${JSON.stringify(figures)} status codes ${JSON.stringify(result.statusCodes)}`);
  return figures;
}
