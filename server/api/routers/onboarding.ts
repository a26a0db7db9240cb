// onboarding.*: thin — the new-account questions: get (answers so far), save (any step), skip.
import "server-only";
import { saveOnboardingInput } from "../../orchestrator/onboarding-inputs";
import { getOnboarding, saveOnboarding, skipOnboarding } from "../../orchestrator/onboarding";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const onboardingRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getOnboarding({ db: ctx.db, userId: ctx.user.id })),
  save: protectedProcedure.input(saveOnboardingInput).mutation(({ ctx, input }) => saveOnboarding({ db: ctx.db, userId: ctx.user.id }, input)),
  skip: protectedProcedure.mutation(({ ctx }) => skipOnboarding({ db: ctx.db, userId: ctx.user.id })),
});
