// The focus-session workflow on an injected clock: phases from the server's times, start/finish/
// cancel, the one-running rule (also under concurrent starts), points exactly once under 20
// concurrent finishes, actual minutes into the task, memory and the next estimate, parked thoughts
// into tasks, the ritual from history and energy, the reminders through reminder/scheduled, and the
// achievements a finish unlocks (announced once).
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertTask } from "@/server/db/queries/tasks";
import { achievements, checkins, focusSessions, plannedActions, pointsLedger, tasks } from "@/server/db/schema";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import { drainEmbedded, onEmbeddedEvent } from "@/server/inngest/embedded";
import type { ReminderScheduledData } from "@/server/inngest/client";
import { planReminder } from "@/server/inngest/functions/reminder";
import { recall } from "@/server/memory";
import { executeNow } from "@/server/planner/runner";
import { makeUser, setupTestDb } from "@/test/harness";
import { createTaskWithCoach } from "./create-task";
import { registerExecutors } from "./executors";
import {
  cancelFocusSession,
  captureParked,
  finishFocusSession,
  focusHistory,
  focusPhase,
  focusStats,
  getCurrentFocus,
  listParked,
  parkThought,
  startFocusSession,
  suggestFocusRitual,
} from "./focus";

const t = setupTestDb();
const T0 = new Date("2026-11-23T10:00:00Z");
const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

let off: () => void = () => {};
beforeAll(() => {
  registerExecutors();
  // The embedded wiring of server/inngest/index.ts: reminder/scheduled plans the action at its time.
  off = onEmbeddedEvent("reminder/scheduled", async (data) => {
    const reminder = data as ReminderScheduledData;
    return planReminder(t.db, reminder, new Date(reminder.remindAt));
  });
});
afterAll(() => off());

async function person(name = "Fran") {
  const user = await makeUser(t.db, name);
  const ctx = { db: t.db, userId: user.id };
  const task = await insertTask(t.db, { userId: user.id, fields: { title: "Clean the kitchen", estimateMinutes: 20 } });
  return { user, ctx, task };
}

async function ledger(userId: string) {
  return t.db.select().from(pointsLedger).where(and(eq(pointsLedger.userId, userId), eq(pointsLedger.kind, "focus.minutes")));
}

