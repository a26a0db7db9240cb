// The tool registry: every tool the coach chat, the MCP server (/api/mcp) and tRPC mcp.call can run,
// one list. callTool validates the input with the tool's schema (→ InvalidInputError naming the
// field) and runs the handler as ctx.userId — the caller's session or API key, never the input.
import "server-only";
import { z } from "zod";
import { InvalidInputError, NotFoundError } from "../errors";
import { log } from "../log";
import { dayTools } from "./day";
import { focusTools } from "./focus";
import { memoryTools } from "./memory";
import { progressTools } from "./progress";
import { taskTools } from "./tasks";
import type { ToolCtx, ToolDef } from "./types";

export const tools: readonly ToolDef[] = [...taskTools, ...dayTools, ...focusTools, ...memoryTools, ...progressTools];

const byName = new Map(tools.map((t) => [t.name, t]));

export function getTool(name: string): ToolDef | undefined {
  return byName.get(name);
}

/** "field: message" for every issue; the first issue's path names the field of the error. */
function invalidInput(error: z.ZodError): InvalidInputError {
  const issues = error.issues.map((i) => ({ field: i.path.length ? i.path.join(".") : "input", message: i.message }));
  const [first, ...rest] = issues;
  const more = rest.map((i) => `; ${i.field}: ${i.message}`).join("");
  return new InvalidInputError(first?.field ?? "input", `${first?.message ?? "Invalid input"}${more}`);
}

export async function callTool(ctx: ToolCtx, name: string, rawInput: unknown): Promise<unknown> {
  const tool = getTool(name);
  if (!tool) throw new NotFoundError(`Tool "${String(name).slice(0, 64)}"`);
  // A tool without arguments may be called with none at all.
  const parsed = await tool.input.safeParseAsync(rawInput ?? {});
  if (!parsed.success) throw invalidInput(parsed.error);
  ctx.signal?.throwIfAborted();
  const started = Date.now();
  try {
    const output = await tool.handler(ctx, parsed.data);
    log.info("tool call", { tool: name, via: ctx.via, userId: ctx.userId, ms: Date.now() - started });
    return output;
  } catch (error) {
    log.info("tool call failed", { tool: name, via: ctx.via, userId: ctx.userId, ms: Date.now() - started, error: error instanceof Error ? error.name : "unknown" });
    throw error;
  }
}

const schemas = new WeakMap<ToolDef, Record<string, unknown>>();

/** zod spells out the regex behind `format: uuid` / `date-time`; the format alone says it in far fewer tokens. */
function dropFormatPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropFormatPatterns);
  if (!node || typeof node !== "object") return node;
  const entries = Object.entries(node as Record<string, unknown>);
  const formatted = entries.some(([k, v]) => k === "format" && typeof v === "string");
  return Object.fromEntries(entries.filter(([k]) => !(formatted && k === "pattern")).map(([k, v]) => [k, dropFormatPatterns(v)]));
}

/** The tool's input as JSON Schema (what a client may send; defaults make fields optional). */
export function toolJsonSchema(tool: ToolDef): Record<string, unknown> {
  const cached = schemas.get(tool);
  if (cached) return cached;
  const { $schema: _drop, ...raw } = z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  void _drop;
  const schema = dropFormatPatterns(raw) as Record<string, unknown>;
  schemas.set(tool, schema);
  return schema;
}
