// A word from the coach at the right moment (a task done, low mood or energy, stuck, a check-in, a
// start): resolves the user's own task by id, then asks the motivation chain. Used by coach.motivation
// and by the planner's `coach.motivation` action.
import "server-only";
import { z } from "zod";
import { motivationChain, motivationChainInput } from "../chains/motivation";
import { findTask } from "../db/queries/tasks";
import { NotFoundError } from "../errors";
import type { UserCtx } from "./tasks";

export const motivationRequestInput = motivationChainInput.extend({
  /** One of the user's tasks; its title is used (another user's id is "not found"). */
  taskId: z.string().uuid("Not a valid task id").optional(),
});
export type MotivationRequest = z.infer<typeof motivationRequestInput>;

export async function motivate(ctx: UserCtx, input: MotivationRequest, abortSignal?: AbortSignal) {
  const { taskId, ...rest } = input;
  let taskTitle = rest.taskTitle;
  if (taskId) {
    const task = await findTask(ctx.db, { userId: ctx.userId, id: taskId });
    if (!task) throw new NotFoundError("Task");
    taskTitle = task.title;
  }
  const { output, meta } = await motivationChain(ctx, { ...rest, taskTitle, abortSignal });
  return { message: output.message, coach: meta };
}