async function taskRow(id: string) {
  const [row] = await t.db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

async function thrown(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("expected the call to fail");
}

describe("phase from the server's clock", () => {
  it("is focus until ends_at, then the break, then done — the same after a 'reload'", async () => {
    const { ctx, task } = await person();
    const started = await startFocusSession(ctx, { taskId: task.id, focusMinutes: 25, breakMinutes: 5, ritual: "Glass of water" }, T0);
    expect(started).toMatchObject({ status: "running", phase: "focus", secondsLeft: 1500, taskTitle: "Clean the kitchen", plannedMinutes: 25, ritual: "Glass of water" });
    expect(started.endsAt.toISOString()).toBe(at(25).toISOString());
    const phases = [
      [at(0, 1), "focus", 1499],
      [at(24, 30), "focus", 30],
      [at(25), "break", 300],
      [at(29, 59), "break", 1],
      [at(30), "done", 0],
    ] as const;
    for (const [now, phase, secondsLeft] of phases) {
      // A reload is just reading the running session again: nothing lives in the browser.
      const current = await getCurrentFocus(ctx, now);
      expect(current, now.toISOString()).toMatchObject({ id: started.id, phase, secondsLeft });
    }
    expect(focusPhase({ status: "completed", endsAt: at(25), breakMinutes: 5 }, at(1)).phase).toBe("done");
  });
});

describe("start, finish and cancel", () => {
  it("finishes early with the real elapsed minutes, awards points once and sums the task's actual minutes", async () => {
    const { ctx, task } = await person();
    const s = await startFocusSession(ctx, { taskId: task.id }, T0);
    const done = await finishFocusSession(ctx, { id: s.id }, at(20, 40));
    expect(done).toMatchObject({ newlyFinished: true, points: { awarded: 4 } });
    // 20 minutes reach no badge, except early-bird when this runs before 8 am (UTC, the user's zone).
    expect(done.achievements.filter((a) => a.key !== "early-bird")).toEqual([]);
    expect(done.points.total).toBe(4 + done.achievements.reduce((sum, a) => sum + a.bonus, 0));
    expect(done.session).toMatchObject({ status: "completed", actualMinutes: 20, phase: "done" });
    expect(done.task).toEqual({ id: task.id, title: "Clean the kitchen", estimateMinutes: 20, actualMinutes: 20 });
    const again = await finishFocusSession(ctx, { id: s.id }, at(40));
    expect(again).toMatchObject({ newlyFinished: false, achievements: [], points: { awarded: 0, total: done.points.total } });
    expect(again.session.actualMinutes).toBe(20);
    expect(await ledger(ctx.userId)).toHaveLength(1);
    expect(await getCurrentFocus(ctx, at(41))).toBeNull();

    // A second session on the same task adds up; real minutes are capped at planned + 10.
    const s2 = await startFocusSession(ctx, { taskId: task.id, focusMinutes: 25, breakMinutes: 5 }, at(60));
    const late = await finishFocusSession(ctx, { id: s2.id }, at(60 + 120));
    expect(late.session.actualMinutes).toBe(35);
    expect(late.task).toMatchObject({ estimateMinutes: 20, actualMinutes: 55 });
    expect((await taskRow(task.id))?.actualMinutes).toBe(55);
    const rows = await ledger(ctx.userId);
    expect(rows.map((r) => r.amount).sort()).toEqual([4, 7]);
    expect(new Set(rows.map((r) => r.idempotencyKey))).toEqual(new Set([`focus.minutes:${s.id}`, `focus.minutes:${s2.id}`]));
  });

  it("cancels without minutes or points; a cancelled session can't be finished, a finished one can't be cancelled", async () => {
    const { ctx, task } = await person();
    const s = await startFocusSession(ctx, { taskId: task.id }, T0);
    const cancelled = await cancelFocusSession(ctx, { id: s.id }, at(10));
    expect(cancelled).toMatchObject({ status: "cancelled", actualMinutes: null, phase: "done" });
    expect((await cancelFocusSession(ctx, { id: s.id }, at(11))).status).toBe("cancelled");
    const finishing = await thrown(finishFocusSession(ctx, { id: s.id }, at(12)));
    expect(finishing).toBeInstanceOf(ConflictError);
    expect(await ledger(ctx.userId)).toEqual([]);
    expect((await taskRow(task.id))?.actualMinutes).toBeNull();

    const s2 = await startFocusSession(ctx, {}, at(20));
    expect(s2.taskTitle).toBeNull();
    await finishFocusSession(ctx, { id: s2.id }, at(30));
    expect(await thrown(cancelFocusSession(ctx, { id: s2.id }, at(31)))).toBeInstanceOf(ConflictError);
  });

  it("finishes a session under a minute with 0 minutes and no points", async () => {
    const { ctx } = await person();
    const s = await startFocusSession(ctx, {}, T0);
    const done = await finishFocusSession(ctx, { id: s.id }, at(0, 45));
    expect(done).toMatchObject({ newlyFinished: true, points: { awarded: 0 } });
    expect(done.session.actualMinutes).toBe(0);
    expect(await ledger(ctx.userId)).toEqual([]);
  });

  it("rejects bad input naming the field, and a done task", async () => {
    const { ctx, task } = await person();
    const short = await thrown(startFocusSession(ctx, { focusMinutes: 3 }, T0));
    expect(short).toBeInstanceOf(InvalidInputError);
    expect((short as InvalidInputError).field).toBe("focusMinutes");
    await t.db.update(tasks).set({ status: "done" }).where(eq(tasks.id, task.id));
    const done = await thrown(startFocusSession(ctx, { taskId: task.id }, T0));
    expect((done as InvalidInputError).field).toBe("taskId");
  });
});

describe("one running session per user", () => {
  it("refuses a second start with a clear message, or ends the first one when asked", async () => {
    const { ctx, task } = await person();
    const first = await startFocusSession(ctx, { taskId: task.id }, T0);
    const refused = await thrown(startFocusSession(ctx, {}, at(5)));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toBe(
      "A focus session on “Clean the kitchen” is already running (20 min of focus left). Finish or cancel it first, or end it and start this one.",
    );
    const second = await startFocusSession(ctx, { endRunning: true, focusMinutes: 50, breakMinutes: 10 }, at(12));
    expect(second).toMatchObject({ status: "running", plannedMinutes: 50 });
    const [old] = await t.db.select().from(focusSessions).where(eq(focusSessions.id, first.id));
    expect(old).toMatchObject({ status: "completed", actualMinutes: 12 });
    expect((await getCurrentFocus(ctx, at(13)))?.id).toBe(second.id);
  });

  it("closes a session left open past its break at its planned end, so a new one can start", async () => {
    const { ctx, task } = await person();
    const left = await startFocusSession(ctx, { taskId: task.id, focusMinutes: 25, breakMinutes: 5 }, T0);
    const next = await startFocusSession(ctx, { taskId: task.id }, at(300));
    expect(next.status).toBe("running");
    const [old] = await t.db.select().from(focusSessions).where(eq(focusSessions.id, left.id));
    expect(old).toMatchObject({ status: "completed", actualMinutes: 25 });
    expect((await ledger(ctx.userId)).map((r) => r.amount)).toEqual([5]);
  });

  it("a finish racing a start that ends the running session: both succeed, the old one is awarded once", async () => {
    const { ctx } = await person();
    const old = await startFocusSession(ctx, {}, T0);
    for (let round = 0; round < 5; round++) {
      const running = (await getCurrentFocus(ctx, at(round * 30)))!;
      const [finished, started] = await Promise.all([
        finishFocusSession(ctx, { id: running.id }, at(round * 30 + 20)),
        startFocusSession(ctx, { endRunning: true }, at(round * 30 + 20)),
      ]);
      expect(finished.session.status).toBe("completed");
      expect(started.status).toBe("running");
    }
    const rows = await ledger(ctx.userId);
    expect(rows).toHaveLength(5);
    expect(rows.some((r) => r.sourceId === old.id)).toBe(true);
    expect(new Set(rows.map((r) => r.sourceId)).size).toBe(5);
  });

  it("lets exactly one of 10 concurrent starts through", async () => {
    const { ctx } = await person();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => startFocusSession(ctx, {}, T0)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failures.every((f) => f.reason instanceof ConflictError)).toBe(true);
    const running = await t.db.select().from(focusSessions).where(and(eq(focusSessions.userId, ctx.userId), eq(focusSessions.status, "running")));
    expect(running).toHaveLength(1);
  });
});

