// rewards.* through the real router: XP levels that spending never lowers, the store (CRUD, buying
// once per request, twenty concurrent buys with points for one), the mystery box (free once a day,
// paid after, reproducible from its seed), the pet, achievements with progress, streak and
// vacations — each user's own only, and bad input named by field.
import { randomUUID } from "node:crypto";
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { achievements, mysteryDraws, pointsLedger, users } from "@/server/db/schema";
import { awardPoints, replayDraw } from "@/server/rewards";
import { addDays, localDay } from "@/server/time";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}

/** Points out of nowhere (a kind that is not activity, unless `kind` says so). */
async function grant(userId: string, amount: number, kind = "test.bonus", at?: Date) {
  await awardPoints(t.db, { userId, amount, kind, reason: "test grant", idempotencyKey: `${kind}:${randomUUID()}` });
  if (at) await t.db.update(pointsLedger).set({ createdAt: at }).where(eq(pointsLedger.userId, userId));
}

let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
});

describe("XP, level and balance", () => {
  it("levels come from earned points, so buying never lowers them; the balance drops", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    const task = await api.task.create({ title: "Water the plants" });
    const ticked = await api.task.complete({ id: task.id });
    // 10 for the task + first-task's bonus (5), and early-bird's when this runs before 8 am.
    const badges = ticked.achievements.reduce((sum, a) => sum + a.bonus, 0);
    expect(badges).toBeGreaterThanOrEqual(5);
    await grant(user.id, 50);
    const before = await api.rewards.summary();
    expect(before).toMatchObject({ balance: 60 + badges, total: 60 + badges, earned: 60 + badges, level: { number: 2, name: "Kindling" } });
    const item = await api.rewards.store.create({ title: "An episode of my show", cost: 55 });
    const bought = await api.rewards.store.buy({ id: item.id, requestId: randomUUID() });
    expect(bought.balance).toBe(5 + badges);
    const after = await api.rewards.summary();
    expect(after).toMatchObject({ balance: 5 + badges, total: 5 + badges, earned: 60 + badges, level: before.level });
    expect(after.latest[0]).toMatchObject({ kind: "store.purchase", amount: -55, reason: "Bought: An episode of my show" });
    // A step counts, and earns at the earned level (not lowered by the spend).
    const parent = await api.task.create({ title: "Tidy the desk" });
    const step = await api.task.create({ parentId: parent.id, title: "Clear the cables" });
    const done = await api.task.complete({ id: step.id });
    expect(done.points.awarded).toBe(3);
    // The purchase reached "Treat yourself" (no bonus); the next deed is where it is announced.
    expect(done.achievements.map((a) => [a.key, a.bonus])).toEqual([["first-purchase", 0]]);
    expect((await api.rewards.summary()).earned).toBe(63 + badges);
  });
});

