// rewards.*: thin — the signed-in user's summary (balance, XP level, streak, latest entries), the
// store (their own rewards, buying, purchases), the mystery box (odds, open, history), the pet,
// achievements with progress, the streak in full, and vacations. All logic is in server/rewards.
import "server-only";
import {
  archiveReward,
  buyReward,
  carePet,
  clearVacation,
  createReward,
  getPet,
  getRewardsSummary,
  getUserStreak,
  listPurchases,
  listRewards,
  listUserVacations,
  mysteryHistory,
  mysteryStatus,
  openMysteryBox,
  renamePet,
  setVacation,
  syncAchievements,
  updateReward,
} from "../../rewards";
import {
  historyInput,
  mysteryOpenInput,
  petCareInput,
  petRenameInput,
  rewardsSummaryInput,
  storeArchiveInput,
  storeBuyInput,
  storeCreateInput,
  storeListInput,
  storeUpdateInput,
  vacationClearInput,
  vacationSetInput,
} from "../../rewards/rewards-inputs";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export { rewardsSummaryInput };

const storeRouter = createTRPCRouter({
  list: protectedProcedure.input(storeListInput).query(({ ctx, input }) => listRewards(ctx.db, ctx.user.id, input.includeArchived)),
  create: protectedProcedure.input(storeCreateInput).mutation(({ ctx, input }) => createReward(ctx.db, ctx.user.id, input)),
  update: protectedProcedure.input(storeUpdateInput).mutation(({ ctx, input }) => updateReward(ctx.db, ctx.user.id, input)),
  archive: protectedProcedure.input(storeArchiveInput).mutation(({ ctx, input }) => archiveReward(ctx.db, ctx.user.id, input.id, input.archived)),
  buy: protectedProcedure.input(storeBuyInput).mutation(({ ctx, input }) => buyReward(ctx.db, ctx.user.id, input)),
});

const mysteryRouter = createTRPCRouter({
  odds: protectedProcedure.query(({ ctx }) => mysteryStatus(ctx.db, ctx.user.id)),
  open: protectedProcedure.input(mysteryOpenInput).mutation(({ ctx, input }) => openMysteryBox(ctx.db, ctx.user.id, input.requestId)),
  history: protectedProcedure.input(historyInput).query(({ ctx, input }) => mysteryHistory(ctx.db, ctx.user.id, input.limit)),
});

const petRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getPet(ctx.db, ctx.user.id)),
  rename: protectedProcedure.input(petRenameInput).mutation(({ ctx, input }) => renamePet(ctx.db, ctx.user.id, input.name)),
  care: protectedProcedure.input(petCareInput).mutation(({ ctx }) => carePet(ctx.db, ctx.user.id)),
});

const vacationRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listUserVacations(ctx.db, ctx.user.id)),
  set: protectedProcedure.input(vacationSetInput).mutation(({ ctx, input }) => setVacation(ctx.db, ctx.user.id, input)),
  clear: protectedProcedure.input(vacationClearInput).mutation(({ ctx, input }) => clearVacation(ctx.db, ctx.user.id, input.id)),
});

export const rewardsRouter = createTRPCRouter({
  summary: protectedProcedure
    .input(rewardsSummaryInput)
    .query(({ ctx, input }) => getRewardsSummary(ctx.db, ctx.user.id, { latest: input.latest })),
  store: storeRouter,
  purchases: protectedProcedure.input(historyInput).query(({ ctx, input }) => listPurchases(ctx.db, ctx.user.id, input.limit)),
  mystery: mysteryRouter,
  pet: petRouter,
  achievements: protectedProcedure.query(({ ctx }) => syncAchievements(ctx.db, ctx.user.id)),
  streak: protectedProcedure.query(({ ctx }) => getUserStreak(ctx.db, ctx.user.id)),
  vacation: vacationRouter,
});
