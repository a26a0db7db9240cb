// The embedded runner on a real database: priority order, dependency order, backoff timings on an
// injected clock, the per-user concurrency limit, crash recovery, and planner.execute's inline run.
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { plannedActions } from "@/server/db/schema";
import { makeUser, setupTestDb } from "@/test/harness";
import { backoffDelayMs, DEFAULT_BACKOFF } from "./backoff";
import { claimDue, STALE_ERROR, tidyActionsTable } from "./claim";
import { registerExecutor } from "./executors";
import { type ActionSpec, planActions } from "./index";
import { recordSuccess } from "./outcome";
import { executeNow, type Runner, startRunner } from "./runner";

const t = setupTestDb();

/** Every test.record run, in order: which action (by payload label) started when. */
const started: string[] = [];
/** test.flaky fails this many more times per label before it succeeds. */
const failuresLeft = new Map<string, number>();
/** test.gate waits for its label's gate to open; tracks how many run at once per user. */
const gates = new Map<string, () => void>();
const runningNow = new Map<string, number>();
const maxRunning = new Map<string, number>();

const label = (payload: Record<string, unknown>) => String(payload.label);
const offs: (() => void)[] = [];
beforeAll(() => {
  offs.push(
    registerExecutor("test.record", {
      type: "task_management",
      run: async (_ctx, payload) => {
        started.push(label(payload));
        return { recorded: label(payload) };
      },
    }),
    registerExecutor("test.flaky", {
      type: "notification",
      run: async (_ctx, payload) => {
        const left = failuresLeft.get(label(payload)) ?? 0;
        if (left > 0) {
          failuresLeft.set(label(payload), left - 1);
          throw new Error(`flaky failure (${left} left)`);
        }
        return { ok: true };
      },
    }),
    registerExecutor("test.gate", {
      type: "task_management",
      run: async (ctx, payload) => {
        const n = (runningNow.get(ctx.userId) ?? 0) + 1;
        runningNow.set(ctx.userId, n);
        maxRunning.set(ctx.userId, Math.max(maxRunning.get(ctx.userId) ?? 0, n));
        started.push(label(payload));
        await new Promise<void>((resolve) => gates.set(label(payload), resolve));
        runningNow.set(ctx.userId, (runningNow.get(ctx.userId) ?? 1) - 1);
        return null;
      },
    }),
  );
});
afterAll(() => offs.forEach((off) => off()));

let runner: Runner | undefined;
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  started.length = 0;
});

/** A clock the test moves by hand. */
function manualClock(start = new Date("2026-11-23T09:00:00Z")) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

function spec(key: string, extra: Partial<ActionSpec> = {}): ActionSpec {
  return { type: "task_management", executor: "test.record", idempotencyKey: key, payload: { label: key }, ...extra };
}

async function statusOf(id: string) {
  const [row] = await t.db.select().from(plannedActions).where(eq(plannedActions.id, id));
  return row;
}

