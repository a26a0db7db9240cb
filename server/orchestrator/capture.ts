// Capture workflows: read free text into a preview list of tasks (nothing saved — the user reviews it),
// and save the reviewed list. Dues arrive as the user's wall-clock strings and are stored as the
// instants they mean in the user's time zone (users.time_zone), all tasks in one transaction.
import "server-only";
import { localDueToInstant, validTimeZone } from "../ai/offline/capture-dates";
import { type CaptureOutput, captureChain, streamCaptureChain } from "../chains/capture";
import type { ChainMeta, StreamedChain } from "../chains/run";
import { userTimeZone } from "../db/queries/rewards";
import { insertTask } from "../db/queries/tasks";
import type { Task } from "../db/schema";
import { InvalidInputError } from "../errors";
import { sendEvents } from "../inngest/client";
import { log } from "../log";
import { type MemoryItem, remember } from "../memory";
import { planActions } from "../planner";
import type { CaptureConfirmInput, CaptureInput } from "./capture-inputs";
import type { UserCtx } from "./tasks";

export interface CapturePreview extends CaptureOutput {
  /** Who read the text: the configured model, or the offline coach. */
  coach: ChainMeta;
  /** The zone the dues are written in (the user's). */
  timeZone: string;
}

/** The user's time zone, or UTC when the stored one is missing or unknown to this runtime. */
export async function captureTimeZone(ctx: UserCtx): Promise<string> {
  return validTimeZone(await userTimeZone(ctx.db, ctx.userId)) ?? "UTC";
}

export async function capturePreview(ctx: UserCtx, input: CaptureInput, abortSignal?: AbortSignal): Promise<CapturePreview> {
  const timeZone = await captureTimeZone(ctx);
  const { output, meta } = await captureChain(ctx, { text: input.text, now: new Date(), timeZone, abortSignal });
  return { tasks: output.tasks, coach: meta, timeZone };
}

/** The same preview, streamed to the page (POST /api/capture). */
export async function startCapture(ctx: UserCtx, input: CaptureInput, abortSignal?: AbortSignal): Promise<StreamedChain<CaptureOutput>> {
  const timeZone = await captureTimeZone(ctx);
  return streamCaptureChain(ctx, { text: input.text, now: new Date(), timeZone, abortSignal });
}

/** Remembers what was captured, and plans embedding for a memory the embedder could not reach. */
async function rememberCapture(ctx: UserCtx, saved: Task[]): Promise<void> {
  let memory: MemoryItem;
  try {
    const titles = saved.map((t) => t.title);
    memory = await remember(ctx.db, {
      userId: ctx.userId,
      tier: "long_term",
      kind: "task.captured",
      content: `Captured ${saved.length} task${saved.length === 1 ? "" : "s"}: ${titles.map((t) => `"${t}"`).join(", ")}.`,
      data: { taskIds: saved.map((t) => t.id), titles, areas: saved.map((t) => t.area) },
    });
  } catch (error) {
    log.error("could not remember a capture", { error });
    return;
  }
  if (memory.embeddingModel) return;
  try {
    await planActions(ctx.db, ctx.userId, [{ type: "memory", executor: "memory.embed", priority: "low", idempotencyKey: `memory.embed:${memory.id}` }]);
  } catch (error) {
    log.error("could not plan embedding a capture memory", { error });
  }
}

export async function captureConfirm(ctx: UserCtx, input: CaptureConfirmInput): Promise<{ tasks: Task[] }> {
  const timeZone = await captureTimeZone(ctx);
  const fields = input.tasks.map((task, i) => {
    const dueAt = task.due ? localDueToInstant(task.due, timeZone) : null;
    if (task.due && !dueAt) throw new InvalidInputError(`tasks.${i}.due`, "Use a real date");
    return {
      title: task.title,
      notes: task.notes ?? null,
      priority: task.priority ?? "medium",
      estimateMinutes: task.estimateMinutes ?? null,
      estimateSource: task.estimateMinutes != null ? "coach:capture" : null,
      dueAt,
      area: task.area ?? null,
    };
  });
  const saved = await ctx.db.transaction(async (tx) => {
    const rows: Task[] = [];
    for (const f of fields) rows.push(await insertTask(tx, { userId: ctx.userId, fields: f }));
    return rows;
  });
  // Tasks without an estimate get one from the analysis job, as tasks added one by one do.
  try {
    await sendEvents(saved.filter((t) => t.estimateMinutes == null).map((t) => ({ name: "task/created" as const, data: { userId: ctx.userId, taskId: t.id } })));
  } catch (error) {
    log.error("could not queue analysis of captured tasks", { error });
  }
  await rememberCapture(ctx, saved);
  return { tasks: saved };
}
