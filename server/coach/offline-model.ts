// The offline coach in the chat, as an AI SDK language model: streamText, the tools, persistence and
// the page run exactly as with a real model. Each call reads the conversation's last user message
// (offline-intents.ts): on the first step it answers with tool calls of the registry's tools, on the
// next steps — after the tool results are in the prompt — with a follow-up call (e.g. list_tasks →
// break_down_task on the matching task) or the text reply written from the results. It only ever acts
// through the tools it is given, which run as the signed-in user.
import "server-only";
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { type Intent, matchTask, parseIntent } from "./offline-intents";
import { type ToolResults, writeReply } from "./offline-replies";

export const OFFLINE_CHAT_MODEL_ID = "offline-coach-chat-1";

/** What the chat turn tells the offline coach (providerOptions.offlineChat); a real model ignores it. */
export interface OfflineChatOptions {
  now: string;
  timeZone: string;
  /** Why the offline coach answers although a model is configured ("budget", "error", ...). */
  reason?: string;
}

type ToolCall = { toolName: string; input: Record<string, unknown> };
type Decision = { calls: ToolCall[] } | { text: string };

interface Turn {
  message: string;
  results: ToolResults;
  /** Tool calls already made this turn, so no step repeats one. */
  called: Set<string>;
}

function textOf(content: Array<{ type: string; text?: string }>): string {
  return content
    .filter((p) => p.type === "text")
    .map((p) => p.text ?? "")
    .join("\n");
}

/** The last user message and every tool call and result after it. */
export function readTurn(prompt: LanguageModelV3Prompt): Turn {
  let last = -1;
  for (let i = prompt.length - 1; i >= 0; i--) {
    if (prompt[i]?.role === "user") {
      last = i;
      break;
    }
  }
  const message = last >= 0 ? textOf((prompt[last]?.content ?? []) as Array<{ type: string; text?: string }>) : "";
  const results: ToolResults = [];
  const called = new Set<string>();
  const names = new Map<string, string>();
  for (const msg of prompt.slice(last + 1)) {
    if (msg.role === "assistant") {
      for (const part of msg.content) {
        if (part.type === "tool-call") {
          names.set(part.toolCallId, part.toolName);
          called.add(part.toolName);
        }
      }
    }
    if (msg.role === "assistant" || msg.role === "tool") {
      for (const part of msg.content) {
        if (part.type !== "tool-result") continue;
        const out = part.output;
        const toolName = part.toolName || names.get(part.toolCallId) || "";
        if (out.type === "json") results.push({ toolName, ok: true, value: out.value });
        else if (out.type === "text") results.push({ toolName, ok: true, value: out.value });
        else if (out.type === "execution-denied") results.push({ toolName, ok: false, denied: true, error: out.reason ?? "denied" });
        else if (out.type === "error-text") results.push({ toolName, ok: false, error: out.value });
        else if (out.type === "error-json") results.push({ toolName, ok: false, error: JSON.stringify(out.value) });
      }
    }
  }
  return { message, results, called };
}

function lastResult(results: ToolResults, toolName: string) {
  for (let i = results.length - 1; i >= 0; i--) if (results[i]?.toolName === toolName) return results[i];
  return undefined;
}

function openTasks(results: ToolResults): Array<{ id: string; title: string }> {
  const value = lastResult(results, "list_tasks");
  if (!value?.ok || !value.value || typeof value.value !== "object") return [];
  const tasks = (value.value as { tasks?: unknown }).tasks;
  return Array.isArray(tasks)
    ? tasks.filter((t): t is { id: string; title: string } => typeof t === "object" && t !== null && typeof t.id === "string" && typeof t.title === "string")
    : [];
}

/** Acting on one named task: list the user's own tasks first, then call `toolName` on the match. */
function onTask(turn: Turn, toolName: string, target: string, input: (id: string) => Record<string, unknown>): Decision | null {
  if (!turn.called.has("list_tasks")) return { calls: [{ toolName: "list_tasks", input: {} }] };
  if (turn.called.has(toolName)) return null;
  const match = matchTask(target, openTasks(turn.results), turn.message);
  return match ? { calls: [{ toolName, input: input(match.id) }] } : null;
}

