// getUserContext: everything a chain or the chat needs to know about the user, in one call and a
// fixed number of queries that run side by side: recent memories, the nearest past ones, the latest
// check-in, today's focus, and their settings.
import "server-only";
import { and, desc, eq, gt, lte, notInArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { checkins, coachTones, dayPlans, energyPatterns, focusSessions, tasks, userSettings, users } from "../db/schema";
import type { MemoryHit, MemoryItem } from "./rows";
import { getStreak } from "../rewards/streak";
import { recall, search } from "./store";

/** A check-in older than this says nothing about how the user feels now. */
export const MOOD_FRESH_MS = 12 * 60 * 60 * 1000;
/** A focus session still "running" after this long was abandoned, not in progress. */
export const FOCUS_STALE_MS = 12 * 60 * 60 * 1000;

/** The user's settings, or the defaults until they save their own (`saved: false`). */
export type UserPreferences = {
  timeZone: string;
  energyPattern: (typeof energyPatterns)[number];
  coachTone: (typeof coachTones)[number];
  /** Local working hours, minutes after midnight and as "HH:MM". */
  workingHours: { startMinute: number; endMinute: number; start: string; end: string };
  /** Onboarding answers and other free-form preferences (user_settings.preferences). */
  extra: Record<string, unknown>;
  saved: boolean;
};

export interface UserContext {
  /** The newest live memories of any tier. */
  recent: MemoryItem[];
  /** The past memories nearest to `about` (empty without `about`). */
  similar: MemoryHit[];
  /** The latest check-in of the last 12 hours (mood and energy 1–5; either may be missing). */
  mood: { mood: number | null; energy: number | null; note: string | null; at: Date } | null;
  /** The task of a running focus session, else the first open task block of today's accepted plan. */
  todayFocus: { taskId: string; title: string; source: "focus" | "plan" } | null;
  /** Days in a row with a completion, from the points ledger (today not yet active doesn't break it). */
  streak: { days: number; activeToday: boolean };
  preferences: UserPreferences;
}

/** Same defaults as the user_settings columns, for a user who has not saved settings yet. */
const DEFAULT_SETTINGS = { workdayStartMinute: 540, workdayEndMinute: 1020, energyPattern: "morning", coachTone: "gentle" } as const;

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** The user's local calendar day, YYYY-MM-DD (how day_plans.day is keyed). */
function localDay(now: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

async function latestCheckin(db: Db, userId: string, now: Date): Promise<UserContext["mood"]> {
  const [row] = await db
    .select({ mood: checkins.mood, energy: checkins.energy, note: checkins.note, at: checkins.createdAt })
    .from(checkins)
    .where(and(eq(checkins.userId, userId), gt(checkins.createdAt, new Date(now.getTime() - MOOD_FRESH_MS)), lte(checkins.createdAt, now)))
    .orderBy(desc(checkins.createdAt))
    .limit(1);
  return row ?? null;
}

async function runningFocus(db: Db, userId: string, now: Date): Promise<UserContext["todayFocus"]> {
  const [row] = await db
    .select({ taskId: tasks.id, title: tasks.title })
    .from(focusSessions)
    .innerJoin(tasks, and(eq(tasks.id, focusSessions.taskId), eq(tasks.userId, userId)))
    .where(
      and(
        eq(focusSessions.userId, userId),
        eq(focusSessions.status, "running"),
        gt(focusSessions.startedAt, new Date(now.getTime() - FOCUS_STALE_MS)),
      ),
    )
    .orderBy(desc(focusSessions.startedAt))
    .limit(1);
  return row ? { ...row, source: "focus" } : null;
}

async function settingsOf(db: Db, userId: string) {
  const [row] = await db
    .select({
      timeZone: users.timeZone,
      workdayStartMinute: userSettings.workdayStartMinute,
      workdayEndMinute: userSettings.workdayEndMinute,
      energyPattern: userSettings.energyPattern,
      coachTone: userSettings.coachTone,
      preferences: userSettings.preferences,
    })
    .from(users)
    .leftJoin(userSettings, eq(userSettings.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  const start = row?.workdayStartMinute ?? DEFAULT_SETTINGS.workdayStartMinute;
  const end = row?.workdayEndMinute ?? DEFAULT_SETTINGS.workdayEndMinute;
  const preferences: UserPreferences = {
    timeZone: row?.timeZone ?? "UTC",
    energyPattern: row?.energyPattern ?? DEFAULT_SETTINGS.energyPattern,
    coachTone: row?.coachTone ?? DEFAULT_SETTINGS.coachTone,
    workingHours: { startMinute: start, endMinute: end, start: clock(start), end: clock(end) },
    extra: row?.preferences ?? {},
    saved: row?.workdayStartMinute != null,
  };
  return preferences;
}

/** The first task block of today's accepted plan whose task is still open (blocks in plan order). */
async function plannedFocus(db: Db, userId: string, day: string): Promise<UserContext["todayFocus"]> {
  const block = sql`jsonb_array_elements(${dayPlans.blocks}) with ordinality as b(block, ord)`;
  const [row] = await db
    .select({ taskId: tasks.id, title: tasks.title })
    .from(dayPlans)
    .innerJoin(sql`lateral ${block}`, sql`true`)
    .innerJoin(tasks, and(eq(tasks.userId, userId), sql`${tasks.id}::text = b.block->>'taskId'`))
    .where(
      and(
        eq(dayPlans.userId, userId),
        eq(dayPlans.day, day),
        eq(dayPlans.status, "accepted"),
        sql`b.block->>'kind' = 'task'`,
        notInArray(tasks.status, ["done", "archived"]),
      ),
    )
    .orderBy(sql`b.ord`)
    .limit(1);
  return row ? { ...row, source: "plan" } : null;
}

export async function getUserContext(
  db: Db,
  userId: string,
  options: { about?: string; k?: number; recentLimit?: number; now?: Date } = {},
): Promise<UserContext> {
  const now = options.now ?? new Date();
  const about = options.about?.trim();
  // Seven queries, mostly side by side (search adds up to two with a remote embedder); only the plan's waits,
  // for the time zone that says which day is today.
  const [recent, similar, mood, focus, planned] = await Promise.all([
    recall(db, { userId, limit: options.recentLimit ?? 10, now }),
    about ? search(db, { userId, query: about, k: options.k ?? 5, now }) : Promise.resolve([]),
    latestCheckin(db, userId, now),
    runningFocus(db, userId, now),
    settingsOf(db, userId).then(async (preferences) => {
      const [focus, streak] = await Promise.all([
        plannedFocus(db, userId, localDay(now, preferences.timeZone)),
        getStreak(db, userId, { now, timeZone: preferences.timeZone }),
      ]);
      return { preferences, focus, streak };
    }),
  ]);
  return {
    recent,
    similar,
    mood,
    todayFocus: focus ?? planned.focus,
    streak: { days: planned.streak.days, activeToday: planned.streak.activeToday },
    preferences: planned.preferences,
  };
}