describe("embedded runner", () => {
  it("runs the most urgent actions first", async () => {
    const user = await makeUser(t.db);
    const clock = manualClock();
    await planActions(
      t.db,
      user.id,
      [
        spec("background", { priority: "background" }),
        spec("low", { priority: "low" }),
        spec("critical", { priority: "critical" }),
        spec("medium"),
        spec("high", { priority: "high" }),
      ],
      { now: clock.now() },
    );
    runner = startRunner({ getDb: async () => t.db, concurrency: 1, clock: clock.now, pollMs: 3_600_000 });
    await runner.drain();
    expect(started).toEqual(["critical", "high", "medium", "low", "background"]);
  });

  it("runs an action only after everything it depends on has succeeded", async () => {
    const user = await makeUser(t.db);
    const clock = manualClock();
    // Priorities alone would run them the other way round.
    const [last] = await planActions(
      t.db,
      user.id,
      [
        spec("last", { priority: "critical", dependsOn: ["middle"] }),
        spec("middle", { priority: "high", dependsOn: ["first"] }),
        spec("first", { priority: "background" }),
      ],
      { now: clock.now() },
    );
    expect(last?.status).toBe("pending");
    runner = startRunner({ getDb: async () => t.db, concurrency: 3, clock: clock.now, pollMs: 3_600_000 });
    await runner.drain();
    expect(started).toEqual(["first", "middle", "last"]);
    expect((await statusOf(last?.id ?? ""))?.status).toBe("succeeded");
  });

  it("retries a failing action with exponential backoff and jitter, on the injected clock", async () => {
    const user = await makeUser(t.db);
    const clock = manualClock();
    failuresLeft.set("flaky", 2);
    const [action] = await planActions(t.db, user.id, [spec("flaky", { executor: "test.flaky", type: "notification" })], { now: clock.now() });
    const id = action?.id ?? "";
    runner = startRunner({ getDb: async () => t.db, clock: clock.now, random: () => 0.5, pollMs: 3_600_000 });
    await runner.drain();

    // Attempt 1 failed: back to ready, due after base/2 + 0.5 · base/2 = 1.5 s.
    let row = await statusOf(id);
    expect(row).toMatchObject({ status: "ready", attempts: 1, error: "flaky failure (2 left)" });
    expect((row?.runAt.getTime() ?? 0) - clock.now().getTime()).toBe(1_500);
    expect(backoffDelayMs(1, () => 0.5)).toBe(0.75 * DEFAULT_BACKOFF.baseMs);

    clock.advance(1_499);
    await runner.drain();
    expect((await statusOf(id))?.attempts).toBe(1); // not yet due

    clock.advance(1);
    await runner.drain();
    row = await statusOf(id);
    // Attempt 2 failed: the wait doubles (3 s with the same jitter).
    expect(row).toMatchObject({ status: "ready", attempts: 2 });
    expect((row?.runAt.getTime() ?? 0) - clock.now().getTime()).toBe(3_000);

    clock.advance(3_000);
    await runner.drain();
    expect(await statusOf(id)).toMatchObject({ status: "succeeded", attempts: 3, error: null });
  });

  it("gives up after maxAttempts and cancels what depended on it, saying why", async () => {
    const user = await makeUser(t.db);
    const clock = manualClock();
    failuresLeft.set("doomed", 99);
    const [doomed, after] = await planActions(
      t.db,
      user.id,
      [spec("doomed", { executor: "test.flaky", type: "notification", maxAttempts: 2 }), spec("after", { dependsOn: ["doomed"] })],
      { now: clock.now() },
    );
    runner = startRunner({ getDb: async () => t.db, clock: clock.now, random: () => 0, pollMs: 3_600_000 });
    await runner.drain();
    clock.advance(backoffDelayMs(1, () => 0));
    await runner.drain();
    expect(await statusOf(doomed?.id ?? "")).toMatchObject({ status: "failed", attempts: 2 });
    const dependent = await statusOf(after?.id ?? "");
    expect(dependent?.status).toBe("cancelled");
    expect(dependent?.error).toContain('needed "test.flaky", which failed');
    expect(started).not.toContain("after");
  });

  it("fails an action whose executor does not exist, at once and with a clear error", async () => {
    const user = await makeUser(t.db);
    const [action] = await planActions(t.db, user.id, [spec("ghost", { executor: "test.nobody_home" })]);
    runner = startRunner({ getDb: async () => t.db, pollMs: 3_600_000 });
    await runner.drain();
    const row = await statusOf(action?.id ?? "");
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row?.error).toContain('No executor named "test.nobody_home"');
  });

  it("never runs more than the per-user limit for one user, and other users are not held up", async () => {
    const busy = await makeUser(t.db);
    const other = await makeUser(t.db);
    await planActions(t.db, busy.id, [1, 2, 3, 4, 5].map((i) => spec(`busy-${i}`, { executor: "test.gate" })));
    runner = startRunner({ getDb: async () => t.db, concurrency: 6, perUserLimit: 2, pollMs: 3_600_000 });
    await expect.poll(() => started.length).toBe(2);
    // The busy user's backlog is queued first, yet the other user's actions start straight away.
    await planActions(t.db, other.id, [1, 2].map((i) => spec(`other-${i}`, { executor: "test.gate" })));
    await expect.poll(() => started.filter((s) => s.startsWith("other")).length).toBe(2);

    const running = async (userId: string) =>
      (await t.db.select().from(plannedActions).where(and(eq(plannedActions.userId, userId), eq(plannedActions.status, "running")))).length;
    expect(await running(busy.id)).toBe(2);
    expect(await running(other.id)).toBe(2);
    expect(started.filter((s) => s.startsWith("busy"))).toHaveLength(2);

    // Let the seven through one gate at a time; the limit holds throughout.
    for (let opened = 0; opened < 7; opened++) {
      await expect.poll(() => gates.size).toBeGreaterThan(0);
      const [name, open] = [...gates.entries()][0] ?? [];
      if (!name || !open) throw new Error("no gate to open");
      gates.delete(name);
      open();
    }
    await runner.drain();
    expect(maxRunning.get(busy.id)).toBe(2);
    expect(maxRunning.get(other.id)).toBe(2);
    const done = await t.db.select().from(plannedActions).where(eq(plannedActions.status, "succeeded"));
    expect(done.filter((r) => r.userId === busy.id)).toHaveLength(5);
    expect(done.filter((r) => r.userId === other.id)).toHaveLength(2);
  });

  it("picks up an action a crashed runner left running, once its lock is stale", async () => {
    const user = await makeUser(t.db);
    const clock = manualClock();
    const [orphan, lastChance] = await planActions(
      t.db,
      user.id,
      [spec("orphan"), spec("last-chance", { maxAttempts: 1 }), spec("needs-last-chance", { dependsOn: ["last-chance"] })],
      { now: clock.now() },
    );
    // A runner claimed both and then died (nothing stored its outcome).
    await claimDue(t.db, { workerId: "dead-runner", limit: 2, perUserLimit: 2, now: clock.now() });
    expect((await statusOf(orphan?.id ?? ""))?.status).toBe("running");

    clock.advance(60_000);
    runner = startRunner({ getDb: async () => t.db, clock: clock.now, staleAfterMs: 5 * 60_000, pollMs: 3_600_000 });
    await runner.maintain();
    await runner.drain();
    expect((await statusOf(orphan?.id ?? ""))?.status).toBe("running"); // a minute is not stale yet

    clock.advance(5 * 60_000);
    await runner.maintain();
    await runner.drain();
    expect(await statusOf(orphan?.id ?? "")).toMatchObject({ status: "succeeded", attempts: 2 });
    // The lost attempt counts: with one attempt allowed, it fails, and its dependent is cancelled.
    expect(await statusOf(lastChance?.id ?? "")).toMatchObject({ status: "failed", error: STALE_ERROR });
    expect(started).toEqual(["orphan"]);
  });

  it("after a restart on PGlite, runs what the previous process left running at once", async () => {
    const user = await makeUser(t.db);
    const clock = manualClock();
    const [left] = await planActions(t.db, user.id, [spec("left-running")], { now: clock.now() });
    await claimDue(t.db, { workerId: "previous-process", limit: 1, userId: user.id, now: clock.now() });
    clock.advance(1_000);
    runner = startRunner({ getDb: async () => t.db, clock: clock.now, orphansAtStart: true, pollMs: 3_600_000 });
    await runner.maintain();
    await runner.drain();
    // One PGlite process owns the data: its lock is an orphan. On Postgres another process may hold it.
    expect((await statusOf(left?.id ?? ""))?.status).toBe(t.handle.driver === "pglite" ? "succeeded" : "running");
    // Not left for the next test's runner to find (on Postgres it is still someone's).
    await t.db.delete(plannedActions).where(eq(plannedActions.id, left?.id ?? ""));
  });

  it("picks up a dependent left waiting by a race, once maintenance sees its dependency succeeded", async () => {
    const user = await makeUser(t.db);
    const [dep, dependent] = await planActions(t.db, user.id, [spec("dep"), spec("dependent", { dependsOn: ["dep"] })]);
    await t.db.update(plannedActions).set({ status: "succeeded" }).where(eq(plannedActions.id, dep?.id ?? ""));
    runner = startRunner({ getDb: async () => t.db, pollMs: 3_600_000 });
    await runner.drain();
    await runner.maintain();
    await runner.drain();
    expect((await statusOf(dependent?.id ?? ""))?.status).toBe("succeeded");
    expect(started).toEqual(["dependent"]);
  });

  it("drops the outcome of a runner whose lock was taken over", async () => {
    const user = await makeUser(t.db);
    const clock = manualClock();
    const [action] = await planActions(t.db, user.id, [spec("taken-over")], { now: clock.now() });
    const [first] = await claimDue(t.db, { workerId: "slow", limit: 1, userId: user.id, now: clock.now() });
    clock.advance(10 * 60_000);
    runner = startRunner({ getDb: async () => t.db, clock: clock.now, pollMs: 3_600_000 });
    await runner.maintain();
    await runner.drain();
    expect(await statusOf(action?.id ?? "")).toMatchObject({ status: "succeeded", attempts: 2 });
    // The slow runner finally finishes: its stale claim must not overwrite anything.
    expect(await recordSuccess(t.db, first as NonNullable<typeof first>, { late: true }, clock.now())).toEqual({ status: "stale" });
    expect((await statusOf(action?.id ?? ""))?.result).toEqual({ recorded: "taken-over" });
  });

  it("keeps claiming after a wake-up that found every slot busy", async () => {
    const user = await makeUser(t.db);
    await planActions(t.db, user.id, [spec("slow", { executor: "test.gate", priority: "high" }), spec("next")]);
    runner = startRunner({ getDb: async () => t.db, concurrency: 1, pollMs: 3_600_000 });
    await expect.poll(() => gates.has("slow")).toBe(true);
    // A wake-up while the only slot is busy: the pass ends without awaiting anything.
    runner.wake();
    await new Promise((resolve) => setImmediate(resolve));
    gates.get("slow")?.();
    gates.delete("slow");
    await runner.drain();
    expect(started).toEqual(["slow", "next"]);
  });

  it("wakes at once when actions are planned in this process", async () => {
    const user = await makeUser(t.db);
    runner = startRunner({ getDb: async () => t.db, pollMs: 3_600_000 });
    await runner.drain();
    const [action] = await planActions(t.db, user.id, [spec("prompt")]);
    await expect.poll(async () => (await statusOf(action?.id ?? ""))?.status).toBe("succeeded");
  });
});

