// The shape of one tool in the registry: what the coach chat, the MCP server and tRPC `mcp.call` all
// run. The user id always comes from the caller's session or API key (ToolCtx), never from the input.
import "server-only";
import type { z } from "zod";
import type { Db } from "../db/client";

export interface ToolCtx {
  db: Db;
  /** The signed-in user (session) or the API key's owner — never anything a model wrote. */
  userId: string;
  /** Which face is calling, for logs, usage and confirmation rules. */
  via: "chat" | "mcp" | "trpc";
  now?: Date;
  signal?: AbortSignal;
}

export interface ToolDef<Input extends z.ZodType = z.ZodType, Output = unknown> {
  /** snake_case, stable: assistants remember it. */
  name: string;
  /** A short human title for cards and MCP clients. */
  title: string;
  /** What it does and when to use it, written for a model. */
  description: string;
  input: Input;
  /** Changes or deletes what the user cannot get back: the chat asks the user before it runs. */
  destructive?: boolean;
  /** Only reads. */
  readOnly?: boolean;
  handler: (ctx: ToolCtx, input: z.output<Input>) => Promise<Output>;
}
