// mood.*: thin — log a mood/energy check-in (its answer may hold a kind word from the coach, so it is
// rate limited like other coach calls), read today's, list recent ones.
import "server-only";
import { logCheckin, recentCheckins, todayCheckin } from "../../orchestrator/checkins";
import { listMoodInput, logMoodInput } from "../../orchestrator/day-inputs";
import { aiProcedure, createTRPCRouter, protectedProcedure } from "../trpc";

export const moodRouter = createTRPCRouter({
  log: aiProcedure()
    .input(logMoodInput)
    .mutation(({ ctx, input }) => logCheckin({ db: ctx.db, userId: ctx.user.id }, input)),
  today: protectedProcedure.query(({ ctx }) => todayCheckin({ db: ctx.db, userId: ctx.user.id })),
  list: protectedProcedure.input(listMoodInput).query(({ ctx, input }) => recentCheckins({ db: ctx.db, userId: ctx.user.id }, input)),
});
