// Queries for the coach chat: conversations and their messages (AI SDK UI message parts). Every query
// takes the owner's user id and filters by it, so another user's conversation is simply not found.
import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type ChatMessage, chatMessages, type Conversation, conversations } from "../schema";

export async function listConversations(db: Db, args: { userId: string; limit: number }): Promise<Conversation[]> {
  return db
    .select()
    .from(conversations)
    .where(eq(conversations.userId, args.userId))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(args.limit);
}

export async function findConversation(db: Db, args: { userId: string; id: string }): Promise<Conversation | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, args.id), eq(conversations.userId, args.userId)))
    .limit(1);
  return row;
}

export async function insertConversation(db: Db, args: { userId: string; title?: string }): Promise<Conversation> {
  const [row] = await db
    .insert(conversations)
    .values({ userId: args.userId, ...(args.title ? { title: args.title } : {}) })
    .returning();
  if (!row) throw new Error("conversation insert returned nothing");
  return row;
}

/** Sets the title (and bumps updatedAt); undefined when the conversation is not the user's. */
export async function updateConversation(
  db: Db,
  args: { userId: string; id: string; title?: string },
): Promise<Conversation | undefined> {
  const [row] = await db
    .update(conversations)
    .set({ ...(args.title ? { title: args.title } : {}), updatedAt: new Date() })
    .where(and(eq(conversations.id, args.id), eq(conversations.userId, args.userId)))
    .returning();
  return row;
}

/** Deletes the conversation; its messages go with it (ON DELETE CASCADE). */
export async function deleteConversation(db: Db, args: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .delete(conversations)
    .where(and(eq(conversations.id, args.id), eq(conversations.userId, args.userId)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

export async function listMessages(db: Db, args: { userId: string; conversationId: string }): Promise<ChatMessage[]> {
  return db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.conversationId, args.conversationId), eq(chatMessages.userId, args.userId)))
    .orderBy(asc(chatMessages.createdAt), asc(chatMessages.id));
}

export async function findMessage(
  db: Db,
  args: { userId: string; conversationId: string; messageId: string },
): Promise<ChatMessage | undefined> {
  const [row] = await db
    .select()
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.conversationId, args.conversationId),
        eq(chatMessages.userId, args.userId),
        eq(chatMessages.messageId, args.messageId),
      ),
    )
    .limit(1);
  return row;
}

/**
 * Saves a message, or replaces the parts and metadata of the one with the same id (an assistant reply
 * continued after the user approved a tool). The caller has checked the conversation is the user's.
 */
export async function upsertMessage(
  db: Db,
  args: {
    userId: string;
    conversationId: string;
    messageId: string;
    role: ChatMessage["role"];
    parts: unknown[];
    metadata?: Record<string, unknown> | null;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(chatMessages)
      .values({
        conversationId: args.conversationId,
        userId: args.userId,
        messageId: args.messageId,
        role: args.role,
        parts: args.parts,
        metadata: args.metadata ?? null,
      })
      .onConflictDoUpdate({
        target: [chatMessages.conversationId, chatMessages.messageId],
        set: { parts: args.parts, metadata: args.metadata ?? null },
        // Never let a message id of one user overwrite another's row.
        setWhere: eq(chatMessages.userId, args.userId),
      });
    await tx
      .update(conversations)
      .set({ updatedAt: new Date() })
      .where(and(eq(conversations.id, args.conversationId), eq(conversations.userId, args.userId)));
  });
}
