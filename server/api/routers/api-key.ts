// apiKey.*: the signed-in user's keys for the MCP server. create answers the secret ONCE (only its
// hash is stored); list never includes it; revoke stops it working at once.
import "server-only";
import { countActiveApiKeys, insertApiKey, listApiKeys, revokeApiKey } from "../../db/queries/api-keys";
import { ConflictError, NotFoundError } from "../../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { apiKeyIdInput, createApiKeyInput } from "./api-key-inputs";

/** More live keys than anyone needs (one per assistant or device); revoke one to make another. */
export const MAX_ACTIVE_API_KEYS = 20;

export const apiKeyRouter = createTRPCRouter({
  create: protectedProcedure.input(createApiKeyInput).mutation(async ({ ctx, input }) => {
    if ((await countActiveApiKeys(ctx.db, { userId: ctx.user.id })) >= MAX_ACTIVE_API_KEYS) {
      throw new ConflictError(`You have ${MAX_ACTIVE_API_KEYS} keys already; revoke one you no longer use first.`);
    }
    return insertApiKey(ctx.db, { userId: ctx.user.id, name: input.name });
  }),
  list: protectedProcedure.query(({ ctx }) => listApiKeys(ctx.db, { userId: ctx.user.id })),
  revoke: protectedProcedure.input(apiKeyIdInput).mutation(async ({ ctx, input }) => {
    const key = await revokeApiKey(ctx.db, { userId: ctx.user.id, id: input.id, at: new Date() });
    if (!key) throw new NotFoundError("API key");
    return key;
  }),
});
