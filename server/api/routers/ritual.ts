// ritual.*: thin — the morning ritual: today's (or null) and save (which re-plans today).
import "server-only";
import { saveRitualInput } from "../../orchestrator/morning-ritual-inputs";
import { getTodayRitual, saveRitual } from "../../orchestrator/morning-ritual";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const ritualRouter = createTRPCRouter({
  today: protectedProcedure.query(({ ctx }) => getTodayRitual({ db: ctx.db, userId: ctx.user.id })),
  save: protectedProcedure.input(saveRitualInput).mutation(({ ctx, input }) => saveRitual({ db: ctx.db, userId: ctx.user.id }, input)),
});
