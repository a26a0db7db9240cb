// getUserContext: the latest fresh check-in, today's focus (a running session beats the accepted
// plan's first open task), the user's settings (or the defaults), and only ever this user's rows.
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { checkins, dayPlans, focusSessions, pointsLedger, tasks, users, userSettings } from "@/server/db/schema";
import { InvalidInputError } from "@/server/errors";
import { makeUser, setupTestDb } from "@/test/harness";
import { installMockEmbedder, restoreEmbedder } from "@/test/mock-embedder";
import { getUserContext, MAX_PER_KIND, remember } from ".";

const t = setupTestDb();
afterEach(() => restoreEmbedder());
const now = new Date("2026-11-23T15:00:00Z"); // 16:00 in Europe/Berlin, same local day
const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(now.getTime() - ms);

async function addTask(userId: string, title: string, status: "todo" | "done" = "todo") {
  const [task] = await t.db.insert(tasks).values({ userId, title, status }).returning();
  if (!task) throw new Error("no task");
  return task;
}

describe("getUserContext", () => {
  it("gives defaults and nothing else for a brand-new user", async () => {
    const user = await makeUser(t.db);
    const ctx = await getUserContext(t.db, user.id, { now });
    expect(ctx).toMatchObject({ recent: [], similar: [], mood: null, todayFocus: null, streak: { days: 0, activeToday: false } });
    expect(ctx.preferences).toEqual({
      timeZone: "UTC",
      energyPattern: "morning",
      coachTone: "gentle",
      workingHours: { startMinute: 540, endMinute: 1020, start: "09:00", end: "17:00" },
      extra: {},
      saved: false,
    });
  });

  it("takes the latest check-in of the last 12 hours, never an older one or another user's", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    await t.db.insert(checkins).values([
      { userId: user.id, mood: 2, energy: 1, createdAt: ago(13 * HOUR) },
      { userId: user.id, mood: 4, energy: null, note: "better after lunch", createdAt: ago(3 * HOUR) },
      { userId: user.id, mood: 1, energy: 1, createdAt: ago(5 * HOUR) },
      { userId: other.id, mood: 5, energy: 5, createdAt: ago(HOUR) },
    ]);
    const ctx = await getUserContext(t.db, user.id, { now });
    expect(ctx.mood).toEqual({ mood: 4, energy: null, note: "better after lunch", at: ago(3 * HOUR) });
    const later = await getUserContext(t.db, user.id, { now: new Date(now.getTime() + 10 * HOUR) });
    expect(later.mood).toBeNull(); // 13 h old by then
  });

  it("today's focus: the first open task block of today's accepted plan, in the user's time zone", async () => {
    const user = await makeUser(t.db);
    await t.db.update(users).set({ timeZone: "Europe/Berlin" }).where(eq(users.id, user.id));
    const done = await addTask(user.id, "Answer emails", "done");
    const next = await addTask(user.id, "Draft the proposal");
    const later = await addTask(user.id, "Go for a run");
    const block = (taskId: string, title: string, hour: number) => ({
      start: `2026-11-23T${String(hour).padStart(2, "0")}:00:00Z`,
      end: `2026-11-23T${String(hour).padStart(2, "0")}:45:00Z`,
      kind: "task" as const,
      taskId,
      title,
    });
    await t.db.insert(dayPlans).values([
      {
        userId: user.id,
        day: "2026-11-23",
        status: "accepted",
        blocks: [
          block(done.id, done.title, 8),
          { start: "2026-11-23T09:00:00Z", end: "2026-11-23T09:15:00Z", kind: "break", title: "Break" },
          block(next.id, next.title, 10),
          block(later.id, later.title, 12),
        ],
      },
      // Yesterday's plan and a draft for tomorrow do not count.
      { userId: user.id, day: "2026-11-22", status: "accepted", blocks: [block(later.id, later.title, 8)] },
      { userId: user.id, day: "2026-11-24", status: "draft", blocks: [block(later.id, later.title, 8)] },
    ]);
    const ctx = await getUserContext(t.db, user.id, { now });
    expect(ctx.todayFocus).toEqual({ taskId: next.id, title: "Draft the proposal", source: "plan" });
    expect(ctx.preferences.timeZone).toBe("Europe/Berlin");

    // A draft plan is not the user's plan yet.
    await t.db.update(dayPlans).set({ status: "draft" }).where(eq(dayPlans.userId, user.id));
    expect((await getUserContext(t.db, user.id, { now })).todayFocus).toBeNull();

    // 23:30 UTC is already tomorrow in Berlin: tomorrow's plan is today's.
    await t.db.update(dayPlans).set({ status: "accepted" }).where(and(eq(dayPlans.userId, user.id), eq(dayPlans.day, "2026-11-24")));
    const lateEvening = new Date("2026-11-23T23:30:00Z");
    expect((await getUserContext(t.db, user.id, { now: lateEvening })).todayFocus).toEqual({ taskId: later.id, title: "Go for a run", source: "plan" });
  });

  it("a running focus session's task comes first; a stale or finished one does not count", async () => {
    const user = await makeUser(t.db);
    const task = await addTask(user.id, "Write the report");
    const planned = await addTask(user.id, "Tidy the desk");
    await t.db.insert(dayPlans).values({
      userId: user.id,
      day: "2026-11-23",
      status: "accepted",
      blocks: [{ start: now.toISOString(), end: now.toISOString(), kind: "task", taskId: planned.id, title: planned.title }],
    });
    await t.db.insert(focusSessions).values([
      { userId: user.id, taskId: planned.id, status: "completed", plannedMinutes: 25, breakMinutes: 5, startedAt: ago(HOUR), endsAt: ago(HOUR / 2) },
      { userId: user.id, taskId: planned.id, status: "running", plannedMinutes: 25, breakMinutes: 5, startedAt: ago(30 * HOUR), endsAt: ago(29 * HOUR) },
    ]);
    expect((await getUserContext(t.db, user.id, { now })).todayFocus).toEqual({ taskId: planned.id, title: "Tidy the desk", source: "plan" });

    await t.db.insert(focusSessions).values({
      userId: user.id,
      taskId: task.id,
      status: "running",
      plannedMinutes: 25,
      breakMinutes: 5,
      startedAt: ago(10 * 60 * 1000),
      endsAt: new Date(now.getTime() + 15 * 60 * 1000),
    });
    expect((await getUserContext(t.db, user.id, { now })).todayFocus).toEqual({ taskId: task.id, title: "Write the report", source: "focus" });
  });

  it("reads the user's saved settings and free-form preferences", async () => {
    const user = await makeUser(t.db);
    await t.db.insert(userSettings).values({
      userId: user.id,
      workdayStartMinute: 600,
      workdayEndMinute: 1110,
      energyPattern: "evening",
      coachTone: "direct",
      preferences: { focusMinutes: 20, goals: ["finish thesis"] },
    });
    const ctx = await getUserContext(t.db, user.id, { now });
    expect(ctx.preferences).toEqual({
      timeZone: "UTC",
      energyPattern: "evening",
      coachTone: "direct",
      workingHours: { startMinute: 600, endMinute: 1110, start: "10:00", end: "18:30" },
      extra: { focusMinutes: 20, goals: ["finish thesis"] },
      saved: true,
    });
  });

  it("gives recent and similar memories, and another user's context shares none of it", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.completed", content: "Completed: clean the kitchen", now: ago(2 * HOUR) });
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.created", content: "Added: book a flight", now: ago(HOUR) });
    await t.db.insert(checkins).values({ userId: user.id, mood: 3, energy: 3, createdAt: ago(HOUR) });
    const ctx = await getUserContext(t.db, user.id, { about: "kitchen", k: 1, now });
    expect(ctx.recent.map((m) => m.content)).toEqual(["Added: book a flight", "Completed: clean the kitchen"]);
    expect(ctx.similar.map((m) => m.content)).toEqual(["Completed: clean the kitchen"]);
    const theirs = await getUserContext(t.db, other.id, { about: "kitchen", now });
    expect(theirs).toMatchObject({ recent: [], similar: [], mood: null, todayFocus: null });
  });

  it("carries the user's streak from the points ledger: yesterday and the day before count, today not yet", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const day = 24 * HOUR;
    await t.db.insert(pointsLedger).values([
      { userId: user.id, amount: 10, kind: "task.completed", reason: "a", idempotencyKey: "a", createdAt: ago(day) },
      { userId: user.id, amount: 3, kind: "step.completed", reason: "b", idempotencyKey: "b", createdAt: ago(2 * day) },
      { userId: other.id, amount: 10, kind: "task.completed", reason: "c", idempotencyKey: "c", createdAt: ago(HOUR) },
    ]);
    expect((await getUserContext(t.db, user.id, { now })).streak).toEqual({ days: 2, activeToday: false });
    expect((await getUserContext(t.db, other.id, { now })).streak).toEqual({ days: 1, activeToday: true });
  });

  it("similar memories of the asked kinds only, and the newest of each asked kind up to its limit", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const note = (userId: string, kind: string, content: string, hoursAgo: number, ttl?: number) =>
      remember(t.db, { userId, tier: "long_term", kind, content, now: ago(hoursAgo * HOUR), ttl });
    await note(user.id, "task.broken_down", "Broke \"Clean the kitchen\" into 3 steps", 5);
    await note(user.id, "task.completed", "Completed: clean the kitchen", 4);
    await note(user.id, "task.steps_edited", "Removed the step \"Mop the floor\" from \"Clean the kitchen\"", 3);
    await note(user.id, "task.steps_edited", "Renamed the step \"Wash up\" to \"Load the dishwasher\"", 2);
    await note(user.id, "task.steps_edited", "Renamed the step \"Dust\" to \"Dust the shelves\"", 1);
    await note(user.id, "task.steps_edited", "An edit that has expired", 1, 30 * 60 * 1000);
    await note(other.id, "task.steps_edited", "Someone else's edit of the kitchen", 1);

    const ctx = await getUserContext(t.db, user.id, {
      about: "clean the kitchen",
      k: 5,
      kinds: ["task.broken_down"],
      recentLimit: 0,
      byKind: { "task.steps_edited": 2, "task.broken_down": 10, "focus.session": 3 },
      now,
    });
    expect(ctx.similar.map((m) => m.kind)).toEqual(["task.broken_down"]);
    expect(ctx.recent).toEqual([]);
    expect(ctx.byKind?.["task.steps_edited"]?.map((m) => m.content)).toEqual([
      "Renamed the step \"Dust\" to \"Dust the shelves\"",
      "Renamed the step \"Wash up\" to \"Load the dishwasher\"",
    ]);
    expect(ctx.byKind?.["task.broken_down"]).toHaveLength(1);
    expect(ctx.byKind?.["focus.session"]).toEqual([]);
    expect(Object.keys(ctx.byKind ?? {}).sort()).toEqual(["focus.session", "task.broken_down", "task.steps_edited"]);
    // Without byKind there is no byKind; the other user sees none of it.
    expect((await getUserContext(t.db, user.id, { now })).byKind).toBeUndefined();
    const theirs = await getUserContext(t.db, other.id, { about: "kitchen", kinds: ["task.broken_down"], byKind: { "task.steps_edited": 10 }, now });
    expect(theirs.similar).toEqual([]);
    expect(theirs.byKind?.["task.steps_edited"]?.map((m) => m.content)).toEqual(["Someone else's edit of the kitchen"]);
  });

  it("refuses a byKind limit out of range, naming the field", async () => {
    const user = await makeUser(t.db);
    for (const byKind of [{ note: 0 }, { note: MAX_PER_KIND + 1 }, { note: 2.5 }, { "": 3 }, Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 1]))]) {
      const error = await getUserContext(t.db, user.id, { byKind, now }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).message).toMatch(/kind|limit/i);
      expect(error).toMatchObject({ field: "byKind" });
    }
  });

  it("still gives the rest of the context when the remote embedding model is down", async () => {
    const mock = installMockEmbedder();
    const user = await makeUser(t.db);
    await remember(t.db, { userId: user.id, tier: "long_term", kind: "task.steps_edited", content: "Removed the step \"Mop\"", now: ago(HOUR) });
    await t.db.insert(checkins).values({ userId: user.id, mood: 2, energy: 2, createdAt: ago(HOUR) });
    mock.fail(true);
    const ctx = await getUserContext(t.db, user.id, { about: "mop the floor", byKind: { "task.steps_edited": 5 }, now });
    expect(ctx.similar).toEqual([]);
    expect(ctx.byKind?.["task.steps_edited"]).toHaveLength(1);
    expect(ctx.recent).toHaveLength(1);
    expect(ctx.mood).toMatchObject({ mood: 2, energy: 2 });
  });
});
