// usage.*: thin — what the coach cost the signed-in user today (tokens vs budget, calls, cache hits,
// fallbacks) and their latest calls, for Settings.
import "server-only";
import { z } from "zod";
import { usageSummary } from "../../chains/usage";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const usageSummaryInput = z
  .object({ recent: z.number().int().min(1).max(100).default(20) })
  .default({ recent: 20 });

export const usageRouter = createTRPCRouter({
  summary: protectedProcedure
    .input(usageSummaryInput)
    .query(({ ctx, input }) => usageSummary(ctx.db, ctx.user.id, { recent: input.recent })),
});
