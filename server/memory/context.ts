// getUserContext: everything a chain or the chat needs to know about the user, in one call and a
// fixed number of queries that run side by side: recent memories, the nearest past ones (optionally
// of some kinds only), the newest of chosen kinds, the latest check-in, today's focus, streak and
// settings.
import "server-only";
import { and, desc, eq, gt, lte, notInArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { checkins, coachTones, dayPlans, energyPatterns, focusSessions, memories, tasks, userSettings, users } from "../db/schema";
import { InvalidInputError, UnavailableError } from "../errors";
import { log } from "../log";
import { alive, itemColumns, type MemoryHit, type MemoryItem } from "./rows";
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
  /**
   * The past memories nearest to `about`, of the `kinds` asked for (empty without `about`, and when a
   * remote embedding model is down: context is an aid, the caller goes on without it).
   */
  similar: MemoryHit[];
  /** The newest live memories of each kind asked for in `byKind`, newest first (only those kinds). */
  byKind?: Record<string, MemoryItem[]>;
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

/** At most this many kinds in `byKind`, and this many memories of each. */
export const MAX_CONTEXT_KINDS = 10;
export const MAX_PER_KIND = 100;

/**
 * The newest live memories of each kind in `limits` (up to its limit), in ONE query however many
 * kinds: a VALUES row per kind and, for each, the user's newest ids of that kind (LATERAL); then
 * those rows. Grouped by kind, newest first.
 */
async function newestOfKinds(db: Db, userId: string, limits: Record<string, number>, now: Date): Promise<Record<string, MemoryItem[]>> {
  const entries = Object.entries(limits);
  if (entries.length > MAX_CONTEXT_KINDS) throw new InvalidInputError("byKind", `At most ${MAX_CONTEXT_KINDS} kinds`);
  for (const [kind, limit] of entries) {
    if (!kind.trim()) throw new InvalidInputError("byKind", "A kind needs a name");
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PER_KIND) {
      throw new InvalidInputError("byKind", `The limit for ${kind} must be a whole number from 1 to ${MAX_PER_KIND}`);
    }
  }
  const out: Record<string, MemoryItem[]> = Object.fromEntries(entries.map(([kind]) => [kind, []]));
  if (entries.length === 0) return out;
  const wanted = sql.join(
    entries.map(([kind, limit]) => sql`(${kind}::text, ${limit}::int)`),
    sql`, `,
  );
  const newest = sql`select ${memories.id} as id from ${memories}
    where ${memories.userId} = ${userId} and ${memories.kind} = w.kind and ${alive(now)}
    order by ${memories.createdAt} desc, ${memories.id} desc
    limit w.lim`;
  const rows = await db
    .select(itemColumns)
    .from(sql`(values ${wanted}) as w(kind, lim)`)
    .innerJoin(sql`lateral (${newest}) as newest`, sql`true`)
    .innerJoin(memories, and(sql`${memories.id} = newest.id`, eq(memories.userId, userId)));
  rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  for (const row of rows) out[row.kind]?.push(row);
  return out;
}

/** Semantic neighbours, or none when the remote embedding model is down (the rest of the context still counts). */
async function similarTo(db: Db, input: { userId: string; about: string | undefined; k: number; kinds?: string[]; now: Date }): Promise<MemoryHit[]> {
  if (!input.about) return [];
  try {
    return await search(db, { userId: input.userId, query: input.about, k: input.k, kinds: input.kinds, now: input.now });
  } catch (error) {
    if (!(error instanceof UnavailableError)) throw error;
    log.warn("embedding model unavailable: context without similar memories", { error });
    return [];
  }
}

export interface UserContextOptions {
  /** What the caller is about (a task title, the chat message): `similar` holds the memories nearest to it. */
  about?: string;
  /** How many similar memories (1–50; default 5). */
  k?: number;
  /** Only memories of these kinds count as similar (default: any kind). */
  kinds?: string[];
  /** How many of the newest memories of any kind (default 10; 0 skips them). */
  recentLimit?: number;
  /** The newest memories of these kinds, up to each one's limit (1–100, at most 10 kinds): `{ "task.steps_edited": 60 }`. */
  byKind?: Record<string, number>;
  now?: Date;
}

export async function getUserContext(db: Db, userId: string, options: UserContextOptions = {}): Promise<UserContext> {
  const now = options.now ?? new Date();
  const about = options.about?.trim();
  const recentLimit = options.recentLimit ?? 10;
  // At most eight queries, mostly side by side (search adds up to two with a remote embedder); only
  // the plan's waits, for the time zone that says which day is today.
  const [recent, similar, byKind, mood, focus, planned] = await Promise.all([
    recentLimit > 0 ? recall(db, { userId, limit: recentLimit, now }) : Promise.resolve([]),
    similarTo(db, { userId, about, k: options.k ?? 5, kinds: options.kinds, now }),
    options.byKind ? newestOfKinds(db, userId, options.byKind, now) : Promise.resolve(undefined),
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
    ...(byKind ? { byKind } : {}),
    mood,
    todayFocus: focus ?? planned.focus,
    streak: { days: planned.streak.days, activeToday: planned.streak.activeToday },
    preferences: planned.preferences,
  };
}
