// zone.*: thin — the user's compass zones (life areas): list (defaults handed out on first read),
// create, update, reorder, remove (untags its tasks), tag a task, and the balance view.
import "server-only";
import {
  balanceInput,
  createZoneInput,
  reorderZonesInput,
  tagTaskInput,
  updateZoneInput,
  zoneIdInput,
} from "../../orchestrator/zone-inputs";
import { createZone, listUserZones, removeZone, reorderZones, tagTask, updateZone, zoneBalance } from "../../orchestrator/zones";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const zoneRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listUserZones({ db: ctx.db, userId: ctx.user.id })),
  create: protectedProcedure.input(createZoneInput).mutation(({ ctx, input }) => createZone({ db: ctx.db, userId: ctx.user.id }, input)),
  update: protectedProcedure.input(updateZoneInput).mutation(({ ctx, input }) => updateZone({ db: ctx.db, userId: ctx.user.id }, input)),
  reorder: protectedProcedure.input(reorderZonesInput).mutation(({ ctx, input }) => reorderZones({ db: ctx.db, userId: ctx.user.id }, input)),
  remove: protectedProcedure.input(zoneIdInput).mutation(({ ctx, input }) => removeZone({ db: ctx.db, userId: ctx.user.id }, input.id)),
  tagTask: protectedProcedure.input(tagTaskInput).mutation(({ ctx, input }) => tagTask({ db: ctx.db, userId: ctx.user.id }, input)),
  balance: protectedProcedure.input(balanceInput).query(({ ctx, input }) => zoneBalance({ db: ctx.db, userId: ctx.user.id }, input)),
});
