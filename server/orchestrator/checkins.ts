// Mood and energy check-ins: log one (several a day are fine), read today's, list recent ones.
// Each check-in is remembered, and the answer says what it changes: low energy offers a lighter
// plan, a low mood one tiny step.
import "server-only";
import type { Db } from "../db/client";
import { insertCheckin, listCheckins } from "../db/queries/days";
import type { Checkin } from "../db/schema";
import { log } from "../log";
import { remember } from "../memory";
import { dayBounds, localDay } from "../time";
import type { ListMoodInput, LogMoodInput } from "./day-inputs";
import { loadDaySettings } from "./settings";
import type { UserCtx } from "./tasks";

export interface TodayCheckin {
  /** The newest check-in today, if any. */
  latest: Checkin | null;
  /** The newest mood and energy given today (a check-in may carry only one of them). */
  mood: number | null;
  energy: number | null;
  count: number;
}

/** Today's check-ins in the user's time zone, folded into the mood and energy that hold now. */
export async function checkinsOn(db: Db, args: { userId: string; day: string; timeZone: string; before?: Date }): Promise<TodayCheckin> {
  const bounds = dayBounds(args.day, args.timeZone);
  const to = args.before && args.before.getTime() < bounds.end ? new Date(args.before.getTime() + 1) : new Date(bounds.end);
  const rows = await listCheckins(db, { userId: args.userId, from: new Date(bounds.start), to, limit: 100 });
  return {
    latest: rows[0] ?? null,
    mood: rows.find((r) => r.mood !== null)?.mood ?? null,
    energy: rows.find((r) => r.energy !== null)?.energy ?? null,
    count: rows.length,
  };
}

function answer(mood: number | null, energy: number | null): { message: string; offerLighterPlan: boolean; offerTinyStep: boolean } {
  const lowEnergy = energy !== null && energy <= 2;
  const lowMood = mood !== null && mood <= 2;
  if (lowEnergy && lowMood) {
    return {
      message: "Thank you for being honest. Today can be small: a lighter plan with tiny steps and more breaks, starting with one easy win.",
      offerLighterPlan: true,
      offerTinyStep: true,
    };
  }
  if (lowEnergy) {
    return { message: "Low energy noted. Your plan can be lighter today: just the next small step of each task, short blocks and more breaks.", offerLighterPlan: true, offerTinyStep: false };
  }
  if (lowMood) {
    return { message: "Thanks for telling me. Rough days happen — one tiny step is enough to get going.", offerLighterPlan: false, offerTinyStep: true };
  }
  if ((energy ?? 0) >= 4) return { message: "Good energy noted — a fine day for your hardest task.", offerLighterPlan: false, offerTinyStep: false };
  return { message: "Checked in. Thanks!", offerLighterPlan: false, offerTinyStep: false };
}

export async function logCheckin(ctx: UserCtx, input: LogMoodInput, now = new Date()) {
  const checkin = await insertCheckin(ctx.db, {
    userId: ctx.userId,
    mood: input.mood ?? null,
    energy: input.energy ?? null,
    note: input.note ? input.note : null,
    at: now,
  });
  const said = [checkin.mood !== null ? `mood ${checkin.mood}/5` : null, checkin.energy !== null ? `energy ${checkin.energy}/5` : null]
    .filter(Boolean)
    .join(", ");
  try {
    await remember(ctx.db, {
      userId: ctx.userId,
      tier: "long_term",
      kind: "mood.logged",
      content: `Checked in: ${said}${checkin.note ? ` — “${checkin.note}”` : ""}.`,
      data: { checkinId: checkin.id, mood: checkin.mood, energy: checkin.energy },
      now,
    });
  } catch (error) {
    log.error("could not remember a check-in", { error });
  }
  return { checkin, ...answer(checkin.mood, checkin.energy) };
}

export async function todayCheckin(ctx: UserCtx, now = new Date()): Promise<TodayCheckin> {
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  return checkinsOn(ctx.db, { userId: ctx.userId, day: localDay(now.getTime(), timeZone), timeZone, before: now });
}

export async function recentCheckins(ctx: UserCtx, input: ListMoodInput): Promise<Checkin[]> {
  return listCheckins(ctx.db, { userId: ctx.userId, limit: input.limit });
}
