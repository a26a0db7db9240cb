// The daily token budget: model tokens (input + output) a user may spend per day, counted in
// ai_usage since the user's local midnight (users.time_zone), limit AI_DAILY_TOKEN_BUDGET.
//
// Decision — what happens past the budget: the configured model is not called and the offline coach
// answers, with meta.fallback = true and meta.fallbackReason = "budget" (the page says so). We do not
// throw RateLimitedError here: a user mid-task must never be left without an answer by a cost cap,
// and the offline coach costs nothing. Runaway request rates are the rate limiter's job (aiProcedure,
// streamChainResponse). Offline answers and cache hits spend no model tokens and are not counted.
import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { aiUsage, users } from "../db/schema";
import { env } from "../env";
import { canonicalTimeZone, dayBounds, localDay } from "../time";

/** The instant the user's current local day began (an unknown time zone counts as UTC). */
export function startOfLocalDay(now: Date, timeZone: string): Date {
  const zone = canonicalTimeZone(timeZone) ?? "UTC";
  return new Date(dayBounds(localDay(now.getTime(), zone), zone).start);
}

export async function userTimeZone(db: Db, userId: string): Promise<string> {
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.timeZone ?? "UTC";
}

/**
 * Model tokens the user spent since `since`. Usage rows carry only what a real model spent (run.ts
 * records 0 for the offline coach and cache hits, and a fallback row keeps what the failed call cost).
 */
export async function tokensUsedSince(db: Db, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ used: sql<string | number | null>`coalesce(sum(${aiUsage.inputTokens} + ${aiUsage.outputTokens}), 0)` })
    .from(aiUsage)
    .where(and(eq(aiUsage.userId, userId), gte(aiUsage.createdAt, since)));
  return Number(row?.used ?? 0);
}

export interface BudgetStatus {
  used: number;
  limit: number;
  /** True when no more model calls are allowed today. */
  exceeded: boolean;
  /** When "today" began for this user. */
  since: Date;
  timeZone: string;
}

export async function budgetStatus(
  db: Db,
  userId: string,
  { now = new Date(), limit = env.AI_DAILY_TOKEN_BUDGET }: { now?: Date; limit?: number } = {},
): Promise<BudgetStatus> {
  const timeZone = canonicalTimeZone(await userTimeZone(db, userId)) ?? "UTC";
  const since = startOfLocalDay(now, timeZone);
  const used = await tokensUsedSince(db, userId, since);
  return { used, limit, exceeded: used >= limit, since, timeZone };
}