describe("rewards.store", () => {
  it("creates, lists, updates and archives the user's own rewards", async () => {
    const api = callerFor(t.db, alice);
    const made = await api.rewards.store.create({ title: "  30 min of guilt-free gaming ", cost: 200, note: "Any game" });
    expect(made).toMatchObject({ title: "30 min of guilt-free gaming", cost: 200, note: "Any game", archivedAt: null });
    const updated = await api.rewards.store.update({ id: made.id, cost: 150, note: null });
    expect(updated).toMatchObject({ cost: 150, note: null });
    expect((await api.rewards.store.list()).map((i) => i.id)).toContain(made.id);
    await api.rewards.store.archive({ id: made.id });
    expect((await api.rewards.store.list()).map((i) => i.id)).not.toContain(made.id);
    expect((await api.rewards.store.list({ includeArchived: true })).find((i) => i.id === made.id)?.archivedAt).toBeInstanceOf(Date);
    const restored = await api.rewards.store.archive({ id: made.id, archived: false });
    expect(restored.archivedAt).toBeNull();
    expect(await callerFor(t.db, bob).rewards.store.list()).toEqual([]);
  });

  it("buys once per request id: a retry returns the same purchase and charges nothing more", async () => {
    const user = await makeUser(t.db);
    await grant(user.id, 100);
    const api = callerFor(t.db, user);
    const item = await api.rewards.store.create({ title: "Fancy coffee", cost: 30 });
    const requestId = randomUUID();
    const first = await api.rewards.store.buy({ id: item.id, requestId });
    const again = await api.rewards.store.buy({ id: item.id, requestId });
    expect(again).toMatchObject({ repeated: true, balance: 70, purchase: { id: first.purchase.id } });
    expect(first).toMatchObject({ repeated: false, balance: 70, purchase: { title: "Fancy coffee", cost: 30, itemId: item.id } });
    await api.rewards.store.buy({ id: item.id, requestId: randomUUID() });
    const history = await api.rewards.purchases();
    expect(history.map((p) => p.cost)).toEqual([30, 30]);
    expect((await api.rewards.summary()).balance).toBe(40);
  });

  it("lands exactly one of 20 concurrent buys when the balance covers one", async () => {
    const user = await makeUser(t.db);
    await grant(user.id, 50);
    const api = callerFor(t.db, user);
    const item = await api.rewards.store.create({ title: "Movie night", cost: 40 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => api.rewards.store.buy({ id: item.id, requestId: randomUUID() })));
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(19);
    for (const f of failed) {
      expect((f.reason as TRPCError).code).toBe("BAD_REQUEST");
      expect((f.reason as TRPCError).message).toMatch(/^cost: "Movie night" costs 40 points and you have 10 — 30 to go/);
    }
    const summary = await api.rewards.summary();
    expect(summary.balance).toBe(10);
    expect(summary.level.number).toBe(2);
  });

  it("says clearly when the balance is short, and spends nothing", async () => {
    const user = await makeUser(t.db);
    await grant(user.id, 12);
    const api = callerFor(t.db, user);
    const item = await api.rewards.store.create({ title: "Day off", cost: 500 });
    const error = await rejects(api.rewards.store.buy({ id: item.id, requestId: randomUUID() }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe('cost: "Day off" costs 500 points and you have 12 — 488 to go. Nothing was spent.');
    expect((await api.rewards.summary()).balance).toBe(12);
    await api.rewards.store.archive({ id: item.id });
    expect(said(await rejects(api.rewards.store.buy({ id: item.id, requestId: randomUUID() })))).toMatch(/^id: This reward is archived/);
  });

  it("keeps rewards private: another user gets NOT_FOUND for every action", async () => {
    const mine = await callerFor(t.db, alice).rewards.store.create({ title: "Bubble bath", cost: 10 });
    const api = callerFor(t.db, bob);
    await grant(bob.id, 100);
    for (const call of [
      () => api.rewards.store.update({ id: mine.id, title: "Stolen" }),
      () => api.rewards.store.archive({ id: mine.id }),
      () => api.rewards.store.buy({ id: mine.id, requestId: randomUUID() }),
    ]) {
      const error = await rejects(call());
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("Reward not found");
    }
    expect((await callerFor(t.db, alice).rewards.store.list()).find((i) => i.id === mine.id)?.title).toBe("Bubble bath");
  });

  it("names the field for bad input", async () => {
    const api = callerFor(t.db, alice);
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => api.rewards.store.create({ title: "", cost: 10 }), /^title: Give the reward a name/],
      [() => api.rewards.store.create({ title: "x", cost: 0 }), /^cost: A reward costs at least 1 point/],
      [() => api.rewards.store.create({ title: "x", cost: 100_001 }), /^cost: At most 100000 points/],
      [() => api.rewards.store.create({ title: "x", cost: 2.5 }), /^cost: Use a whole number of points/],
      [() => api.rewards.store.create({ title: "x", cost: 5, note: "n".repeat(501) }), /^note: At most 500 characters/],
      [() => api.rewards.store.update({ id: "nope", title: "x" }), /^id: Not a valid reward id/],
      [() => api.rewards.store.update({ id: randomUUID() }), /^input: Nothing to update/],
      [() => api.rewards.store.buy({ id: randomUUID(), requestId: "again" }), /^requestId: Not a valid request id/],
      [() => api.rewards.purchases({ limit: 1000 }), /^limit: At most 100/],
    ];
    for (const [call, message] of cases) {
      const error = await rejects(call());
      expect(error.code).toBe("BAD_REQUEST");
      expect(said(error)).toMatch(message);
    }
  });
});

