// Daily optimisation: open tasks + estimates + today's energy and mood + fixed events → a
// time-blocked plan for the user's day (server/planner/day-plan does the planning), stored once per
// user and local day, accepted, edited (daily-plan-edit.ts) or re-planned, and remembered.
import "server-only";
import { z } from "zod";
import { doneTaskIds, findDayPlan, focusMinutesBetween, knownComplexity, listOpenWork, saveDayPlan, setDayPlanStatus } from "../db/queries/days";
import type { DayPlan, PlanBlock, Task } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { log } from "../log";
import { remember } from "../memory";
import { type FixedEvent, type PinnedBlock, type PlanSummary, type PlanTask } from "../planner/day-plan";
import { addDays, dayBounds, formatDate, formatDuration, localDay } from "../time";
import { checkinsOn } from "./checkins";
import { planTopFirst, ritualForPlan } from "./morning-ritual-plan";
import { type DaySettings, loadDaySettings } from "./settings";
import type { UserCtx } from "./tasks";

/** How far ahead a day can be planned. */
export const PLAN_AHEAD_DAYS = 7;

const interval = { start: z.string(), end: z.string() };
/** What a plan was built from, kept with it so edits and re-plans start from the same ground. */
const storedInputs = z.object({
  timeZone: z.string().catch("UTC"),
  energy: z.number().nullable().catch(null),
  mood: z.number().nullable().catch(null),
  checkinAt: z.string().nullable().catch(null),
  doneMinutes: z.number().catch(0),
  fixedEvents: z.array(z.object({ id: z.string(), title: z.string(), ...interval })).catch([]),
  pinned: z.array(z.object({ taskId: z.string(), title: z.string(), ...interval })).catch([]),
  skippedTaskIds: z.array(z.string()).catch([]),
  generatedAt: z.string().catch(""),
  summary: z.custom<PlanSummary>((v) => typeof v === "object" && v !== null && "headline" in v).nullable().catch(null),
});
export type StoredInputs = z.infer<typeof storedInputs>;

export function readInputs(raw: unknown): StoredInputs {
  return storedInputs.parse(raw ?? {});
}

export interface DayPlanView {
  id: string;
  day: string;
  status: DayPlan["status"];
  blocks: PlanBlock[];
  overload: DayPlan["overload"];
  summary: PlanSummary | null;
  timeZone: string;
  energy: number | null;
  mood: number | null;
  fixedEvents: FixedEvent[];
  updatedAt: Date;
  /** Set when the user checked in after the plan was made and feels different now. */
  replanHint: string | null;
  /** Tasks and steps in the plan that are done by now. */
  doneTaskIds: string[];
}

/** The day to plan: today in the user's zone by default; never a past day, at most a week ahead. */
export function resolveDay(day: string | undefined, now: Date, timeZone: string): string {
  const today = localDay(now.getTime(), timeZone);
  if (!day) return today;
  if (day < today) throw new InvalidInputError("day", "That day has passed; plan today or a day ahead");
  if (day > addDays(today, PLAN_AHEAD_DAYS)) throw new InvalidInputError("day", `Plan at most ${PLAN_AHEAD_DAYS} days ahead`);
  return day;
}

/** Open top-level tasks with their open steps, the smallest ones (leaves) in order, skipping what the user took out. */
export function toPlanTasks(work: { tasks: Task[]; steps: Task[] }, skipped: Set<string>, complexity = new Map<string, number>()): PlanTask[] {
  const children = new Map<string, Task[]>();
  for (const step of work.steps) {
    const list = children.get(step.parentId as string) ?? [];
    list.push(step);
    children.set(step.parentId as string, list);
  }
  const leaves = (node: Task, depth: number): Task[] => {
    const kids = children.get(node.id) ?? [];
    return kids.length === 0 || depth > 8 ? [node] : kids.flatMap((k) => leaves(k, depth + 1));
  };
  return work.tasks
    .filter((t) => !skipped.has(t.id))
    .map((t) => ({
      id: t.id,
      title: t.title,
      estimateMinutes: t.estimateMinutes,
      priority: t.priority,
      dueAt: t.dueAt ? t.dueAt.toISOString() : null,
      complexity: complexity.get(t.id) ?? null,
      steps: (children.get(t.id) ?? [])
        .flatMap((k) => leaves(k, 1))
        .filter((s) => !skipped.has(s.id))
        .map((s) => ({ id: s.id, title: s.title, estimateMinutes: s.estimateMinutes })),
    }));
}

