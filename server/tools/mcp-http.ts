// POST /api/mcp, the MCP Streamable HTTP endpoint, stateless: `Authorization: Bearer <API key>` →
// the key's owner (401 otherwise) → the "mcp" rate limit per key (429) → a fresh MCP server and
// web-standard transport for this one request, answering JSON. Nothing is kept between requests, so
// it runs the same on one Node process, several, or serverless. GET/DELETE (SSE streams, sessions)
// are not offered: 405.
import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Db } from "../db/client";
import { findActiveApiKey, touchApiKey } from "../db/queries/api-keys";
import { log } from "../log";
import { checkRateLimit } from "../ratelimit";
import { createMcpServer } from "./mcp-server";

/** last_used_at is written at most this often per key. */
export const LAST_USED_EVERY_MS = 60_000;

const REALM = 'Bearer realm="FocusForge MCP"';

function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ code, message }, { status, headers });
}

function unauthorized(message: string, invalidToken: boolean): Response {
  const challenge = invalidToken ? `${REALM}, error="invalid_token", error_description="The API key is not valid or was revoked"` : REALM;
  return errorResponse(401, "unauthorized:mcp", message, { "WWW-Authenticate": challenge });
}

/** The key in `Authorization: Bearer <key>`, or null when there is none. */
function bearer(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

async function defaultDb(): Promise<Db> {
  const { getDb } = await import("../db/client");
  return getDb();
}

export interface McpDeps {
  db?: () => Promise<Db>;
  now?: () => Date;
}

async function touch(db: Db, key: { id: string; lastUsedAt: Date | null }, now: Date) {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_EVERY_MS) return;
  try {
    await touchApiKey(db, { id: key.id, at: now, notBefore: new Date(now.getTime() - LAST_USED_EVERY_MS) });
  } catch (error) {
    log.warn("could not record an API key's last use", { keyId: key.id, error });
  }
}

export async function handleMcpPost(request: Request, deps: McpDeps = {}): Promise<Response> {
  const token = bearer(request);
  if (!token) return unauthorized("Send your FocusForge API key as Authorization: Bearer <key> (Settings → API keys).", false);
  let db: Db;
  let key: Awaited<ReturnType<typeof findActiveApiKey>>;
  try {
    db = await (deps.db ?? defaultDb)();
    key = await findActiveApiKey(db, token);
  } catch (error) {
    log.error("could not check an MCP API key", { error });
    return errorResponse(503, "unavailable:mcp", "FocusForge can't reach its database just now. Please try again in a moment.");
  }
  if (!key) return unauthorized("This API key is not valid or was revoked. Make a new one in Settings → API keys.", true);

  const limit = await checkRateLimit("mcp", `key:${key.id}`);
  if (!limit.success) {
    return errorResponse(429, "rate_limit:mcp", `Too many requests with this key. Try again in ${limit.retryAfterSeconds} s.`, {
      "Retry-After": String(limit.retryAfterSeconds),
    });
  }
  await touch(db, key, deps.now?.() ?? new Date());

  const server = createMcpServer({ db, userId: key.userId });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  try {
    await server.connect(transport);
    return await transport.handleRequest(request);
  } catch (error) {
    log.error("MCP request failed", { keyId: key.id, error });
    return errorResponse(500, "internal:mcp", "Something went wrong on our side. Please try again.");
  } finally {
    await server.close().catch((error: unknown) => log.warn("closing an MCP server failed", { error }));
  }
}

/** GET (an SSE stream) and DELETE (end a session) need sessions, which a stateless server has none of. */
export function mcpMethodNotAllowed(): Response {
  return errorResponse(405, "method_not_allowed:mcp", "This MCP server is stateless: send JSON-RPC with POST.", { Allow: "POST" });
}
