// Task workflows: create (and hand the new task to the analysis job), list, get, update, delete,
// complete, and break down into steps with the coach. Every call runs as one user.
import "server-only";
import { breakdownChain } from "../chains/breakdown";
import type { Db } from "../db/client";
import {
  ancestorTitles,
  completeTaskTree,
  deleteTaskTree,
  deleteUntouchedSteps,
  findTask,
  findTaskTree,
  insertSteps,
  insertTask,
  listTasks,
  stepCounts,
  updateTask,
} from "../db/queries/tasks";
import { InvalidInputError, NotFoundError } from "../errors";
import { sendEvent } from "../inngest/client";
import { log } from "../log";
import { remember } from "../memory";
import {
  type BreakdownTaskInput,
  type CreateTaskInput,
  type ListTasksInput,
  MAX_TASK_DEPTH,
  type UpdateTaskInput,
} from "./task-inputs";

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

export async function createTask(ctx: UserCtx, input: CreateTaskInput) {
  const parent = input.parentId ? await findTask(ctx.db, { userId: ctx.userId, id: input.parentId }) : null;
  if (input.parentId && !parent) throw new NotFoundError("Parent task");
  if (parent && parent.depth >= MAX_TASK_DEPTH - 1) {
    throw new InvalidInputError("parentId", `Steps can be nested at most ${MAX_TASK_DEPTH} levels deep`);
  }
  const task = await insertTask(ctx.db, { userId: ctx.userId, parent, fields: input });
  try {
    await sendEvent({ name: "task/created", data: { userId: ctx.userId, taskId: task.id } });
  } catch (error) {
    // The task is saved; only the background estimate is missing. Never fail the user's add for it.
    log.error("could not queue task analysis", { taskId: task.id, error });
  }
  await rememberEvent(
    ctx,
    "task.created",
    parent ? `Added the step "${task.title}" to "${parent.title}".` : `Added the task "${task.title}".`,
    { taskId: task.id, parentId: task.parentId },
  );
  return task;
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
  const task = await updateTask(ctx.db, { userId: ctx.userId, id, patch: { ...patch, ...estimate } });
  if (!task) throw new NotFoundError("Task");
  return task;
}

export async function removeTask(ctx: UserCtx, id: string) {
  const task = await findTask(ctx.db, { userId: ctx.userId, id });
  const deleted = task ? await deleteTaskTree(ctx.db, { userId: ctx.userId, id }) : undefined;
  if (!task || deleted === undefined) throw new NotFoundError("Task");
  await rememberEvent(ctx, "task.deleted", `Deleted the task "${task.title}".`, { taskId: id, deleted });
  return { id, deleted };
}

export async function completeTask(ctx: UserCtx, id: string) {
  const result = await completeTaskTree(ctx.db, { userId: ctx.userId, id, at: new Date() });
  if (!result) throw new NotFoundError("Task");
  const estimate = result.task.estimateMinutes ? ` (estimated ${result.task.estimateMinutes} min)` : "";
  await rememberEvent(ctx, "task.completed", `Completed "${result.task.title}"${estimate}.`, {
    taskId: id,
    completedCount: result.completedIds.length,
    estimateMinutes: result.task.estimateMinutes,
  });
  return { task: result.task, completedCount: result.completedIds.length };
}

export async function breakDownTask(ctx: UserCtx, input: BreakdownTaskInput, abortSignal?: AbortSignal) {
  const task = await findTask(ctx.db, { userId: ctx.userId, id: input.id });
  if (!task) throw new NotFoundError("Task");
  if (task.depth >= MAX_TASK_DEPTH - 1) {
    throw new InvalidInputError("id", `This step is already ${MAX_TASK_DEPTH} levels deep; it can't be split further`);
  }
  const parentTitles = await ancestorTitles(ctx.db, { userId: ctx.userId, task });
  const { output, meta } = await breakdownChain(ctx, {
    title: task.title,
    notes: task.notes,
    spiciness: input.spiciness as 1 | 2 | 3 | 4 | 5,
    parentTitles,
    abortSignal,
  });
  await ctx.db.transaction(async (tx) => {
    await deleteUntouchedSteps(tx, { userId: ctx.userId, parentId: task.id });
    await insertSteps(tx, { userId: ctx.userId, parent: task, steps: output.steps, estimateSource: `coach:${meta.provider}` });
  });
  const stepTitles = output.steps.map((step) => step.title);
  await rememberEvent(ctx, "task.broken_down", `Broke "${task.title}" into ${stepTitles.length} steps: ${stepTitles.join("; ")}.`, {
    taskId: task.id,
    steps: stepTitles,
    provider: meta.provider,
  });
  return {
    task: await getTask(ctx, task.id),
    firstTinyStep: output.firstTinyStep,
    tip: output.tip,
    coach: meta,
  };
}
