// /api/mcp — FocusForge as an MCP server (Streamable HTTP, stateless) for assistants such as Claude
// Desktop or Cursor, authenticated with an API key from Settings. See server/tools/mcp-http.ts.
import { handleMcpPost, mcpMethodNotAllowed } from "@/server/tools/mcp-http";

export async function POST(request: Request) {
  return handleMcpPost(request);
}

export function GET() {
  return mcpMethodNotAllowed();
}

export function DELETE() {
  return mcpMethodNotAllowed();
}