async function rememberPlan(ctx: UserCtx, kind: "plan.generated" | "plan.accepted", plan: DayPlan, timeZone: string) {
  const tasks = plan.blocks.filter((b) => b.kind === "task");
  const titles = [...new Set(tasks.map((b) => b.title.replace(/ \(continued\)$/, "")))];
  const focus = tasks.reduce((s, b) => s + (Date.parse(b.end) - Date.parse(b.start)) / 60_000, 0);
  const inputs = readInputs(plan.inputs);
  const date = formatDate(dayBounds(plan.day, timeZone).start + 12 * 3_600_000, timeZone);
  const shape = inputs.summary?.light ? "a lighter plan for a low-energy day" : "a plan";
  const content =
    kind === "plan.generated"
      ? `Made ${shape} for ${date}: ${titles.slice(0, 6).join("; ") || "nothing to do"}${plan.overload ? `; about ${formatDuration(plan.overload.overflowMinutes)} did not fit` : ""}.`
      : `Accepted the plan for ${date}: ${titles.slice(0, 6).join("; ") || "a free day"}; about ${formatDuration(Math.round(focus))} of focus.`;
  try {
    await remember(ctx.db, {
      userId: ctx.userId,
      tier: kind === "plan.generated" ? "working" : "long_term",
      kind,
      content,
      data: { planId: plan.id, day: plan.day, taskIds: [...new Set(tasks.map((b) => b.taskId))], focusMinutes: Math.round(focus), overflowMinutes: plan.overload?.overflowMinutes ?? 0, energy: inputs.energy, mood: inputs.mood },
    });
  } catch (error) {
    log.error("could not remember a day plan", { kind, error });
  }
}

async function replanHint(ctx: UserCtx, plan: DayPlan, inputs: StoredInputs, timeZone: string, now: Date): Promise<string | null> {
  if (plan.day !== localDay(now.getTime(), timeZone)) return null;
  const today = await checkinsOn(ctx.db, { userId: ctx.userId, day: plan.day, timeZone, before: now });
  if (!today.latest) return null;
  const newer = !inputs.checkinAt || today.latest.createdAt.getTime() > Date.parse(inputs.checkinAt);
  if (!newer || (today.energy === inputs.energy && today.mood === inputs.mood)) return null;
  if (today.energy !== null && today.energy <= 2 && !(inputs.energy !== null && inputs.energy <= 2)) {
    return "You checked in with low energy after this plan was made. Re-plan for a lighter day?";
  }
  if (today.mood !== null && today.mood <= 2 && !(inputs.mood !== null && inputs.mood <= 2)) {
    return "You checked in with a low mood. Re-plan to start with one tiny, easy win?";
  }
  return "You checked in after this plan was made. Re-plan to fit how you feel now?";
}

export async function toView(ctx: UserCtx, plan: DayPlan, now: Date): Promise<DayPlanView> {
  const inputs = readInputs(plan.inputs);
  const ids = [...new Set(plan.blocks.flatMap((b) => (b.taskId ? [b.taskId] : [])))];
  const [hint, done] = await Promise.all([
    replanHint(ctx, plan, inputs, inputs.timeZone, now),
    doneTaskIds(ctx.db, { userId: ctx.userId, ids }),
  ]);
  return {
    id: plan.id,
    day: plan.day,
    status: plan.status,
    blocks: plan.blocks,
    overload: plan.overload,
    summary: inputs.summary,
    timeZone: inputs.timeZone,
    energy: inputs.energy,
    mood: inputs.mood,
    fixedEvents: inputs.fixedEvents,
    updatedAt: plan.updatedAt,
    replanHint: hint,
    doneTaskIds: done,
  };
}

