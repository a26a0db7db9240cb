// Lets @upstash/ratelimit run against a stock Redis (REDIS_URL) through ioredis: a minimal @upstash/redis look-alike.
//
// What @upstash/ratelimit 2.x calls on its `redis` object (read from its dist/index.mjs):
//   - evalsha(sha, keys, args) and, when the error text contains "NOSCRIPT", eval(script, keys, args)
//     (its `safeEval`): every limiter algorithm, getRemaining and resetUsedTokens. This is all FocusForge uses.
//   - get / set / del: only with `dynamicLimits` (we don't enable it).
//   - multi(), eval of the deny-list script: only with `enableProtection` (not enabled).
//   - the core-analytics commands (zadd, pipelines, ...): only with `analytics` (not enabled).
//   - addTelemetry?.(): optional-chained, so absent is fine.
// So this adapter implements eval, evalsha and scriptLoad (the last is not called by ratelimit 2.2 but is
// the third member of the script API and lets callers pre-load), with @upstash/redis's signatures.
//
// Why an adapter rather than ioredis directly: @upstash/ratelimit's Lua scripts start with
// `#!lua flags=allow-key-locking`, a flag only Upstash understands; stock Redis 7 refuses to load them
// ("Unexpected flag in script shebang"). We therefore rewrite the script before EVAL / SCRIPT LOAD (drop
// that flag, and the whole shebang line when nothing is left, keeping line numbers), and remember
// sha1(original) → { stripped script, sha1(stripped) }. @upstash/ratelimit always calls evalsha with
// sha1(original) (its precomputed hashes are exactly that), so a known sha is translated to the stripped
// script's sha, with the NOSCRIPT → EVAL fallback done here (e.g. after a Redis restart emptied the script
// cache). An unknown sha is forwarded unchanged; Redis answers NOSCRIPT and ratelimit falls back to eval,
// which teaches us the mapping — one extra round trip per script per process.
//
// Replies are post-processed the way @upstash/redis does by default (automatic deserialization: every
// string, also inside arrays, that parses as JSON becomes the parsed value, e.g. "12" → 12; Lua nil/false →
// null), and arguments are serialized like @upstash/redis (strings/numbers/booleans as-is, anything else
// JSON). Lua tables (arrays) come back as arrays in both clients; a HGETALL inside a script is a flat
// field/value array in both (the REST client does not turn EVAL results into objects), so nothing more to map.
//
// Connection policy (see server/ratelimit.ts for the overall failure policy): no offline queue, no
// re-sending of in-flight commands after a disconnect, bounded connect/command timeouts, the socket dropped
// after a timeout (a silent peer), fail-fast while not connected after a failure, and endless background
// reconnects with capped back-off — so a dead Redis fails requests fast and a recovered one is picked up
// automatically.
import "server-only";

import { createHash } from "node:crypto";
import { Redis as IORedis } from "ioredis";
import type { Redis as UpstashRedis } from "@upstash/redis";

/** The part of the @upstash/redis client that @upstash/ratelimit needs (see header). */
export type UpstashScriptClient = Pick<UpstashRedis, "eval" | "evalsha" | "scriptLoad">;

/** Thrown (fast) when Redis is not connected; the rate limiter treats it like any other store outage. */
export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisUnavailableError";
  }
}

export interface RedisClientOptions {
  /** Upper bound for connecting and for a single command, in ms. */
  timeoutMs: number;
}

