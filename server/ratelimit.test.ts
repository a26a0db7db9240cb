// Tests for server/ratelimit.ts: the same contract against memory and a real Redis (127.0.0.1:6379), plus outages.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";

import { Ratelimit } from "@upstash/ratelimit";
import type { Redis as UpstashRedis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import {
  RateLimitedError,
  createRateLimiter,
  enforceRateLimit,
  rateLimitRules,
  type RateLimitName,
  type RateLimitRule,
  type RateLimiter,
  type RateLimiterOptions,
} from "./ratelimit";
import { MemorySlidingWindow } from "./ratelimit/memory";
import { IoredisUpstashAdapter, createRedisClient, sha1, toStockRedisScript } from "./ratelimit/redis-adapter";

const REDIS_URL = "redis://127.0.0.1:6379";
/** Every key this run writes starts with this, so runs never collide and cleanup touches only ours. */
const RUN = `fftest:${randomUUID().slice(0, 8)}`;

/** Shaped like @upstash/ratelimit's scripts; unique per run so that no other run has loaded it before. */
const script = `#!lua flags=allow-key-locking\n-- ${RUN}\nreturn {tonumber(ARGV[1]) + 1, KEYS[1]}`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** If less than `needMs` is left in the current fixed window, wait for the next one to start. */
async function roomInWindow(windowMs: number, needMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await sleep(left + 20);
}

async function checkTimes(limiter: RateLimiter, name: RateLimitName, key: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await limiter.check(name, key));
  return results;
}

function silenceErrors() {
  return vi.spyOn(console, "error").mockImplementation(() => undefined);
}

function loggedText(spy: ReturnType<typeof silenceErrors>): string {
  return spy.mock.calls.map((args) => args.map(String).join(" ")).join("\n");
}

