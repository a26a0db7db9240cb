// focus.*: thin — the signed-in user's focus sessions: start (one running at a time), the current
// one with its server-computed phase, finish, cancel, park a thought, list and capture parked
// thoughts, history, the coach's ritual suggestion, and today's minutes with estimate vs actual.
import "server-only";
import type { Db } from "../../db/client";
import {
  cancelFocusSession,
  captureParked,
  finishFocusSession,
  focusHistory,
  focusStats,
  getCurrentFocus,
  listParked,
  parkThought,
  startFocusSession,
  suggestFocusRitual,
} from "../../orchestrator/focus";
import {
  captureParkedInput,
  finishFocusInput,
  focusHistoryInput,
  focusSessionIdInput,
  parkThoughtInput,
  startFocusInput,
  suggestRitualInput,
} from "../../orchestrator/focus-inputs";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const user = (ctx: { db: Db; user: { id: string } }) => ({ db: ctx.db, userId: ctx.user.id });

export const focusRouter = createTRPCRouter({
  start: protectedProcedure.input(startFocusInput).mutation(({ ctx, input }) => startFocusSession(user(ctx), input)),
  current: protectedProcedure.query(({ ctx }) => getCurrentFocus(user(ctx))),
  finish: protectedProcedure.input(finishFocusInput).mutation(({ ctx, input }) => finishFocusSession(user(ctx), input)),
  cancel: protectedProcedure.input(focusSessionIdInput).mutation(({ ctx, input }) => cancelFocusSession(user(ctx), input)),
  park: protectedProcedure.input(parkThoughtInput).mutation(({ ctx, input }) => parkThought(user(ctx), input)),
  parked: protectedProcedure.query(({ ctx }) => listParked(user(ctx))),
  captureParked: protectedProcedure.input(captureParkedInput).mutation(({ ctx, input }) => captureParked(user(ctx), input)),
  history: protectedProcedure.input(focusHistoryInput).query(({ ctx, input }) => focusHistory(user(ctx), input)),
  suggestRitual: protectedProcedure.input(suggestRitualInput).query(({ ctx, input }) => suggestFocusRitual(user(ctx), input)),
  stats: protectedProcedure.query(({ ctx }) => focusStats(user(ctx))),
});
