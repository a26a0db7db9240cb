// Input schemas for the coach's conversations (list, open, rename, delete), shared by the
// `conversation` router and the chat turn. Messages are written for people.
import { z } from "zod";

export const conversationId = z.uuid("Not a valid conversation id");

export const MAX_TITLE_LENGTH = 200;

export const listConversationsInput = z
  .object({
    limit: z.number().int("Use a whole number").min(1, "At least 1").max(100, "At most 100").default(50),
  })
  .default({ limit: 50 });

export const conversationIdInput = z.object({ id: conversationId });

export const renameConversationInput = z.object({
  id: conversationId,
  title: z
    .string({ error: "Give the conversation a title" })
    .trim()
    .min(1, "Give the conversation a title")
    .max(MAX_TITLE_LENGTH, `Keep the title under ${MAX_TITLE_LENGTH} characters`),
});

export type ListConversationsInput = z.infer<typeof listConversationsInput>;
export type RenameConversationInput = z.infer<typeof renameConversationInput>;
