// The planner layer: planned actions in Postgres — what the coach decided should happen, with a type,
// a priority, dependencies (no cycles), retries with backoff, a run-at and an idempotency key. Planning
// is idempotent per (user, key); both runners (Inngest functions, the embedded runner) execute the
// same actions through the same executors. Every function here is scoped to one user.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import {
  type ActionPriority,
  type ActionStatus,
  actionPriorities,
  actionStatuses,
  actionTypes,
  type PlannedAction,
  plannedActions,
} from "../db/schema";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { cascadeCancel, reviveDependents } from "./deps";
import { announceReady } from "./dispatch";

export { actionPriorities, actionStatuses, actionTypes, type ActionPriority, type ActionStatus, type PlannedAction };
export type { ActionType } from "../db/schema";

export const MAX_BATCH = 200;
export const MAX_PAYLOAD_BYTES = 16_000;

export const actionSpecSchema = z.object({
  type: z.enum(actionTypes),
  executor: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'Name an executor like "memory.embed"')
    .max(100),
  priority: z.enum(actionPriorities).optional(),
  payload: z
    .record(z.string(), z.unknown())
    .refine((p) => JSON.stringify(p).length <= MAX_PAYLOAD_BYTES, `Must be at most ${MAX_PAYLOAD_BYTES} bytes of JSON`)
    .optional(),
  runAt: z.date().optional(),
  idempotencyKey: z.string().trim().min(1).max(200),
  /** Idempotency keys of actions in the same batch, or ids (or keys) of the user's existing actions. */
  dependsOn: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
});
export type ActionSpec = z.input<typeof actionSpecSchema>;
type ParsedSpec = z.output<typeof actionSpecSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseSpecs(specs: ActionSpec[]): ParsedSpec[] {
  const parsed = z.array(actionSpecSchema).max(MAX_BATCH).safeParse(specs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ["specs", ...(issue?.path ?? [])].join(".");
    throw new InvalidInputError(field, issue?.message ?? "Invalid action");
  }
  const seen = new Set<string>();
  for (const spec of parsed.data) {
    if (seen.has(spec.idempotencyKey)) {
      throw new InvalidInputError("idempotencyKey", `"${spec.idempotencyKey}" appears twice in one batch`);
    }
    seen.add(spec.idempotencyKey);
  }
  return parsed.data;
}

/** The batch in dependency order (dependencies first); a cycle is an InvalidInputError on dependsOn. */
function dependencyOrder(specs: ParsedSpec[]): ParsedSpec[] {
  const byKey = new Map(specs.map((s) => [s.idempotencyKey, s]));
  const state = new Map<string, "visiting" | "done">();
  const ordered: ParsedSpec[] = [];
  const visit = (spec: ParsedSpec, path: string[]) => {
    const key = spec.idempotencyKey;
    if (state.get(key) === "done") return;
    if (state.get(key) === "visiting") {
      const cycle = [...path.slice(path.indexOf(key)), key];
      throw new InvalidInputError("dependsOn", `These actions depend on each other in a circle: ${cycle.join(" → ")}`);
    }
    state.set(key, "visiting");
    for (const ref of spec.dependsOn ?? []) {
      const dep = byKey.get(ref);
      if (dep) visit(dep, [...path, key]);
    }
    state.set(key, "done");
    ordered.push(spec);
  };
  for (const spec of specs) visit(spec, []);
  return ordered;
}

type DepInfo = { id: string; status: ActionStatus; executor: string };

/** The user's existing actions that `refs` name, by id or by idempotency key. */
async function resolveExisting(db: Db, userId: string, refs: string[]): Promise<Map<string, DepInfo>> {
  const found = new Map<string, DepInfo>();
  if (refs.length === 0) return found;
  const cols = { id: plannedActions.id, key: plannedActions.idempotencyKey, status: plannedActions.status, executor: plannedActions.executor };
  const ids = refs.filter((r) => UUID.test(r));
  if (ids.length) {
    const rows = await db.select(cols).from(plannedActions).where(and(eq(plannedActions.userId, userId), inArray(plannedActions.id, ids)));
    for (const r of rows) found.set(r.id, r);
  }
  const keys = refs.filter((r) => !found.has(r));
  if (keys.length) {
    const rows = await db.select(cols).from(plannedActions).where(and(eq(plannedActions.userId, userId), inArray(plannedActions.idempotencyKey, keys)));
    for (const r of rows) found.set(r.key, r);
  }
  const missing = refs.find((r) => !found.has(r));
  if (missing) throw new InvalidInputError("dependsOn", `No action "${missing}" in this batch or among yours`);
  return found;
}

/**
 * Plans actions for one user. Specs are validated (InvalidInputError naming the field), dependencies
 * resolved and checked for cycles; a spec whose (user, idempotencyKey) already exists returns the
 * existing action unchanged. New actions start ready (no unfinished dependencies), pending (waiting
 * for them) or cancelled (one already failed). Ready ones are announced to the runner after commit.
 * Returns one action per spec, in the order given.
 */