/** One step of the offline coach: the next tool calls, or the reply once nothing is left to call. */
export function decide(intent: Intent, turn: Turn, available: ReadonlySet<string>, options: OfflineChatOptions): Decision {
  const reply = (): Decision => ({ text: writeReply(intent, turn.results, { ...options, message: turn.message, available }) });
  const fresh = (calls: ToolCall[]): Decision => {
    const usable = calls.filter((c) => available.has(c.toolName) && !turn.called.has(c.toolName));
    return usable.length ? { calls: usable } : reply();
  };
  switch (intent.kind) {
    case "add":
      return fresh(intent.tasks.map((t) => ({ toolName: "create_task", input: { title: t.title, ...(t.dueAt ? { dueAt: t.dueAt } : {}) } })));
    case "breakdown":
      return (available.has("break_down_task") && onTask(turn, "break_down_task", intent.target, (id) => ({ id }))) || reply();
    case "complete":
      return (available.has("complete_task") && onTask(turn, "complete_task", intent.target, (id) => ({ id }))) || reply();
    case "delete":
      return (available.has("delete_task") && onTask(turn, "delete_task", intent.target, (id) => ({ id }))) || reply();
    case "focus": {
      if (!available.has("start_focus_session")) return reply();
      const minutes = intent.minutes && intent.minutes >= 5 && intent.minutes <= 180 ? { focusMinutes: intent.minutes } : {};
      if (!intent.target) return fresh([{ toolName: "start_focus_session", input: minutes }]);
      if (!turn.called.has("list_tasks")) return { calls: [{ toolName: "list_tasks", input: {} }] };
      if (turn.called.has("start_focus_session")) return reply();
      const match = matchTask(intent.target, openTasks(turn.results), turn.message);
      return match ? { calls: [{ toolName: "start_focus_session", input: { taskId: match.id, ...minutes } }] } : reply();
    }
    case "feeling": {
      const calls: ToolCall[] = intent.feelings.map((f) =>
        f.kind === "energy"
          ? { toolName: "log_energy", input: { energy: f.level, note: intent.note } }
          : { toolName: "log_mood", input: { mood: f.level, note: intent.note } },
      );
      // The open tasks too, for one tiny next step in the reply.
      return fresh([...calls, { toolName: "list_tasks", input: {} }]);
    }
    case "next":
      return fresh([
        { toolName: "get_day_plan", input: {} },
        { toolName: "list_tasks", input: {} },
      ]);
    case "progress":
      return fresh([{ toolName: "get_progress", input: {} }]);
    case "plan":
      return fresh([{ toolName: "replan_day", input: {} }]);
    case "search":
      return fresh([{ toolName: "search_memory", input: { query: intent.query } }]);
    case "list":
      return fresh([{ toolName: "list_tasks", input: {} }]);
    default:
      return reply();
  }
}

function options(call: LanguageModelV3CallOptions): OfflineChatOptions {
  const raw = call.providerOptions?.offlineChat as Partial<OfflineChatOptions> | undefined;
  return {
    now: typeof raw?.now === "string" ? raw.now : new Date().toISOString(),
    timeZone: typeof raw?.timeZone === "string" ? raw.timeZone : "UTC",
    ...(typeof raw?.reason === "string" ? { reason: raw.reason } : {}),
  };
}

function answer(call: LanguageModelV3CallOptions): Decision {
  const opts = options(call);
  const turn = readTurn(call.prompt);
  const available = new Set((call.tools ?? []).filter((t) => t.type === "function").map((t) => t.name));
  return decide(parseIntent(turn.message, new Date(opts.now), opts.timeZone), turn, available, opts);
}

function usage(text: string): LanguageModelV3Usage {
  // No model tokens are spent; output size in ~4-character tokens, like the chains' offline coach.
  return {
    inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: Math.ceil(text.length / 4), text: Math.ceil(text.length / 4), reasoning: 0 },
  };
}

let callCounter = 0;
function callId(): string {
  callCounter = (callCounter + 1) % 1_000_000_000;
  return `offline-${Date.now().toString(36)}-${callCounter.toString(36)}`;
}

function content(decision: Decision): LanguageModelV3Content[] {
  if ("text" in decision) return [{ type: "text", text: decision.text }];
  return decision.calls.map((c) => ({ type: "tool-call", toolCallId: callId(), toolName: c.toolName, input: JSON.stringify(c.input) }));
}

/** Words and the spaces after them, so the reply streams in like a model's. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

export function createOfflineChatModel({ delayMs = 12 }: { delayMs?: number } = {}): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "focusforge.offline",
    modelId: OFFLINE_CHAT_MODEL_ID,
    supportedUrls: {},
    async doGenerate(call) {
      const decision = answer(call);
      const parts = content(decision);
      const size = "text" in decision ? decision.text : JSON.stringify(parts);
      return {
        content: parts,
        finishReason: "text" in decision ? { unified: "stop", raw: "stop" } : { unified: "tool-calls", raw: "tool_calls" },
        usage: usage(size),
        warnings: [],
        response: { modelId: OFFLINE_CHAT_MODEL_ID, timestamp: new Date() },
      };
    },
    async doStream(call) {
      const decision = answer(call);
      const queue: LanguageModelV3StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", modelId: OFFLINE_CHAT_MODEL_ID, timestamp: new Date() },
      ];
      if ("text" in decision) {
        queue.push({ type: "text-start", id: "0" });
        for (const delta of pieces(decision.text)) queue.push({ type: "text-delta", id: "0", delta });
        queue.push({ type: "text-end", id: "0" });
        queue.push({ type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usage(decision.text) });
      } else {
        for (const part of content(decision)) if (part.type === "tool-call") queue.push(part);
        queue.push({ type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage: usage(JSON.stringify(decision.calls)) });
      }
      const signal = call.abortSignal;
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          async pull(controller) {
            if (signal?.aborted) return controller.error(signal.reason);
            const next = queue.shift();
            if (!next) return controller.close();
            controller.enqueue(next);
            // A short pause between words keeps the offline stream shaped like a real one (and stoppable).
            if (next.type === "text-delta" && delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
          },
        }),
      };
    },
  };
}
