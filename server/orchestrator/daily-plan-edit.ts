// Editing a day plan by hand: move or resize a block, take a task out of today, add or remove a
// fixed event. What the user placed stays put; everything else is planned again around it.
import "server-only";
import { randomUUID } from "node:crypto";
import { findDayPlan } from "../db/queries/days";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import type { FixedEvent, PinnedBlock, PlanBlock } from "../planner/day-plan";
import { dayBounds, zonedInstant } from "../time";
import { buildPlan, type DayPlanView, readInputs, resolveDay, toView } from "./daily-plan";
import { type EditDayPlanInput, minuteOf } from "./day-inputs";
import { loadDaySettings } from "./settings";
import type { UserCtx } from "./tasks";

const MINUTE = 60_000;

const baseTitle = (title: string) => title.replace(/ \(continued\)$/, "");
const sameSpan = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.end) === Date.parse(b.end);

function assertFree(span: { start: number; end: number }, others: { title: string; start: string; end: string }[]) {
  const hit = others.find((o) => Date.parse(o.start) < span.end && Date.parse(o.end) > span.start);
  if (hit) throw new InvalidInputError("start", `That overlaps “${hit.title}”; pick another time`);
}

export async function editDayPlan(ctx: UserCtx, input: EditDayPlanInput, now = new Date()): Promise<DayPlanView> {
  const settings = await loadDaySettings(ctx.db, ctx.userId);
  const { timeZone } = settings;
  const day = resolveDay(input.day, now, timeZone);
  const plan = await findDayPlan(ctx.db, { userId: ctx.userId, day });
  if (!plan) throw new NotFoundError("Day plan");
  const inputs = readInputs(plan.inputs);
  const bounds = dayBounds(day, timeZone);
  let fixedEvents: FixedEvent[] = [...inputs.fixedEvents];
  let pinned: PinnedBlock[] = [...inputs.pinned];
  const skipped = new Set(inputs.skippedTaskIds);

  if (input.op === "addEvent") {
    const start = zonedInstant(day, minuteOf(input.start), timeZone);
    const end = zonedInstant(day, minuteOf(input.end), timeZone);
    if (end <= start) throw new InvalidInputError("end", "The event has to end after it starts");
    fixedEvents.push({ id: randomUUID(), title: input.title, start: new Date(start).toISOString(), end: new Date(end).toISOString() });
  } else {
    const block: PlanBlock | undefined = plan.blocks[input.index];
    if (!block || Date.parse(block.start) !== Date.parse(input.blockStart)) {
      throw new ConflictError("This plan changed since you loaded it; here is the fresh one. Please try again.");
    }
    if (block.kind === "break") throw new InvalidInputError("index", "Breaks are placed for you; move or remove a task next to it instead");
    const event = block.kind === "event" ? fixedEvents.find((e) => e.title === block.title && sameSpan(e, block)) : undefined;
    if (block.kind === "event" && !event) throw new ConflictError("This plan changed since you loaded it; here is the fresh one. Please try again.");
    const ownPin = block.kind === "task" ? pinned.find((p) => p.taskId === block.taskId && sameSpan(p, block)) : undefined;

    if (input.op === "remove") {
      if (event) fixedEvents = fixedEvents.filter((e) => e !== event);
      else if (block.taskId) {
        skipped.add(block.taskId);
        pinned = pinned.filter((p) => p.taskId !== block.taskId);
      }
    } else {
      const length = input.op === "move" ? Date.parse(block.end) - Date.parse(block.start) : input.minutes * MINUTE;
      const start = input.op === "move" ? zonedInstant(day, minuteOf(input.start), timeZone) : Date.parse(block.start);
      const end = start + length;
      if (input.op === "move" && start < now.getTime() - MINUTE) throw new InvalidInputError("start", "That time has already passed; pick a later one");
      if (end > bounds.end) throw new InvalidInputError(input.op === "move" ? "start" : "minutes", "That would run past midnight");
      const span = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
      if (event) {
        fixedEvents = fixedEvents.map((e) => (e === event ? { ...e, ...span } : e));
      } else if (block.taskId) {
        const others = pinned.filter((p) => p !== ownPin);
        // A task the user places must not sit on top of a fixed event or another placed task.
        assertFree({ start, end }, [...fixedEvents, ...others]);
        pinned = [...others, { taskId: block.taskId, title: baseTitle(block.title), ...span }];
      }
    }
  }

  const saved = await buildPlan(ctx, { day, now, settings, fixedEvents, pinned, skipped: [...skipped], status: plan.status });
  return toView(ctx, saved, now);
}
