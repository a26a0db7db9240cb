// What a failed tool call says: domain errors in their own words, anything unexpected as one calm
// sentence without the error's details.
import { describe, expect, it, vi } from "vitest";
import { ConflictError, InvalidInputError, NotFoundError, RateLimitedError } from "@/server/errors";
import { toolError } from "./tool-errors";

const at = { tool: "complete_task", via: "mcp" };

describe("toolError", () => {
  it("keeps a domain error's words and says what kind it is", () => {
    expect(toolError(new NotFoundError("Task"), at)).toEqual({ kind: "not_found", message: "Task not found" });
    expect(toolError(new InvalidInputError("title", "Give the task a title"), at)).toEqual({
      kind: "invalid_input",
      message: "Invalid input — title: Give the task a title",
    });
    expect(toolError(new RateLimitedError(3), at)).toEqual({ kind: "rate_limited", message: "Too many attempts. Try again in 3 seconds." });
    expect(toolError(new ConflictError("A focus session is already running."), at)).toEqual({ kind: "failed", message: "A focus session is already running." });
  });

  it("never passes on an unexpected error's message or stack", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const leaky = new Error('relation "tasks" does not exist at /work/main/server/db/queries/tasks.ts:42');
    const said = toolError(leaky, at);
    // It goes to the log for us, not to the caller.
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('"msg":"tool failed"'));
    logged.mockRestore();
    expect(said.kind).toBe("failed");
    expect(said.message).not.toContain("relation");
    expect(said.message).not.toContain(".ts");
    const aborted = Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
    expect(toolError(aborted, at)).toEqual({ kind: "aborted", message: "The call was cancelled." });
  });
});
