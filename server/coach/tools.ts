// The registry's tools as AI SDK tools for the chat. Each runs through callTool with the user id of the
// SESSION (never anything the model wrote), so a model — or a prompt injection in a task title — can
// only reach this user's own data. Destructive tools wait for the user's approval in the chat.
import "server-only";
import { jsonSchema, type Schema, type ToolSet, tool } from "ai";
import type { JSONSchema7 } from "@ai-sdk/provider";
import { DomainError } from "../errors";
import { log } from "../log";
import { callTool, tools as registry, toolJsonSchema } from "../tools/registry";
import type { ToolCtx } from "../tools/types";

/** What the chat's tools run as: the signed-in user. */
export type ChatToolCtx = Omit<ToolCtx, "via">;

/** A tool's failure as the model and the page may see it: already free of internal details. */
export class ChatToolError extends Error {}

/** The error text a model (and the page) sees: domain errors in words, anything else without details. */
export function toolErrorText(error: unknown): string {
  if (error instanceof DomainError || error instanceof ChatToolError) return error.message;
  return "The tool failed on our side. Please try again in a moment.";
}

// Each tool's JSON Schema, made once per process: the model reads it; callTool validates the input with
// the tool's zod schema (→ "field: message" the model can fix), so the SDK need not validate twice.
const inputSchemas = new Map<string, Schema<unknown>>(registry.map((def) => [def.name, jsonSchema<unknown>(toolJsonSchema(def) as JSONSchema7)]));

export function chatTools(ctx: ChatToolCtx): ToolSet {
  const set: ToolSet = {};
  for (const def of registry) {
    set[def.name] = tool({
      title: def.title,
      description: def.description,
      inputSchema: inputSchemas.get(def.name) as Schema<unknown>,
      needsApproval: def.destructive === true,
      execute: async (input: unknown, { abortSignal }) => {
        try {
          return await callTool({ ...ctx, via: "chat", signal: abortSignal ?? ctx.signal }, def.name, input);
        } catch (error) {
          if (!(error instanceof DomainError)) log.error("chat tool failed", { tool: def.name, userId: ctx.userId, error });
          throw new ChatToolError(toolErrorText(error));
        }
      },
    });
  }
  return set;
}

/** Names of the tools that ask the user first. */
export function destructiveToolNames(): Set<string> {
  return new Set(registry.filter((t) => t.destructive).map((t) => t.name));
}
