// plan.*: thin — the day plan. `today` gets the stored plan or makes one; `get` only reads;
// `accept`, `replan` and `edit` change it.
import "server-only";
import { acceptDayPlan, generateDayPlan, getDayPlan } from "../../orchestrator/daily-plan";
import { editDayPlan } from "../../orchestrator/daily-plan-edit";
import { dayInput, editDayPlanInput } from "../../orchestrator/day-inputs";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const planRouter = createTRPCRouter({
  get: protectedProcedure.input(dayInput).query(({ ctx, input }) => getDayPlan({ db: ctx.db, userId: ctx.user.id }, input)),
  today: protectedProcedure.input(dayInput).mutation(({ ctx, input }) => generateDayPlan({ db: ctx.db, userId: ctx.user.id }, input)),
  replan: protectedProcedure
    .input(dayInput)
    .mutation(({ ctx, input }) => generateDayPlan({ db: ctx.db, userId: ctx.user.id }, { ...input, replan: true })),
  accept: protectedProcedure.input(dayInput).mutation(({ ctx, input }) => acceptDayPlan({ db: ctx.db, userId: ctx.user.id }, input)),
  edit: protectedProcedure.input(editDayPlanInput).mutation(({ ctx, input }) => editDayPlan({ db: ctx.db, userId: ctx.user.id }, input)),
});
