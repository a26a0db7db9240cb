// `npm run -s bench -- chat`: time to first byte of POST /api/chat's handler (body parse → session
// cookie decoded like Auth.js does → "chat" rate limit → new conversation + user message saved →
// getUserContext → streamText with the 16 registry tools → UI message stream) with a mock model that
// answers at once, beside a bare handler that streams the same mock through streamText's UI message
// stream with none of our pipeline. Both are served by the same node:http adapter, one request at a
// time, so the difference is what our pipeline adds. Then a mock that sends 6 text pieces 25 ms apart
// checks that chunks reach the client as they are made (not buffered until the end).
// Runs in a process of its own with NODE_ENV=test (for the mock model switch); started by bench/run.ts
// (chat-launch.ts). DATABASE_URL set: a fresh database on that server (dropped afterwards); else
// in-memory PGlite. Env: BENCH_CHAT_REQUESTS (300), BENCH_CHAT_WARMUP (30), BENCH_CHAT_USERS (100).
// stdout: JSON lines; progress on stderr.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream, streamText } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { decode, encode } from "next-auth/jwt";
import { useModelForTests as setTestModel } from "../server/ai/providers";
import { mockUsage } from "../server/chains/testing";
import { handleChatRequest } from "../server/coach/turn";
import { insertUser } from "../server/db/queries/users";
import { createTestDb } from "../server/db/testing";
import { cleanupAll, log, onCleanup, percentile } from "./lib";

