// Runs one chain call — whole (runChain) or streamed (streamChain) — with structured output
// (Output.object + zod) on the configured model, and the reliability around it that every chain
// shares: a 30-minute result cache (cache.ts), the daily token budget (budget.ts), a circuit breaker
// per provider (breaker.ts), a timeout (AI_TIMEOUT_MS for the whole call), and one usage row per call
// (usage.ts). Whenever the configured model cannot answer — error, timeout, open breaker, budget
// spent — the offline coach answers the same request and meta says so (fallback + fallbackReason).
//
// Decisions:
// - Budget spent → the offline coach answers (meta.fallbackReason "budget"); nothing throws. A cost
//   cap must never leave a user stuck mid-task; request floods are the rate limiter's job.
// - Only answers of a real model are cached: a fallback is not (the model may be back in a minute),
//   and the offline coach is deterministic and free, so caching it would only add a write.
// - The cache key covers everything the model sees (model id, system, prompt — which carries the
//   user's memory context — and the chain's structured input), so a changed context misses.
// - A streamed call falls back only before its first chunk; after that the page already shows the
//   model's words, so a later failure ends the stream with an error (and counts for the breaker).
// - The caller aborting (the user pressed Stop) is not a provider failure: no fallback, no breaker count.
import "server-only";
import {
  type DeepPartial,
  generateText,
  type ModelMessage,
  Output,
  streamText,
  type TextStreamPart,
  type ToolSet,
  type UserContent,
} from "ai";
import type { z } from "zod";
import { offlineRequest, type OfflineRequest } from "../ai/offline-model";
import { type ModelChoice, offlineModel, type ProviderName } from "../ai/providers";
import type { Db } from "../db/client";
import { log } from "../log";
import type { CircuitBreaker } from "./breaker";
import {
  callerAborted,
  combined,
  errorClass,
  estimateTokens,
  plan,
  reasonFor,
  saveToCache,
  spentBy,
  timeoutSignal,
  tokenCount,
  untilAborted,
  usageRow,
} from "./plan";
import { recordUsage } from "./usage";

/** Why the offline coach answered instead of the configured model. */
export type FallbackReason = "error" | "timeout" | "breaker_open" | "budget";

export interface ChainMeta {
  provider: ProviderName;
  modelId: string;
  /** True when the configured model did not answer and the offline coach did instead. */
  fallback: boolean;
  fallbackReason?: FallbackReason;
  /** Whole call for runChain; time to the first chunk for streamChain (the final figure is in `finished`). */
  latencyMs: number;
  /** True when this answer came from the 30-minute result cache. */
  cacheHit: boolean;
  /** Model tokens this call spent, when known. */
  usage?: { inputTokens: number; outputTokens: number };
  /** True when `images` were shown to the model that answered. */
  sawImages?: boolean;
}

/** Who a chain runs for: the cache, usage records and token budget are per user. */
export interface ChainCtx {
  db: Db;
  userId: string;
}

export interface ChainResult<T> {
  output: T;
  meta: ChainMeta;
}

export interface ChainArgs<T> {
  ctx: ChainCtx;
  name: OfflineRequest["chain"];
  schema: z.ZodType<T>;
  system: string;
  prompt: string;
  /** Images (data: URLs) shown to the model with the prompt when it can see images; never cached. */
  images?: { dataUrl: string; mediaType: string }[];
  offline: OfflineRequest;
  abortSignal?: AbortSignal;
  /** Use the result cache (default true). */
  cache?: boolean;
  /** Overrides AI_TIMEOUT_MS for this call (tests, or a chain that needs longer). */
  timeoutMs?: number;
}

export interface StreamedChain<T> {
  /** Known before the first byte is sent: who is answering, and whether it is a fallback or cache hit. */
  meta: ChainMeta;
  partialOutputStream: AsyncIterable<DeepPartial<T>>;
  /** The raw JSON text as it arrives (what `experimental_useObject` parses on the page). */
  textStream: AsyncIterable<string>;
  /** The complete, schema-validated output; rejects if the stream fails after it started. */
  output: Promise<T>;
  /** Resolves once the stream has ended and usage (and the cache) are written, with the final meta. */
  finished: Promise<ChainMeta>;
}

