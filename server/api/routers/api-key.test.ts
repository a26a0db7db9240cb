// apiKey.* and mcp.* through the real router: a key is shown once and stored only as a hash, listed
// without secrets, revoked (by its owner only); mcp.tools/callTool/status as the signed-in user; bad
// input named by field.
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { findActiveApiKey, hashApiKey } from "@/server/db/queries/api-keys";
import { apiKeys } from "@/server/db/schema";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";
import { MAX_ACTIVE_API_KEYS } from "./api-key";

const t = setupTestDb();

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}

let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});

describe("apiKey", () => {
  it("creates a key, shows the secret once and keeps only its hash", async () => {
    const api = callerFor(t.db, alice);
    const { key, apiKey } = await api.apiKey.create({ name: "  Claude Desktop  " });
    expect(key).toMatch(/^ffk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "Claude Desktop", prefix: key.slice(0, 12), lastUsedAt: null, revokedAt: null });
    expect(apiKey).not.toHaveProperty("hash");
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row?.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(await findActiveApiKey(t.db, key)).toMatchObject({ id: apiKey.id, userId: alice.id });
    // Two keys never share a secret.
    const other = await api.apiKey.create({ name: "Cursor" });
    expect(other.key).not.toBe(key);
  });

  it("lists the user's own keys, newest first, without any secret", async () => {
    const listed = await callerFor(t.db, alice).apiKey.list();
    expect(listed.map((k) => k.name)).toEqual(["Cursor", "Claude Desktop"]);
    for (const k of listed) expect(Object.keys(k).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"]);
    expect(await callerFor(t.db, bob).apiKey.list()).toEqual([]);
  });

  it("revokes a key at once; again is harmless; another user's key is NOT_FOUND", async () => {
    const api = callerFor(t.db, alice);
    const { key, apiKey } = await api.apiKey.create({ name: "Old laptop" });
    const stolen = await rejects(callerFor(t.db, bob).apiKey.revoke({ id: apiKey.id }));
    expect(stolen.code).toBe("NOT_FOUND");
    expect(stolen.message).toBe("API key not found");
    expect(await findActiveApiKey(t.db, key)).toBeDefined();

    const revoked = await api.apiKey.revoke({ id: apiKey.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await findActiveApiKey(t.db, key)).toBeUndefined();
    const again = await api.apiKey.revoke({ id: apiKey.id });
    expect(again.revokedAt?.getTime()).toBe(revoked.revokedAt?.getTime());
    expect((await api.apiKey.list()).find((k) => k.id === apiKey.id)?.revokedAt).toBeInstanceOf(Date);
    expect((await rejects(api.apiKey.revoke({ id: "00000000-0000-4000-8000-000000000000" }))).code).toBe("NOT_FOUND");
  });

  it("names the field that is wrong", async () => {
    const api = callerFor(t.db, alice);
    const blank = await rejects(api.apiKey.create({ name: "   " }));
    expect(blank.code).toBe("BAD_REQUEST");
    expect(said(blank)).toMatch(/^name: Give the key a name/);
    expect(said(await rejects(api.apiKey.create({ name: "x".repeat(101) })))).toMatch(/^name: Keep the name under 100/);
    const badId = await rejects(api.apiKey.revoke({ id: "ffk_123" }));
    expect(badId.code).toBe("BAD_REQUEST");
    expect(said(badId)).toMatch(/^id: Not a valid key id/);
  });

  it("caps live keys per user", async () => {
    const user = await makeUser(t.db, "Keen");
    const api = callerFor(t.db, user);
    for (let i = 0; i < MAX_ACTIVE_API_KEYS; i++) await api.apiKey.create({ name: `Key ${i}` });
    const over = await rejects(api.apiKey.create({ name: "One more" }));
    expect(over.code).toBe("CONFLICT");
    const first = (await api.apiKey.list()).at(-1)!;
    await api.apiKey.revoke({ id: first.id });
    await expect(api.apiKey.create({ name: "One more" })).resolves.toMatchObject({ apiKey: { name: "One more" } });
  });

  it("needs a signed-in user", async () => {
    expect((await rejects(callerFor(t.db, null).apiKey.list())).code).toBe("UNAUTHORIZED");
    expect((await rejects(callerFor(t.db, null).apiKey.create({ name: "x" }))).code).toBe("UNAUTHORIZED");
  });
});

describe("mcp", () => {
  it("lists every tool with its schema and hints", async () => {
    const listed = await callerFor(t.db, alice).mcp.tools();
    expect(listed.length).toBeGreaterThanOrEqual(15);
    const del = listed.find((x) => x.name === "delete_task");
    expect(del).toMatchObject({ destructive: true, readOnly: false, inputSchema: { type: "object", required: ["id"] } });
    expect(listed.find((x) => x.name === "list_tasks")).toMatchObject({ destructive: false, readOnly: true });
  });

  it("calls a tool as the signed-in user; another user's task is NOT_FOUND; bad input BAD_REQUEST naming the field", async () => {
    const api = callerFor(t.db, alice);
    const made = (await api.mcp.callTool({ name: "create_task", input: { title: "Water the plants" } })) as { task: { id: string } };
    const listed = (await api.mcp.callTool({ name: "list_tasks", input: {} })) as { tasks: { id: string; title: string }[] };
    expect(listed.tasks.map((x) => x.title)).toContain("Water the plants");
    const bobs = await rejects(callerFor(t.db, bob).mcp.callTool({ name: "complete_task", input: { id: made.task.id } }));
    expect(bobs.code).toBe("NOT_FOUND");
    expect(bobs.message).toBe("Task not found");
    const bad = await rejects(api.mcp.callTool({ name: "create_task", input: { title: "" } }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toBe("title: Give the task a title");
    const badName = await rejects(api.mcp.callTool({ name: "Drop Tables", input: {} }));
    expect(badName.code).toBe("BAD_REQUEST");
    expect(said(badName)).toMatch(/^name: Tool names are snake_case/);
    const unknown = await rejects(api.mcp.callTool({ name: "drop_tables" }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect((await rejects(callerFor(t.db, null).mcp.callTool({ name: "list_tasks" }))).code).toBe("UNAUTHORIZED");
  });

  it("reports the registry, model, runner and breakers", async () => {
    const status = await callerFor(t.db, alice).mcp.status();
    expect(status).toMatchObject({
      tools: expect.any(Number),
      destructiveTools: ["delete_task"],
      endpoint: "/api/mcp",
      ai: { provider: "offline" },
      runner: "embedded",
      rateLimit: { perKey: { limit: 120, windowSeconds: 60 } },
      breakers: [],
    });
    expect(status.tools).toBeGreaterThanOrEqual(15);
    expect((await rejects(callerFor(t.db, null).mcp.status())).code).toBe("UNAUTHORIZED");
  });
});
