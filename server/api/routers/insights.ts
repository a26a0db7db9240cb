// insights.*: thin — the numbers and one-line readings for the insights page, for the last 7, 30 or 90 days.
import "server-only";
import { getInsights } from "../../orchestrator/insights";
import { insightsInput } from "../../orchestrator/insights-inputs";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const insightsRouter = createTRPCRouter({
  overview: protectedProcedure.input(insightsInput).query(({ ctx, input }) => getInsights({ db: ctx.db, userId: ctx.user.id }, input)),
});