// ----------------------------------------------------------------------------------------------
// runChain: the whole answer at once

/** The prompt as text, or as one user message with image parts when the model can see them. */
function input(args: ChainArgs<unknown>, choice: ModelChoice): { prompt: string } | { messages: ModelMessage[] } {
  if (!args.images?.length || !choice.seesImages) return { prompt: args.prompt };
  const content: UserContent = [
    { type: "text", text: args.prompt },
    ...args.images.map((image) => ({ type: "image" as const, image: image.dataUrl, mediaType: image.mediaType })),
  ];
  return { messages: [{ role: "user", content }] };
}

function sawImages(args: ChainArgs<unknown>, choice: ModelChoice): boolean {
  return Boolean(args.images?.length) && choice.seesImages;
}

async function generate<T>(args: ChainArgs<T>, choice: ModelChoice, signal: AbortSignal) {
  const call = generateText({
    model: choice.model,
    output: Output.object({ schema: args.schema }),
    system: args.system,
    ...input(args, choice),
    providerOptions: offlineRequest(args.offline),
    maxRetries: 1,
    abortSignal: signal,
  });
  const result = await untilAborted(call, signal);
  return { output: result.output as T, usage: tokenCount(result.totalUsage) };
}

function modelMeta(choice: ModelChoice, started: number, usage?: ChainMeta["usage"]): ChainMeta {
  return { provider: choice.provider, modelId: choice.modelId, fallback: false, latencyMs: Date.now() - started, cacheHit: false, ...(usage ? { usage } : {}) };
}

/** A call the user stopped: the prompt was (probably) sent, so estimate what it cost. */
function abortedMeta(args: ChainArgs<unknown>, choice: ModelChoice, started: number): ChainMeta {
  return modelMeta(choice, started, { inputTokens: estimateTokens(args.system.length + args.prompt.length), outputTokens: 0 });
}

/**
 * The configured model failed (before any output, for streams). A call the user stopped is rethrown
 * and counts against nobody; any other failure counts against the breaker and the offline coach answers.
 */
async function modelFailed(
  args: ChainArgs<unknown>,
  f: { choice: ModelChoice; breaker: CircuitBreaker; started: number; timeout: AbortSignal; error: unknown },
  what: string,
): Promise<{ reason: FallbackReason; failure: string }> {
  if (callerAborted(args)) {
    f.breaker.release();
    await recordUsage(args.ctx.db, usageRow(args, abortedMeta(args, f.choice, f.started), "aborted"));
    throw f.error;
  }
  f.breaker.recordFailure();
  const failure = errorClass(f.error, f.timeout);
  log.warn(`${what}; the offline coach answers instead`, { chain: args.name, provider: f.choice.provider, reason: failure, error: f.error });
  return { reason: reasonFor(f.timeout), failure };
}

export async function runChain<T>(args: ChainArgs<T>): Promise<ChainResult<T>> {
  const started = Date.now();
  const decided = await plan(args, started);
  if (decided.kind === "cached") {
    await recordUsage(args.ctx.db, usageRow(args, decided.meta));
    return { output: decided.output, meta: decided.meta };
  }

  let reason: FallbackReason | undefined;
  let spent: ChainMeta["usage"];
  let failure: string | undefined;
  if (decided.kind === "model") {
    const { choice, breaker } = decided;
    const timeout = timeoutSignal(args);
    try {
      const { output, usage } = await generate(args, choice, combined(timeout, args.abortSignal));
      breaker.recordSuccess();
      const meta: ChainMeta = { ...modelMeta(choice, started, usage), ...(sawImages(args, choice) ? { sawImages: true } : {}) };
      await saveToCache(args, decided.key, output, meta);
      await recordUsage(args.ctx.db, usageRow(args, meta));
      return { output, meta };
    } catch (error) {
      ({ reason, failure } = await modelFailed(args, { choice, breaker, started, timeout, error }, "chain failed"));
      spent = spentBy(error);
    }
  } else {
    reason = decided.reason;
    failure = decided.reason;
  }

  const offline = offlineModel();
  const { output } = await generate(args, offline, args.abortSignal ?? new AbortController().signal);
  const meta: ChainMeta = {
    provider: "offline",
    modelId: offline.modelId,
    fallback: reason !== undefined,
    ...(reason ? { fallbackReason: reason } : {}),
    latencyMs: Date.now() - started,
    cacheHit: false,
    ...(spent ? { usage: spent } : {}),
  };
  await recordUsage(args.ctx.db, usageRow(args, meta, failure));
  return { output, meta };
}

