// conversation.*: the coach chat's conversations — list, open with messages, rename, delete. Thin:
// validate, then call the workflow as the signed-in user. New conversations start in POST /api/chat.
import "server-only";
import { conversationIdInput, listConversationsInput, renameConversationInput } from "../../orchestrator/conversation-inputs";
import {
  getConversation,
  listUserConversations,
  removeConversation,
  renameConversation,
} from "../../orchestrator/conversations";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const conversationRouter = createTRPCRouter({
  list: protectedProcedure
    .input(listConversationsInput)
    .query(({ ctx, input }) => listUserConversations({ db: ctx.db, userId: ctx.user.id }, input)),
  get: protectedProcedure
    .input(conversationIdInput)
    .query(({ ctx, input }) => getConversation({ db: ctx.db, userId: ctx.user.id }, input.id)),
  rename: protectedProcedure
    .input(renameConversationInput)
    .mutation(({ ctx, input }) => renameConversation({ db: ctx.db, userId: ctx.user.id }, input)),
  delete: protectedProcedure
    .input(conversationIdInput)
    .mutation(({ ctx, input }) => removeConversation({ db: ctx.db, userId: ctx.user.id }, input.id)),
});
