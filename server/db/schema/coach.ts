// The coach chat and the MCP face: conversations with their messages (AI SDK UI message parts, so a
// conversation reopens exactly as it was shown), and the per-user API keys an MCP client sends.
import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull().default("New conversation"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index("conversations_user_updated_idx").on(t.userId, t.updatedAt),
    check("conversations_title_length", sql`char_length(${t.title}) BETWEEN 1 AND 200`),
  ],
);

export const chatRoles = ["user", "assistant", "system"] as const;

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The AI SDK UIMessage id (client or server made); unique within its conversation. */
    messageId: text("message_id").notNull(),
    role: text("role").$type<(typeof chatRoles)[number]>().notNull(),
    /** UIMessage parts: text, tool calls with their results, step markers. */
    parts: jsonb("parts").$type<unknown[]>().notNull(),
    /** Who answered (provider, model, offline fallback), token usage. */
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("chat_messages_conversation_message_unique").on(t.conversationId, t.messageId),
    index("chat_messages_conversation_created_idx").on(t.conversationId, t.createdAt),
    index("chat_messages_user_idx").on(t.userId),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, shown in Settings so the user can tell keys apart. */
    prefix: text("prefix").notNull(),
    /** SHA-256 (hex) of the whole key: keys are long random secrets, so a fast hash is safe here. */
    hash: text("hash").notNull(),
    lastUsedAt: timestamp("last_used_at", { mode: "date", withTimezone: true }),
    revokedAt: timestamp("revoked_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_keys_hash_unique").on(t.hash),
    index("api_keys_user_idx").on(t.userId),
    check("api_keys_name_length", sql`char_length(${t.name}) BETWEEN 1 AND 100`),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