const int = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number`);
  return n;
};
const config = {
  requests: int("BENCH_CHAT_REQUESTS", 300),
  warmup: int("BENCH_CHAT_WARMUP", 30),
  users: int("BENCH_CHAT_USERS", 100),
};
const SECRET = `bench-chat-${randomUUID()}`;
const COOKIE = "authjs.session-token";

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A mock model: the answer in `pieces`, `delayMs` apart (0: all at once). */
function mockModel(pieces: string[], delayMs: number) {
  const parts = (): LanguageModelV3StreamPart[] => [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "t" },
    ...pieces.map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "t", delta })),
    { type: "text-end", id: "t" },
    { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: mockUsage },
  ];
  return new MockLanguageModelV3({
    doStream: async () => ({
      stream: delayMs > 0 ? simulateReadableStream({ chunks: parts(), chunkDelayInMs: delayMs, initialDelayInMs: 0 }) : simulateReadableStream({ chunks: parts(), chunkDelayInMs: null }),
    }),
  });
}

const AT_ONCE = ["Hi! ", "One small step: ", "open the report."];
const PACED = ["one ", "two ", "three ", "four ", "five ", "six"];

/** node:http → Web Request → handler → Web Response, streamed back chunk by chunk. */
function serve(handler: (request: Request) => Promise<Response>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
      signal: controller.signal,
    } as RequestInit);
    void handler(request)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.flushHeaders();
        if (!response.body) return res.end();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
        res.end();
      })
      .catch((error: unknown) => {
        log(`handler failed: ${(error as Error).message}`);
        res.destroy();
      });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

interface Timing {
  status: number;
  firstByteMs: number;
  /** When each body chunk arrived, ms after the request was sent. */
  arrivals: number[];
}

async function timedPost(url: string, body: unknown, cookie?: string): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const reader = response.body!.getReader();
  const arrivals: number[] = [];
  let firstByteMs = -1;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const at = performance.now() - started;
    if (firstByteMs < 0 && value.length > 0) firstByteMs = at;
    arrivals.push(at);
  }
  return { status: response.status, firstByteMs, arrivals };
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return { p50_ms: r(percentile(sorted, 50)), p95_ms: r(percentile(sorted, 95)), p99_ms: r(percentile(sorted, 99)) };
}

async function main(): Promise<void> {
  const handle = await createTestDb();
  onCleanup("bench chat database", () => handle.close());
  const db = handle.db;
  const db$ = async () => db;

  log(`seeding ${config.users} users`);
  const cookies: string[] = [];
  for (let i = 0; i < config.users; i++) {
    const user = await insertUser(db, { email: `chat-bench-${i}-${randomUUID()}@example.com`, name: `User ${i}`, passwordHash: "x" });
    if (!user) throw new Error("could not seed a user");
    const jwt = await encode({ token: { sub: user.id, name: user.name, email: user.email }, secret: SECRET, salt: COOKIE, maxAge: 3600 });
    cookies.push(`${COOKIE}=${jwt}`);
  }

  // Auth as Auth.js does it for a JWT session: read the cookie, decrypt and check the token.
  const userFrom = (request: Request) => async () => {
    const raw = request.headers.get("cookie")?.match(/authjs\.session-token=([^;]+)/)?.[1];
    if (!raw) return null;
    const token = await decode({ token: raw, secret: SECRET, salt: COOKIE });
    return token?.sub ? { id: token.sub, email: token.email ?? null, name: token.name ?? null } : null;
  };

  let model = mockModel(AT_ONCE, 0);
  const ours = await serve((request) => {
    setTestModel(model);
    return handleChatRequest(request, { user: userFrom(request), db: db$ });
  });
  const bare = await serve(async (request) => {
    await request.json();
    return streamText({ model, prompt: "hi" }).toUIMessageStreamResponse();
  });
  onCleanup("chat bench servers", () => {
    ours.close();
    bare.close();
  });
  const oursUrl = `http://127.0.0.1:${(ours.address() as AddressInfo).port}/api/chat`;
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/bare`;
  const body = () => ({ message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "what should I do about the report?" }] } });

  // Sanity: our route answers 200 for a cookie and 401 without one.
  const check = await timedPost(oursUrl, body(), cookies[0]);
  if (check.status !== 200) throw new Error(`/api/chat answered ${check.status}`);
  const anon = await timedPost(oursUrl, body());
  if (anon.status !== 401) throw new Error(`/api/chat without a cookie answered ${anon.status}, expected 401`);

  // Interleaved, one request at a time, so both see the same machine state.
  const oursTimes: number[] = [];
  const bareTimes: number[] = [];
  const total = config.warmup + config.requests;
  log(`measuring ${config.requests} requests each (after ${config.warmup} warm-up)`);
  for (let i = 0; i < total; i++) {
    const a = await timedPost(oursUrl, body(), cookies[i % cookies.length]);
    const b = await timedPost(bareUrl, body());
    if (a.status !== 200 || b.status !== 200) throw new Error(`request ${i}: HTTP ${a.status} / ${b.status}`);
    if (i >= config.warmup) {
      oursTimes.push(a.firstByteMs);
      bareTimes.push(b.firstByteMs);
    }
  }
  const o = summary(oursTimes);
  const b = summary(bareTimes);
  emit({
    bench: "chat.first_byte",
    ...o,
    baseline_p50_ms: b.p50_ms,
    baseline_p95_ms: b.p95_ms,
    added_p50_ms: Math.round((o.p50_ms - b.p50_ms) * 100) / 100,
    added_p95_ms: Math.round((o.p95_ms - b.p95_ms) * 100) / 100,
    goal_added_p95_ms: 30,
    requests: config.requests,
    db: process.env.DATABASE_URL ? "postgres" : "pglite",
    tools: 16,
  });

  // Unbuffered: six pieces 25 ms apart must arrive as several reads spread over ≥ 100 ms, not one lump.
  model = mockModel(PACED, 25);
  const paced = await timedPost(oursUrl, body(), cookies[1]);
  const pacedBare = await timedPost(bareUrl, body());
  const span = (t: Timing) => Math.round((t.arrivals[t.arrivals.length - 1]! - t.firstByteMs) * 10) / 10;
  emit({
    bench: "chat.chunks",
    reads: paced.arrivals.length,
    first_to_last_ms: span(paced),
    baseline_reads: pacedBare.arrivals.length,
    baseline_first_to_last_ms: span(pacedBare),
    unbuffered: paced.arrivals.length >= 6 && span(paced) >= 100,
  });
  setTestModel(undefined);
}

main()
  .then(() => 0)
  .catch((error: unknown) => {
    log(`chat bench failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });
