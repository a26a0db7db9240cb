// Streams a chain from an App Router route handler as text/plain JSON — what `experimental_useObject`
// from @ai-sdk/react reads — in the same order as every AI call here: parse the body (400 naming the
// field) → auth (401) → the per-user "ai" rate limit shared with aiProcedure (429 + Retry-After) →
// run → stream. Headers say who answered before the first byte: x-coach-provider, x-coach-fallback
// (+ x-coach-fallback-reason), x-coach-cache. The page cancels with useObject's stop(): the request
// aborts, its signal reaches the model call, and nothing after that is saved.
import "server-only";
import { z } from "zod";
import type { SessionUser } from "../auth/types";
import type { ChainMeta, StreamedChain } from "../chains/run";
import type { Db } from "../db/client";
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from "../errors";
import { log } from "../log";
import { checkRateLimit, type RateLimitName } from "../ratelimit";

export interface StreamRouteCtx {
  db: Db;
  userId: string;
  /** Aborts when the page cancels (useObject's stop()) or goes away. */
  signal: AbortSignal;
}

export interface StreamRouteOptions<I, T> {
  /** Which rate-limit rule applies (per user); "ai" unless a route has its own. */
  rateLimit?: RateLimitName;
  input: z.ZodType<I>;
  run: (ctx: StreamRouteCtx, input: I) => Promise<StreamedChain<T>>;
  /** Runs after the complete output arrived and validated, before the response ends (so a refetch sees it). */
  onFinish?: (output: T, info: { ctx: StreamRouteCtx; input: I; meta: ChainMeta }) => Promise<void>;
  /** Where the signed-in user and the database come from; tests inject these. */
  deps?: { user?: () => Promise<SessionUser | null>; db?: () => Promise<Db> };
}

/** `{ code: "type:surface", message }`, the answer of every route handler that fails. */
export function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ code, message }, { status, headers });
}

function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");
}

const domainStatus: [new (...args: never[]) => DomainError, number, string][] = [
  [InvalidInputError, 400, "bad_request:api"],
  [UnauthorizedError, 401, "unauthorized:auth"],
  [NotFoundError, 404, "not_found:api"],
  [ConflictError, 409, "conflict:api"],
  [RateLimitedError, 429, "rate_limit:api"],
  [UnavailableError, 503, "unavailable:api"],
];

function failure(error: unknown, signal: AbortSignal): Response {
  if (signal.aborted) return errorResponse(499, "aborted:api", "The request was cancelled.");
  for (const [type, status, code] of domainStatus) {
    if (error instanceof type) {
      const headers = error instanceof RateLimitedError ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
      return errorResponse(status, code, error.message, headers);
    }
  }
  log.error("streamed chain failed to start", { error });
  return errorResponse(503, "unavailable:coach", "The coach could not answer just now. Nothing was lost; please try again.");
}

async function defaultUser(): Promise<SessionUser | null> {
  // Loaded on first use so that importing this module (tests, tools) does not pull in Auth.js.
  const { sessionUser } = await import("../auth/session");
  return sessionUser();
}

async function defaultDb(): Promise<Db> {
  const { getDb } = await import("../db/client");
  return getDb();
}

export async function streamChainResponse<I, T>(request: Request, options: StreamRouteOptions<I, T>): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return errorResponse(400, "bad_request:api", "body: must be a JSON object");
  }
  const parsed = options.input.safeParse(body);
  if (!parsed.success) return errorResponse(400, "bad_request:api", zodMessage(parsed.error));

  const user = await (options.deps?.user ?? defaultUser)();
  if (!user) return errorResponse(401, "unauthorized:auth", "Please sign in first.");

  const limit = await checkRateLimit(options.rateLimit ?? "ai", `user:${user.id}`);
  if (!limit.success) {
    const error = new RateLimitedError(limit.retryAfterSeconds);
    return errorResponse(429, "rate_limit:api", error.message, { "Retry-After": String(limit.retryAfterSeconds) });
  }

  const ctx: StreamRouteCtx = { db: await (options.deps?.db ?? defaultDb)(), userId: user.id, signal: request.signal };
  let chain: StreamedChain<T>;
  try {
    chain = await options.run(ctx, parsed.data);
  } catch (error) {
    return failure(error, request.signal);
  }

  const encoder = new TextEncoder();
  const text = chain.textStream[Symbol.asyncIterator]();
  const body$ = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await text.next();
        if (!next.done) {
          controller.enqueue(encoder.encode(next.value));
          return;
        }
        const output = await chain.output;
        await options.onFinish?.(output, { ctx, input: parsed.data, meta: chain.meta });
        controller.close();
      } catch (error) {
        if (!request.signal.aborted) log.error("streamed chain failed while streaming", { error });
        controller.error(error);
      }
    },
    async cancel() {
      await text.return?.();
    },
  });

  const meta = chain.meta;
  const headers = new Headers({
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "x-accel-buffering": "no", // proxies must pass chunks on as they come
    "x-coach-provider": meta.provider,
    "x-coach-model": meta.modelId,
    "x-coach-fallback": String(meta.fallback),
    "x-coach-cache": meta.cacheHit ? "hit" : "miss",
  });
  if (meta.fallbackReason) headers.set("x-coach-fallback-reason", meta.fallbackReason);
  return new Response(body$, { status: 200, headers });
}