describe("rewards.mystery", () => {
  it("shows its odds, opens free once on an active day, then costs points; each draw replays from its seed", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    const odds = await api.rewards.mystery.odds();
    expect(odds).toMatchObject({ version: "v1", cost: 20, freeAvailable: false, balance: 0 });
    expect(odds.prizes.reduce((s, p) => s + p.chance, 0)).toBeCloseTo(100);
    // No activity and no points: nothing to open with, said plainly.
    const short = await rejects(api.rewards.mystery.open({ requestId: randomUUID() }));
    expect(short.code).toBe("BAD_REQUEST");
    expect(short.message).toMatch(/^cost: A box costs 20 points and you have 0 — 20 to go/);
    const task = await api.task.create({ title: "Call grandma" });
    await api.task.complete({ id: task.id });
    expect((await api.rewards.mystery.odds()).freeAvailable).toBe(true);
    const requestId = randomUUID();
    const free = await api.rewards.mystery.open({ requestId });
    expect(free).toMatchObject({ free: true, cost: 0, oddsVersion: "v1" });
    expect(await api.rewards.mystery.open({ requestId })).toMatchObject({ id: free.id, prize: free.prize });
    expect((await api.rewards.mystery.odds()).freeAvailable).toBe(false);
    await grant(user.id, 40);
    const before = (await api.rewards.summary()).balance;
    const paid = await api.rewards.mystery.open({ requestId: randomUUID() });
    expect(paid.cost).toBe(20);
    const gained = paid.prize.kind === "points" ? (paid.prize.amount ?? 0) : 0;
    expect(paid.balance).toBe(before - 20 + gained);
    const history = await api.rewards.mystery.history();
    expect(history.map((d) => d.id)).toEqual([paid.id, free.id]);
    const rows = await t.db.select().from(mysteryDraws).where(eq(mysteryDraws.userId, user.id));
    for (const row of rows) expect(replayDraw(row)).toMatchObject({ kind: row.prize.kind, label: row.prize.label });
    // Someone else sees none of it.
    expect(await callerFor(t.db, bob).rewards.mystery.history()).toEqual([]);
  });

  it("applies each prize through the ledger or the pet, exactly once per draw", async () => {
    const user = await makeUser(t.db);
    await grant(user.id, 20 * 40);
    const api = callerFor(t.db, user);
    const draws = [];
    for (let i = 0; i < 40; i++) draws.push(await api.rewards.mystery.open({ requestId: randomUUID() }));
    const ledger = await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, user.id));
    const prizeRows = ledger.filter((e) => e.idempotencyKey.startsWith("mystery.prize:"));
    const expected = draws.filter((d) => d.prize.kind !== "message");
    expect(prizeRows).toHaveLength(expected.length);
    const points = draws.reduce((s, d) => s + (d.prize.kind === "points" ? (d.prize.amount ?? 0) : 0), 0);
    expect((await api.rewards.summary()).balance).toBe(800 - 40 * 20 + points);
    const treats = draws.filter((d) => d.prize.kind === "treat").length;
    expect((await api.rewards.pet.get()).care).toBe(treats * 15);
    const freezes = draws.filter((d) => d.prize.kind === "freeze").length;
    expect(ledger.filter((e) => e.kind === "streak.freeze")).toHaveLength(freezes);
  });

  it("never lets concurrent paid opens overspend", async () => {
    const user = await makeUser(t.db);
    await grant(user.id, 45);
    const api = callerFor(t.db, user);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => api.rewards.mystery.open({ requestId: randomUUID() })));
    const opened = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
    // Points prizes refill the balance, so more than two may open — but never into the negative.
    expect(opened.length).toBeGreaterThanOrEqual(2);
    for (const r of results) if (r.status === "rejected") expect((r.reason as TRPCError).message).toMatch(/^cost: A box costs 20 points/);
    const won = opened.reduce((s, d) => s + (d.prize.kind === "points" ? (d.prize.amount ?? 0) : 0), 0);
    const balance = (await api.rewards.summary()).balance;
    expect(balance).toBe(45 - 20 * opened.length + won);
    expect(balance).toBeGreaterThanOrEqual(0);
    expect((await t.db.select().from(mysteryDraws).where(eq(mysteryDraws.userId, user.id))).length).toBe(opened.length);
  });

  it("names the field for bad input", async () => {
    const error = await rejects(callerFor(t.db, alice).rewards.mystery.open({ requestId: "1" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(said(error)).toBe("requestId: Not a valid request id");
    expect(said(await rejects(callerFor(t.db, alice).rewards.mystery.history({ limit: 0 })))).toBe("limit: At least 1");
  });
});

describe("rewards.pet", () => {
  it("hatches an egg, grows with focus minutes and a daily pat, renames, and never shrinks", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    expect(await api.rewards.pet.get()).toMatchObject({ name: "Ember", growth: 0, stage: { key: "egg" }, canCare: true });
    // FOCUS awards focus.minutes with units = minutes / 5.
    await awardPoints(t.db, { userId: user.id, amount: 5, kind: "focus.minutes", reason: "Focused 25 min", idempotencyKey: "focus.minutes:s1", data: { units: 5 } });
    const cared = await api.rewards.pet.care();
    expect(cared).toMatchObject({ cared: true, pet: { growth: 30, focusMinutes: 25, care: 5, stage: { key: "hatchling" }, canCare: false, mood: "happy" } });
    const twice = await api.rewards.pet.care({ action: "pat" });
    expect(twice.cared).toBe(false);
    expect(twice.message).toMatch(/already had a pat today/);
    expect(twice.pet.growth).toBe(30);
    expect(await api.rewards.pet.rename({ name: "  Biscuit " })).toMatchObject({ name: "Biscuit" });
    // Buying things never touches the pet.
    await grant(user.id, 100);
    const item = await api.rewards.store.create({ title: "Cake", cost: 100 });
    await api.rewards.store.buy({ id: item.id, requestId: randomUUID() });
    expect((await api.rewards.pet.get()).growth).toBe(30);
    expect((await callerFor(t.db, bob).rewards.pet.get()).name).toBe("Ember");
  });

  it("names the field for bad input", async () => {
    const api = callerFor(t.db, alice);
    expect(said(await rejects(api.rewards.pet.rename({ name: "  " })))).toBe("name: Give your pet a name");
    expect(said(await rejects(api.rewards.pet.rename({ name: "x".repeat(41) })))).toBe("name: At most 40 characters");
    expect(said(await rejects(api.rewards.pet.care({ action: "kick" as "pat" })))).toMatch(/^action: /);
  });
});