describe("points exactly once", () => {
  it("20 concurrent finishes of one session: one ledger row, one newly finished", async () => {
    const { ctx, task } = await person();
    const s = await startFocusSession(ctx, { taskId: task.id }, T0);
    const results = await Promise.all(Array.from({ length: 20 }, () => finishFocusSession(ctx, { id: s.id }, at(25))));
    expect(results.filter((r) => r.newlyFinished)).toHaveLength(1);
    expect(results.reduce((sum, r) => sum + r.points.awarded, 0)).toBe(5);
    const rows = await ledger(ctx.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: 5, sourceId: s.id, idempotencyKey: `focus.minutes:${s.id}` });
    expect((await taskRow(task.id))?.actualMinutes).toBe(25);
  });
});

describe("achievements unlocked by a finish", () => {
  it("30 focused minutes hatch the pet and ticking the task off is the first task: both announced once, bonus in the total", async () => {
    const { ctx, task } = await person("Hatty");
    const s = await startFocusSession(ctx, { taskId: task.id, focusMinutes: 30, breakMinutes: 5 }, T0);
    const done = await finishFocusSession(ctx, { id: s.id, taskDone: true }, at(30));
    expect(done.achievements).toContainEqual({ key: "pet-hatched", title: "It hatched!", description: "Your pet hatches from its egg", bonus: 5 });
    expect(done.achievements).toContainEqual({ key: "first-task", title: "First one done", description: "Complete your first task", bonus: 5 });
    const bonuses = done.achievements.reduce((sum, a) => sum + a.bonus, 0);
    expect(done.points).toEqual({ awarded: 6, total: 6 + 10 + bonuses });
    const again = await finishFocusSession(ctx, { id: s.id, taskDone: true }, at(40));
    expect(again).toMatchObject({ newlyFinished: false, achievements: [], points: { awarded: 0, total: done.points.total } });
    const rows = await t.db.select().from(pointsLedger).where(and(eq(pointsLedger.userId, ctx.userId), eq(pointsLedger.kind, "achievement")));
    expect(rows.map((r) => r.idempotencyKey).sort()).toEqual(done.achievements.map((a) => `achievement:${a.key}`).sort());
    const unlocked = await t.db.select().from(achievements).where(eq(achievements.userId, ctx.userId));
    expect(unlocked.map((a) => a.key).sort()).toEqual(done.achievements.map((a) => a.key).sort());
  });
});

