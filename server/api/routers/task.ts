// task.*: thin — validate, then call the task workflows as the signed-in user.
import "server-only";
import {
  breakDownTask,
  completeTask,
  createTask,
  editTask,
  getTask,
  listUserTasks,
  removeTask,
} from "../../orchestrator/tasks";
import {
  breakdownTaskInput,
  createTaskInput,
  listTasksInput,
  taskIdInput,
  updateTaskInput,
} from "../../orchestrator/task-inputs";
import type { UserCtx } from "../../orchestrator/tasks";
import { aiProcedure, createTRPCRouter, protectedProcedure, type Context, type SessionUser } from "../trpc";

/** The workflows run as the session's user — never as an id taken from the input. */
const as = (ctx: Context & { user: SessionUser }): UserCtx => ({ db: ctx.db, userId: ctx.user.id });

export const taskRouter = createTRPCRouter({
  create: protectedProcedure.input(createTaskInput).mutation(({ ctx, input }) => createTask(as(ctx), input)),
  list: protectedProcedure.input(listTasksInput).query(({ ctx, input }) => listUserTasks(as(ctx), input)),
  get: protectedProcedure.input(taskIdInput).query(({ ctx, input }) => getTask(as(ctx), input.id)),
  update: protectedProcedure.input(updateTaskInput).mutation(({ ctx, input }) => editTask(as(ctx), input)),
  delete: protectedProcedure.input(taskIdInput).mutation(({ ctx, input }) => removeTask(as(ctx), input.id)),
  complete: protectedProcedure.input(taskIdInput).mutation(({ ctx, input }) => completeTask(as(ctx), input.id)),
  breakdown: aiProcedure()
    .input(breakdownTaskInput)
    .mutation(({ ctx, input }) => breakDownTask(as(ctx), input, ctx.signal)),
});
