// Task workflows: create (see create-task.ts), list, get, update, delete, complete, and break down
// into steps with the coach. Every call runs as one user.
import "server-only";
import type { Db } from "../db/client";
import {
  deleteTaskTree,
  findTask,
  findTaskTree,
  listTasks,
  stepCounts,
  updateTask,
} from "../db/queries/tasks";
import { NotFoundError } from "../errors";
import { log } from "../log";
import type { Task } from "../db/schema";
import { describeStepEdit, remember, type StepSnapshot } from "../memory";
import { type ListTasksInput, type UpdateTaskInput } from "./task-inputs";

// Creating lives in ./create-task (the coach sizes a task up first); breaking down in ./breakdown
// (shared by tRPC, tools and the streaming route). Both re-exported here.
export { createTask, createTaskWithCoach } from "./create-task";
export { analyzeUserTask, breakDownTask, type BreakdownStreamSave, saveBreakdown, startTaskBreakdown } from "./breakdown";

export interface UserCtx {
  db: Db;
  userId: string;
}

/** Records what happened in the user's long-term memory; a failure is logged, never the user's problem. */
async function rememberEvent(ctx: UserCtx, kind: string, content: string, data: Record<string, unknown>) {
  try {
    await remember(ctx.db, { userId: ctx.userId, tier: "long_term", kind, content, data });
  } catch (error) {
    log.error("could not remember a task event", { kind, error });
  }
}

/** The user renamed, re-estimated or removed (`after: null`) a step — in practice one the coach made. */
async function rememberStepEdit(ctx: UserCtx, step: Task, after: StepSnapshot | null) {
  const parent = step.parentId ? await findTask(ctx.db, { userId: ctx.userId, id: step.parentId }) : undefined;
  const event = describeStepEdit({ step, parentTitle: parent?.title ?? null, after });
  await rememberEvent(ctx, event.kind, event.content, event.data);
}

export async function listUserTasks(ctx: UserCtx, input: ListTasksInput) {
  if (input?.parentId) {
    const parent = await findTask(ctx.db, { userId: ctx.userId, id: input.parentId });
    if (!parent) throw new NotFoundError("Task");
  }
  const rows = await listTasks(ctx.db, { userId: ctx.userId, parentId: input?.parentId ?? null, status: input?.status });
  const counts = await stepCounts(ctx.db, { userId: ctx.userId, parentIds: rows.map((r) => r.id) });
  return rows.map((r) => ({ ...r, stepCount: counts.get(r.id)?.total ?? 0, stepsDone: counts.get(r.id)?.done ?? 0 }));
}

export async function getTask(ctx: UserCtx, id: string) {
  const tree = await findTaskTree(ctx.db, { userId: ctx.userId, id });
  if (!tree) throw new NotFoundError("Task");
  return tree;
}

export async function editTask(ctx: UserCtx, input: UpdateTaskInput) {
  const { id, ...patch } = input;
  const estimate = patch.estimateMinutes !== undefined ? { estimateSource: patch.estimateMinutes === null ? null : "user" } : {};
  // Only a rename or a new estimate of a step is remembered; read the step as it was first.
  const before = patch.title !== undefined || patch.estimateMinutes !== undefined ? await findTask(ctx.db, { userId: ctx.userId, id }) : undefined;
  const task = await updateTask(ctx.db, { userId: ctx.userId, id, patch: { ...patch, ...estimate } });
  if (!task) throw new NotFoundError("Task");
  if (before?.parentId && (before.title !== task.title || before.estimateMinutes !== task.estimateMinutes)) {
    await rememberStepEdit(ctx, before, { title: task.title, estimateMinutes: task.estimateMinutes });
  }
  return task;
}

export async function removeTask(ctx: UserCtx, id: string) {
  const task = await findTask(ctx.db, { userId: ctx.userId, id });
  const deleted = task ? await deleteTaskTree(ctx.db, { userId: ctx.userId, id }) : undefined;
  if (!task || deleted === undefined) throw new NotFoundError("Task");
  if (task.parentId) await rememberStepEdit(ctx, task, null);
  else await rememberEvent(ctx, "task.deleted", `Deleted the task "${task.title}".`, { taskId: id, deleted });
  return { id, deleted };
}

