// settings.*: thin — read and change the signed-in user's time zone, working hours, energy pattern
// and coach tone.
import "server-only";
import { updateSettingsInput } from "../../orchestrator/day-inputs";
import { getSettings, updateSettings } from "../../orchestrator/settings";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const settingsRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getSettings({ db: ctx.db, userId: ctx.user.id })),
  update: protectedProcedure
    .input(updateSettingsInput)
    .mutation(({ ctx, input }) => updateSettings({ db: ctx.db, userId: ctx.user.id }, input)),
});
