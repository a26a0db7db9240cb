// defineTool: type-checks a tool's handler against its own input schema, then widens it to the
// registry's ToolDef. Safe because callTool always parses the input with that schema first.
import "server-only";
import type { z } from "zod";
import type { ToolDef } from "./types";

export function defineTool<I extends z.ZodType, O>(def: ToolDef<I, O>): ToolDef {
  return def as unknown as ToolDef;
}
