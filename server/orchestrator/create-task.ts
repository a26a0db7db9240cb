// Creating a task — the workflow behind task.create: what memory knows about similar tasks (and how
// the user feels today) → the analysis chain sizes the task up → the breakdown chain splits it when
// the analysis advises it and the user asked for that → the task (and its steps) saved in ONE
// transaction → the insights remembered (and embedding planned if the embedder was down) → answered
// with the task, the insights and the steps. The coach is a help, never a gate: if it cannot answer,
// the task is still saved, just without insights.
import "server-only";
import { z } from "zod";
import { analysisChain, type AnalysisOutput } from "../chains/analysis";
import { breakdownChain, BROKEN_DOWN } from "../chains/breakdown";
import type { ChainMeta } from "../chains/run";
import { ancestorTitles, findTask, insertSteps, insertTask } from "../db/queries/tasks";
import type { Task } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { log } from "../log";
import { keyWords, mentions } from "../ai/offline/text";
import { getUserContext, remember, type UserContext } from "../memory";
import { createTaskInput, MAX_TASK_DEPTH } from "./task-inputs";
import type { UserCtx } from "./tasks";

export const createTaskFlowInput = createTaskInput.extend({
  /** Split it into steps now when the coach thinks it is too big to start (otherwise it is only offered). */
  breakDown: z.boolean({ error: "breakDown is true or false" }).optional(),
});
export type CreateTaskFlowInput = z.infer<typeof createTaskFlowInput>;

export interface TaskInsights {
  complexity: number;
  estimateMinutes: number;
  firstTinyStep: string;
  shouldBreakDown: boolean;
  needs: string[];
  /** Why: the analysis' reasoning plus what memory added ("your last 2 similar tasks took ~45 min"). */
  reasoning: string;
}

export interface CreateTaskResult {
  task: Task;
  /** Null only when the coach could not answer at all; the task is saved regardless. */
  insights: TaskInsights | null;
  /** Steps made now (when breakDown was asked for and advised), in order. */
  steps: Task[];
  coach: ChainMeta | null;
}

/** How small the steps are when a new task is split right away: balanced. */
const SPICINESS = 3;

/** A similar memory must be at least this close (cosine distance) to count as the same kind of task. */
const SIMILAR = 0.35;

/** The task a "task.completed" memory is about: its data, else the quoted title in its words. */
function completedTitle(content: string, data: Record<string, unknown> | null): string | null {
  if (typeof data?.title === "string") return data.title;
  return /^Completed "(.+?)"/.exec(content)?.[1] ?? null;
}

/** Same kind of task: near in meaning, or naming every key word of the new title ("the kitchen"). */
function sameKind(title: string, other: string | null, distance: number): boolean {
  if (distance <= SIMILAR) return true;
  const keys = keyWords(title);
  return other !== null && keys.length > 0 && keys.every((w) => mentions(other, w));
}