describe("rewards.achievements", () => {
  it("shows progress, unlocks once with a one-time bonus", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    const start = await api.rewards.achievements();
    expect(start.unlocked).toEqual([]);
    expect(start.achievements.find((a) => a.key === "tasks-10")).toMatchObject({ value: 0, goal: 10, progress: 0, unlockedAt: null });
    const unlockedOnCompletion: string[] = [];
    for (const title of ["One", "Two", "Three"]) {
      const done = await api.task.complete({ id: (await api.task.create({ title })).id });
      unlockedOnCompletion.push(...done.achievements.map((a) => a.key));
    }
    // The first completion unlocked it right then, so the page finds nothing new to unlock.
    expect(unlockedOnCompletion).toContain("first-task");
    const after = await api.rewards.achievements();
    expect(after.unlocked).toEqual([]);
    expect(after.achievements.find((a) => a.key === "tasks-10")).toMatchObject({ value: 3, progress: 0.3 });
    expect(after.achievements.find((a) => a.key === "first-task")?.unlockedAt).toBeInstanceOf(Date);
    const again = await api.rewards.achievements();
    expect(again.unlocked).toEqual([]);
    const bonus = await t.db.select().from(pointsLedger).where(eq(pointsLedger.idempotencyKey, "achievement:first-task"));
    expect(bonus.filter((b) => b.userId === user.id)).toHaveLength(1);
    expect((await t.db.select().from(achievements).where(eq(achievements.userId, user.id))).map((a) => a.key)).toContain("first-task");
    expect((await callerFor(t.db, bob).rewards.achievements()).achievements.find((a) => a.key === "first-task")?.unlockedAt ?? null).toBeNull();
  });
});

