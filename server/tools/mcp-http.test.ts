// The MCP endpoint with the SDK's own client: a node:http server in this process turns each
// IncomingMessage into a web Request for the route's handler (POST → handleMcpPost on the test
// database; GET/DELETE → the route file's exports) and writes its Response back. Covers listing and
// calling tools, 401 on a missing/wrong/revoked key, another user's task, 405 and the 429 limit.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as route from "@/app/api/mcp/route";
import { insertApiKey, revokeApiKey } from "@/server/db/queries/api-keys";
import { findTask } from "@/server/db/queries/tasks";
import { apiKeys } from "@/server/db/schema";
import { checkRateLimit, rateLimitRules } from "@/server/ratelimit";
import { makeUser, setupTestDb } from "@/test/harness";
import { handleMcpPost, LAST_USED_EVERY_MS } from "./mcp-http";
import { tools } from "./registry";

const t = setupTestDb();
let server: Server;
let url: URL;
let clock = new Date("2026-11-23T09:00:00Z");

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
}

async function send(res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Like Next.js: the route file's exports by method, with the POST handler bound to the test database. */
async function handle(req: IncomingMessage, res: ServerResponse) {
  const request = await toRequest(req, url.origin);
  const response =
    request.method === "POST"
      ? await handleMcpPost(request, { db: async () => t.db, now: () => clock })
      : request.method === "GET"
        ? route.GET()
        : request.method === "DELETE"
          ? route.DELETE()
          : new Response(null, { status: 405 });
  await send(res, response);
}

async function connect(key: string | null): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: key ? { headers: { Authorization: `Bearer ${key}` } } : undefined,
  });
  const client = new Client({ name: "focusforge-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const text = (result: Awaited<ReturnType<Client["callTool"]>>) => (result.content as { type: string; text: string }[])[0]?.text ?? "";
const json = (result: Awaited<ReturnType<Client["callTool"]>>) => JSON.parse(text(result)) as Record<string, unknown>;

let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;
let aliceKey: { key: string; id: string };
let bobKey: { key: string; id: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/mcp`);
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
  const a = await insertApiKey(t.db, { userId: alice.id, name: "Claude Desktop" });
  const b = await insertApiKey(t.db, { userId: bob.id, name: "Cursor" });
  aliceKey = { key: a.key, id: a.apiKey.id };
  bobKey = { key: b.key, id: b.apiKey.id };
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

describe("POST /api/mcp with the MCP SDK client", () => {
  it("lists every registry tool with its schema and hints", async () => {
    const client = await connect(aliceKey.key);
    expect(client.getServerVersion()).toMatchObject({ name: "focusforge" });
    expect(client.getInstructions()).toMatch(/FocusForge/);
    const { tools: listed } = await client.listTools();
    expect(listed.map((x) => x.name).sort()).toEqual(tools.map((x) => x.name).sort());
    const del = listed.find((x) => x.name === "delete_task");
    expect(del?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
    expect(del?.inputSchema).toMatchObject({ type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" } } });
    expect(listed.find((x) => x.name === "list_tasks")?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    // A writing tool that is not destructive says so (MCP assumes destructive otherwise).
    expect(listed.find((x) => x.name === "create_task")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    await client.close();
  });

  it("creates a task, then completes it, as the key's owner", async () => {
    const client = await connect(aliceKey.key);
    const created = await client.callTool({ name: "create_task", arguments: { title: "Book the dentist", estimateMinutes: 10 } });
    expect(created.isError).toBeFalsy();
    const task = json(created).task as { id: string; title: string };
    expect(task.title).toBe("Book the dentist");
    expect(created.structuredContent).toMatchObject({ task: { id: task.id } });
    expect(await findTask(t.db, { userId: alice.id, id: task.id })).toMatchObject({ status: "todo" });

    const done = await client.callTool({ name: "complete_task", arguments: { id: task.id } });
    expect(done.isError).toBeFalsy();
    expect(json(done)).toMatchObject({ newlyCompleted: true, task: { id: task.id, status: "done" } });
    expect((json(done).points as { awarded: number }).awarded).toBeGreaterThan(0);
    expect(await findTask(t.db, { userId: alice.id, id: task.id })).toMatchObject({ status: "done" });

    const listed = json(await client.callTool({ name: "list_tasks", arguments: { status: ["done"] } }));
    expect((listed.tasks as { id: string }[]).map((x) => x.id)).toContain(task.id);
    await client.close();
  });

  it("answers another user's task id with an isError 'not found' result, and changes nothing", async () => {
    const bobs = await connect(bobKey.key);
    const secret = json(await bobs.callTool({ name: "create_task", arguments: { title: "Bob's private task" } })).task as { id: string };
    await bobs.close();

    const client = await connect(aliceKey.key);
    for (const name of ["get_task", "complete_task", "delete_task"]) {
      const result = await client.callTool({ name, arguments: { id: secret.id } });
      expect(result.isError).toBe(true);
      expect(text(result)).toBe("Task not found");
    }
    expect(await findTask(t.db, { userId: bob.id, id: secret.id })).toMatchObject({ status: "todo", title: "Bob's private task" });
    await client.close();
  });

  it("answers bad input and unknown tools with isError naming the problem, never a stack trace", async () => {
    const client = await connect(aliceKey.key);
    const bad = await client.callTool({ name: "create_task", arguments: { title: "" } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toBe("Invalid input — title: Give the task a title");
    const badId = await client.callTool({ name: "complete_task", arguments: { id: "1 OR 1=1" } });
    expect(text(badId)).toBe("Invalid input — id: Not a valid task id");
    const unknown = await client.callTool({ name: "drop_tables", arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toBe('Tool "drop_tables" not found');
    for (const r of [bad, badId, unknown]) expect(text(r)).not.toMatch(/\bat .+\.ts:\d+/);
    await client.close();
  });

  it("refuses a missing, wrong or revoked key with 401, a JSON body and WWW-Authenticate", async () => {
    await expect(connect(null)).rejects.toThrow(/401|API key/);
    await expect(connect("ffk_" + "x".repeat(43))).rejects.toThrow(/401|not valid/);

    const raw = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer nope" }, body: "{}" });
    expect(raw.status).toBe(401);
    expect(raw.headers.get("www-authenticate")).toMatch(/^Bearer realm="FocusForge MCP", error="invalid_token"/);
    expect(await raw.json()).toEqual({ code: "unauthorized:mcp", message: expect.stringMatching(/not valid or was revoked/) });

    // The route file itself refuses a request without a key (no database needed for that).
    const direct = await route.POST(new Request("http://localhost/api/mcp", { method: "POST", body: "{}" }));
    expect(direct.status).toBe(401);
    expect(direct.headers.get("www-authenticate")).toBe('Bearer realm="FocusForge MCP"');
    expect(await direct.json()).toMatchObject({ code: "unauthorized:mcp" });

    const temp = await insertApiKey(t.db, { userId: alice.id, name: "Temporary" });
    const client = await connect(temp.key);
    await revokeApiKey(t.db, { userId: alice.id, id: temp.apiKey.id, at: new Date() });
    await expect(client.listTools()).rejects.toThrow(/401|revoked/);
    await expect(connect(temp.key)).rejects.toThrow(/401|revoked/);
  });

  it("answers 503 in words, not a 500, when the database cannot be reached", async () => {
    const request = new Request("http://localhost/api/mcp", { method: "POST", headers: { authorization: `Bearer ${aliceKey.key}` }, body: "{}" });
    const res = await handleMcpPost(request, {
      db: async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      },
    });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("unavailable:mcp");
    expect(body.message).not.toContain("ECONNREFUSED");
  });

  it("answers GET and DELETE with 405: the server is stateless", async () => {
    for (const method of ["GET", "DELETE"]) {
      const res = await fetch(url, { method, headers: { authorization: `Bearer ${aliceKey.key}`, accept: "text/event-stream" } });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(await res.json()).toMatchObject({ code: "method_not_allowed:mcp" });
    }
  });

  it("records last use at most once a minute", async () => {
    const fresh = await insertApiKey(t.db, { userId: alice.id, name: "Timing" });
    const lastUsed = async () => (await t.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, fresh.apiKey.id)))[0]?.at ?? null;
    expect(await lastUsed()).toBeNull();
    clock = new Date("2026-11-23T10:00:00Z");
    const client = await connect(fresh.key);
    expect(await lastUsed()).toEqual(clock);
    clock = new Date(clock.getTime() + LAST_USED_EVERY_MS / 2);
    await client.listTools();
    expect(await lastUsed()).toEqual(new Date("2026-11-23T10:00:00Z"));
    clock = new Date(clock.getTime() + LAST_USED_EVERY_MS);
    await client.listTools();
    expect(await lastUsed()).toEqual(clock);
    await client.close();
  });

  it("limits each key with the mcp rule: 429 with Retry-After, other keys unaffected", async () => {
    const busy = await insertApiKey(t.db, { userId: alice.id, name: "Busy" });
    const client = await connect(busy.key);
    // Use up the rest of this key's window in the same limiter the route asks.
    const rule = rateLimitRules.mcp;
    for (let i = 0; i < rule.limit; i++) await checkRateLimit("mcp", `key:${busy.apiKey.id}`);
    await expect(client.listTools()).rejects.toThrow(/429|Too many requests/);
    const raw = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${busy.key}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await raw.json()).toMatchObject({ code: "rate_limit:mcp" });
    // Another key (even the same user's) has its own window.
    const other = await connect(aliceKey.key);
    await expect(other.listTools()).resolves.toMatchObject({ tools: expect.any(Array) });
    await other.close();
  });
});
