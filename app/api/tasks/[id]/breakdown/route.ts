// POST /api/tasks/:id/breakdown { spiciness } — streams the coach's steps for one of the user's tasks
// (or steps) as they are generated, then saves them. See server/api/breakdown-stream.ts.
import { streamTaskBreakdownResponse } from "@/server/api/breakdown-stream";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return streamTaskBreakdownResponse(request, id);
}
