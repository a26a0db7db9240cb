// The body of POST /api/chat: the conversation (none → a new one) and the ONE new message — the page
// sends only that; the server loads the history. A user message is text; an assistant message comes
// back only to carry the user's answers to tool approvals (its other parts are never trusted).
import { z } from "zod";
import { conversationId } from "../orchestrator/conversation-inputs";

export const MAX_CHAT_TEXT = 4000;

const messageId = z
  .string({ error: "Give the message an id" })
  .min(1, "Give the message an id")
  .max(200, "The message id is too long");

const textPart = z.object({
  type: z.literal("text", { error: "Only text messages can be sent" }),
  text: z.string({ error: "Write a message" }).max(MAX_CHAT_TEXT, `Keep the message under ${MAX_CHAT_TEXT} characters`),
});

const userMessage = z.object({
  id: messageId,
  role: z.literal("user"),
  parts: z
    .array(textPart, { error: "parts must be a list" })
    .min(1, "Write a message")
    .max(20, "Too many parts")
    .refine((parts) => parts.some((p) => p.text.trim().length > 0), "Write a message"),
});

/** Only what an approval answer needs from a tool part; everything else in it is ignored. */
const approvalPart = z.looseObject({
  type: z.string().max(100),
  approval: z
    .looseObject({ id: z.string().min(1).max(200), approved: z.boolean().optional(), reason: z.string().max(500).optional() })
    .optional(),
});

const assistantMessage = z.object({
  id: messageId,
  role: z.literal("assistant"),
  parts: z.array(approvalPart, { error: "parts must be a list" }).max(200, "Too many parts"),
});

export const chatRequestInput = z
  .object({
    conversationId: conversationId.optional(),
    message: z.discriminatedUnion("role", [userMessage, assistantMessage], {
      error: "message.role must be user (or assistant, to answer an approval)",
    }),
  })
  .refine((body) => body.message.role === "user" || body.conversationId !== undefined, {
    message: "Required to answer an approval",
    path: ["conversationId"],
  });

export type ChatRequest = z.infer<typeof chatRequestInput>;

/** The text of a user message. */
export function messageText(message: ChatRequest["message"]): string {
  if (message.role !== "user") return "";
  return message.parts
    .map((p) => p.text)
    .join("\n")
    .trim();
}