describe("rewards.streak and rewards.vacation", () => {
  it("sets a vacation that keeps the streak, lists it, and ends it", async () => {
    const user = await makeUser(t.db);
    await t.db.update(users).set({ timeZone: "Europe/Berlin" }).where(eq(users.id, user.id));
    const api = callerFor(t.db, user);
    const today = localDay(Date.now(), "Europe/Berlin");
    await grant(user.id, 5, "task.completed", new Date(Date.now() - 3 * 86_400_000));
    const vacation = await api.rewards.vacation.set({ startDay: addDays(today, -2), endDay: addDays(today, 3) });
    const streak = await api.rewards.streak();
    expect(streak).toMatchObject({ onVacation: true, days: 1 });
    expect(streak.message).toMatch(/vacation/);
    expect((await api.rewards.vacation.list())[0]).toMatchObject({ id: vacation.id, current: true });
    expect((await api.rewards.summary()).streakInfo).toMatchObject({ onVacation: true });
    const ended = await api.rewards.vacation.clear({ id: vacation.id });
    expect(ended).toMatchObject({ removed: false, vacation: { endDay: addDays(today, -1) } });
    const future = await api.rewards.vacation.set({ startDay: addDays(today, 10), endDay: addDays(today, 12) });
    expect(await api.rewards.vacation.clear({ id: future.id })).toEqual({ removed: true, vacation: null });
    // Someone else's vacation is not found.
    const error = await rejects(callerFor(t.db, bob).rewards.vacation.clear({ id: vacation.id }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("names the field for bad input", async () => {
    const api = callerFor(t.db, alice);
    const today = localDay(Date.now(), "UTC");
    const cases: [() => Promise<unknown>, string | RegExp][] = [
      [() => api.rewards.vacation.set({ startDay: "tomorrow", endDay: today }), /^startDay: Use a date like/],
      [() => api.rewards.vacation.set({ startDay: today, endDay: "2026-02-30" }), /^endDay: Use a date like/],
      [() => api.rewards.vacation.set({ startDay: addDays(today, 2), endDay: today }), "endDay: The vacation has to end on or after its first day"],
      [() => api.rewards.vacation.set({ startDay: addDays(today, -30), endDay: today }), "startDay: A vacation can start at most 7 days back"],
      [() => api.rewards.vacation.set({ startDay: today, endDay: addDays(today, 90) }), /^endDay: A vacation lasts at most 60 days/],
      [() => api.rewards.vacation.clear({ id: "x" }), "id: Not a valid vacation id"],
    ];
    for (const [call, message] of cases) {
      const error = await rejects(call());
      expect(error.code).toBe("BAD_REQUEST");
      expect(said(error)).toMatch(message);
    }
  });

  it("needs a signed-in user", async () => {
    const anon = callerFor(t.db, null);
    for (const call of [() => anon.rewards.streak(), () => anon.rewards.pet.get(), () => anon.rewards.store.list(), () => anon.rewards.mystery.odds(), () => anon.rewards.achievements()]) {
      expect((await rejects(call())).code).toBe("UNAUTHORIZED");
    }
  });
});