describe("actual time fed back", () => {
  it("remembers the session, completes the task with its focused minutes, and the next similar task is estimated from them", async () => {
    const { ctx, task } = await person("Gus");
    const s = await startFocusSession(ctx, { taskId: task.id, focusMinutes: 50, breakMinutes: 10, ritual: "Put on the apron" }, T0);
    const done = await finishFocusSession(ctx, { id: s.id, taskDone: true }, at(35));
    expect(done.task).toMatchObject({ estimateMinutes: 20, actualMinutes: 35 });
    expect(done.completion).toMatchObject({ newlyCompleted: true });
    expect((await taskRow(task.id))?.status).toBe("done");

    const [memory] = await recall(t.db, { userId: ctx.userId, kind: "focus.session", limit: 1 });
    expect(memory?.content).toBe('Focused 35 min on "Clean the kitchen" after the ritual "Put on the apron" (estimated 20 min, 35 min so far).');
    expect(memory?.data).toMatchObject({ sessionId: s.id, taskId: task.id, title: "Clean the kitchen", actualMinutes: 35, estimateMinutes: 20, ritual: "Put on the apron" });
    const [completed] = await recall(t.db, { userId: ctx.userId, kind: "task.completed", limit: 1 });
    expect(completed?.data).toMatchObject({ taskId: task.id, actualMinutes: 35, estimateMinutes: 20 });

    const next = await createTaskWithCoach(ctx, { title: "Clean the kitchen" });
    expect(next.task.estimateMinutes).toBe(35);
    expect(next.insights?.reasoning).toContain("Your last similar task took ~35 min.");

    const stats = await focusStats(ctx, at(40));
    expect(stats).toMatchObject({ todayMinutes: 35, todaySessions: 1 });
    expect(stats.tasks[0]).toMatchObject({ id: task.id, estimateMinutes: 20, actualMinutes: 35, differenceMinutes: 15 });
  });

  it("works on a step: the step's own actual minutes", async () => {
    const { ctx, task } = await person();
    const step = await insertTask(t.db, { userId: ctx.userId, parent: task, fields: { title: "Fill the sink", estimateMinutes: 5 } });
    const s = await startFocusSession(ctx, { taskId: step.id, focusMinutes: 5, breakMinutes: 0 }, T0);
    expect(s).toMatchObject({ taskTitle: "Fill the sink", taskParentId: task.id });
    await finishFocusSession(ctx, { id: s.id }, at(9));
    expect((await taskRow(step.id))?.actualMinutes).toBe(9);
    expect((await taskRow(task.id))?.actualMinutes).toBeNull();
  });
});

