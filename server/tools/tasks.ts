// Task tools: list, read, create, edit, delete, complete and break down the caller's tasks — each
// through the same orchestrator workflows as the tRPC task router, as ctx.userId only.
import "server-only";
import { completeTask } from "../orchestrator/complete-task";
import { createTaskWithCoach } from "../orchestrator/create-task";
import { breakDownTask, editTask, getTask, listUserTasks, removeTask } from "../orchestrator/tasks";
import { defineTool } from "./define";
import {
  breakDownTaskToolInput,
  completeTaskToolInput,
  createTaskToolInput,
  listTasksToolInput,
  taskIdToolInput,
  updateTaskToolInput,
} from "./tool-inputs";
import type { ToolCtx } from "./types";
import { taskTreeView, taskView } from "./views";

const as = (ctx: ToolCtx) => ({ db: ctx.db, userId: ctx.userId });
const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

export const listTasksTool = defineTool({
  name: "list_tasks",
  title: "List tasks",
  description:
    "Lists the user's top-level tasks (or the steps of one task with parentId), open ones (todo, doing) unless status says otherwise. Each has an id to use with the other task tools, and stepCount/stepsDone.",
  input: listTasksToolInput,
  readOnly: true,
  async handler(ctx, input) {
    const rows = await listUserTasks(as(ctx), { parentId: input.parentId, status: input.status ?? ["todo", "doing"] });
    const page = rows.slice(0, input.limit);
    return {
      tasks: page.map((r) => ({ ...taskView(r), stepCount: r.stepCount, stepsDone: r.stepsDone })),
      total: rows.length,
      truncated: rows.length > page.length,
    };
  },
});

export const getTaskTool = defineTool({
  name: "get_task",
  title: "Get a task",
  description: "One task by id, with its notes and its whole tree of steps.",
  input: taskIdToolInput,
  readOnly: true,
  async handler(ctx, input) {
    return { task: taskTreeView(await getTask(as(ctx), input.id)) };
  },
});

export const createTaskTool = defineTool({
  name: "create_task",
  title: "Create a task",
  description:
    "Adds a task (or a step of parentId). The coach sizes it up first: the answer has its estimate, complexity and a first tiny step; with breakDown: true a big task is split into steps right away.",
  input: createTaskToolInput,
  async handler(ctx, input) {
    const { task, insights, steps } = await createTaskWithCoach(
      as(ctx),
      { ...input, dueAt: toDate(input.dueAt) },
      ctx.signal,
    );
    return { task: taskView(task), insights, steps: steps.map(taskView) };
  },
});

export const updateTaskTool = defineTool({
  name: "update_task",
  title: "Update a task",
  description: "Changes a task's title, notes, status, priority, estimate or due date. To finish a task use complete_task instead (it awards points).",
  input: updateTaskToolInput,
  async handler(ctx, input) {
    const task = await editTask(as(ctx), { ...input, dueAt: toDate(input.dueAt) });
    return { task: taskView(task) };
  },
});

export const deleteTaskTool = defineTool({
  name: "delete_task",
  title: "Delete a task",
  description: "Deletes a task and all its steps for good. Only when the user clearly asked to delete it.",
  input: taskIdToolInput,
  destructive: true,
  async handler(ctx, input) {
    return removeTask(as(ctx), input.id);
  },
});

export const completeTaskTool = defineTool({
  name: "complete_task",
  title: "Complete a task",
  description:
    "Marks a task (and its open steps) done and awards points, once: completing it again awards nothing. Optional proof: what the user did, in words. Only for a task the user says they finished.",
  input: completeTaskToolInput,
  async handler(ctx, input) {
    const result = await completeTask(
      as(ctx),
      { id: input.id, proof: input.proof ? { kind: "text", value: input.proof } : undefined },
      ctx.signal,
    );
    return {
      task: taskView(result.task),
      newlyCompleted: result.newlyCompleted,
      completedCount: result.completedCount,
      points: result.points,
      achievements: result.achievements.map((a) => ({ title: a.title, bonus: a.bonus })),
      proof: result.validation ? { verdict: result.validation.verdict, reason: result.validation.reason } : null,
      proofNote: result.proofNote,
      motivation: result.motivation?.message ?? null,
    };
  },
});

export const breakDownTaskTool = defineTool({
  name: "break_down_task",
  title: "Break a task down",
  description:
    "Splits a task into small concrete steps (spiciness 1 = a few big steps … 5 = many tiny ones). Replaces its untouched open steps; done steps stay. Answers with the task's steps and a first tiny step.",
  input: breakDownTaskToolInput,
  async handler(ctx, input) {
    const result = await breakDownTask(as(ctx), input, ctx.signal);
    return { task: taskTreeView(result.task), firstTinyStep: result.firstTinyStep, tip: result.tip };
  },
});

export const taskTools = [
  listTasksTool,
  getTaskTool,
  createTaskTool,
  updateTaskTool,
  deleteTaskTool,
  completeTaskTool,
  breakDownTaskTool,
];
