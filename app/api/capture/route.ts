// POST /api/capture { text } — streams the coach's reading of a brain dump or pasted email as a list of
// tasks for the user to review (nothing is saved here). See server/api/capture-stream.ts.
import { streamCaptureResponse } from "@/server/api/capture-stream";

export async function POST(request: Request) {
  return streamCaptureResponse(request);
}
