// One chat turn, POST /api/chat: parse the body (400 naming the field) → auth (401) → the per-user
// "chat" rate limit (429 + Retry-After) → the conversation is the user's (404; none given → a new one,
// titled from the first message) → save the user's message → what memory knows (getUserContext) →
// streamText with the registry's tools, several steps → save the reply as it was shown (parts with tool
// calls and results; metadata: who answered) → one ai_usage row.
//
// Decisions:
// - The page sends only the new message; the history comes from the database, so a client can never
//   rewrite what the coach said or forge a tool result. Approvals come back as yes/no only (approvals.ts).
// - Stop: the request's signal aborts the model and any running tool; the partial reply (the words
//   and finished tool calls so far) IS saved, marked `stopped`, so the conversation reopens exactly as
//   the user saw it. A consumer of the response stream keeps running even when the page is gone.
// - Budget spent: the offline coach answers (metadata fallbackReason "budget"; the reply says so),
//   like every chain — a cost cap never leaves a user without an answer, and no model call is made.
import "server-only";
import { randomUUID } from "node:crypto";
import { convertToModelMessages, consumeStream, stepCountIs, streamText, type StepResult, type ToolSet } from "ai";
import type { SessionUser } from "../auth/types";
import { recordUsage } from "../chains/usage";
import type { Db } from "../db/client";
import { DomainError, InvalidInputError, NotFoundError, RateLimitedError } from "../errors";
import { log } from "../log";
import { getUserContext, type UserContext } from "../memory";
import {
  conversationMessages,
  findStoredMessage,
  openConversation,
  requireConversation,
  saveChatMessage,
  type StoredUIMessage,
} from "../orchestrator/conversations";
import { checkRateLimit } from "../ratelimit";
import { applyApprovals, denyOpenApprovals, waitsForApproval } from "./approvals";
import { type ChatRequest, chatRequestInput, messageText } from "./chat-inputs";
import { budgetSpent, type ChatAnswerer, chooseChatModel, OFFLINE_CHAT_MODEL_ID } from "./model";
import type { OfflineChatOptions } from "./offline-model";
import { systemPrompt } from "./prompt";
import { chatTools, toolErrorText } from "./tools";

/** Steps a turn may take (tool calls and the answer); the model must answer by then. */
export const MAX_STEPS = 6;
/** Messages of history the model sees; older ones stay in the conversation but not in the prompt. */
export const HISTORY_LIMIT = 40;

/** What the page reads on a reply (message.metadata). */
export interface ChatMetadata {
  conversationId: string;
  provider: string;
  modelId: string;
  offline: boolean;
  fallbackReason?: string;
  stopped?: boolean;
  [key: string]: unknown;
}

export interface ChatDeps {
  user?: () => Promise<SessionUser | null>;
  db?: () => Promise<Db>;
  now?: () => Date;
}

async function defaultUser(): Promise<SessionUser | null> {
  const { sessionUser } = await import("../auth/session");
  return sessionUser();
}

async function defaultDb(): Promise<Db> {
  const { getDb } = await import("../db/client");
  return getDb();
}

/** `{ code: "type:surface", message }`, like every route handler's failure. */
function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ code, message }, { status, headers });
}

