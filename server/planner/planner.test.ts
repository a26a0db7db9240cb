// planActions (validation, dependencies, cycles, idempotency), cancel, retry and list — per user.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { plannedActions } from "@/server/db/schema";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import type { JobEvent } from "@/server/inngest/client";
import { makeUser, setupTestDb } from "@/test/harness";
import { claimDue } from "./claim";
import { announceReady } from "./dispatch";
import { type ActionSpec, cancelAction, countActions, listActions, planActions, retryAction } from "./index";
import { storeOutcome } from "./outcome";

const t = setupTestDb();

function spec(key: string, extra: Partial<ActionSpec> = {}): ActionSpec {
  return { type: "memory", executor: "memory.embed", idempotencyKey: key, ...extra };
}

async function failWith(id: string, userId: string) {
  const [claimed] = await claimDue(t.db, { workerId: "test", limit: 1, userId, now: new Date(Date.now() + 1000) });
  if (!claimed || claimed.id !== id) throw new Error(`expected to claim ${id}`);
  await storeOutcome(t.db, claimed, { ok: false, error: "boom", permanent: true }, { now: new Date() });
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("planActions", () => {
  it("stores a ready action with its type, priority, payload and defaults", async () => {
    const user = await makeUser(t.db);
    const runAt = new Date("2026-11-23T10:00:00Z");
    const [action] = await planActions(t.db, user.id, [
      spec("embed:1", { priority: "high", payload: { reason: "new memories" }, runAt, maxAttempts: 3 }),
    ]);
    expect(action).toMatchObject({
      userId: user.id,
      type: "memory",
      executor: "memory.embed",
      priority: 1,
      status: "ready",
      payload: { reason: "new memories" },
      attempts: 0,
      maxAttempts: 3,
      runAt,
      idempotencyKey: "embed:1",
      dependsOn: [],
    });
  });

  it("returns the existing action for the same idempotency key instead of a new one", async () => {
    const user = await makeUser(t.db);
    const [first] = await planActions(t.db, user.id, [spec("daily:2026-11-23", { priority: "low" })]);
    const [again] = await planActions(t.db, user.id, [spec("daily:2026-11-23", { priority: "critical" })]);
    expect(again?.id).toBe(first?.id);
    expect(again?.priority).toBe(3); // unchanged: the first plan wins
    // Many at once (two requests racing): still one row.
    const racing = await Promise.all(Array.from({ length: 8 }, () => planActions(t.db, user.id, [spec("race"), spec("race-next", { dependsOn: ["race"] })])));
    const ids = new Set(racing.map((r) => r[0]?.id));
    expect(ids.size).toBe(1);
    const rows = await t.db.select().from(plannedActions).where(eq(plannedActions.userId, user.id));
    expect(rows.filter((r) => r.idempotencyKey === "race")).toHaveLength(1);
    const next = rows.find((r) => r.idempotencyKey === "race-next");
    expect(next?.dependsOn).toEqual([[...ids][0]]);
    // The same key is another user's own action.
    const other = await makeUser(t.db);
    const [theirs] = await planActions(t.db, other.id, [spec("daily:2026-11-23")]);
    expect(theirs?.id).not.toBe(first?.id);
  });

  it("resolves dependencies by key within the batch, and by id or key among existing actions", async () => {
    const user = await makeUser(t.db);
    const [existing] = await planActions(t.db, user.id, [spec("existing")]);
    const [a, b, c] = await planActions(t.db, user.id, [
      spec("c", { dependsOn: ["a", "b"] }),
      spec("a", { dependsOn: [existing?.id ?? ""] }),
      spec("b", { dependsOn: ["existing"] }),
    ]).then((rows) => [rows[1], rows[2], rows[0]]);
    expect(a?.dependsOn).toEqual([existing?.id]);
    expect(b?.dependsOn).toEqual([existing?.id]);
    expect(c?.dependsOn?.slice().sort()).toEqual([a?.id, b?.id].sort());
    expect([a?.status, b?.status, c?.status]).toEqual(["pending", "pending", "pending"]);
  });

  it("plans an action on a dependency that already failed as cancelled, saying why", async () => {
    const user = await makeUser(t.db);
    const [dep] = await planActions(t.db, user.id, [spec("will-fail")]);
    await failWith(dep?.id ?? "", user.id);
    const [after] = await planActions(t.db, user.id, [spec("after", { dependsOn: ["will-fail"] })]);
    expect(after?.status).toBe("cancelled");
    expect(after?.error).toContain("which failed");
  });

  it("rejects dependencies that form a cycle, and stores nothing", async () => {
    const user = await makeUser(t.db);
    const cycle = await caught(planActions(t.db, user.id, [spec("a", { dependsOn: ["b"] }), spec("b", { dependsOn: ["c"] }), spec("c", { dependsOn: ["a"] })]));
    expect(cycle).toBeInstanceOf(InvalidInputError);
    expect((cycle as InvalidInputError).field).toBe("dependsOn");
    expect(cycle.message).toContain("a → b → c → a");
    const self = await caught(planActions(t.db, user.id, [spec("me", { dependsOn: ["me"] })]));
    expect((self as InvalidInputError).field).toBe("dependsOn");
    expect(await t.db.select().from(plannedActions).where(eq(plannedActions.userId, user.id))).toEqual([]);
  });

  it("rejects bad specs naming the field, and a dependency that does not exist or is someone else's", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const [theirs] = await planActions(t.db, other.id, [spec("theirs")]);
    const cases: [ActionSpec[], string][] = [
      [[spec("x", { executor: "Not A Name" })], "specs.0.executor"],
      [[spec("x", { type: "astrology" as ActionSpec["type"] })], "specs.0.type"],
      [[spec("x", { maxAttempts: 0 })], "specs.0.maxAttempts"],
      [[spec("x"), spec("")], "specs.1.idempotencyKey"],
      [[spec("x"), spec("x")], "idempotencyKey"],
      [[spec("x", { dependsOn: ["nowhere"] })], "dependsOn"],
      [[spec("x", { dependsOn: [theirs?.id ?? ""] })], "dependsOn"],
    ];
    for (const [specs, field] of cases) {
      const error = await caught(planActions(t.db, user.id, specs));
      expect(error, field).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe(field);
    }
  });
});