/** Plans the day from what is true now (tasks, check-in, focus done) and stores it. */
export async function buildPlan(
  ctx: UserCtx,
  args: { day: string; now: Date; settings: DaySettings; fixedEvents: FixedEvent[]; pinned: PinnedBlock[]; skipped: string[]; status: DayPlan["status"] },
): Promise<DayPlan> {
  const { day, now, settings } = args;
  const { timeZone } = settings;
  const isToday = day === localDay(now.getTime(), timeZone);
  const bounds = dayBounds(day, timeZone);
  const [checkin, work, doneMinutes] = await Promise.all([
    isToday ? checkinsOn(ctx.db, { userId: ctx.userId, day, timeZone, before: now }) : null,
    listOpenWork(ctx.db, { userId: ctx.userId }),
    isToday ? focusMinutesBetween(ctx.db, { userId: ctx.userId, from: new Date(bounds.start), to: now }) : 0,
  ]);
  const tasks = toPlanTasks(work, new Set(args.skipped), await knownComplexity(ctx.db, { userId: ctx.userId, taskIds: work.tasks.map((t) => t.id) }));
  // A pinned block whose task is done or gone has nothing left to hold its place.
  const open = new Set([...work.tasks, ...work.steps].map((t) => t.id));
  const pinned = args.pinned.filter((p) => open.has(p.taskId));
  // The morning ritual: its energy stands unless a later check-in says otherwise; its top three go first.
  const ritual = await ritualForPlan(ctx.db, { userId: ctx.userId, day, now, checkinEnergy: checkin?.energy ?? null });
  const energy = ritual ? ritual.energy : (checkin?.energy ?? null);
  const result = planTopFirst({
    now,
    timeZone,
    day,
    workday: { startMinute: settings.workdayStartMinute, endMinute: settings.workdayEndMinute },
    energyPattern: settings.energyPattern,
    energy,
    mood: checkin?.mood ?? null,
    tasks,
    fixedEvents: args.fixedEvents,
    pinned,
    doneMinutes,
  }, ritual?.topTaskIds ?? []);
  const inputs: StoredInputs = {
    timeZone,
    energy,
    mood: checkin?.mood ?? null,
    checkinAt: checkin?.latest ? checkin.latest.createdAt.toISOString() : null,
    doneMinutes,
    fixedEvents: args.fixedEvents,
    pinned,
    skippedTaskIds: args.skipped,
    generatedAt: now.toISOString(),
    summary: result.summary,
  };
  return saveDayPlan(ctx.db, {
    userId: ctx.userId,
    day,
    fields: { status: args.status, blocks: result.blocks, overload: result.overload, inputs: { ...inputs, workday: { start: settings.workdayStartMinute, end: settings.workdayEndMinute }, energyPattern: settings.energyPattern } },
  });
}

/**
 * Today's plan (or `day`'s): the stored one, or a new one when there is none or `replan` is set.
 * A re-plan starts fresh from the tasks and the latest check-in but keeps the fixed events.
 */
export async function generateDayPlan(ctx: UserCtx, opts: { day?: string; now?: Date; replan?: boolean } = {}): Promise<DayPlanView> {
  const now = opts.now ?? new Date();
  const settings = await loadDaySettings(ctx.db, ctx.userId);
  const day = resolveDay(opts.day, now, settings.timeZone);
  const existing = await findDayPlan(ctx.db, { userId: ctx.userId, day });
  if (existing && !opts.replan) return toView(ctx, existing, now);
  const prior = existing ? readInputs(existing.inputs) : null;
  const plan = await buildPlan(ctx, { day, now, settings, fixedEvents: prior?.fixedEvents ?? [], pinned: [], skipped: [], status: "draft" });
  await rememberPlan(ctx, "plan.generated", plan, settings.timeZone);
  return toView(ctx, plan, now);
}

/** The stored plan for today (or `day`), or null: reading never makes one. */
export async function getDayPlan(ctx: UserCtx, opts: { day?: string; now?: Date } = {}): Promise<DayPlanView | null> {
  const now = opts.now ?? new Date();
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  const day = opts.day ?? localDay(now.getTime(), timeZone);
  const plan = await findDayPlan(ctx.db, { userId: ctx.userId, day });
  return plan ? toView(ctx, plan, now) : null;
}

export async function acceptDayPlan(ctx: UserCtx, opts: { day?: string; now?: Date } = {}): Promise<DayPlanView> {
  const now = opts.now ?? new Date();
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  const day = opts.day ?? localDay(now.getTime(), timeZone);
  const current = await findDayPlan(ctx.db, { userId: ctx.userId, day });
  if (!current) throw new NotFoundError("Day plan");
  if (current.status === "accepted") return toView(ctx, current, now);
  const plan = await setDayPlanStatus(ctx.db, { userId: ctx.userId, day, status: "accepted" });
  if (!plan) throw new NotFoundError("Day plan");
  await rememberPlan(ctx, "plan.accepted", plan, timeZone);
  return toView(ctx, plan, now);
}