describe("parked thoughts", () => {
  it("parks thoughts during a session and turns them into tasks once", async () => {
    const { ctx, task } = await person();
    const s = await startFocusSession(ctx, { taskId: task.id }, T0);
    await parkThought(ctx, { id: s.id, text: "Email the landlord" }, at(3));
    const parked = await parkThought(ctx, { id: s.id, text: "Buy dish soap" }, at(7));
    expect(parked.parked).toEqual([
      { text: "Email the landlord", at: at(3).toISOString() },
      { text: "Buy dish soap", at: at(7).toISOString() },
    ]);
    expect((await listParked(ctx)).map((p) => [p.index, p.text, p.taskTitle])).toEqual([
      [0, "Email the landlord", "Clean the kitchen"],
      [1, "Buy dish soap", "Clean the kitchen"],
    ]);
    const bad = await thrown(captureParked(ctx, { id: s.id, indexes: [5] }));
    expect((bad as InvalidInputError).field).toBe("indexes");

    const one = await captureParked(ctx, { id: s.id, indexes: [1] });
    expect(one.tasks.map((x) => x.title)).toEqual(["Buy dish soap"]);
    expect(one.tasks[0]?.notes).toBe("Parked during a focus session on “Clean the kitchen”.");
    expect(one.remaining).toBe(1);
    // Two tabs capturing the rest at once: each thought still becomes one task.
    const both = await Promise.all([captureParked(ctx, { id: s.id }), captureParked(ctx, { id: s.id })]);
    expect(both.flatMap((b) => b.tasks.map((x) => x.title))).toEqual(["Email the landlord"]);
    expect(await listParked(ctx)).toEqual([]);
    const mine = await t.db.select().from(tasks).where(and(eq(tasks.userId, ctx.userId), like(tasks.notes, "Parked during%")));
    expect(mine.map((x) => x.title).sort()).toEqual(["Buy dish soap", "Email the landlord"]);
  });
});

describe("ritual suggestion", () => {
  it("suggests a tiny ritual and a short session on a low-energy day with no history", async () => {
    const { ctx, task } = await person();
    await t.db.insert(checkins).values({ userId: ctx.userId, energy: 1, mood: 3, createdAt: at(-60) });
    const advice = await suggestFocusRitual(ctx, { taskId: task.id }, T0);
    expect(advice).toMatchObject({
      source: "energy",
      energy: "low",
      ritual: "2-minute tidy of the desk, a glass of water, then open only the one doc you need",
      preset: { focusMinutes: 25, breakMinutes: 5 },
      coach: { provider: "offline", kind: "rules" },
      taskTitle: "Clean the kitchen",
    });
  });

  it("puts the user's own ritual that most often led to a finished session first, shaped by energy", async () => {
    const { ctx } = await person();
    const run = async (ritual: string, minute: number, finish: boolean) => {
      const s = await startFocusSession(ctx, { ritual }, at(minute));
      await (finish ? finishFocusSession(ctx, { id: s.id }, at(minute + 25)) : cancelFocusSession(ctx, { id: s.id }, at(minute + 2)));
    };
    // "Headphones on" is used most, but "Make tea" is followed by more finished sessions.
    for (const [i, finish] of [false, false, false, true].entries()) await run("Headphones on", i * 60, finish);
    for (const [i, finish] of [true, true].entries()) await run(i ? "make tea " : "Make tea", 300 + i * 60, finish);
    const high = await suggestFocusRitual(ctx, {}, at(500));
    expect(high).toMatchObject({ source: "history", ritual: "make tea", energy: "unknown" });
    expect(high.why).toBe("Your own ritual: you finished 2 of 2 sessions after it.");
    expect(high.alternatives[0]).toBe("Headphones on");

    await t.db.insert(checkins).values({ userId: ctx.userId, energy: 2, createdAt: at(490) });
    const low = await suggestFocusRitual(ctx, {}, at(500));
    expect(low).toMatchObject({ source: "history", energy: "low", ritual: "make tea, then a glass of water" });

    await t.db.insert(checkins).values({ userId: ctx.userId, energy: 5, createdAt: at(495) });
    expect((await suggestFocusRitual(ctx, {}, at(500))).preset).toEqual({ focusMinutes: 50, breakMinutes: 10 });
  });
});

