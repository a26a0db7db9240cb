// The streamed capture: body { text } → the capture chain streamed as JSON text for
// `experimental_useObject`, tasks appearing one by one. Nothing is saved: the page shows the list for
// review and saves it with task.captureConfirm. Same order as every AI route: parse (400 naming the
// field) → auth (401) → the per-user "ai" limit (429) → stream, with headers saying who answered.
import "server-only";
import { captureInput } from "../orchestrator/capture-inputs";
import { startCapture } from "../orchestrator/capture";
import { streamChainResponse, type StreamRouteOptions } from "./stream-route";

export function streamCaptureResponse(request: Request, deps?: StreamRouteOptions<unknown, unknown>["deps"]) {
  return streamChainResponse(request, {
    rateLimit: "ai",
    input: captureInput,
    deps,
    run: (ctx, input) => startCapture(ctx, input, ctx.signal),
  });
}
