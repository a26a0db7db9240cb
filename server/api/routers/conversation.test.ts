// conversation.* through the real router: list newest first, open with messages, rename, delete (its
// messages go too); another user's conversation is NOT_FOUND everywhere; bad input names the field.
import type { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { insertConversation, upsertMessage } from "@/server/db/queries/conversations";
import { chatMessages } from "@/server/db/schema";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();
let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}

async function conversationWithMessages(userId: string, title: string) {
  const c = await insertConversation(t.db, { userId, title });
  await upsertMessage(t.db, { userId, conversationId: c.id, messageId: "u1", role: "user", parts: [{ type: "text", text: "hello" }] });
  await upsertMessage(t.db, {
    userId,
    conversationId: c.id,
    messageId: "a1",
    role: "assistant",
    parts: [{ type: "text", text: "Hi!" }],
    metadata: { provider: "offline" },
  });
  return c;
}

beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});

describe("conversation router", () => {
  it("lists the user's own conversations, most recently active first", async () => {
    const older = await conversationWithMessages(alice.id, "Older");
    const newer = await conversationWithMessages(alice.id, "Newer");
    await conversationWithMessages(bob.id, "Bob's");
    const api = callerFor(t.db, alice);
    expect((await api.conversation.list()).map((c) => c.id)).toEqual([newer.id, older.id]);
    // A new message moves a conversation to the top.
    await upsertMessage(t.db, { userId: alice.id, conversationId: older.id, messageId: "u2", role: "user", parts: [{ type: "text", text: "again" }] });
    expect((await api.conversation.list()).map((c) => c.title)).toEqual(["Older", "Newer"]);
    expect(await api.conversation.list({ limit: 1 })).toHaveLength(1);
  });

  it("opens a conversation with its messages as the page shows them", async () => {
    const c = await conversationWithMessages(alice.id, "Open me");
    const got = await callerFor(t.db, alice).conversation.get({ id: c.id });
    expect(got.title).toBe("Open me");
    expect(got.messages).toEqual([
      { id: "u1", role: "user", parts: [{ type: "text", text: "hello" }] },
      { id: "a1", role: "assistant", parts: [{ type: "text", text: "Hi!" }], metadata: { provider: "offline" } },
    ]);
  });

  it("renames and deletes (messages go with it)", async () => {
    const c = await conversationWithMessages(alice.id, "Rename me");
    const api = callerFor(t.db, alice);
    expect((await api.conversation.rename({ id: c.id, title: "  Taxes  " })).title).toBe("Taxes");
    expect(await api.conversation.delete({ id: c.id })).toEqual({ id: c.id, deleted: true });
    expect((await api.conversation.list()).map((x) => x.id)).not.toContain(c.id);
    const left = await t.db.select().from(chatMessages);
    expect(left.some((m) => m.conversationId === c.id)).toBe(false);
    expect((await rejects(api.conversation.get({ id: c.id }))).code).toBe("NOT_FOUND");
  });

  it("another user's conversation is NOT_FOUND for get, rename and delete, and stays untouched", async () => {
    const c = await conversationWithMessages(bob.id, "Private");
    const api = callerFor(t.db, alice);
    // One call at a time: started together, the later rejections would go unhandled while the first is awaited.
    for (const call of [() => api.conversation.get({ id: c.id }), () => api.conversation.rename({ id: c.id, title: "Mine now" }), () => api.conversation.delete({ id: c.id })]) {
      expect((await rejects(call())).code).toBe("NOT_FOUND");
    }
    const still = await callerFor(t.db, bob).conversation.get({ id: c.id });
    expect(still.title).toBe("Private");
    expect(still.messages).toHaveLength(2);
  });

  it("bad input is BAD_REQUEST naming the field; no session is UNAUTHORIZED", async () => {
    const api = callerFor(t.db, alice);
    let error = await rejects(api.conversation.get({ id: "nope" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(said(error)).toContain("id");
    const c = await conversationWithMessages(alice.id, "Valid");
    error = await rejects(api.conversation.rename({ id: c.id, title: "   " }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(said(error)).toContain("title");
    error = await rejects(api.conversation.rename({ id: c.id, title: "x".repeat(201) }));
    expect(said(error)).toContain("title");
    error = await rejects(api.conversation.list({ limit: 0 }));
    expect(said(error)).toContain("limit");
    expect((await rejects(callerFor(t.db, null).conversation.list())).code).toBe("UNAUTHORIZED");
  });
});
