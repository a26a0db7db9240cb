// Rate limiting for sign-up, sign-in and AI calls: sliding windows in Upstash, Redis or process memory.
//
// Store (chosen from the environment by server/env.ts → modes.rateLimit):
//   upstash  UPSTASH_REDIS_REST_URL + _TOKEN: @upstash/ratelimit over @upstash/redis (REST; Vercel-friendly).
//   redis    REDIS_URL: @upstash/ratelimit over ioredis through ./ratelimit/redis-adapter (stock Redis ≥ 6).
//   memory   neither: ./ratelimit/memory, the same sliding-window algorithm in this process only (dev,
//            single-process self-hosting). Several processes would each allow the full limit.
// Keys are `<prefix>:<name>:<key>:<window number>` with prefix "ff:rl" (e.g. ff:rl:signIn:ip:1.2.3.4:…).
// With Upstash or Redis nothing is kept in process memory (@upstash/ratelimit's ephemeral block cache is
// turned off), so every server instance sees the same counts.
//
// Failure policy — deliberately the same for every rule: fail OPEN to process-local limits.
//   Every store call is bounded: 1.5 s by default for connecting and for the request itself (Upstash:
//   an AbortSignal on the HTTP request; ioredis: connect/command timeouts, no offline queue, fail-fast
//   while reconnecting), plus an overall guard 250 ms later. If the store errors or misses the deadline,
//   the check is answered by an in-process MemorySlidingWindow with the same rule, and log.error (stderr)
//   names the outage (first failure, then at most every 30 s with a count; another line on recovery).
//   - register, signIn: failing closed would lock every user out of the app for the length of a Redis
//     outage — an outage of ours turned into an outage for them. Failing fully open would remove the
//     brute-force protection exactly when nobody is looking. Process-local limits keep a per-instance
//     cap (limit × number of instances) with no lock-out.
//   - ai: failing closed would disable the coach; fully open would leave model spend unbounded. Same
//     answer: per-instance caps until the store is back.
//   Recovery is automatic: Upstash is stateless HTTP; ioredis keeps reconnecting in the background
//   (≤ 2 s back-off) and the next check after "ready" uses Redis again.
// RATE_LIMIT_DISABLED=1 (benchmarks only) makes every check succeed; this is logged once, loudly.
import "server-only";

import { Ratelimit } from "@upstash/ratelimit";
import { Redis as UpstashRedis } from "@upstash/redis";

import { env, modes } from "./env";
import { RateLimitedError } from "./errors";
import { log } from "./log";
import { MemorySlidingWindow, type WindowResult } from "./ratelimit/memory";
import { IoredisUpstashAdapter, createRedisClient } from "./ratelimit/redis-adapter";

// The one RateLimitedError class (server/errors.ts), re-exported so that `instanceof` works everywhere:
// message "Too many attempts. Try again in 42 seconds.", field retryAfterSeconds.
export { RateLimitedError };

export type RateLimitName = "register" | "signIn" | "ai" | "chat" | "mcp";

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export const rateLimitRules: Record<RateLimitName, RateLimitRule> = {
  register: { limit: 5, windowSeconds: 10 * 60 },
  signIn: { limit: 10, windowSeconds: 5 * 60 },
  ai: { limit: 20, windowSeconds: 60 },
  /** Chat turns per user: a conversation is bursty, each turn may run several tool steps. */
  chat: { limit: 30, windowSeconds: 60 },
  /** MCP requests per API key: an assistant lists tools and calls several per user request. */
  mcp: { limit: 120, windowSeconds: 60 },
};

export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends; a rejected caller is certain to be allowed again by then. */
  resetAt: Date;
  /** 0 when successful, otherwise whole seconds (≥ 1) until resetAt. */
  retryAfterSeconds: number;
}

export type RateLimiterOptions = (
  | { backend: "memory" }
  | { backend: "redis"; url: string }
  | { backend: "upstash"; url: string; token: string }
) & {
  /** Key namespace; default "ff:rl". Tests use a random one. */
  keyPrefix?: string;
  /** Bound for connecting to / asking the store before failing open (ms); default 1500. */
  timeoutMs?: number;
};

export interface RateLimiter {
  check(name: RateLimitName, key: string): Promise<RateLimitResult>;
  close(): Promise<void>;
}

