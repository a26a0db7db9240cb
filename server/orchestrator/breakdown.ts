// Breaking a task (or any step of it) down with the coach — whole for tRPC and tools, streamed for the
// page — and saving the steps the same way for both; and sizing a task up with the analysis chain.
import "server-only";
import { z } from "zod";
import { analysisChain } from "../chains/analysis";
import { type BreakdownOutput, breakdownChain, BROKEN_DOWN, type Spiciness, streamBreakdownChain } from "../chains/breakdown";
import type { ChainMeta } from "../chains/run";
import { ancestorTitles, deleteUntouchedSteps, findTask, findTaskTree, insertSteps, setCoachEstimate } from "../db/queries/tasks";
import type { Task } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { log } from "../log";
import { remember } from "../memory";
import { type BreakdownTaskInput, MAX_TASK_DEPTH } from "./task-inputs";
import type { UserCtx } from "./tasks";

interface Prepared {
  task: Task;
  chainInput: { title: string; notes: string | null; spiciness: Spiciness; parentTitles: string[] };
}

const taskId = z.string().uuid();

/** Loads the user's task and checks it can be split — before any model is called. */
async function prepare(ctx: UserCtx, input: BreakdownTaskInput): Promise<Prepared> {
  // The streaming route takes the id from its URL, so it is checked here too (the database would reject it).
  if (!taskId.safeParse(input.id).success) throw new InvalidInputError("id", "Not a valid task id");
  const task = await findTask(ctx.db, { userId: ctx.userId, id: input.id });
  if (!task) throw new NotFoundError("Task");
  if (task.depth >= MAX_TASK_DEPTH - 1) {
    throw new InvalidInputError("id", `This step is already ${MAX_TASK_DEPTH} levels deep; it can't be split further`);
  }
  const parentTitles = await ancestorTitles(ctx.db, { userId: ctx.userId, task });
  return {
    task,
    chainInput: { title: task.title, notes: task.notes, spiciness: input.spiciness as Spiciness, parentTitles },
  };
}

const key = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/**
 * Saves a breakdown: the task's untouched open steps are replaced by the new ones (done steps and
 * steps already split further stay), in one transaction, and the breakdown is remembered so the next
 * one for a similar task can follow it. Returns the task with its whole tree of steps.
 */
export async function saveBreakdown(ctx: UserCtx, task: Task, output: BreakdownOutput, meta: ChainMeta, spiciness: number) {
  // A model can repeat itself; the user should never see the same step twice.
  const seen = new Set<string>();
  const steps = output.steps.filter((s) => {
    const k = key(s.title);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  await ctx.db.transaction(async (tx) => {
    await deleteUntouchedSteps(tx, { userId: ctx.userId, parentId: task.id });
    await insertSteps(tx, { userId: ctx.userId, parent: task, steps, estimateSource: `coach:${meta.provider}` });
  });
  const titles = steps.map((s) => s.title);
  try {
    await remember(ctx.db, {
      userId: ctx.userId,
      tier: "long_term",
      kind: BROKEN_DOWN,
      content: `Broke "${task.title}" into ${titles.length} steps: ${titles.join("; ")}.`,
      data: { taskId: task.id, title: task.title, steps: titles, spiciness, provider: meta.provider },
    });
  } catch (error) {
    log.error("could not remember a breakdown", { taskId: task.id, error });
  }
  const tree = await findTaskTree(ctx.db, { userId: ctx.userId, id: task.id });
  if (!tree) throw new NotFoundError("Task");
  return { task: tree, firstTinyStep: output.firstTinyStep, tip: output.tip, coach: meta };
}

/** The whole breakdown at once (tRPC task.breakdown, tools): prepare → chain → save. */
export async function breakDownTask(ctx: UserCtx, input: BreakdownTaskInput, abortSignal?: AbortSignal) {
  const { task, chainInput } = await prepare(ctx, input);
  const { output, meta } = await breakdownChain(ctx, { ...chainInput, abortSignal });
  return saveBreakdown(ctx, task, output, meta, input.spiciness);
}

/**
 * The streamed breakdown (the page's "Break it down"): ownership and depth are checked before the
 * model is called; `save` stores the finished steps, and refuses once the request was cancelled, so
 * a stopped breakdown leaves the task as it was.
 */
export type BreakdownStreamSave = (output: BreakdownOutput, meta: ChainMeta) => ReturnType<typeof saveBreakdown>;

export async function startTaskBreakdown(ctx: UserCtx, input: BreakdownTaskInput, signal: AbortSignal) {
  const { task, chainInput } = await prepare(ctx, input);
  const stream = await streamBreakdownChain(ctx, { ...chainInput, abortSignal: signal });
  const save: BreakdownStreamSave = async (output, meta) => {
    signal.throwIfAborted();
    return saveBreakdown(ctx, task, output, meta, input.spiciness);
  };
  return { stream, save };
}

/**
 * Sizes a task up: complexity, estimate, what it needs, the first tiny step and whether to split it.
 * The estimate is stored unless the user set their own.
 */
export async function analyzeUserTask(ctx: UserCtx, id: string, abortSignal?: AbortSignal) {
  const task = await findTask(ctx.db, { userId: ctx.userId, id });
  if (!task) throw new NotFoundError("Task");
  const { output, meta } = await analysisChain(ctx, { title: task.title, notes: task.notes, abortSignal });
  const estimateStored =
    task.estimateSource !== "user" &&
    (await setCoachEstimate(ctx.db, { userId: ctx.userId, id, estimateMinutes: output.estimateMinutes, source: `coach:${meta.provider}` }));
  return { taskId: id, analysis: output, estimateStored, coach: meta };
}
