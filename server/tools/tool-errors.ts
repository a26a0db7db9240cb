// What a failed tool call tells its caller (a model, an MCP client): the domain error's own words
// ("Task not found", "title: Give the task a title"), or one calm sentence — never a stack trace or
// a database detail. Unexpected errors are logged here.
import "server-only";
import { DomainError, InvalidInputError, NotFoundError, RateLimitedError } from "../errors";
import { log } from "../log";

export interface ToolErrorInfo {
  kind: "not_found" | "invalid_input" | "rate_limited" | "failed" | "aborted";
  message: string;
}

export function toolError(error: unknown, context: { tool: string; via: string }): ToolErrorInfo {
  if (error instanceof NotFoundError) return { kind: "not_found", message: error.message };
  if (error instanceof InvalidInputError) return { kind: "invalid_input", message: `Invalid input — ${error.message}` };
  if (error instanceof RateLimitedError) return { kind: "rate_limited", message: error.message };
  if (error instanceof DomainError) return { kind: "failed", message: error.message };
  if (error instanceof Error && error.name === "AbortError") return { kind: "aborted", message: "The call was cancelled." };
  log.error("tool failed", { ...context, error });
  return { kind: "failed", message: "Something went wrong on our side running this tool. Nothing was changed by the failure; please try again." };
}