export async function planActions(db: Db, userId: string, specs: ActionSpec[], opts: { now?: Date } = {}): Promise<PlannedAction[]> {
  const parsed = parseSpecs(specs);
  if (parsed.length === 0) return [];
  const ordered = dependencyOrder(parsed);
  const now = opts.now ?? new Date();
  const keys = parsed.map((s) => s.idempotencyKey);
  const byKeyInOrder = (rows: PlannedAction[]) => {
    const byKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
    return keys.map((k) => {
      const row = byKey.get(k);
      if (!row) throw new Error(`planned action ${k} vanished`);
      return row;
    });
  };

  if (parsed.every((s) => !s.dependsOn?.length)) {
    // The common case — nothing to resolve: one INSERT, and a read only for keys that already existed.
    const inserted = await db
      .insert(plannedActions)
      .values(parsed.map((spec) => newRow(userId, spec, { id: randomUUID(), status: "ready", dependsOn: [], now })))
      .onConflictDoNothing({ target: [plannedActions.userId, plannedActions.idempotencyKey] })
      .returning();
    const have = new Set(inserted.map((r) => r.idempotencyKey));
    const existing = keys.filter((k) => !have.has(k));
    const rows = existing.length
      ? [...inserted, ...(await db.select().from(plannedActions).where(and(eq(plannedActions.userId, userId), inArray(plannedActions.idempotencyKey, existing))))]
      : inserted;
    await announceReady(inserted);
    return byKeyInOrder(rows);
  }

  const { rows, created } = await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: plannedActions.id, key: plannedActions.idempotencyKey, status: plannedActions.status, executor: plannedActions.executor })
      .from(plannedActions)
      .where(and(eq(plannedActions.userId, userId), inArray(plannedActions.idempotencyKey, keys)));
    const batch = new Map<string, DepInfo>(existing.map((e) => [e.key, e]));
    const inBatch = new Set(keys);
    const external = await resolveExisting(
      tx,
      userId,
      [...new Set(parsed.flatMap((s) => s.dependsOn ?? []).filter((r) => !inBatch.has(r)))],
    );

    const values: (typeof plannedActions.$inferInsert)[] = [];
    for (const spec of ordered) {
      if (batch.has(spec.idempotencyKey)) continue;
      const resolved = (spec.dependsOn ?? []).map((ref) => {
        const dep = batch.get(ref) ?? external.get(ref);
        if (!dep) throw new Error(`unresolved dependency ${ref}`); // dependencyOrder put batch deps first
        return [dep.id, dep] as const;
      });
      const deps = [...new Map(resolved).values()];
      const blocker = deps.find((d) => d.status === "failed" || d.status === "cancelled");
      const status: ActionStatus = blocker ? "cancelled" : deps.every((d) => d.status === "succeeded") ? "ready" : "pending";
      const id = randomUUID();
      values.push({
        ...newRow(userId, spec, { id, status, dependsOn: deps.map((d) => d.id), now }),
        ...(blocker
          ? {
              error: `Cancelled: it needed "${blocker.executor}", which ${blocker.status === "failed" ? "failed" : "was cancelled"}.`,
              result: { cancelledBecause: blocker.id },
              finishedAt: now,
            }
          : {}),
      });
      batch.set(spec.idempotencyKey, { id, status, executor: spec.executor });
    }

    const inserted = values.length
      ? await tx
          .insert(plannedActions)
          .values(values)
          .onConflictDoNothing({ target: [plannedActions.userId, plannedActions.idempotencyKey] })
          .returning({ id: plannedActions.id })
      : [];
    const insertedIds = new Set(inserted.map((r) => r.id));
    const lost = values.filter((v) => !insertedIds.has(v.id as string));
    if (lost.length && insertedIds.size) {
      // Another request planned some of the same keys at the same moment and won: point our new
      // rows' dependencies at its rows instead of the ids we generated.
      const winners = await tx
        .select({ id: plannedActions.id, key: plannedActions.idempotencyKey })
        .from(plannedActions)
        .where(and(eq(plannedActions.userId, userId), inArray(plannedActions.idempotencyKey, lost.map((l) => l.idempotencyKey))));
      const winnerId = new Map(winners.map((w) => [w.key, w.id]));
      for (const l of lost) {
        const real = winnerId.get(l.idempotencyKey);
        if (!real) continue;
        await tx
          .update(plannedActions)
          .set({ dependsOn: sql`array_replace(${plannedActions.dependsOn}, ${l.id}::uuid, ${real}::uuid)` })
          .where(and(eq(plannedActions.userId, userId), inArray(plannedActions.id, [...insertedIds])));
      }
    }
    const all = await tx
      .select()
      .from(plannedActions)
      .where(and(eq(plannedActions.userId, userId), inArray(plannedActions.idempotencyKey, keys)));
    return { rows: all, created: all.filter((r) => insertedIds.has(r.id)) };
  });

  await announceReady(created);
  return byKeyInOrder(rows);
}