const DEFAULT_KEY_PREFIX = "ff:rl";
const DEFAULT_TIMEOUT_MS = 1500;
/** The overall guard fires this long after the store's own timeouts, which should have fired first. */
const GUARD_MARGIN_MS = 250;
const OUTAGE_LOG_INTERVAL_MS = 30_000;

/** One backend call: resolves with the window result or rejects (error or deadline). */
interface Store {
  limit(name: RateLimitName, key: string): Promise<WindowResult>;
  close(): Promise<void>;
}

function toResult(raw: WindowResult, now = Date.now()): RateLimitResult {
  return {
    success: raw.success,
    limit: raw.limit,
    remaining: Math.max(0, raw.remaining),
    resetAt: new Date(raw.reset),
    retryAfterSeconds: raw.success ? 0 : Math.max(1, Math.ceil((raw.reset - now) / 1000)),
  };
}

type Rules = Record<RateLimitName, RateLimitRule>;

function resolveRules(overrides: Partial<Rules> = {}): Rules {
  const rules = { ...rateLimitRules, ...overrides };
  for (const [name, rule] of Object.entries(rules)) {
    if (!Number.isInteger(rule.limit) || rule.limit < 1 || !(rule.windowSeconds > 0)) {
      throw new RangeError(`Invalid rate limit rule "${name}": ${JSON.stringify(rule)}`);
    }
  }
  return rules;
}

function memoryStore(rules: Rules, keyPrefix: string): Store & { clear(): void } {
  const windows = new MemorySlidingWindow();
  return {
    limit: (name, key) => {
      const rule = rules[name];
      return Promise.resolve(windows.limit(`${keyPrefix}:${name}:${key}`, rule.limit, rule.windowSeconds * 1000));
    },
    clear: () => windows.clear(),
    close: () => {
      windows.clear();
      return Promise.resolve();
    },
  };
}

