// The morning ritual, once per local day: an intention, how much energy there is, and the top three
// open tasks. Saving it (again) replaces the day's ritual and re-plans today, so the plan starts
// with the top three and fits the energy (see morning-ritual-plan.ts for how the plan uses it).
import "server-only";
import { findRitual, findTasksByIds, upsertRitual } from "../db/queries/rituals";
import type { MorningRitual } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { log } from "../log";
import { remember } from "../memory";
import { localDay } from "../time";
import { type DayPlanView, generateDayPlan } from "./daily-plan";
import type { SaveRitualInput } from "./morning-ritual-inputs";
import { loadDaySettings } from "./settings";
import type { UserCtx } from "./tasks";

export interface RitualView {
  day: string;
  intention: string | null;
  energy: number | null;
  /** The top three, in the user's order, with their titles (tasks deleted since are left out). */
  top: { id: string; title: string; done: boolean }[];
  updatedAt: Date;
}

export interface RitualToday {
  day: string;
  ritual: RitualView | null;
}

async function view(ctx: UserCtx, ritual: MorningRitual): Promise<RitualView> {
  const found = await findTasksByIds(ctx.db, { userId: ctx.userId, ids: ritual.topTaskIds });
  const byId = new Map(found.map((t) => [t.id, t]));
  return {
    day: ritual.day,
    intention: ritual.intention,
    energy: ritual.energy,
    top: ritual.topTaskIds.flatMap((id) => {
      const t = byId.get(id);
      return t ? [{ id, title: t.title, done: t.status === "done" }] : [];
    }),
    updatedAt: ritual.updatedAt,
  };
}

/** Today's ritual in the user's time zone, or null when they have not done it yet. */
export async function getTodayRitual(ctx: UserCtx, now = new Date()): Promise<RitualToday> {
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  const day = localDay(now.getTime(), timeZone);
  const ritual = await findRitual(ctx.db, { userId: ctx.userId, day });
  return { day, ritual: ritual ? await view(ctx, ritual) : null };
}

/** Saves today's ritual (replacing an earlier one today) and re-plans the day from it. */
export async function saveRitual(ctx: UserCtx, input: SaveRitualInput, now = new Date()): Promise<{ ritual: RitualView; plan: DayPlanView | null }> {
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  const day = localDay(now.getTime(), timeZone);
  const tasks = await findTasksByIds(ctx.db, { userId: ctx.userId, ids: input.topTaskIds });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const id of input.topTaskIds) {
    const task = byId.get(id);
    // Another user's task looks exactly like one that does not exist.
    if (!task) throw new NotFoundError("Task");
    if (task.parentId) throw new InvalidInputError("topTaskIds", `“${task.title}” is a step; pick the task it belongs to`);
    if (task.status === "done" || task.status === "archived") throw new InvalidInputError("topTaskIds", `“${task.title}” is already done; pick an open task`);
  }
  const intention = input.intention ? input.intention : null;
  const ritual = await upsertRitual(ctx.db, { userId: ctx.userId, day, intention, energy: input.energy ?? null, topTaskIds: input.topTaskIds, at: now });
  const titles = input.topTaskIds.map((id) => byId.get(id)?.title ?? "");
  try {
    const said = [
      intention ? `intention “${intention}”` : null,
      ritual.energy !== null ? `energy ${ritual.energy}/5` : null,
      titles.length ? `top three: ${titles.join("; ")}` : null,
    ].filter(Boolean);
    await remember(ctx.db, {
      userId: ctx.userId,
      tier: "working",
      kind: "ritual.morning",
      content: `Morning ritual for ${day}: ${said.join(", ") || "nothing filled in"}.`,
      data: { day, energy: ritual.energy, topTaskIds: ritual.topTaskIds },
      now,
    });
  } catch (error) {
    log.error("could not remember a morning ritual", { error });
  }
  const plan = input.replan ? await generateDayPlan(ctx, { now, replan: true }) : null;
  return { ritual: await view(ctx, ritual), plan };
}