function zodMessage(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join(".") : "body"}: ${i.message}`).join("; ");
}

function failure(error: unknown, signal: AbortSignal): Response {
  if (signal.aborted) return errorResponse(499, "aborted:chat", "The request was cancelled.");
  if (error instanceof NotFoundError) return errorResponse(404, "not_found:chat", error.message);
  if (error instanceof InvalidInputError) return errorResponse(400, "bad_request:chat", error.message);
  if (error instanceof RateLimitedError) {
    return errorResponse(429, "rate_limit:chat", error.message, { "Retry-After": String(error.retryAfterSeconds) });
  }
  if (error instanceof DomainError) return errorResponse(409, "conflict:chat", error.message);
  log.error("chat turn failed to start", { error });
  return errorResponse(503, "unavailable:chat", "The coach could not answer just now. Nothing was lost; please try again.");
}

/** Tokens the configured model spent in these steps (the offline coach's steps spend none). */
function modelTokens(steps: ReadonlyArray<StepResult<ToolSet>>): { inputTokens: number; outputTokens: number } {
  let inputTokens = 0;
  let outputTokens = 0;
  for (const step of steps) {
    if (step.response.modelId === OFFLINE_CHAT_MODEL_ID) continue;
    inputTokens += step.usage.inputTokens ?? 0;
    outputTokens += step.usage.outputTokens ?? 0;
  }
  return { inputTokens, outputTokens };
}

type Ctx = { db: Db; userId: string };
type UserMessage = Extract<ChatRequest["message"], { role: "user" }>;
type ApprovalMessage = Extract<ChatRequest["message"], { role: "assistant" }>;

/** 4. The conversation is the user's (or new), 5. the message is saved; the history the model sees. */
async function saveUserTurn(ctx: Ctx, id: string | undefined, message: UserMessage, text: string) {
  const { conversation, created } = await openConversation(ctx, { id, firstText: text });
  const conversationId = conversation.id;
  const userMessage: StoredUIMessage = { id: message.id, role: "user", parts: message.parts };
  if (created) {
    await saveChatMessage(ctx, conversationId, userMessage);
    return { conversationId, history: [userMessage] };
  }
  // A message id is written once: a retry of the same user message keeps what was saved, and no id
  // can overwrite one of the coach's replies.
  const existing = await findStoredMessage(ctx, conversationId, message.id);
  if (existing && existing.role !== "user") throw new InvalidInputError("message.id", "This message id is already taken");
  if (!existing) await saveChatMessage(ctx, conversationId, userMessage);
  const stored = (await conversationMessages(ctx, conversationId)).slice(-HISTORY_LIMIT);
  // Questions the user left unanswered count as "no" (every tool call then has its result).
  const history = await Promise.all(
    stored.map(async (m) => {
      if (m.role !== "assistant" || !waitsForApproval(m)) return m;
      const denied = denyOpenApprovals(m);
      await saveChatMessage(ctx, conversationId, denied);
      return denied;
    }),
  );
  return { conversationId, history };
}

/** The user's yes/no to the coach's questions, applied to the stored reply (4. + 5. for approvals). */
async function saveApprovals(ctx: Ctx, id: string, message: ApprovalMessage) {
  const conversationId = (await requireConversation(ctx, id)).id;
  const stored = await findStoredMessage(ctx, conversationId, message.id);
  if (!stored || stored.role !== "assistant") throw new NotFoundError("Message");
  await saveChatMessage(ctx, conversationId, applyApprovals(stored, message));
  return { conversationId, history: (await conversationMessages(ctx, conversationId)).slice(-HISTORY_LIMIT) };
}

export async function handleChatRequest(request: Request, deps: ChatDeps = {}): Promise<Response> {
  // 1. Parse.
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return errorResponse(400, "bad_request:chat", "body: must be a JSON object");
  }
  const parsed = chatRequestInput.safeParse(body);
  if (!parsed.success) return errorResponse(400, "bad_request:chat", zodMessage(parsed.error.issues));
  const input = parsed.data;

  // 2. Auth. 3. Rate limit.
  const user = await (deps.user ?? defaultUser)();
  if (!user) return errorResponse(401, "unauthorized:auth", "Please sign in first.");
  const limit = await checkRateLimit("chat", `user:${user.id}`);
  if (!limit.success) {
    const error = new RateLimitedError(limit.retryAfterSeconds);
    return errorResponse(429, "rate_limit:chat", error.message, { "Retry-After": String(limit.retryAfterSeconds) });
  }

  const db = await (deps.db ?? defaultDb)();
  const ctx = { db, userId: user.id };
  const signal = request.signal;
  const now = deps.now?.() ?? new Date();
  const started = Date.now();

  let conversationId: string;
  let answerer: ChatAnswerer;
  let history: StoredUIMessage[];
  let system: string;
  let timeZone: string;
  try {
    let context: UserContext;
    let spent: boolean;
    if (input.message.role === "user") {
      const text = messageText(input.message);
      // 6./7. What memory knows and whether the budget allows a model call don't depend on the
      // conversation, so they are read while 4./5. check it and save the message.
      const side = Promise.all([getUserContext(db, user.id, { about: text, now }), budgetSpent(db, user.id)]);
      side.catch(() => undefined); // a 404 below answers first; this result is then dropped
      ({ conversationId, history } = await saveUserTurn(ctx, input.conversationId, input.message, text));
      [context, spent] = await side;
    } else {
      ({ conversationId, history } = await saveApprovals(ctx, input.conversationId as string, input.message));
      const lastUser = [...history].reverse().find((m) => m.role === "user");
      const about = lastUser ? lastUser.parts.map((p) => (p.type === "text" ? p.text : "")).join(" ") : "";
      [context, spent] = await Promise.all([getUserContext(db, user.id, { about, now }), budgetSpent(db, user.id)]);
    }
    answerer = chooseChatModel(spent);
    timeZone = context.preferences.timeZone;
    system = systemPrompt(context, now);
  } catch (error) {
    return failure(error, signal);
  }

  const tools = chatTools({ db, userId: user.id, now, signal });
  const metadata = (): ChatMetadata => ({
    conversationId,
    provider: answerer.provider === "test" || answerer.provider === "openai" ? (answerer.fallback ? "offline" : answerer.provider) : "offline",
    modelId: answerer.fallback ? OFFLINE_CHAT_MODEL_ID : answerer.modelId,
    offline: answerer.provider === "offline" || answerer.fallback,
    ...(answerer.fallbackReason ? { fallbackReason: answerer.fallbackReason } : {}),
  });

  let usageRecorded = false;
  const writeUsage = async (steps: ReadonlyArray<StepResult<ToolSet>>, error?: string) => {
    if (usageRecorded) return;
    usageRecorded = true;
    const spent = modelTokens(steps);
    const meta = metadata();
    await recordUsage(db, {
      userId: user.id,
      chain: "chat",
      provider: meta.provider,
      modelId: meta.modelId,
      ...spent,
      latencyMs: Date.now() - started,
      cacheHit: false,
      fallback: answerer.fallback,
      error: error ?? answerer.fallbackReason ?? null,
    });
  };

  let result: ReturnType<typeof streamText<ToolSet>>;
  try {
    const offlineChat: OfflineChatOptions = {
      now: now.toISOString(),
      timeZone,
      ...(answerer.fallbackReason ? { reason: answerer.fallbackReason } : {}),
    };
    result = streamText({
      model: answerer.model,
      system,
      messages: await convertToModelMessages(history, { tools, ignoreIncompleteToolCalls: true }),
      tools,
      stopWhen: stepCountIs(MAX_STEPS),
      maxRetries: 0,
      abortSignal: signal,
      providerOptions: { offlineChat: { ...offlineChat } },
      onFinish: async ({ steps }) => writeUsage(steps),
      onAbort: async ({ steps }) => writeUsage(steps, "aborted"),
      onError: ({ error }) => {
        if (!signal.aborted) log.error("chat stream failed", { userId: user.id, error });
      },
    });
  } catch (error) {
    return failure(error, signal);
  }

  return result.toUIMessageStreamResponse<StoredUIMessage>({
    originalMessages: history,
    generateMessageId: randomUUID,
    headers: {
      "x-coach-provider": metadata().provider,
      "x-coach-model": metadata().modelId,
      "x-coach-fallback": String(answerer.fallback),
      "x-conversation-id": conversationId,
    },
    messageMetadata: ({ part }) => (part.type === "start" || part.type === "finish" ? metadata() : undefined),
    onError: (error) => toolErrorText(error),
    // 8. Save the reply — also when the user pressed Stop (the partial reply, marked stopped).
    onFinish: async ({ responseMessage, isAborted }) => {
      if (responseMessage.parts.length === 0) return;
      const meta: ChatMetadata = { ...metadata(), ...(isAborted ? { stopped: true } : {}) };
      try {
        await saveChatMessage(ctx, conversationId, { ...responseMessage, metadata: meta });
      } catch (error) {
        log.error("could not save the coach's reply", { userId: user.id, conversationId, error });
      }
    },
    // The reply is saved even if the page goes away mid-stream.
    consumeSseStream: ({ stream }) => consumeStream({ stream }),
  });
}
