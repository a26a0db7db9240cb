// planner.*: thin — the signed-in user's planned actions: list (by status), run the due ones now,
// cancel a waiting one, retry a failed or cancelled one.
import "server-only";
import { z } from "zod";
import { registerExecutors } from "../../orchestrator/executors";
import { actionStatuses, cancelAction, countActions, listActions, retryAction } from "../../planner";
import { executeNow } from "../../planner/runner";
import { aiProcedure, createTRPCRouter, protectedProcedure } from "../trpc";

export const listActionsInput = z
  .object({
    status: z.enum(actionStatuses).optional(),
    limit: z.number().int().min(1).max(100).default(50),
    cursor: z.number().int().min(0).default(0),
  })
  .default({ limit: 50, cursor: 0 });

export const executeActionsInput = z
  .object({ max: z.number().int().min(1).max(25).default(25) })
  .default({ max: 25 });

export const actionIdInput = z.object({ id: z.string().uuid("Not a valid action id") });

export const plannerRouter = createTRPCRouter({
  /** Paged with an offset cursor; `counts` per status feed the filter. */
  actions: protectedProcedure.input(listActionsInput).query(async ({ ctx, input }) => {
    const [page, counts] = await Promise.all([
      listActions(ctx.db, ctx.user.id, { status: input.status, limit: input.limit, cursor: input.cursor }),
      countActions(ctx.db, ctx.user.id),
    ]);
    return { ...page, counts };
  }),
  /** Runs the user's due actions in this request (some ask the coach, hence the AI rate limit). */
  execute: aiProcedure()
    .input(executeActionsInput)
    .mutation(({ ctx, input }) => {
      registerExecutors();
      return executeNow(ctx.db, ctx.user.id, { max: input.max });
    }),
  cancel: protectedProcedure.input(actionIdInput).mutation(({ ctx, input }) => cancelAction(ctx.db, ctx.user.id, input.id)),
  retry: protectedProcedure.input(actionIdInput).mutation(({ ctx, input }) => retryAction(ctx.db, ctx.user.id, input.id)),
});