describe("tidyActionsTable", () => {
  it("vacuums and analyses on PGlite (no autovacuum there) and leaves Postgres to autovacuum", async () => {
    expect(await tidyActionsTable(t.db)).toBe(t.handle.driver === "pglite");
  });
});

describe("executeNow (planner.execute)", () => {
  it("runs only this user's due actions, skipping a backoff wait but not a scheduled time", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const now = new Date();
    failuresLeft.set("retry-me", 1);
    const [waiting, scheduled, ready] = await planActions(t.db, user.id, [
      spec("retry-me", { executor: "test.flaky", type: "notification" }),
      spec("tomorrow", { runAt: new Date(now.getTime() + 86_400_000) }),
      spec("mine"),
    ]);
    const [theirs] = await planActions(t.db, other.id, [spec("theirs")]);
    const first = await executeNow(t.db, user.id);
    expect(first).toEqual({ executed: 2, succeeded: 1, failed: 0, retrying: 1 });
    expect((await statusOf(ready?.id ?? ""))?.status).toBe("succeeded");
    expect((await statusOf(waiting?.id ?? ""))?.runAt.getTime()).toBeGreaterThan(Date.now());

    // Pressing "run now" again does not make the user wait out the backoff.
    const second = await executeNow(t.db, user.id);
    expect(second).toEqual({ executed: 1, succeeded: 1, failed: 0, retrying: 0 });
    expect(await statusOf(waiting?.id ?? "")).toMatchObject({ status: "succeeded", attempts: 2 });
    expect((await statusOf(scheduled?.id ?? ""))?.status).toBe("ready");
    expect((await statusOf(theirs?.id ?? ""))?.status).toBe("ready");
  });
});