describe("reminders", () => {
  const keys = (id: string) => [`reminder:focus:${id}:focus-end`, `reminder:focus:${id}:break-end`];
  const actionsOf = async (id: string) =>
    (await t.db.select().from(plannedActions)).filter((a) => keys(id).includes(a.idempotencyKey)).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());

  it("plans the focus-end and break-end reminders at their times; the runner delivers them then", async () => {
    const { ctx, task } = await person();
    const s = await startFocusSession(ctx, { taskId: task.id, focusMinutes: 25, breakMinutes: 5 }, T0);
    await drainEmbedded();
    const planned = await actionsOf(s.id);
    expect(planned.map((a) => [a.executor, a.status, a.runAt.toISOString()])).toEqual([
      ["notification.reminder", "ready", at(25).toISOString()],
      ["notification.reminder", "ready", at(30).toISOString()],
    ]);
    expect(planned[0]?.payload).toMatchObject({ taskId: task.id, message: expect.stringContaining("Focus time is up on “Clean the kitchen”") });

    await executeNow(t.db, ctx.userId, { now: () => at(10) });
    expect(await recall(t.db, { userId: ctx.userId, kind: "notification.reminder", limit: 5, now: at(10) })).toEqual([]);
    await executeNow(t.db, ctx.userId, { now: () => at(25, 1) });
    const delivered = await recall(t.db, { userId: ctx.userId, kind: "notification.reminder", limit: 5, now: at(25, 2) });
    expect(delivered.map((m) => m.content)).toEqual(["Focus time is up on “Clean the kitchen”. Take your 5-minute break — stand up, stretch, drink some water."]);
    const current = await getCurrentFocus(ctx, at(26));
    expect(current?.reminders).toEqual([
      { kind: "focus-end", at: at(25), status: "succeeded" },
      { kind: "break-end", at: at(30), status: "ready" },
    ]);
  });

  it("cancels the reminders still ahead when a session ends early — also ones not planned yet (Inngest sleeps first)", async () => {
    const { ctx } = await person();
    const s = await startFocusSession(ctx, {}, T0);
    await drainEmbedded();
    await finishFocusSession(ctx, { id: s.id }, at(10));
    expect((await actionsOf(s.id)).map((a) => a.status)).toEqual(["cancelled", "cancelled"]);

    // On Inngest the reminder is planned only after its sleep: cancel first, plan later → nothing runs.
    const off2 = onEmbeddedEvent("reminder/scheduled", async () => undefined);
    const s2 = await startFocusSession(ctx, {}, at(20));
    await cancelFocusSession(ctx, { id: s2.id }, at(21));
    const late = await planReminder(t.db, { userId: ctx.userId, key: `focus:${s2.id}:focus-end`, remindAt: at(45).toISOString(), message: "Focus time is up." });
    expect(late.status).toBe("cancelled");
    off2();
    await drainEmbedded();
  });
});

describe("history and privacy", () => {
  it("pages the history newest first", async () => {
    const { ctx, task } = await person();
    for (const minute of [0, 60, 120]) {
      const s = await startFocusSession(ctx, { taskId: task.id }, at(minute));
      await finishFocusSession(ctx, { id: s.id }, at(minute + 25));
    }
    const first = await focusHistory(ctx, { limit: 2 }, at(200));
    expect(first.items.map((s) => s.startedAt.toISOString())).toEqual([at(120).toISOString(), at(60).toISOString()]);
    expect(first.items[0]).toMatchObject({ taskTitle: "Clean the kitchen", status: "completed", actualMinutes: 25 });
    const second = await focusHistory(ctx, { limit: 2, cursor: first.nextCursor ?? undefined }, at(200));
    expect(second.items.map((s) => s.startedAt.toISOString())).toEqual([T0.toISOString()]);
    expect(second.nextCursor).toBeNull();
  });

  it("another user can't see, finish, cancel or park in a session, nor focus on the task", async () => {
    const { ctx, task } = await person("Owner");
    const other = { db: t.db, userId: (await makeUser(t.db, "Other")).id };
    const s = await startFocusSession(ctx, { taskId: task.id }, T0);
    for (const call of [
      () => finishFocusSession(other, { id: s.id }, at(5)),
      () => cancelFocusSession(other, { id: s.id }, at(5)),
      () => parkThought(other, { id: s.id, text: "peek" }, at(5)),
      () => captureParked(other, { id: s.id }),
      () => startFocusSession(other, { taskId: task.id }, at(5)),
      () => suggestFocusRitual(other, { taskId: task.id }, at(5)),
    ]) {
      expect(await thrown(call())).toBeInstanceOf(NotFoundError);
    }
    expect(await getCurrentFocus(other, at(5))).toBeNull();
    expect((await getCurrentFocus(ctx, at(5)))?.status).toBe("running");
  });
});
