// Input schema for mcp.callTool: which tool, and its arguments (checked by the tool's own schema).
import { z } from "zod";

export const callToolInput = z.object({
  name: z
    .string({ error: "Say which tool to call" })
    .min(1, "Say which tool to call")
    .max(64, "Tool names are at most 64 characters")
    .regex(/^[a-z][a-z0-9_]*$/, "Tool names are snake_case, e.g. list_tasks"),
  input: z.record(z.string(), z.unknown(), { error: "Give the tool's arguments as an object" }).default({}),
});

export type CallToolInput = z.infer<typeof callToolInput>;
