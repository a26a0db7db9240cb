// Test helpers for the chat: post a turn to the handler as a user, read the UI message stream back as
// chunks, and mock models that call tools step by step (MockLanguageModelV3 from ai/test).
import "server-only";
import { randomUUID } from "node:crypto";
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { mockUsage } from "../chains/testing";
import type { Db } from "../db/client";
import { handleChatRequest } from "./turn";

export interface Chunk {
  type: string;
  [key: string]: unknown;
}

export function userMessage(text: string) {
  return { id: randomUUID(), role: "user" as const, parts: [{ type: "text" as const, text }] };
}

export function postChat(db: Db, as: { id: string } | null, body: unknown, signal?: AbortSignal, now?: Date) {
  const request = new Request("http://localhost/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal,
  });
  return handleChatRequest(request, { user: async () => as, db: async () => db, ...(now ? { now: () => now } : {}) });
}

/** Reads the SSE body into its JSON chunks (no "[DONE]"). */
export async function readChunks(response: Response): Promise<Chunk[]> {
  const text = await response.text();
  return parseSse(text);
}

export function parseSse(text: string): Chunk[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => line.slice(6))
    .filter((data) => data !== "[DONE]")
    .map((data) => JSON.parse(data) as Chunk);
}

export function replyText(chunks: Chunk[]): string {
  return chunks
    .filter((c) => c.type === "text-delta")
    .map((c) => String(c.delta))
    .join("");
}

export type Step = { text: string } | { calls: Array<{ toolName: string; input: unknown }> };

function parts(step: Step, index: number): LanguageModelV3StreamPart[] {
  if ("text" in step) {
    return [
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: "t" },
      ...step.text.split(/(?<= )/).map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "t", delta })),
      { type: "text-end", id: "t" },
      { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: mockUsage },
    ];
  }
  return [
    { type: "stream-start", warnings: [] },
    ...step.calls.map(
      (c, i): LanguageModelV3StreamPart => ({ type: "tool-call", toolCallId: `call-${index}-${i}`, toolName: c.toolName, input: JSON.stringify(c.input) }),
    ),
    { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage: mockUsage },
  ];
}

/** A model that plays `steps` in order, one per call (the last one repeats); records every prompt it saw. */
export function scriptedModel(steps: Step[], { chunkDelayMs = 0 } = {}) {
  const prompts: LanguageModelV3CallOptions["prompt"][] = [];
  let n = 0;
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      prompts.push(options.prompt);
      const index = Math.min(n++, steps.length - 1);
      return { stream: simulateReadableStream({ chunks: parts(steps[index] as Step, index), chunkDelayInMs: chunkDelayMs }) };
    },
  });
  return { model, prompts, calls: () => n };
}
