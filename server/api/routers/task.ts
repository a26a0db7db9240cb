// task.*: thin — validate, then call the task workflows as the signed-in user.
import "server-only";
import {
  analyzeUserTask,
  breakDownTask,
  editTask,
  getTask,
  listUserTasks,
  removeTask,
} from "../../orchestrator/tasks";
import {
  breakdownTaskInput,
  listTasksInput,
  taskIdInput,
  updateTaskInput,
} from "../../orchestrator/task-inputs";
import { captureConfirm, capturePreview } from "../../orchestrator/capture";
import { captureConfirmInput, captureInput } from "../../orchestrator/capture-inputs";
import { completeTaskInput } from "../../orchestrator/complete-inputs";
import { completeTask } from "../../orchestrator/complete-task";
import { createTask, createTaskFlowInput } from "../../orchestrator/create-task";
import type { UserCtx } from "../../orchestrator/tasks";
import { aiProcedure, createTRPCRouter, protectedProcedure, type Context, type SessionUser } from "../trpc";

/** The workflows run as the session's user — never as an id taken from the input. */
const as = (ctx: Context & { user: SessionUser }): UserCtx => ({ db: ctx.db, userId: ctx.user.id });

export const taskRouter = createTRPCRouter({
  // Sized up by the coach (and split when asked and advised) before it is saved; see create-task.ts.
  create: protectedProcedure.input(createTaskFlowInput).mutation(({ ctx, input }) => createTask(as(ctx), input, ctx.signal)),
  list: protectedProcedure.input(listTasksInput).query(({ ctx, input }) => listUserTasks(as(ctx), input)),
  get: protectedProcedure.input(taskIdInput).query(({ ctx, input }) => getTask(as(ctx), input.id)),
  update: protectedProcedure.input(updateTaskInput).mutation(({ ctx, input }) => editTask(as(ctx), input)),
  delete: protectedProcedure.input(taskIdInput).mutation(({ ctx, input }) => removeTask(as(ctx), input.id)),
  // Never rate limited as a whole (completing must always work); a proof check counts against the AI limit.
  complete: protectedProcedure.input(completeTaskInput).mutation(({ ctx, input }) => completeTask(as(ctx), input, ctx.signal)),
  breakdown: aiProcedure()
    .input(breakdownTaskInput)
    .mutation(({ ctx, input }) => breakDownTask(as(ctx), input, ctx.signal)),
  analyze: aiProcedure()
    .input(taskIdInput)
    .mutation(({ ctx, input }) => analyzeUserTask(as(ctx), input.id, ctx.signal)),
  // Capture: free text → a preview list (nothing saved); the reviewed list is saved by captureConfirm.
  capture: aiProcedure()
    .input(captureInput)
    .mutation(({ ctx, input }) => capturePreview(as(ctx), input, ctx.signal)),
  captureConfirm: protectedProcedure.input(captureConfirmInput).mutation(({ ctx, input }) => captureConfirm(as(ctx), input)),
});
