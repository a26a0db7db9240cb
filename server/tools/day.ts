// Day tools: capture a brain dump into a preview (nothing saved), read or re-plan the day, and log a
// mood or energy check-in — through the same workflows as the tRPC task, plan and mood routers.
import "server-only";
import { capturePreview } from "../orchestrator/capture";
import { logCheckin } from "../orchestrator/checkins";
import { type DayPlanView, generateDayPlan, getDayPlan } from "../orchestrator/daily-plan";
import { defineTool } from "./define";
import { captureToolInput, dayToolInput, logEnergyToolInput, logMoodToolInput } from "./tool-inputs";
import type { ToolCtx } from "./types";

const as = (ctx: ToolCtx) => ({ db: ctx.db, userId: ctx.userId });

function planView(plan: DayPlanView) {
  return {
    id: plan.id,
    day: plan.day,
    status: plan.status,
    timeZone: plan.timeZone,
    energy: plan.energy,
    mood: plan.mood,
    headline: plan.summary?.headline ?? null,
    blocks: plan.blocks.map((b) => ({ start: b.start, end: b.end, kind: b.kind, title: b.title, taskId: b.taskId ?? null, why: b.why ?? null })),
    overload: plan.overload,
    doneTaskIds: plan.doneTaskIds,
    replanHint: plan.replanHint,
  };
}

export const captureTool = defineTool({
  name: "capture",
  title: "Capture a brain dump",
  description:
    "Reads free text (a brain dump, a list, an email) into a preview list of tasks with dues, estimates, priorities and areas. Saves NOTHING: show the list to the user, then create the tasks they keep with create_task.",
  input: captureToolInput,
  readOnly: true,
  async handler(ctx, input) {
    const preview = await capturePreview(as(ctx), input, ctx.signal);
    return { saved: false, tasks: preview.tasks, timeZone: preview.timeZone };
  },
});

export const getDayPlanTool = defineTool({
  name: "get_day_plan",
  title: "Get the day plan",
  description:
    "The stored time-blocked plan for today (or day): blocks with start/end (ISO), task ids and why each sits there. Reading never makes a plan; when there is none, plan is null — call replan_day to make one.",
  input: dayToolInput,
  readOnly: true,
  async handler(ctx, input) {
    const plan = await getDayPlan(as(ctx), { day: input.day, now: ctx.now });
    return { plan: plan ? planView(plan) : null };
  },
});

export const replanDayTool = defineTool({
  name: "replan_day",
  title: "Plan or re-plan the day",
  description:
    "Makes a fresh plan for today (or day, up to a week ahead) from the open tasks, estimates and the latest mood/energy check-in; fixed events are kept. Use after a check-in or when the day changed.",
  input: dayToolInput,
  async handler(ctx, input) {
    return { plan: planView(await generateDayPlan(as(ctx), { day: input.day, now: ctx.now, replan: true })) };
  },
});

function checkinView(result: Awaited<ReturnType<typeof logCheckin>>) {
  return {
    checkin: { id: result.checkin.id, mood: result.checkin.mood, energy: result.checkin.energy, note: result.checkin.note, at: result.checkin.createdAt.toISOString() },
    message: result.message,
    offerLighterPlan: result.offerLighterPlan,
    offerTinyStep: result.offerTinyStep,
  };
}

export const logMoodTool = defineTool({
  name: "log_mood",
  title: "Log mood",
  description: "Records how the user feels, 1 (awful) to 5 (great), with an optional note. Several a day are fine. The answer says what it changes (a low mood → one tiny step).",
  input: logMoodToolInput,
  async handler(ctx, input) {
    return checkinView(await logCheckin(as(ctx), { mood: input.mood, note: input.note }, ctx.now));
  },
});

export const logEnergyTool = defineTool({
  name: "log_energy",
  title: "Log energy",
  description: "Records the user's energy, 1 (empty) to 5 (full), with an optional note. Low energy → offer replan_day for a lighter plan.",
  input: logEnergyToolInput,
  async handler(ctx, input) {
    return checkinView(await logCheckin(as(ctx), { energy: input.energy, note: input.note }, ctx.now));
  },
});

export const dayTools = [captureTool, getDayPlanTool, replanDayTool, logMoodTool, logEnergyTool];
