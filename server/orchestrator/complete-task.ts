// Completing a task — the workflow behind task.complete: load the user's task → check the proof, if
// any (a bonus, never a gate) → in ONE transaction mark it (and its open steps) done and award points
// exactly once → plan follow-ups → remember it → unlock the achievements it reached (each once, with
// its bonus) → answer with the verdict, the points, those achievements and a word from the coach.
// Completing twice is not an error: the second call completes and awards (and unlocks) nothing new.
// The user's memory context is read by the motivation chain itself (recent wins, mood); the proof
// check deliberately sees only the task and the proof, so nothing else the user typed can steer it.
import "server-only";
import { motivationChain } from "../chains/motivation";
import { proofChain, type ProofOutput } from "../chains/proof";
import type { ChainMeta } from "../chains/run";
import { markTaskDone } from "../db/queries/completion";
import { focusedMinutes, insertTaskProof } from "../db/queries/rewards";
import { completeTaskTree, findTask, type TaskNode } from "../db/queries/tasks";
import type { Task } from "../db/schema";
import { NotFoundError } from "../errors";
import { log } from "../log";
import { remember } from "../memory";
import { planActions } from "../planner";
import { checkRateLimit } from "../ratelimit";
import { awardAction, getRewardsSummary, type RewardsSummary, type UnlockedAchievement } from "../rewards";
import { type CompleteTaskInput, imageMimeType, type ProofSubmission } from "./complete-inputs";
import type { UserCtx } from "./tasks";
import { unlockReached } from "./unlocks";

export interface ProofValidation extends ProofOutput {
  proofId: string;
  /** Who judged it: the configured model, or the offline coach (fallback: instead of the model). */
  provider: ChainMeta["provider"];
  fallback: boolean;
}

export interface CompleteTaskResult {
  task: TaskNode;
  /** How many tasks this call marked done: the task itself (unless it already was) and its open steps. */
  completedCount: number;
  /** False when the task was already done: nothing new was completed, and nothing awarded for it. */
  newlyCompleted: boolean;
  validation: ProofValidation | null;
  /** Why proof that was sent wasn't checked (too many checks just now, or the checker failed). */
  proofNote: string | null;
  /**
   * `awarded`: what the completion (and its proof) earned; `total` and `level` also count the bonus of
   * any achievement unlocked below.
   */
  points: { awarded: number; total: number; level: RewardsSummary["level"]; streak: RewardsSummary["streak"] };
  /** Achievements this call unlocked (each once per user, whoever races); [] when nothing new. */
  achievements: UnlockedAchievement[];
  motivation: { message: string; provider: ChainMeta["provider"] } | null;
}

type Checked = { output: ProofOutput; meta: ChainMeta; proof: ProofSubmission };

/** Runs the proof chain; returns a note instead when the user is over the AI rate limit or it fails. */
async function checkProof(ctx: UserCtx, task: Task, proof: ProofSubmission, abortSignal?: AbortSignal): Promise<Checked | string> {
  const limit = await checkRateLimit("ai", `user:${ctx.userId}`);
  if (!limit.success) {
    return `Too many proof checks just now, so this one wasn't checked. Try adding it again in ${limit.retryAfterSeconds} s.`;
  }
  try {
    const { output, meta } = await proofChain(ctx, {
      task: { title: task.title, notes: task.notes },
      proof: {
        kind: proof.kind,
        value: proof.value,
        mimeType: proof.kind === "image" ? imageMimeType(proof.value) : undefined,
        caption: proof.kind === "text" ? undefined : proof.caption,
      },
      abortSignal,
    });
    return { output, meta, proof };
  } catch (error) {
    log.error("proof check failed; completing without it", { taskId: task.id, error });
    return "The proof couldn't be checked just now. Try adding it again in a minute.";
  }
}