function newRow(
  userId: string,
  spec: ParsedSpec,
  args: { id: string; status: ActionStatus; dependsOn: string[]; now: Date },
): typeof plannedActions.$inferInsert {
  return {
    id: args.id,
    userId,
    type: spec.type,
    executor: spec.executor,
    priority: actionPriorities.indexOf(spec.priority ?? "medium"),
    status: args.status,
    payload: spec.payload ?? {},
    dependsOn: args.dependsOn,
    maxAttempts: spec.maxAttempts ?? 5,
    runAt: spec.runAt ?? args.now,
    idempotencyKey: spec.idempotencyKey,
    createdAt: args.now,
    updatedAt: args.now,
  };
}

export interface ListActionsOptions {
  status?: ActionStatus;
  limit: number;
  /** Offset of the page (from a previous page's nextCursor). */
  cursor?: number;
}

/** The user's actions, newest first, optionally of one status; `nextCursor` is null on the last page. */
export async function listActions(db: Db, userId: string, opts: ListActionsOptions) {
  const offset = opts.cursor ?? 0;
  const rows = await db
    .select()
    .from(plannedActions)
    .where(and(eq(plannedActions.userId, userId), opts.status ? eq(plannedActions.status, opts.status) : undefined))
    .orderBy(desc(plannedActions.createdAt), desc(plannedActions.id))
    .limit(opts.limit + 1)
    .offset(offset);
  return { items: rows.slice(0, opts.limit), nextCursor: rows.length > opts.limit ? offset + opts.limit : null };
}

/** How many of the user's actions are in each status (for the planner view's filter). */
export async function countActions(db: Db, userId: string): Promise<Record<ActionStatus, number>> {
  const rows = await db
    .select({ status: plannedActions.status, n: sql<number>`count(*)::int` })
    .from(plannedActions)
    .where(eq(plannedActions.userId, userId))
    .groupBy(plannedActions.status);
  const counts = Object.fromEntries(actionStatuses.map((s) => [s, 0])) as Record<ActionStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

async function findOwn(db: Db, userId: string, id: string): Promise<PlannedAction> {
  const [row] = await db
    .select()
    .from(plannedActions)
    .where(and(eq(plannedActions.userId, userId), eq(plannedActions.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Action");
  return row;
}

/** Cancels a pending or ready action, and every action waiting on it. */
export async function cancelAction(db: Db, userId: string, id: string, opts: { now?: Date } = {}): Promise<PlannedAction> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(plannedActions)
      .set({ status: "cancelled", error: "Cancelled by you.", result: null, finishedAt: now, lockedBy: null, lockedAt: null, updatedAt: now })
      .where(and(eq(plannedActions.userId, userId), eq(plannedActions.id, id), inArray(plannedActions.status, ["pending", "ready"])))
      .returning();
    if (!row) {
      const current = await findOwn(tx, userId, id);
      throw new ConflictError(`Only pending or ready actions can be cancelled; this one is ${current.status}.`);
    }
    await cascadeCancel(tx, { userId, id, executor: row.executor, outcome: "cancelled", now });
    return row;
  });
}

/**
 * Runs a failed or cancelled action again from a fresh set of attempts, and brings back the actions
 * that were cancelled because of it. Refused while one of its own dependencies is failed/cancelled.
 */
export async function retryAction(db: Db, userId: string, id: string, opts: { now?: Date } = {}): Promise<PlannedAction> {
  const now = opts.now ?? new Date();
  const row = await db.transaction(async (tx) => {
    const current = await findOwn(tx, userId, id);
    if (current.status !== "failed" && current.status !== "cancelled") {
      throw new ConflictError(`Only failed or cancelled actions can be retried; this one is ${current.status}.`);
    }
    const deps = current.dependsOn.length
      ? await tx
          .select({ status: plannedActions.status, executor: plannedActions.executor })
          .from(plannedActions)
          .where(and(eq(plannedActions.userId, userId), inArray(plannedActions.id, current.dependsOn)))
      : [];
    const blocker = deps.find((d) => d.status === "failed" || d.status === "cancelled");
    if (blocker) {
      throw new ConflictError(`It needs "${blocker.executor}", which ${blocker.status === "failed" ? "failed" : "was cancelled"}; retry that one first.`);
    }
    const [updated] = await tx
      .update(plannedActions)
      .set({
        status: deps.every((d) => d.status === "succeeded") ? "ready" : "pending",
        attempts: 0,
        error: null,
        result: null,
        runAt: now,
        finishedAt: null,
        lockedBy: null,
        lockedAt: null,
        updatedAt: now,
      })
      .where(and(eq(plannedActions.userId, userId), eq(plannedActions.id, id), inArray(plannedActions.status, ["failed", "cancelled"])))
      .returning();
    if (!updated) throw new ConflictError("The action changed while retrying it; please try again.");
    await reviveDependents(tx, { userId, id, now });
    return updated;
  });
  await announceReady([row]);
  return row;
}