/** An ioredis client configured so that an unreachable Redis never hangs or piles up requests. */
export function createRedisClient(url: string, { timeoutMs }: RedisClientOptions): IORedis {
  return new IORedis(url, {
    lazyConnect: true, // no I/O until the first rate-limit check
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    enableOfflineQueue: false, // while disconnected, fail instead of queueing
    autoResendUnfulfilledCommands: false, // never replay a counted request after a reconnect
    maxRetriesPerRequest: 0, // a command in flight when the connection drops fails at once
    // Keep reconnecting in the background (that is how we recover), at most every 2 s.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

const UNSUPPORTED_SHEBANG_FLAGS = new Set(["allow-key-locking"]);

/**
 * Rewrites an @upstash/ratelimit script so that stock Redis accepts it: drops shebang flags Redis does not
 * know, and the shebang line itself if no flag is left (a newline stays, so error line numbers still match).
 */
export function toStockRedisScript(script: string): string {
  if (!script.startsWith("#!")) return script;
  const eol = script.indexOf("\n");
  const shebang = eol === -1 ? script : script.slice(0, eol);
  const body = eol === -1 ? "" : script.slice(eol);
  const match = /^#!lua(?:[ \t]+flags=(\S*))?[ \t]*\r?$/.exec(shebang);
  if (!match) return script; // not a shebang we understand: let Redis report it
  const flags = (match[1] ?? "").split(",").filter((flag) => flag !== "" && !UNSUPPORTED_SHEBANG_FLAGS.has(flag));
  return flags.length > 0 ? `#!lua flags=${flags.join(",")}${body}` : body;
}

export function sha1(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

/** Argument serialization of @upstash/redis (`defaultSerializer`). */
function serializeArg(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "boolean":
      return String(value);
    default:
      return JSON.stringify(value) ?? "null";
  }
}

/** Reply deserialization of @upstash/redis (`parseResponse`, its default `automaticDeserialization`). */
function parseRecursive(value: unknown): unknown {
  const parsed: unknown = Array.isArray(value)
    ? value.map((item: unknown) => {
        try {
          return parseRecursive(item);
        } catch {
          return item;
        }
      })
    : JSON.parse(String(value));
  if (typeof parsed === "number" && parsed.toString() !== value) return value;
  return parsed;
}

export function parseUpstashReply(value: unknown): unknown {
  try {
    return parseRecursive(value);
  } catch {
    return value;
  }
}

function isNoScript(error: unknown): boolean {
  return `${String(error)}`.includes("NOSCRIPT");
}

interface KnownScript {
  /** What Redis actually runs. */
  body: string;
  /** sha1(body): what EVALSHA must use. */
  sha: string;
}

export class IoredisUpstashAdapter implements UpstashScriptClient {
  /** sha1(original script) → the stripped script. */
  private readonly scripts = new Map<string, KnownScript>();
  private readyWait: Promise<void> | null = null;
  /** True from a connection error/close until the next "ready": fail fast instead of waiting. */
  private degraded = false;
  private lastError: Error | null = null;

  constructor(
    readonly client: IORedis,
    private readonly readyTimeoutMs: number,
  ) {
    // An 'error' listener is mandatory (ioredis logs "Unhandled error event" otherwise); outages are
    // reported by the rate limiter, which sees the failed checks.
    client.on("error", (error: Error) => {
      this.lastError = error;
      this.degraded = true;
      // "Ready check failed: Command timed out": ioredis only half-closes the socket, which never finishes
      // against a peer that has gone silent (network partition), so the reconnect would never start.
      if (/timed out/i.test(error.message)) this.dropConnection();
    });
    client.on("close", () => {
      this.degraded = true;
    });
    client.on("ready", () => {
      this.degraded = false;
      this.lastError = null;
    });
  }

  eval = async <TArgs extends unknown[], TData = unknown>(
    ...[script, keys, args]: [script: string, keys: string[], args: TArgs]
  ): Promise<TData> => {
    const known = this.remember(script);
    await this.ready();
    const reply: unknown = await this.command(() =>
      this.client.eval(known.body, keys.length, ...keys, ...args.map(serializeArg)),
    );
    return parseUpstashReply(reply) as TData;
  };

  evalsha = async <TArgs extends unknown[], TData = unknown>(
    ...[sha, keys, args]: [sha1: string, keys: string[], args: TArgs]
  ): Promise<TData> => {
    const serialized = args.map(serializeArg);
    const known = this.scripts.get(sha.toLowerCase());
    await this.ready();
    const reply: unknown = await this.command(async () => {
      // Unknown to us: maybe loaded by someone else. Otherwise Redis says NOSCRIPT and the caller evals.
      if (!known) return this.client.evalsha(sha, keys.length, ...keys, ...serialized);
      try {
        return await this.client.evalsha(known.sha, keys.length, ...keys, ...serialized);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return this.client.eval(known.body, keys.length, ...keys, ...serialized);
      }
    });
    return parseUpstashReply(reply) as TData;
  };

  /** Loads the (stripped) script; returns sha1 of the script as given, which evalsha then understands. */
  scriptLoad = async (...[script]: [script: string]): Promise<string> => {
    const known = this.remember(script);
    await this.ready();
    await this.command(() => this.client.script("LOAD", known.body));
    return sha1(script);
  };

  async close(): Promise<void> {
    if (this.client.status === "ready") {
      try {
        await this.client.quit();
        return;
      } catch {
        // fall through to a hard disconnect
      }
    }
    this.client.disconnect();
  }

  /**
   * Runs one command. A command timeout on an apparently open connection means a silent peer: drop the
   * socket so that further checks fail fast (degraded) and ioredis reconnects in the background.
   */
  private async command<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && /timed out/i.test(error.message)) this.dropConnection();
      throw error;
    }
  }

  private dropConnection(): void {
    this.degraded = true;
    this.client.stream?.destroy(); // 'close' → ioredis reconnects per retryStrategy
  }

  private remember(script: string): KnownScript {
    const originalSha = sha1(script);
    let known = this.scripts.get(originalSha);
    if (!known) {
      const body = toStockRedisScript(script);
      known = { body, sha: sha1(body) };
      this.scripts.set(originalSha, known);
    }
    return known;
  }

  /**
   * Resolves when the client can take a command. The first connect (and a connect that has not failed yet)
   * is awaited for at most readyTimeoutMs; after a failure we fail immediately until ioredis's background
   * reconnect succeeds, so an outage costs requests no latency.
   */
  private ready(): Promise<void> {
    const { client } = this;
    if (client.status === "ready") return Promise.resolve();
    if (client.status === "end") {
      return Promise.reject(new RedisUnavailableError("Redis connection has been closed"));
    }
    if (this.degraded) {
      const cause = this.lastError ? `: ${this.lastError.message}` : "";
      return Promise.reject(
        new RedisUnavailableError(`Redis is unreachable (${client.status})${cause}`, { cause: this.lastError }),
      );
    }
    this.readyWait ??= new Promise<void>((resolve, reject) => {
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        client.off("ready", onReady);
        client.off("error", onError);
        client.off("close", onClose);
        this.readyWait = null;
        if (error) reject(error);
        else resolve();
      };
      const onReady = (): void => finish();
      const onError = (error: Error): void =>
        finish(new RedisUnavailableError(`Redis is unreachable: ${error.message}`, { cause: error }));
      const onClose = (): void => finish(new RedisUnavailableError("Redis connection closed while connecting"));
      const timer = setTimeout(
        () => finish(new RedisUnavailableError(`Redis did not become ready within ${this.readyTimeoutMs} ms`)),
        this.readyTimeoutMs,
      );
      client.on("ready", onReady);
      client.on("error", onError);
      client.on("close", onClose);
      if (client.status === "wait") client.connect().catch(() => undefined); // errors arrive as events
    });
    return this.readyWait;
  }
}
