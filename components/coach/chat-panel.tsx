"use client";
// One conversation with the coach: useChat over POST /api/chat (only the new message and the
// conversation id are sent; the server keeps the history), replies streamed as Markdown, tool calls
// as cards, Yes/No for destructive tools, Stop while it answers, and who answered (the offline coach).
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses, type UIMessage } from "ai";
import { type FormEvent, type KeyboardEvent, useState } from "react";
import { Button } from "../ui/button";
import { streamErrorMessage } from "../ui/coach-stream";
import { Markdown } from "./markdown";
import { ToolCard, type ToolPartLike } from "./tool-card";

/** What the server puts on a reply (server/coach/turn.ts ChatMetadata). */
export interface CoachMeta {
  conversationId?: string;
  provider?: string;
  offline?: boolean;
  fallbackReason?: string;
  stopped?: boolean;
}

export type CoachMessage = UIMessage<CoachMeta>;

/** The conversation a chat sends to; a new one learns its id from the first reply. */
class ConversationRef {
  constructor(public id: string | null) {}
  set(id: string) {
    this.id = id;
  }
}

const SUGGESTIONS = ["What should I do now?", "Add call mom tomorrow", "I'm exhausted", "Plan my day"];

function offlineNote(meta: CoachMeta | undefined): string | null {
  if (!meta?.offline) return null;
  if (meta.fallbackReason === "budget") return "Offline coach — today's AI budget is used up";
  if (meta.fallbackReason) return "Offline coach — the AI model couldn't answer";
  return "Offline coach";
}

function chatError(error: Error | undefined): string | null {
  const message = streamErrorMessage(error, "The reply was cut short. What you see is saved; you can ask again.");
  if (!message) return null;
  if (/too many attempts/i.test(message)) return `Let's slow down a little. ${message}`;
  return message;
}

/** Titles of the tasks a message's tool results mention, so a confirmation can name the task. */
function taskTitles(message: CoachMessage): Map<string, string> {
  const titles = new Map<string, string>();
  for (const part of message.parts) {
    const output = (part as { output?: unknown }).output;
    if (!output || typeof output !== "object") continue;
    const collect = (t: unknown) => {
      if (t && typeof t === "object" && typeof (t as { id?: unknown }).id === "string" && typeof (t as { title?: unknown }).title === "string") {
        titles.set((t as { id: string }).id, (t as { title: string }).title);
      }
    };
    collect((output as { task?: unknown }).task);
    const list = (output as { tasks?: unknown }).tasks;
    if (Array.isArray(list)) list.forEach(collect);
  }
  return titles;
}

