// rewards.*: thin — the signed-in user's points total, level, streak and latest ledger entries.
import "server-only";
import { z } from "zod";
import { getRewardsSummary } from "../../rewards";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const rewardsSummaryInput = z
  .object({ latest: z.number().int("Use a whole number").min(0).max(50, "At most 50 entries").default(10) })
  .default({ latest: 10 });

export const rewardsRouter = createTRPCRouter({
  summary: protectedProcedure
    .input(rewardsSummaryInput)
    .query(({ ctx, input }) => getRewardsSummary(ctx.db, ctx.user.id, { latest: input.latest })),
});