// ----------------------------------------------------------------------------------------------
// streamChain: partial output as it is generated

/** The parts of an AI SDK stream that streamChain hands on or watches. */
interface ModelStream<T> {
  fullStream: AsyncIterable<TextStreamPart<ToolSet>>;
  partialOutputStream: AsyncIterable<DeepPartial<T>>;
  textStream: AsyncIterable<string>;
  output: PromiseLike<T>;
}

function startStream<T>(args: ChainArgs<T>, choice: ModelChoice, signal: AbortSignal): ModelStream<T> {
  return streamText({
    model: choice.model,
    output: Output.object({ schema: args.schema }),
    system: args.system,
    ...input(args, choice),
    providerOptions: offlineRequest(args.offline),
    maxRetries: 1,
    abortSignal: signal,
    // Failures are handled below: before the first chunk by falling back, after it by ending the stream.
    onError: () => {},
  });
}

type Parts = AsyncIterator<TextStreamPart<ToolSet>>;

/** Reads the stream up to its first piece of text; throws if it fails, is aborted or ends before that. */
async function firstChunk(stream: Pick<ModelStream<unknown>, "fullStream">, signal: AbortSignal): Promise<{ parts: Parts; chars: number }> {
  const parts = stream.fullStream[Symbol.asyncIterator]();
  try {
    for (;;) {
      const { value, done } = await untilAborted(parts.next(), signal);
      if (done) throw new Error("The model ended its answer before saying anything.");
      if (value.type === "error") throw value.error instanceof Error ? value.error : new Error(String(value.error));
      if (value.type === "abort") throw signal.aborted ? (signal.reason as Error) : new Error("The model stream was aborted.");
      if (value.type === "text-delta" && value.text.length > 0) return { parts, chars: value.text.length };
    }
  } catch (error) {
    void parts.return?.();
    throw error;
  }
}

interface Drained {
  usage?: { inputTokens: number; outputTokens: number };
  chars: number;
  error?: unknown;
}

/** Follows the rest of the stream in the background (the page reads its own copy) for usage and errors. */
async function drain(parts: Parts, chars: number, signal: AbortSignal): Promise<Drained> {
  const drained: Drained = { chars };
  try {
    for (;;) {
      const { value, done } = await untilAborted(parts.next(), signal);
      if (done) break;
      if (value.type === "text-delta") drained.chars += value.text.length;
      else if (value.type === "finish") drained.usage = tokenCount(value.totalUsage);
      else if (value.type === "error") drained.error ??= value.error;
    }
  } catch (error) {
    drained.error ??= error;
  }
  return drained;
}

async function* once<V>(value: V): AsyncGenerator<V> {
  yield value;
}

function cachedStream<T>(output: T, meta: ChainMeta): StreamedChain<T> {
  return {
    meta,
    partialOutputStream: once(output as DeepPartial<T>),
    textStream: once(JSON.stringify(output)),
    output: Promise.resolve(output),
    finished: Promise.resolve(meta),
  };
}

