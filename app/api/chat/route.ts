// POST /api/chat { conversationId?, message } — one turn of the coach chat, streamed as an AI SDK UI
// message stream for useChat. See server/coach/turn.ts.
import { handleChatRequest } from "@/server/coach/turn";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleChatRequest(request);
}