export function ChatPanel({
  conversationId,
  initialMessages,
  onConversation,
}: {
  conversationId: string | null;
  initialMessages: CoachMessage[];
  /** A reply finished: the conversation it belongs to (new ones get their id here). */
  onConversation: (id: string) => void;
}) {
  const [input, setInput] = useState("");
  const [chatId] = useState(conversationId);
  // One transport for the chat's life; it reads the conversation id at send time (a new conversation
  // learns its id from the first reply).
  const [{ transport, current }] = useState(() => {
    const current = new ConversationRef(conversationId);
    const transport = new DefaultChatTransport<CoachMessage>({
      api: "/api/chat",
      prepareSendMessagesRequest: ({ messages }) => ({
        body: { ...(current.id ? { conversationId: current.id } : {}), message: messages[messages.length - 1] },
      }),
    });
    return { transport, current };
  });
  const { messages, sendMessage, status, stop, error, addToolApprovalResponse, clearError } = useChat<CoachMessage>({
    // The chat's id stays what it was at mount: a new conversation getting its id must not reset it.
    ...(chatId ? { id: chatId } : {}),
    messages: initialMessages,
    transport,
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    onFinish: ({ message }) => {
      const id = message.metadata?.conversationId;
      if (id) {
        current.set(id);
        onConversation(id);
      }
    },
  });
  const busy = status === "submitted" || status === "streaming";
  const lastMeta = [...messages].reverse().find((m) => m.role === "assistant")?.metadata;
  const badge = offlineNote(lastMeta);

  const send = (text: string) => {
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    clearError();
    void sendMessage({ text: trimmed });
    setInput("");
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send(input);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send(input);
    }
  };
  const errorText = chatError(error);

  return (
    <section aria-labelledby="chat-heading" className="flex min-h-[60vh] flex-1 flex-col gap-3" data-testid="coach-chat">
      <div className="flex items-center justify-between gap-2">
        <h2 id="chat-heading" className="text-lg font-semibold">
          Chat
        </h2>
        {badge ? (
          <span className="rounded-full border border-[var(--line)] px-2 py-0.5 text-xs text-[var(--muted)]" data-testid="offline-badge">
            {badge}
          </span>
        ) : null}
      </div>

      <ol className="flex flex-1 flex-col gap-3" aria-live="polite" aria-busy={busy} data-testid="chat-messages">
        {messages.length === 0 ? (
          <li className="text-[var(--muted)]">
            Tell me what&apos;s on your mind — I can add tasks, break them down, plan your day, or just help you start.
          </li>
        ) : null}
        {messages.map((message) => {
          const titles = message.role === "assistant" ? taskTitles(message) : null;
          return (
            <li
              key={message.id}
              className={message.role === "user" ? "self-end max-w-[85%] rounded-2xl bg-[var(--accent)] px-3 py-2 text-[var(--accent-ink)]" : "flex max-w-full flex-col gap-2"}
              data-testid={message.role === "user" ? "chat-user-message" : "chat-assistant-message"}
            >
              {message.role === "user" ? <span className="sr-only">You said:</span> : <span className="sr-only">Coach:</span>}
              {message.parts.map((part, i) => {
                if (part.type === "text") {
                  return message.role === "user" ? (
                    <p key={i} className="whitespace-pre-wrap">
                      {part.text}
                    </p>
                  ) : (
                    <Markdown key={i} text={part.text} />
                  );
                }
                if (part.type.startsWith("tool-")) {
                  return (
                    <ToolCard
                      key={(part as ToolPartLike).toolCallId ?? i}
                      part={part as ToolPartLike}
                      busy={busy || message.id !== messages[messages.length - 1]?.id}
                      describeTask={(id) => titles?.get(id) ?? null}
                      onApprove={(approvalId, approved) => void addToolApprovalResponse({ id: approvalId, approved })}
                    />
                  );
                }
                return null;
              })}
              {message.metadata?.stopped ? <p className="text-xs text-[var(--muted)]">Stopped.</p> : null}
            </li>
          );
        })}
        {status === "submitted" ? (
          <li className="text-[var(--muted)]" data-testid="chat-thinking">
            Thinking…
          </li>
        ) : null}
      </ol>

      {errorText ? (
        <div role="alert" className="rounded-lg border border-[var(--danger)] p-3 text-sm text-[var(--danger)]" data-testid="chat-error">
          {errorText}
        </div>
      ) : null}

      {messages.length === 0 ? (
        <div className="flex flex-wrap gap-2" aria-label="Suggestions">
          {SUGGESTIONS.map((s) => (
            <Button key={s} variant="quiet" onClick={() => send(s)} disabled={busy}>
              {s}
            </Button>
          ))}
        </div>
      ) : null}

      <form onSubmit={onSubmit} className="flex flex-col gap-2">
        <label htmlFor="chat-input" className="text-sm font-medium">
          Message the coach
        </label>
        <textarea
          id="chat-input"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          rows={2}
          maxLength={4000}
          placeholder="e.g. add call mom tomorrow"
          className="min-h-11 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
          data-testid="chat-input"
        />
        <div className="flex gap-2">
          <Button type="submit" disabled={busy || !input.trim()} data-testid="chat-send">
            Send
          </Button>
          {busy ? (
            <Button variant="quiet" onClick={() => void stop()} data-testid="chat-stop">
              Stop
            </Button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
