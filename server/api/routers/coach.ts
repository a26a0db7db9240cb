// coach.*: short words from the coach. Thin — validate, then call the workflow as the signed-in user.
import "server-only";
import { motivate, motivationRequestInput } from "../../orchestrator/motivation";
import { aiProcedure, createTRPCRouter } from "../trpc";

export const coachRouter = createTRPCRouter({
  motivation: aiProcedure()
    .input(motivationRequestInput)
    .mutation(({ ctx, input }) => motivate({ db: ctx.db, userId: ctx.user.id }, input, ctx.signal)),
});
