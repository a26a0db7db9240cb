// Points: what each action earns, scaled down at higher levels, and awarding it exactly once through
// the ledger's idempotency key (`task.completed:<taskId>`, `step.completed:<id>`, `proof.accepted:<taskId>`).
import "server-only";
import type { Db } from "../db/client";
import { earnedTotal, insertLedgerEntryOnce } from "../db/queries/rewards";
import type { PointsEntry } from "../db/schema";
import { levelFor } from "./levels";

/** Base points per action at level 1. Focus is per 5 focused minutes. */
export const BASE_POINTS = {
  "task.completed": 10,
  "step.completed": 3,
  "proof.accepted": 5,
  "focus.minutes": 1,
} as const;
export type AwardKind = keyof typeof BASE_POINTS;

/** Points for `units` of an action at a level: at least 1 for anything earned at all. */
export function pointsFor(kind: AwardKind, levelFactor: number, units = 1): number {
  if (units <= 0) return 0;
  return Math.max(1, Math.round(BASE_POINTS[kind] * units * levelFactor));
}

/** The idempotency key of an award for one source: completing or proving the same thing twice earns once. */
export function awardKey(kind: AwardKind, sourceId: string): string {
  return `${kind}:${sourceId}`;
}

export interface AwardInput {
  userId: string;
  amount: number;
  kind: string;
  reason: string;
  sourceId?: string | null;
  idempotencyKey: string;
  data?: Record<string, unknown> | null;
}

/** Appends one ledger entry exactly once per (user, idempotency key); `created` says whether this call did. */
export async function awardPoints(db: Db, input: AwardInput): Promise<{ entry: PointsEntry; created: boolean }> {
  if (!Number.isInteger(input.amount)) throw new Error("points are whole numbers");
  return insertLedgerEntryOnce(db, {
    userId: input.userId,
    amount: input.amount,
    kind: input.kind,
    reason: input.reason,
    sourceId: input.sourceId ?? null,
    idempotencyKey: input.idempotencyKey,
    data: input.data ?? null,
  });
}

/**
 * Awards an action at the user's current level (the amount shrinks as the level grows), once per
 * source. The level comes from EARNED points, so spending never changes what an action pays. The
 * units go into the row's data (focus minutes = units × 5 feed the pet and the focus badges). Run it
 * inside the transaction that did the thing, so the award and the deed commit together.
 */
export async function awardAction(
  db: Db,
  input: { userId: string; kind: AwardKind; sourceId: string; reason: string; units?: number; data?: Record<string, unknown> },
): Promise<{ entry: PointsEntry; created: boolean }> {
  const level = levelFor(await earnedTotal(db, input.userId));
  return awardPoints(db, {
    userId: input.userId,
    amount: pointsFor(input.kind, level.factor, input.units),
    kind: input.kind,
    reason: input.reason,
    sourceId: input.sourceId,
    idempotencyKey: awardKey(input.kind, input.sourceId),
    data: { ...input.data, level: level.number, units: input.units ?? 1 },
  });
}
