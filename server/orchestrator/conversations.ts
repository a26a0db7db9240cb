// Conversation workflows for the coach chat: list, open with its messages, rename, delete, and what
// the chat turn needs — open or start a conversation, save a message, title it from the first words.
// Every call runs as one user; another user's conversation is NOT_FOUND.
import "server-only";
import type { UIMessage } from "ai";
import {
  deleteConversation,
  findConversation,
  findMessage,
  insertConversation,
  listConversations,
  listMessages,
  updateConversation,
  upsertMessage,
} from "../db/queries/conversations";
import type { ChatMessage, Conversation } from "../db/schema";
import { NotFoundError } from "../errors";
import { type ListConversationsInput, MAX_TITLE_LENGTH, type RenameConversationInput } from "./conversation-inputs";
import type { UserCtx } from "./tasks";

export const DEFAULT_TITLE = "New conversation";

export interface ConversationView {
  id: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored message as the page's useChat wants it. */
export type StoredUIMessage = UIMessage<Record<string, unknown> | undefined>;

function view(c: Conversation): ConversationView {
  return { id: c.id, title: c.title, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

export function toUIMessage(row: ChatMessage): StoredUIMessage {
  return {
    id: row.messageId,
    role: row.role,
    parts: row.parts as StoredUIMessage["parts"],
    ...(row.metadata ? { metadata: row.metadata } : {}),
  };
}

export async function listUserConversations(ctx: UserCtx, input: ListConversationsInput): Promise<ConversationView[]> {
  return (await listConversations(ctx.db, { userId: ctx.userId, limit: input.limit })).map(view);
}

export async function requireConversation(ctx: UserCtx, id: string): Promise<Conversation> {
  const row = await findConversation(ctx.db, { userId: ctx.userId, id });
  if (!row) throw new NotFoundError("Conversation");
  return row;
}

export async function getConversation(ctx: UserCtx, id: string): Promise<ConversationView & { messages: StoredUIMessage[] }> {
  const conversation = await requireConversation(ctx, id);
  const messages = await listMessages(ctx.db, { userId: ctx.userId, conversationId: id });
  return { ...view(conversation), messages: messages.map(toUIMessage) };
}

export async function conversationMessages(ctx: UserCtx, id: string): Promise<StoredUIMessage[]> {
  return (await listMessages(ctx.db, { userId: ctx.userId, conversationId: id })).map(toUIMessage);
}

export async function findStoredMessage(ctx: UserCtx, conversationId: string, messageId: string): Promise<StoredUIMessage | null> {
  const row = await findMessage(ctx.db, { userId: ctx.userId, conversationId, messageId });
  return row ? toUIMessage(row) : null;
}

export async function renameConversation(ctx: UserCtx, input: RenameConversationInput): Promise<ConversationView> {
  const row = await updateConversation(ctx.db, { userId: ctx.userId, id: input.id, title: input.title });
  if (!row) throw new NotFoundError("Conversation");
  return view(row);
}

export async function removeConversation(ctx: UserCtx, id: string): Promise<{ id: string; deleted: true }> {
  if (!(await deleteConversation(ctx.db, { userId: ctx.userId, id }))) throw new NotFoundError("Conversation");
  return { id, deleted: true };
}

/** A title from the first user message: its first line, whitespace squeezed, cut at a word near 60 characters. */
export function titleFrom(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? "";
  const squeezed = line.replace(/\s+/g, " ").trim();
  if (!squeezed) return DEFAULT_TITLE;
  const max = Math.min(60, MAX_TITLE_LENGTH);
  if (squeezed.length <= max) return squeezed;
  const cut = squeezed.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > 30 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The conversation a chat turn writes to: the given one (NOT_FOUND unless it is the user's), or a new
 * one titled from the first message. A conversation still called "New conversation" gets its title now.
 */
export async function openConversation(
  ctx: UserCtx,
  args: { id?: string; firstText: string },
): Promise<{ conversation: ConversationView; created: boolean }> {
  if (!args.id) {
    const row = await insertConversation(ctx.db, { userId: ctx.userId, title: titleFrom(args.firstText) });
    return { conversation: view(row), created: true };
  }
  const existing = await requireConversation(ctx, args.id);
  if (existing.title === DEFAULT_TITLE && args.firstText.trim()) {
    const renamed = await updateConversation(ctx.db, { userId: ctx.userId, id: existing.id, title: titleFrom(args.firstText) });
    return { conversation: view(renamed ?? existing), created: false };
  }
  return { conversation: view(existing), created: false };
}

export async function saveChatMessage(ctx: UserCtx, conversationId: string, message: StoredUIMessage): Promise<void> {
  await upsertMessage(ctx.db, {
    userId: ctx.userId,
    conversationId,
    messageId: message.id,
    role: message.role,
    parts: message.parts,
    metadata: message.metadata ?? null,
  });
}