/** Hands the stream on and, when it ends, settles the breaker, the cache and the usage row. */
function track<T>(
  args: ChainArgs<T>,
  stream: ModelStream<T>,
  opened: { parts: Parts; chars: number },
  meta: ChainMeta,
  opts: {
    started: number;
    signal: AbortSignal;
    /** The configured model's breaker; absent when the offline coach answers. */
    breaker?: CircuitBreaker;
    timeout?: AbortSignal;
    cacheKey?: string | null;
    failure?: string;
  },
): StreamedChain<T> {
  const output = Promise.resolve(stream.output);
  output.catch(() => {}); // the caller may never await it; its failure is handled in `finished`
  const model = opts.breaker ?? null;
  const finished = (async (): Promise<ChainMeta> => {
    const drained = await drain(opened.parts, opened.chars, opts.signal);
    const result = await output.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: drained.error ?? error }),
    );
    const final: ChainMeta = { ...meta, latencyMs: Date.now() - opts.started };
    // The offline coach reports a size estimate as usage; only a real model's tokens are spent.
    if (drained.usage && model) final.usage = drained.usage;
    if (result.ok) {
      model?.recordSuccess();
      if (model) await saveToCache(args, opts.cacheKey ?? null, result.value, final);
      await recordUsage(args.ctx.db, usageRow(args, final, opts.failure));
      return final;
    }
    const aborted = callerAborted(args);
    if (aborted) model?.release();
    else model?.recordFailure();
    if (model && !final.usage) {
      // Cut short before the provider reported usage: estimate so the budget still sees the spend.
      final.usage = { inputTokens: estimateTokens(args.system.length + args.prompt.length), outputTokens: estimateTokens(drained.chars) };
    }
    const failure = aborted ? "aborted" : errorClass(result.error, opts.timeout ?? new AbortController().signal);
    if (!aborted) log.warn("chain stream failed after it started", { chain: args.name, provider: meta.provider, reason: failure, error: result.error });
    await recordUsage(args.ctx.db, usageRow(args, final, failure));
    return final;
  })();
  finished.catch((error: unknown) => log.error("chain stream bookkeeping failed", { chain: args.name, error }));
  return { meta, partialOutputStream: stream.partialOutputStream, textStream: stream.textStream, output, finished };
}

/**
 * Streams a chain's structured output. Resolves once the first chunk has arrived (so `meta` says who
 * is answering before the caller sends a byte); if the model fails or times out before that — or
 * the breaker is open, or the budget is spent — the offline coach's stream is returned instead.
 * Throws only if the caller aborted, or if the offline coach itself cannot answer.
 */
export async function streamChain<T>(args: ChainArgs<T>): Promise<StreamedChain<T>> {
  const started = Date.now();
  const decided = await plan(args, started);
  if (decided.kind === "cached") {
    await recordUsage(args.ctx.db, usageRow(args, decided.meta));
    return cachedStream(decided.output, decided.meta);
  }

  let reason: FallbackReason | undefined;
  let failure: string | undefined;
  if (decided.kind === "model") {
    const { choice, breaker } = decided;
    const timeout = timeoutSignal(args);
    const signal = combined(timeout, args.abortSignal);
    const stream = startStream(args, choice, signal);
    try {
      const opened = await firstChunk(stream, signal);
      const meta: ChainMeta = { ...modelMeta(choice, started), ...(sawImages(args, choice) ? { sawImages: true } : {}) };
      return track(args, stream, opened, meta, { started, signal, breaker, timeout, cacheKey: decided.key });
    } catch (error) {
      ({ reason, failure } = await modelFailed(args, { choice, breaker, started, timeout, error }, "chain stream failed before its first chunk"));
    }
  } else {
    reason = decided.reason;
    failure = decided.reason;
  }

  const offline = offlineModel();
  const signal = args.abortSignal ?? new AbortController().signal;
  const stream = startStream(args, offline, signal);
  const opened = await firstChunk(stream, signal);
  const meta: ChainMeta = {
    provider: "offline",
    modelId: offline.modelId,
    fallback: reason !== undefined,
    ...(reason ? { fallbackReason: reason } : {}),
    latencyMs: Date.now() - started,
    cacheHit: false,
  };
  return track(args, stream, opened, meta, { started, signal, failure });
}
