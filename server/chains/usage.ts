// Usage records: one ai_usage row per chain call (who answered, tokens, latency, cache hit, fallback
// and why), and the summary the user sees in Settings. The budget (budget.ts) is summed from them.
import "server-only";
import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { aiUsage, type AiUsage } from "../db/schema";
import { log } from "../log";
import { budgetStatus } from "./budget";

export interface UsageRecord {
  userId: string;
  chain: string;
  provider: string;
  modelId: string;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs: number;
  cacheHit: boolean;
  fallback: boolean;
  /** Why the configured model did not answer: "timeout", "breaker_open", "budget", "aborted" or an error class. */
  error?: string | null;
}

function tokens(n: number | undefined): number {
  return Number.isFinite(n) && (n as number) > 0 ? Math.round(n as number) : 0;
}

/**
 * Writes one usage row. A failure here is logged and swallowed: the user already has the answer,
 * and losing one bookkeeping row is better than failing the call that produced it.
 */
export async function recordUsage(db: Db, record: UsageRecord): Promise<void> {
  try {
    await db.insert(aiUsage).values({
      userId: record.userId,
      chain: record.chain,
      provider: record.provider,
      modelId: record.modelId,
      inputTokens: tokens(record.inputTokens),
      outputTokens: tokens(record.outputTokens),
      latencyMs: Math.max(0, Math.round(record.latencyMs)),
      cacheHit: record.cacheHit,
      fallback: record.fallback,
      error: record.error ?? null,
    });
  } catch (error) {
    log.error("could not record AI usage", { chain: record.chain, userId: record.userId, error });
  }
}

export type UsageCall = Pick<
  AiUsage,
  "id" | "chain" | "provider" | "modelId" | "inputTokens" | "outputTokens" | "latencyMs" | "cacheHit" | "fallback" | "error" | "createdAt"
>;

export interface UsageSummary {
  today: {
    /** Model tokens spent since the user's local midnight (what the budget counts). */
    tokensUsed: number;
    tokenBudget: number;
    calls: number;
    cacheHits: number;
    fallbacks: number;
    since: Date;
    timeZone: string;
  };
  recent: UsageCall[];
}

export async function usageSummary(db: Db, userId: string, { now = new Date(), recent = 20 }: { now?: Date; recent?: number } = {}): Promise<UsageSummary> {
  const budget = await budgetStatus(db, userId, { now });
  const [counts] = await db
    .select({
      calls: sql<string | number>`count(*)`,
      cacheHits: sql<string | number>`count(*) filter (where ${aiUsage.cacheHit})`,
      fallbacks: sql<string | number>`count(*) filter (where ${aiUsage.fallback})`,
    })
    .from(aiUsage)
    .where(and(eq(aiUsage.userId, userId), gte(aiUsage.createdAt, budget.since)));
  const rows = await db
    .select({
      id: aiUsage.id,
      chain: aiUsage.chain,
      provider: aiUsage.provider,
      modelId: aiUsage.modelId,
      inputTokens: aiUsage.inputTokens,
      outputTokens: aiUsage.outputTokens,
      latencyMs: aiUsage.latencyMs,
      cacheHit: aiUsage.cacheHit,
      fallback: aiUsage.fallback,
      error: aiUsage.error,
      createdAt: aiUsage.createdAt,
    })
    .from(aiUsage)
    .where(eq(aiUsage.userId, userId))
    .orderBy(desc(aiUsage.createdAt), desc(aiUsage.id))
    .limit(recent);
  return {
    today: {
      tokensUsed: budget.used,
      tokenBudget: budget.limit,
      calls: Number(counts?.calls ?? 0),
      cacheHits: Number(counts?.cacheHits ?? 0),
      fallbacks: Number(counts?.fallbacks ?? 0),
      since: budget.since,
      timeZone: budget.timeZone,
    },
    recent: rows,
  };
}