let raw: IORedis;
beforeAll(async () => {
  raw = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await raw.connect();
});
afterAll(async () => {
  // Delete only this run's keys (they would expire by themselves anyway).
  let cursor = "0";
  do {
    const [next, keys] = await raw.scan(cursor, "MATCH", `${RUN}*`, "COUNT", 1000);
    if (keys.length > 0) await raw.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  await raw.quit();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("rateLimitRules", () => {
  it("has the product limits", () => {
    expect(rateLimitRules).toEqual({
      register: { limit: 5, windowSeconds: 600 },
      signIn: { limit: 10, windowSeconds: 300 },
      ai: { limit: 20, windowSeconds: 60 },
      chat: { limit: 30, windowSeconds: 60 },
      mcp: { limit: 120, windowSeconds: 60 },
    });
  });

  it("rejects nonsensical overrides", () => {
    expect(() => createRateLimiter({ backend: "memory" }, { ai: { limit: 0, windowSeconds: 1 } })).toThrow(RangeError);
  });
});

const backends: [string, (keyPrefix: string) => RateLimiterOptions][] = [
  ["memory", (keyPrefix) => ({ backend: "memory", keyPrefix })],
  ["redis", (keyPrefix) => ({ backend: "redis", url: REDIS_URL, keyPrefix })],
];

describe.each(backends)("%s backend", (label, options) => {
  const limiters: RateLimiter[] = [];
  const make = (rules: Partial<Record<RateLimitName, RateLimitRule>>, prefix = `${RUN}:${label}`) => {
    const limiter = createRateLimiter(options(prefix), rules);
    limiters.push(limiter);
    return limiter;
  };
  afterAll(async () => {
    await Promise.all(limiters.map((limiter) => limiter.close()));
  });

  it("allows `limit` requests, then rejects with a sane retryAfterSeconds", async () => {
    const limiter = make({ signIn: { limit: 3, windowSeconds: 60 } });
    const key = `user:${randomUUID()}`;
    await roomInWindow(60_000, 3_000);

    const allowed = await checkTimes(limiter, "signIn", key, 3);
    expect(allowed.map((r) => [r.success, r.limit, r.remaining, r.retryAfterSeconds])).toEqual([
      [true, 3, 2, 0],
      [true, 3, 1, 0],
      [true, 3, 0, 0],
    ]);

    for (const rejected of await checkTimes(limiter, "signIn", key, 2)) {
      expect(rejected.success).toBe(false);
      expect(rejected.limit).toBe(3);
      expect(rejected.remaining).toBe(0);
      const secondsToReset = (rejected.resetAt.getTime() - Date.now()) / 1000;
      expect(secondsToReset).toBeGreaterThan(0);
      expect(secondsToReset).toBeLessThanOrEqual(60);
      expect(rejected.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(rejected.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(Math.abs(rejected.retryAfterSeconds - secondsToReset)).toBeLessThanOrEqual(1);
    }
  });

  it("keeps keys and rule names independent", async () => {
    const limiter = make({ signIn: { limit: 2, windowSeconds: 60 }, ai: { limit: 2, windowSeconds: 60 } });
    const [a, b] = [`ip:${randomUUID()}`, `ip:${randomUUID()}`];
    await roomInWindow(60_000, 3_000);

    await checkTimes(limiter, "signIn", a, 2);
    expect((await limiter.check("signIn", a)).success).toBe(false);
    expect((await limiter.check("signIn", b)).success).toBe(true);
    expect((await limiter.check("ai", a)).success).toBe(true);
  });

  it("allows again once the window has passed", async () => {
    const limiter = make({ ai: { limit: 2, windowSeconds: 1 } });
    const key = `user:${randomUUID()}`;
    await roomInWindow(1_000, 700);

    expect((await checkTimes(limiter, "ai", key, 2)).every((r) => r.success)).toBe(true);
    const rejected = await limiter.check("ai", key);
    expect(rejected.success).toBe(false);
    expect(rejected.retryAfterSeconds).toBe(1);

    await sleep(rejected.resetAt.getTime() - Date.now() + 50); // ≤ ~1.05 s
    const again = await limiter.check("ai", key);
    expect(again.success).toBe(true);
  });
});

describe("memory backend", () => {
  it("is per instance (single process only)", async () => {
    const [one, two] = [createRateLimiter({ backend: "memory" }), createRateLimiter({ backend: "memory" })];
    const key = `user:${randomUUID()}`;
    await checkTimes(one, "register", key, 5);
    expect((await one.check("register", key)).success).toBe(false);
    expect((await two.check("register", key)).success).toBe(true);
  });

  it("weights the previous window exactly like @upstash/ratelimit's sliding window", () => {
    const windows = new MemorySlidingWindow();
    const w = 10_000;
    const start = 1_000 * w; // a window boundary
    for (let i = 0; i < 4; i++) expect(windows.limit("k", 4, w, start + 1).success).toBe(true);
    expect(windows.limit("k", 4, w, start + 2).success).toBe(false);
    // 25 % into the next window: floor(0.75 * 4) = 3 of the previous window still count → 1 left.
    const next = windows.limit("k", 4, w, start + w + w / 4);
    expect(next).toEqual({ success: true, limit: 4, remaining: 0, reset: start + 2 * w });
    expect(windows.limit("k", 4, w, start + w + w / 4).success).toBe(false);
    // Two windows later nothing is left.
    expect(windows.limit("k", 4, w, start + 3 * w).remaining).toBe(3);
  });

  it("bounds its memory", () => {
    const windows = new MemorySlidingWindow(100);
    for (let i = 0; i < 1_000; i++) windows.limit(`k${i}`, 1, 60_000, 5_000);
    expect(windows.size).toBeLessThanOrEqual(100);
  });
});

describe("redis backend", () => {
  it("shares counts between limiter instances (nothing kept in process memory)", async () => {
    const rules = { ai: { limit: 3, windowSeconds: 60 } };
    const prefix = `${RUN}:shared`;
    const one = createRateLimiter({ backend: "redis", url: REDIS_URL, keyPrefix: prefix }, rules);
    const two = createRateLimiter({ backend: "redis", url: REDIS_URL, keyPrefix: prefix }, rules);
    try {
      const key = `user:${randomUUID()}`;
      await roomInWindow(60_000, 3_000);
      expect((await checkTimes(one, "ai", key, 2)).every((r) => r.success)).toBe(true);
      const third = await two.check("ai", key);
      expect(third).toMatchObject({ success: true, remaining: 0 });
      expect((await two.check("ai", key)).success).toBe(false);
      expect((await one.check("ai", key)).success).toBe(false);
      expect(await raw.keys(`${prefix}:ai:${key}:*`)).toHaveLength(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("fails open quickly when Redis is unreachable, still limiting per process, and says so", async () => {
    const errors = silenceErrors();
    const limiter = createRateLimiter(
      { backend: "redis", url: "redis://127.0.0.1:1", keyPrefix: `${RUN}:down` },
      { signIn: { limit: 2, windowSeconds: 60 } },
    );
    try {
      const key = `ip:${randomUUID()}`;
      await roomInWindow(60_000, 3_000);
      const started = Date.now();
      const first = await limiter.check("signIn", key);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(first).toMatchObject({ success: true, limit: 2, remaining: 1 });

      const startedRest = Date.now();
      const rest = await checkTimes(limiter, "signIn", key, 3);
      expect(Date.now() - startedRest).toBeLessThan(200); // fail fast while reconnecting
      expect(rest.map((r) => r.success)).toEqual([true, false, false]);

      const logged = loggedText(errors);
      expect(logged).toContain("OUTAGE");
      expect(logged).toContain("Redis");
      expect(errors).toHaveBeenCalledTimes(1); // one report, not one line per request
    } finally {
      await limiter.close();
    }
  });

  it("never hangs on a Redis that accepts connections but never answers", async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket); // accept, read, never reply
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    if (!address || typeof address === "string") throw new Error("no port");
    const errors = silenceErrors();
    const limiter = createRateLimiter({
      backend: "redis",
      url: `redis://127.0.0.1:${address.port}`,
      keyPrefix: `${RUN}:silent`,
      timeoutMs: 300,
    });
    try {
      const started = Date.now();
      const result = await limiter.check("ai", `user:${randomUUID()}`);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(result.success).toBe(true);
      expect(loggedText(errors)).toContain("OUTAGE");
    } finally {
      await limiter.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe("redis backend during a network partition", () => {
  /** A TCP proxy to the test Redis that can silently stop forwarding (packets lost, no close). */
  let proxy: Server;
  let paused = false;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    proxy = createServer((client) => {
      const upstream = connect(6379, "127.0.0.1");
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("error", () => undefined);
        socket.on("close", () => sockets.delete(socket));
      }
      client.on("data", (chunk) => paused || upstream.write(chunk));
      upstream.on("data", (chunk) => paused || client.write(chunk));
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  });

  it("times out once, then fails fast, and returns to Redis when the network heals", async () => {
    const errors = silenceErrors();
    const prefix = `${RUN}:partition`;
    const { port } = proxy.address() as AddressInfo;
    const limiter = createRateLimiter({ backend: "redis", url: `redis://127.0.0.1:${port}`, keyPrefix: prefix, timeoutMs: 400 });
    try {
      expect((await limiter.check("ai", "before")).success).toBe(true);
      expect(await raw.keys(`${prefix}:ai:before:*`)).toHaveLength(1);

      paused = true;
      let started = Date.now();
      expect((await limiter.check("ai", "during")).success).toBe(true); // waited for the deadline
      expect(Date.now() - started).toBeLessThan(1_000);
      started = Date.now();
      expect((await checkTimes(limiter, "ai", "during", 3)).every((r) => r.success)).toBe(true);
      expect(Date.now() - started).toBeLessThan(200); // connection dropped: fail fast, no more waiting
      expect(await raw.keys(`${prefix}:ai:during:*`)).toHaveLength(0);
      expect(loggedText(errors)).toContain("OUTAGE");

      paused = false;
      let recovered = false;
      for (let i = 0; i < 50 && !recovered; i++) {
        await limiter.check("ai", "after");
        recovered = (await raw.keys(`${prefix}:ai:after:*`)).length > 0;
        if (!recovered) await sleep(200);
      }
      expect(recovered).toBe(true);
      expect(loggedText(errors)).toContain("recovered");
    } finally {
      paused = false;
      await limiter.close();
    }
  }, 20_000);
});

describe("upstash backend (no Upstash here: outage behaviour only)", () => {
  it("fails open quickly when the REST endpoint refuses connections", async () => {
    const errors = silenceErrors();
    const limiter = createRateLimiter({ backend: "upstash", url: "http://127.0.0.1:1", token: "test" });
    const started = Date.now();
    const result = await limiter.check("signIn", `ip:${randomUUID()}`);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result).toMatchObject({ success: true, limit: 10, remaining: 9 });
    expect(loggedText(errors)).toContain("Upstash");
    await limiter.close();
  });

  it("fails open at the deadline when the REST endpoint never answers", async () => {
    const errors = silenceErrors();
    const silent = createHttpServer(() => undefined); // never responds
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const limiter = createRateLimiter({ backend: "upstash", url: `http://127.0.0.1:${port}`, token: "test", timeoutMs: 300 });
    try {
      const started = Date.now();
      const result = await limiter.check("ai", `user:${randomUUID()}`);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(result.success).toBe(true);
      expect(loggedText(errors)).toContain("OUTAGE");
    } finally {
      await limiter.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe("redis adapter (ioredis posing as @upstash/redis)", () => {
  const clients: IoredisUpstashAdapter[] = [];
  const adapter = () => {
    const created = new IoredisUpstashAdapter(createRedisClient(REDIS_URL, { timeoutMs: 1_500 }), 1_500);
    clients.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  it("is needed: stock Redis rejects @upstash/ratelimit's shebang", async () => {
    await expect(raw.eval(script, 1, "k", 1)).rejects.toThrow(/allow-key-locking|shebang|flag/i);
  });

  it("strips only the unsupported flag and keeps line numbers", () => {
    expect(toStockRedisScript("#!lua flags=allow-key-locking\nreturn 1")).toBe("\nreturn 1");
    expect(toStockRedisScript("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(toStockRedisScript("return 1")).toBe("return 1");
  });

  it("answers NOSCRIPT for an unknown sha, learns the script from eval, then serves evalsha", async () => {
    const client = adapter();
    const originalSha = sha1(script);
    await expect(client.evalsha(originalSha, [`${RUN}:k`], [1])).rejects.toThrow(/NOSCRIPT/);
    expect(await client.eval(script, [`${RUN}:k`], [1])).toEqual([2, `${RUN}:k`]);
    const evalsha = vi.spyOn(client.client, "evalsha");
    expect(await client.evalsha(originalSha, [`${RUN}:k`], [41])).toEqual([42, `${RUN}:k`]);
    expect(evalsha).toHaveBeenCalledTimes(1);
    expect(evalsha.mock.calls[0]?.[0]).toBe(sha1(toStockRedisScript(script)));
  });

  it("scriptLoad returns the sha of the script as given, usable with evalsha", async () => {
    const client = adapter();
    const other = `#!lua flags=allow-key-locking\n-- ${RUN} load\nreturn ARGV[1]`;
    expect(await client.scriptLoad(other)).toBe(sha1(other));
    expect(await client.evalsha(sha1(other), [], ["hello"])).toBe("hello");
  });

  it("serializes arguments and deserializes replies like @upstash/redis", async () => {
    const client = adapter();
    expect(await client.eval("return ARGV", [], [7, "text", true, null, { a: [1, 2] }])).toEqual([
      7,
      "text",
      true,
      null,
      { a: [1, 2] },
    ]);
    expect(await client.eval("return {1, '2', 'x', false, '007'}", [], [])).toEqual([1, 2, "x", null, "007"]);
    expect(await client.eval("return redis.status_reply('OK')", [], [])).toBe("OK");
  });

  it("drives @upstash/ratelimit with one EVALSHA per check once warmed up", async () => {
    const client = adapter();
    const limiter = new Ratelimit({
      redis: client as unknown as UpstashRedis,
      limiter: Ratelimit.slidingWindow(2, "60 s"),
      prefix: `${RUN}:direct`,
      ephemeralCache: false,
      enableTelemetry: false,
    });
    const key = randomUUID();
    await roomInWindow(60_000, 3_000);
    const evalsha = vi.spyOn(client.client, "evalsha");
    const evalScript = vi.spyOn(client.client, "eval");
    expect((await limiter.limit(key)).success).toBe(true); // EVALSHA (unknown → NOSCRIPT), then EVAL
    expect([evalsha.mock.calls.length, evalScript.mock.calls.length]).toEqual([1, 1]);
    expect((await limiter.limit(key)).success).toBe(true);
    expect((await limiter.limit(key)).success).toBe(false);
    expect([evalsha.mock.calls.length, evalScript.mock.calls.length]).toEqual([3, 1]);
  });
});

const haveRedisServer = spawnSync("redis-server", ["--version"]).status === 0;

describe.skipIf(!haveRedisServer)("recovery after a Redis outage", () => {
  let port = 0;
  let server: ChildProcess | null = null;

  async function freePort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const address = probe.address();
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    if (!address || typeof address === "string") throw new Error("no port");
    return address.port;
  }

  async function startRedis(): Promise<void> {
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    const probe = new IORedis(port, "127.0.0.1", { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
    probe.on("error", () => undefined);
    try {
      for (let i = 0; i < 100; i++) {
        try {
          if (probe.status !== "ready") await probe.connect();
          if ((await probe.ping()) === "PONG") return;
        } catch {
          await sleep(50);
        }
      }
      throw new Error("redis-server did not start");
    } finally {
      probe.disconnect();
    }
  }

  async function stopRedis(): Promise<void> {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL"); // a crash, not a graceful shutdown
    await exited;
  }

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
  });
  afterAll(async () => {
    await stopRedis();
  });

  it("fails open while Redis is down and uses Redis again (script cache empty) once it is back", async () => {
    const errors = silenceErrors();
    const url = `redis://127.0.0.1:${port}`;
    const prefix = `${RUN}:recovery`;
    const limiter = createRateLimiter({ backend: "redis", url, keyPrefix: prefix, timeoutMs: 500 });
    const scripts = new IoredisUpstashAdapter(createRedisClient(url, { timeoutMs: 500 }), 500);
    const inspect = new IORedis(port, "127.0.0.1", { retryStrategy: () => 100 });
    inspect.on("error", () => undefined);
    try {
      expect((await limiter.check("ai", "before")).success).toBe(true);
      expect(await inspect.keys(`${prefix}:ai:before:*`)).toHaveLength(1);
      expect(await scripts.eval(script, ["k"], [1])).toEqual([2, "k"]);

      await stopRedis();
      const started = Date.now();
      expect((await limiter.check("ai", "during")).success).toBe(true);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(loggedText(errors)).toContain("OUTAGE");

      await startRedis(); // a fresh server: no keys, no scripts
      let recovered = false;
      for (let i = 0; i < 50 && !recovered; i++) {
        await limiter.check("ai", "after");
        recovered = (await inspect.keys(`${prefix}:ai:after:*`).catch(() => [])).length > 0;
        if (!recovered) await sleep(200);
      }
      expect(recovered).toBe(true);
      expect(loggedText(errors)).toContain("recovered");

      // The adapter still maps the original sha; Redis lost the script → NOSCRIPT → EVAL, transparently.
      for (let i = 0; i < 50 && scripts.client.status !== "ready"; i++) await sleep(100);
      const evalScript = vi.spyOn(scripts.client, "eval");
      expect(await scripts.evalsha(sha1(script), ["k"], [2])).toEqual([3, "k"]);
      expect(evalScript).toHaveBeenCalledTimes(1);
    } finally {
      inspect.disconnect();
      await Promise.all([limiter.close(), scripts.close()]);
    }
  }, 30_000);
});

describe("enforceRateLimit (default, env-configured instance)", () => {
  it("throws RateLimitedError with retryAfterSeconds once over the limit", async () => {
    const key = `email:${randomUUID()}@example.com`;
    await roomInWindow(rateLimitRules.register.windowSeconds * 1000, 2_000);
    for (let i = 0; i < rateLimitRules.register.limit; i++) await enforceRateLimit("register", key);
    const error = await enforceRateLimit("register", key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const { retryAfterSeconds, message } = error as RateLimitedError;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(message).toBe(`Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`);
  });
});
