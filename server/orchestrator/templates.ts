// Task templates: save a task with its whole step tree (titles and estimates, never its progress)
// as a template, list, rename and delete them, and start a fresh task from one — the task and every
// step created in one transaction, the template's use count bumped.
import "server-only";
import { z } from "zod";
import { findTaskTree, type TaskNode } from "../db/queries/tasks";
import {
  deleteTemplate,
  findTemplate,
  insertTemplate,
  listTemplates,
  renameTemplate,
  startFromTemplate,
} from "../db/queries/templates";
import { MAX_TASK_DEPTH, type TaskTemplate, type TemplateStep } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { log } from "../log";
import { remember } from "../memory";
import type { RenameTemplateInput, SaveTemplateInput, StartTemplateInput } from "./template-inputs";
import type { UserCtx } from "./tasks";

/** Levels of steps a template may hold below its task (the task itself is depth 0). */
export const MAX_STEP_LEVELS = MAX_TASK_DEPTH - 1;
/** Steps in one template, all levels together. */
export const MAX_TEMPLATE_STEPS = 300;

export interface TemplateView {
  id: string;
  name: string;
  title: string;
  notes: string | null;
  priority: string;
  area: string | null;
  estimateMinutes: number | null;
  steps: TemplateStep[];
  stepCount: number;
  useCount: number;
  updatedAt: Date;
}

const stepShape: z.ZodType<TemplateStep> = z.lazy(() =>
  z.object({
    title: z.string().min(1).max(500),
    estimateMinutes: z.number().int().min(1).max(1440).nullable().optional(),
    steps: z.array(stepShape).optional(),
  }),
);

/** Stored steps, read defensively: anything malformed is dropped, levels past the limit cut off. */
export function shapeSteps(raw: unknown, levels = MAX_STEP_LEVELS): TemplateStep[] {
  if (!Array.isArray(raw) || levels <= 0) return [];
  const out: TemplateStep[] = [];
  for (const item of raw) {
    const parsed = stepShape.safeParse(item);
    if (!parsed.success) continue;
    const steps = shapeSteps(parsed.data.steps ?? [], levels - 1);
    out.push({ title: parsed.data.title, estimateMinutes: parsed.data.estimateMinutes ?? null, ...(steps.length ? { steps } : {}) });
  }
  return out;
}

export function countSteps(steps: TemplateStep[]): number {
  return steps.reduce((sum, s) => sum + 1 + countSteps(s.steps ?? []), 0);
}

function toTemplateSteps(nodes: TaskNode[], levels: number): TemplateStep[] {
  if (levels <= 0) return [];
  return nodes.map((n) => {
    const steps = toTemplateSteps(n.steps, levels - 1);
    return { title: n.title, estimateMinutes: n.estimateMinutes, ...(steps.length ? { steps } : {}) };
  });
}

function view(t: TaskTemplate): TemplateView {
  const steps = shapeSteps(t.steps);
  return {
    id: t.id,
    name: t.name,
    title: t.title,
    notes: t.notes,
    priority: t.priority,
    area: t.area,
    estimateMinutes: t.estimateMinutes,
    steps,
    stepCount: countSteps(steps),
    useCount: t.useCount,
    updatedAt: t.updatedAt,
  };
}

async function rememberTemplate(ctx: UserCtx, kind: string, content: string, data: Record<string, unknown>) {
  try {
    await remember(ctx.db, { userId: ctx.userId, tier: "long_term", kind, content, data });
  } catch (error) {
    log.error("could not remember a template event", { kind, error });
  }
}

export async function listUserTemplates(ctx: UserCtx): Promise<TemplateView[]> {
  return (await listTemplates(ctx.db, { userId: ctx.userId })).map(view);
}

/** Saves a task (or a step, with the steps below it) and its step tree as a template. */
export async function saveTemplateFromTask(ctx: UserCtx, input: SaveTemplateInput): Promise<TemplateView> {
  const tree = await findTaskTree(ctx.db, { userId: ctx.userId, id: input.taskId });
  if (!tree) throw new NotFoundError("Task");
  const steps = toTemplateSteps(tree.steps, MAX_STEP_LEVELS);
  if (countSteps(steps) > MAX_TEMPLATE_STEPS) {
    throw new InvalidInputError("taskId", `That task has more than ${MAX_TEMPLATE_STEPS} steps; save a smaller part of it`);
  }
  const template = await insertTemplate(ctx.db, {
    userId: ctx.userId,
    fields: {
      name: input.name ?? tree.title,
      title: tree.title,
      notes: tree.notes,
      priority: tree.priority,
      area: tree.area,
      estimateMinutes: tree.estimateMinutes,
      steps,
    },
  });
  await rememberTemplate(ctx, "template.saved", `Saved "${tree.title}" as a template with ${countSteps(steps)} steps.`, { templateId: template.id, taskId: tree.id });
  return view(template);
}

export async function renameUserTemplate(ctx: UserCtx, input: RenameTemplateInput): Promise<TemplateView> {
  const row = await renameTemplate(ctx.db, { userId: ctx.userId, id: input.id, name: input.name });
  if (!row) throw new NotFoundError("Template");
  return view(row);
}

export async function removeTemplate(ctx: UserCtx, id: string): Promise<{ id: string }> {
  if (!(await deleteTemplate(ctx.db, { userId: ctx.userId, id }))) throw new NotFoundError("Template");
  return { id };
}

export async function getTemplate(ctx: UserCtx, id: string): Promise<TemplateView> {
  const row = await findTemplate(ctx.db, { userId: ctx.userId, id });
  if (!row) throw new NotFoundError("Template");
  return view(row);
}

/** A new task (with all the template's steps, as fresh to-dos) from a template. */
export async function startTemplate(ctx: UserCtx, input: StartTemplateInput) {
  const started = await startFromTemplate(ctx.db, { userId: ctx.userId, id: input.id, dueAt: input.dueAt ?? null, shape: (s) => shapeSteps(s) });
  if (!started) throw new NotFoundError("Template");
  await rememberTemplate(ctx, "template.started", `Started "${started.task.title}" from a template.`, { templateId: input.id, taskId: started.task.id });
  return { task: started.task, stepCount: started.stepCount, useCount: started.template.useCount };
}