/** @upstash/ratelimit over any client that speaks the @upstash/redis script API. */
function upstashRatelimitStore(
  redis: UpstashRedis,
  rules: Rules,
  keyPrefix: string,
  close: () => Promise<void>,
): Store {
  const limiters = new Map<RateLimitName, Ratelimit>();
  const limiterFor = (name: RateLimitName): Ratelimit => {
    let limiter = limiters.get(name);
    if (!limiter) {
      const rule = rules[name];
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds * 1000} ms`),
        prefix: `${keyPrefix}:${name}`,
        ephemeralCache: false, // counts live in Redis only, shared by all instances
        timeout: 0, // we apply our own deadline, which also covers errors (see failure policy)
        analytics: false,
        enableTelemetry: false,
      });
      limiters.set(name, limiter);
    }
    return limiter;
  };
  return {
    limit: async (name, key) => {
      const { success, limit, remaining, reset } = await limiterFor(name).limit(key);
      return { success, limit, remaining, reset };
    },
    close,
  };
}

function remoteStore(
  opts: Exclude<RateLimiterOptions, { backend: "memory" }>,
  rules: Rules,
  keyPrefix: string,
  timeoutMs: number,
): Store {
  if (opts.backend === "upstash") {
    const redis = new UpstashRedis({
      url: opts.url,
      token: opts.token,
      retry: { retries: 1, backoff: () => 50 },
      signal: () => AbortSignal.timeout(timeoutMs), // abort the HTTP request itself, not just our wait
      enableTelemetry: false,
    });
    return upstashRatelimitStore(redis, rules, keyPrefix, () => Promise.resolve());
  }
  const adapter = new IoredisUpstashAdapter(createRedisClient(opts.url, { timeoutMs }), timeoutMs);
  // The adapter implements only the script methods @upstash/ratelimit calls (see redis-adapter.ts).
  const redis = adapter as unknown as UpstashRedis;
  return upstashRatelimitStore(redis, rules, keyPrefix, () => adapter.close());
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Logs a store outage loudly but not once per request, and logs the recovery. */
class OutageLog {
  private down = false;
  private lastLoggedAt = 0;
  private unreported = 0;

  constructor(private readonly store: string) {}

  failure(name: RateLimitName, error: unknown): void {
    const now = Date.now();
    if (this.down && now - this.lastLoggedAt < OUTAGE_LOG_INTERVAL_MS) {
      this.unreported += 1;
      return;
    }
    log.error(`rate-limit store OUTAGE: ${this.store} is unreachable; failing open to per-process in-memory limits`, {
      store: this.store,
      check: name,
      failedChecksSinceLastReport: this.unreported,
      error,
    });
    this.down = true;
    this.lastLoggedAt = now;
    this.unreported = 0;
  }

  success(): void {
    if (!this.down) return;
    log.error(`rate-limit store recovered: ${this.store} is reachable again; shared limits restored`, {
      store: this.store,
      failedChecksSinceLastReport: this.unreported,
    });
    this.down = false;
    this.unreported = 0;
  }
}

/** A rate limiter over the given store. The app uses the env-configured default via checkRateLimit. */
export function createRateLimiter(
  opts: RateLimiterOptions,
  rules?: Partial<Record<RateLimitName, RateLimitRule>>,
): RateLimiter {
  const resolved = resolveRules(rules);
  const keyPrefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  if (opts.backend === "memory") {
    const store = memoryStore(resolved, keyPrefix);
    return {
      check: async (name, key) => toResult(await store.limit(name, key)),
      close: () => store.close(),
    };
  }

  const store = remoteStore(opts, resolved, keyPrefix, timeoutMs);
  const fallback = memoryStore(resolved, keyPrefix);
  const outage = new OutageLog(opts.backend === "upstash" ? "Upstash" : "Redis");
  let fallbackInUse = false;
  return {
    check: async (name, key) => {
      try {
        const guardMs = timeoutMs + GUARD_MARGIN_MS;
        const raw = await withDeadline(store.limit(name, key), guardMs, `the ${opts.backend} rate-limit store`);
        if (fallbackInUse) {
          fallbackInUse = false;
          fallback.clear(); // the outage's local counts are stale once the shared store is back
        }
        outage.success();
        return toResult(raw);
      } catch (error) {
        outage.failure(name, error);
        fallbackInUse = true;
        return toResult(await fallback.limit(name, key));
      }
    },
    close: async () => {
      await Promise.all([store.close(), fallback.close()]);
    },
  };
}

function disabledLimiter(rules: Rules): RateLimiter {
  return {
    check: (name) => {
      const { limit } = rules[name];
      return Promise.resolve({ success: true, limit, remaining: limit, resetAt: new Date(), retryAfterSeconds: 0 });
    },
    close: () => Promise.resolve(),
  };
}

function optionsFromEnv(): RateLimiterOptions {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token, REDIS_URL: redisUrl } = env;
  if (modes.rateLimit === "upstash" && url && token) return { backend: "upstash", url, token };
  if (modes.rateLimit === "redis" && redisUrl) return { backend: "redis", url: redisUrl };
  return { backend: "memory" };
}

// Kept on globalThis so that Next.js dev hot reloads reuse one Redis connection and one set of counts.
const holder = globalThis as typeof globalThis & { __focusforgeRateLimiter?: RateLimiter };

function defaultRateLimiter(): RateLimiter {
  if (holder.__focusforgeRateLimiter) return holder.__focusforgeRateLimiter;
  let limiter: RateLimiter;
  if (env.RATE_LIMIT_DISABLED) {
    const loud = env.NODE_ENV === "production" ? log.error : log.warn;
    loud("RATE_LIMIT_DISABLED is set: rate limiting is OFF for register, signIn and ai (benchmarks only)");
    limiter = disabledLimiter(rateLimitRules);
  } else {
    const opts = optionsFromEnv();
    if (opts.backend === "memory" && modes.database === "postgres") {
      log.warn(
        "rate limits are kept in memory: correct for a single server process only; " +
          "set REDIS_URL or UPSTASH_REDIS_REST_URL/TOKEN when running more than one",
      );
    }
    limiter = createRateLimiter(opts);
  }
  holder.__focusforgeRateLimiter = limiter;
  return limiter;
}

/** Counts one attempt for `key` under rule `name` and says whether it is allowed. Never throws for store outages. */
export async function checkRateLimit(name: RateLimitName, key: string): Promise<RateLimitResult> {
  return defaultRateLimiter().check(name, key);
}

/** Like checkRateLimit, but throws RateLimitedError when the attempt is not allowed. */
export async function enforceRateLimit(name: RateLimitName, key: string): Promise<void> {
  const result = await checkRateLimit(name, key);
  if (!result.success) throw new RateLimitedError(result.retryAfterSeconds);
}
