// The streamed "Break it down": body { spiciness } → the user's task (404 for anyone else's, before any
// model call) → the breakdown chain streamed as JSON text for `experimental_useObject` → on finish the
// steps are saved exactly as task.breakdown saves them. A cancelled request saves nothing.
import "server-only";
import { breakdownTaskInput } from "../orchestrator/task-inputs";
import { type BreakdownStreamSave, startTaskBreakdown } from "../orchestrator/tasks";
import { streamChainResponse, type StreamRouteOptions } from "./stream-route";

export const breakdownBody = breakdownTaskInput.pick({ spiciness: true });

export function streamTaskBreakdownResponse(request: Request, taskId: string, deps?: StreamRouteOptions<unknown, unknown>["deps"]) {
  let save: BreakdownStreamSave | undefined;
  return streamChainResponse(request, {
    rateLimit: "ai",
    input: breakdownBody,
    deps,
    run: async (ctx, body) => {
      const started = await startTaskBreakdown(ctx, { id: taskId, spiciness: body.spiciness }, ctx.signal);
      save = started.save;
      return started.stream;
    },
    onFinish: async (output, { meta }) => {
      await save?.(output, meta);
    },
  });
}