/** Minutes the user really took for similar tasks they completed (from "task.completed" memories). */
function pastMinutes(title: string, context: UserContext): number[] {
  return context.similar
    .filter((m) => m.kind === "task.completed" && sameKind(title, completedTitle(m.content, m.data), m.distance))
    .map((m) => m.data?.actualMinutes)
    .filter((v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

/** The analysis, corrected by what memory knows: the user's real times, and a low-energy day. */
export function withContext(title: string, analysis: AnalysisOutput, context: UserContext | null): TaskInsights {
  const insights: TaskInsights = {
    complexity: analysis.complexity,
    estimateMinutes: analysis.estimateMinutes,
    firstTinyStep: analysis.firstTinyStep,
    shouldBreakDown: analysis.shouldBreakDown,
    needs: analysis.needs,
    reasoning: analysis.reasoning,
  };
  if (!context) return insights;
  const past = pastMinutes(title, context);
  if (past.length > 0) {
    // The user's own history beats a general guess.
    insights.estimateMinutes = Math.max(1, Math.min(1440, median(past)));
    insights.reasoning = `${insights.reasoning} Your last ${past.length === 1 ? "similar task" : `${past.length} similar tasks`} took ~${insights.estimateMinutes} min.`.trim();
  }
  const energy = context.mood?.energy ?? null;
  if (energy !== null && energy <= 2 && insights.estimateMinutes > 15 && !insights.shouldBreakDown) {
    insights.shouldBreakDown = true;
    insights.reasoning = `${insights.reasoning} Energy is low today, so smaller steps will help.`.trim();
  }
  return insights;
}

/** A model can repeat itself; the user should never see the same step twice. */
function distinct<S extends { title: string }>(steps: S[]): S[] {
  const seen = new Set<string>();
  return steps.filter((s) => {
    const k = s.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function readContext(ctx: UserCtx, title: string): Promise<UserContext | null> {
  try {
    // Only completions carry the real minutes the estimate learns from.
    return await getUserContext(ctx.db, ctx.userId, { about: title, k: 10, kinds: ["task.completed"], recentLimit: 5 });
  } catch (error) {
    log.warn("could not read memory before creating a task; going on without it", { error });
    return null;
  }
}

async function analyse(ctx: UserCtx, input: CreateTaskFlowInput, context: UserContext | null, abortSignal?: AbortSignal) {
  try {
    const { output, meta } = await analysisChain(ctx, { title: input.title, notes: input.notes ?? null, abortSignal });
    return { insights: withContext(input.title, output, context), meta };
  } catch (error) {
    if (abortSignal?.aborted) throw error;
    log.error("the coach could not size up a new task; saving it without insights", { error });
    return { insights: null, meta: null };
  }
}

/** Stores what happened and what the coach learned; plans embedding for any memory the embedder missed. */
async function rememberCreation(
  ctx: UserCtx,
  task: Task,
  parent: Task | null,
  insights: TaskInsights | null,
  split: { steps: Task[]; provider: string | null },
) {
  const { steps } = split;
  const keep = async (kind: string, content: string, data: Record<string, unknown>) => {
    try {
      await remember(ctx.db, { userId: ctx.userId, tier: "long_term", kind, content, data });
    } catch (error) {
      log.error("could not remember a task event", { kind, error });
    }
  };
  await keep("task.created", parent ? `Added the step "${task.title}" to "${parent.title}".` : `Added the task "${task.title}".`, {
    taskId: task.id,
    parentId: task.parentId,
  });
  if (steps.length > 0) {
    const titles = steps.map((s) => s.title);
    // The same record a breakdown leaves, so the next breakdown of a similar task can follow this one.
    await keep(BROKEN_DOWN, `Broke "${task.title}" into ${titles.length} steps: ${titles.join("; ")}.`, {
      taskId: task.id,
      title: task.title,
      steps: titles,
      spiciness: SPICINESS,
      provider: split.provider,
    });
  }
  if (insights) {
    const advice = steps.length ? ` Split into ${steps.length} steps.` : insights.shouldBreakDown ? " Worth breaking down." : "";
    await keep(
      "task.insights",
      `"${task.title}": about ${insights.estimateMinutes} min, complexity ${insights.complexity}/5; first tiny step: ${insights.firstTinyStep}.${advice}`,
      { taskId: task.id, ...insights, steps: steps.map((s) => s.title) },
    );
  }
}

export async function createTaskWithCoach(ctx: UserCtx, input: CreateTaskFlowInput, abortSignal?: AbortSignal): Promise<CreateTaskResult> {
  const parent = input.parentId ? ((await findTask(ctx.db, { userId: ctx.userId, id: input.parentId })) ?? null) : null;
  if (input.parentId && !parent) throw new NotFoundError("Parent task");
  if (parent && parent.depth >= MAX_TASK_DEPTH - 1) {
    throw new InvalidInputError("parentId", `Steps can be nested at most ${MAX_TASK_DEPTH} levels deep`);
  }

  const context = await readContext(ctx, input.title);
  const { insights, meta } = await analyse(ctx, input, context, abortSignal);
  const depth = parent ? parent.depth + 1 : 0;
  const split = Boolean(input.breakDown && insights?.shouldBreakDown && depth < MAX_TASK_DEPTH - 1);
  const breakdown = split
    ? await breakdownChain(ctx, {
        title: input.title,
        notes: input.notes ?? null,
        spiciness: SPICINESS,
        parentTitles: parent ? [...(await ancestorTitles(ctx.db, { userId: ctx.userId, task: parent })), parent.title] : [],
        abortSignal,
      })
    : null;

  const userEstimate = input.estimateMinutes != null;
  const { task, steps } = await ctx.db.transaction(async (tx) => {
    const task = await insertTask(tx, {
      userId: ctx.userId,
      parent,
      fields: {
        title: input.title,
        notes: input.notes,
        priority: input.priority,
        dueAt: input.dueAt,
        estimateMinutes: userEstimate ? input.estimateMinutes : (insights?.estimateMinutes ?? null),
        estimateSource: userEstimate ? "user" : meta ? `coach:${meta.provider}` : null,
      },
    });
    const steps = breakdown
      ? await insertSteps(tx, { userId: ctx.userId, parent: task, steps: distinct(breakdown.output.steps), estimateSource: `coach:${breakdown.meta.provider}` })
      : [];
    return { task, steps };
  });

  await rememberCreation(ctx, task, parent, insights, { steps, provider: breakdown?.meta.provider ?? null });
  return { task, insights, steps, coach: meta };
}

/** task.create's answer: the task row as before (so existing clients keep working) plus the insights and steps. */
export async function createTask(ctx: UserCtx, input: CreateTaskFlowInput, abortSignal?: AbortSignal) {
  const { task, insights, steps, coach } = await createTaskWithCoach(ctx, input, abortSignal);
  return { ...task, insights, steps, coach };
}