describe("cancel and retry", () => {
  it("cancels a waiting action and everything that needed it; finished ones cannot be cancelled", async () => {
    const user = await makeUser(t.db);
    const [root, child, grandchild, unrelated] = await planActions(t.db, user.id, [
      spec("root"),
      spec("child", { dependsOn: ["root"] }),
      spec("grandchild", { dependsOn: ["child"] }),
      spec("unrelated"),
    ]);
    const cancelled = await cancelAction(t.db, user.id, root?.id ?? "");
    expect(cancelled).toMatchObject({ status: "cancelled", error: "Cancelled by you." });
    const rows = new Map((await t.db.select().from(plannedActions).where(eq(plannedActions.userId, user.id))).map((r) => [r.id, r]));
    expect(rows.get(child?.id ?? "")?.status).toBe("cancelled");
    expect(rows.get(grandchild?.id ?? "")?.error).toContain('needed "memory.embed", which was cancelled');
    expect(rows.get(unrelated?.id ?? "")?.status).toBe("ready");
    expect(await caught(cancelAction(t.db, user.id, root?.id ?? ""))).toBeInstanceOf(ConflictError);
  });

  it("retries a failed action from fresh attempts and brings back what was cancelled because of it", async () => {
    const user = await makeUser(t.db);
    const [root, child, grandchild] = await planActions(t.db, user.id, [
      spec("root"),
      spec("child", { dependsOn: ["root"] }),
      spec("grandchild", { dependsOn: ["child"] }),
    ]);
    await failWith(root?.id ?? "", user.id);
    // A dependent cannot be retried while what it needs is still failed.
    expect((await caught(retryAction(t.db, user.id, child?.id ?? ""))).message).toContain("retry that one first");
    const retried = await retryAction(t.db, user.id, root?.id ?? "");
    expect(retried).toMatchObject({ status: "ready", attempts: 0, error: null });
    const rows = new Map((await t.db.select().from(plannedActions).where(eq(plannedActions.userId, user.id))).map((r) => [r.id, r]));
    expect(rows.get(child?.id ?? "")).toMatchObject({ status: "pending", error: null });
    expect(rows.get(grandchild?.id ?? "")).toMatchObject({ status: "pending", error: null });
    expect(await caught(retryAction(t.db, user.id, root?.id ?? ""))).toBeInstanceOf(ConflictError);
  });

  it("treats another user's action like one that does not exist", async () => {
    const owner = await makeUser(t.db);
    const stranger = await makeUser(t.db);
    const [action] = await planActions(t.db, owner.id, [spec("private")]);
    expect(await caught(cancelAction(t.db, stranger.id, action?.id ?? ""))).toBeInstanceOf(NotFoundError);
    expect(await caught(retryAction(t.db, stranger.id, action?.id ?? ""))).toBeInstanceOf(NotFoundError);
    expect((await listActions(t.db, stranger.id, { limit: 10 })).items).toEqual([]);
  });
});

describe("listActions", () => {
  it("pages the user's actions newest first and filters by status", async () => {
    const user = await makeUser(t.db);
    const base = Date.parse("2026-11-23T08:00:00Z");
    for (let i = 0; i < 5; i++) await planActions(t.db, user.id, [spec(`n${i}`)], { now: new Date(base + i * 1000) });
    const [, doomed] = await planActions(t.db, user.id, [spec("n0"), spec("n1")]);
    await cancelAction(t.db, user.id, doomed?.id ?? "");
    const page1 = await listActions(t.db, user.id, { limit: 3 });
    expect(page1.items.map((a) => a.idempotencyKey)).toEqual(["n4", "n3", "n2"]);
    const page2 = await listActions(t.db, user.id, { limit: 3, cursor: page1.nextCursor ?? 0 });
    expect(page2).toMatchObject({ nextCursor: null });
    expect(page2.items.map((a) => a.idempotencyKey)).toEqual(["n1", "n0"]);
    const cancelled = await listActions(t.db, user.id, { status: "cancelled", limit: 10 });
    expect(cancelled.items.map((a) => a.idempotencyKey)).toEqual(["n1"]);
    expect(await countActions(t.db, user.id)).toMatchObject({ ready: 4, cancelled: 1, running: 0 });
  });
});

describe("announceReady with Inngest", () => {
  it("sends one planner/action.ready event per ready action, with an id per attempt", async () => {
    const sent: JobEvent[] = [];
    const runAt = new Date("2026-11-23T10:00:00Z");
    await announceReady(
      [
        { id: "00000000-0000-4000-8000-000000000001", userId: "u1", priority: 0, runAt, attempts: 0, status: "ready" },
        { id: "00000000-0000-4000-8000-000000000002", userId: "u1", priority: 2, runAt, attempts: 0, status: "pending" },
      ],
      { mode: "inngest", send: async (events) => void sent.push(...events) },
    );
    expect(sent).toEqual([
      {
        name: "planner/action.ready",
        data: { actionId: "00000000-0000-4000-8000-000000000001", userId: "u1", priority: 0 },
        id: `planner-00000000-0000-4000-8000-000000000001-0-${runAt.getTime()}`,
      },
    ]);
  });
});