/** The single transaction: done + steps done + award, and the proof with its bonus. */
async function commit(ctx: UserCtx, task: Task, checked: Checked | null, at: Date) {
  return ctx.db.transaction(async (tx) => {
    const flipped = await markTaskDone(tx, { userId: ctx.userId, id: task.id, at });
    // Open steps go with it (as completing always did); they earn nothing on their own.
    const tree = await completeTaskTree(tx, { userId: ctx.userId, id: task.id, at });
    if (!tree) throw new NotFoundError("Task");
    const completedCount = (flipped ? 1 : 0) + tree.completedIds.length;
    let awarded = 0;
    if (flipped) {
      const award = await awardAction(tx, {
        userId: ctx.userId,
        kind: task.parentId ? "step.completed" : "task.completed",
        sourceId: task.id,
        reason: `${task.parentId ? "Finished a step" : "Completed"}: ${task.title}`.slice(0, 300),
      });
      if (award.created) awarded += award.entry.amount;
    }
    let validation: ProofValidation | null = null;
    if (checked) {
      const row = await insertTaskProof(tx, {
        userId: ctx.userId,
        taskId: task.id,
        kind: checked.proof.kind,
        value: checked.proof.value,
        verdict: checked.output.verdict,
        confidence: checked.output.confidence,
        reason: checked.output.reason,
        provider: checked.meta.provider,
        fallback: checked.meta.fallback,
      });
      validation = { ...checked.output, proofId: row.id, provider: checked.meta.provider, fallback: checked.meta.fallback };
      if (checked.output.verdict === "accepted") {
        const bonus = await awardAction(tx, {
          userId: ctx.userId,
          kind: "proof.accepted",
          sourceId: task.id,
          reason: `Proof accepted: ${task.title}`.slice(0, 300),
          data: { proofId: row.id },
        });
        if (bonus.created) awarded += bonus.entry.amount;
      }
    }
    return { task: tree.task, completedCount, flipped: flipped !== undefined, awarded, validation };
  });
}

/** After the commit nothing may fail the call: each follow-up logs its own failure. */
async function followUps(ctx: UserCtx, task: Task, result: { awarded: number; validation: ProofValidation | null }) {
  if (task.parentId) {
    try {
      await planActions(ctx.db, ctx.userId, [
        {
          type: "task_management",
          executor: "task.next_step",
          priority: "high",
          payload: { taskId: task.id },
          idempotencyKey: `task.next_step:${task.id}`,
        },
      ]);
    } catch (error) {
      log.error("could not plan the next step after a completion", { taskId: task.id, error });
    }
  }
  try {
    const minutes = await focusedMinutes(ctx.db, { userId: ctx.userId, taskId: task.id });
    const spent = minutes ? ` in ${minutes} min` : "";
    const estimate = task.estimateMinutes ? ` (estimated ${task.estimateMinutes} min)` : "";
    await remember(ctx.db, {
      userId: ctx.userId,
      tier: "long_term",
      kind: "task.completed",
      content: `Completed "${task.title}"${spent}${estimate}.`,
      data: {
        taskId: task.id,
        parentId: task.parentId,
        actualMinutes: minutes,
        estimateMinutes: task.estimateMinutes,
        points: result.awarded,
        proofVerdict: result.validation?.verdict ?? null,
      },
    });
  } catch (error) {
    log.error("could not remember a completion", { taskId: task.id, error });
  }
}

async function motivation(ctx: UserCtx, task: Task, streakDays: number, abortSignal?: AbortSignal): Promise<CompleteTaskResult["motivation"]> {
  try {
    const { output, meta } = await motivationChain(ctx, { trigger: "completed", taskTitle: task.title, streakDays, abortSignal });
    return { message: output.message, provider: meta.provider };
  } catch (error) {
    log.warn("no motivation message after a completion", { taskId: task.id, error });
    return null;
  }
}

export async function completeTask(ctx: UserCtx, input: CompleteTaskInput, abortSignal?: AbortSignal): Promise<CompleteTaskResult> {
  const task = await findTask(ctx.db, { userId: ctx.userId, id: input.id });
  if (!task) throw new NotFoundError("Task");
  // The model call happens before the transaction, so no lock is held while it thinks.
  const checked = input.proof ? await checkProof(ctx, task, input.proof, abortSignal) : null;
  const now = new Date();
  const committed = await commit(ctx, task, typeof checked === "string" ? null : checked, now);
  if (committed.flipped) await followUps(ctx, task, committed);
  const somethingNew = committed.flipped || committed.validation !== null;
  // Before the summary, so the total shown already holds the achievements' bonus.
  const achievements = somethingNew ? await unlockReached(ctx, now, { taskId: task.id }) : [];
  const summary = await getRewardsSummary(ctx.db, ctx.userId, { now, latest: 0 });
  return {
    task: committed.task,
    completedCount: committed.completedCount,
    newlyCompleted: committed.flipped,
    validation: committed.validation,
    proofNote: typeof checked === "string" ? checked : null,
    points: { awarded: committed.awarded, total: summary.total, level: summary.level, streak: summary.streak },
    achievements,
    motivation: somethingNew ? await motivation(ctx, task, summary.streak.days, abortSignal) : null,
  };
}
