// memory.*: thin — validate, then read or forget the signed-in user's memories, or say how they are stored.
import "server-only";
import { z } from "zod";
import { forget, forgetAll, MAX_SEARCH_K, memoryStatus, memoryTiers, recall, search } from "../../memory";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const listMemoriesInput = z
  .object({
    tier: z.enum(memoryTiers).optional(),
    kind: z.string().trim().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(100).default(50),
    cursor: z.number().int().min(0).default(0),
  })
  .default({ limit: 50, cursor: 0 });

export const searchMemoriesInput = z.object({
  query: z.string().trim().min(1, "Type something to search for").max(500),
  k: z.number().int().min(1).max(MAX_SEARCH_K).default(10),
});

export const memoryIdInput = z.object({ id: z.string().uuid() });

export const memoryRouter = createTRPCRouter({
  /** Paged with an offset cursor: `nextCursor` is null on the last page. */
  list: protectedProcedure.input(listMemoriesInput).query(async ({ ctx, input }) => {
    const rows = await recall(ctx.db, {
      userId: ctx.user.id,
      tier: input.tier,
      kind: input.kind,
      limit: input.limit + 1,
      offset: input.cursor,
    });
    return {
      items: rows.slice(0, input.limit),
      nextCursor: rows.length > input.limit ? input.cursor + input.limit : null,
    };
  }),
  search: protectedProcedure
    .input(searchMemoriesInput)
    .query(({ ctx, input }) => search(ctx.db, { userId: ctx.user.id, query: input.query, k: input.k })),
  forget: protectedProcedure.input(memoryIdInput).mutation(({ ctx, input }) => forget(ctx.db, { userId: ctx.user.id, id: input.id })),
  forgetAll: protectedProcedure.mutation(({ ctx }) => forgetAll(ctx.db, { userId: ctx.user.id })),
  /** Which embedder is in use, how many memories wait for a vector, and counts per tier and kind. */
  status: protectedProcedure.query(({ ctx }) => memoryStatus(ctx.db, { userId: ctx.user.id })),
});
