// zone.* through the real router: the five defaults handed out once (also under concurrent first
// reads), edits, the user's own zones, removal untagging tasks, tagging, the balance numbers and its
// reading, privacy between users, and bad input named by field.
import type { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { insertTask } from "@/server/db/queries/tasks";
import { focusSessions, tasks, zones } from "@/server/db/schema";
import { balanceReading, percentages } from "@/server/orchestrator/zones";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}

async function person(name = "Robin") {
  const user = await makeUser(t.db, name);
  return { user, api: callerFor(t.db, user) };
}

async function task(userId: string, title: string, area: string | null, done?: Date) {
  const row = await insertTask(t.db, { userId, fields: { title, area } });
  if (done) await t.db.update(tasks).set({ status: "done", completedAt: done }).where(eq(tasks.id, row.id));
  return row;
}

const areaOf = async (id: string) => (await t.db.select({ area: tasks.area }).from(tasks).where(eq(tasks.id, id)))[0]?.area;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T10:00:00Z")); // a Monday
});
afterAll(() => {
  vi.useRealTimers();
});

describe("default zones", () => {
  it("hands out the five defaults on first read, once, even when several reads race", async () => {
    const { user, api } = await person();
    expect(await t.db.select().from(zones).where(eq(zones.userId, user.id))).toHaveLength(0);
    const lists = await Promise.all([api.zone.list(), api.zone.list(), api.zone.list()]);
    for (const list of lists) expect(list.map((z) => z.key)).toEqual(["work", "health", "relationships", "home", "growth"]);
    expect(await t.db.select().from(zones).where(eq(zones.userId, user.id))).toHaveLength(5);
    const [work] = await api.zone.list();
    expect(work).toMatchObject({ name: "Work", emoji: "💼", targetShare: 40, taskCount: 0 });
    expect(work?.color).toMatch(/^#[0-9a-f]{6}$/);
    expect((await api.zone.list()).reduce((s, z) => s + (z.targetShare ?? 0), 0)).toBe(100);
  });

  it("does not bring back zones the user removed", async () => {
    const { api } = await person();
    for (const z of await api.zone.list()) await api.zone.remove({ id: z.id });
    expect(await api.zone.list()).toEqual([]);
    expect(await api.zone.list()).toEqual([]);
  });
});

describe("editing zones", () => {
  it("renames, recolours, sets targets, adds the user's own and reorders", async () => {
    const { api } = await person();
    const list = await api.zone.list();
    const health = list.find((z) => z.key === "health")!;
    await api.zone.update({ id: list.find((z) => z.key === "work")!.id, targetShare: 35 });
    const renamed = await api.zone.update({ id: health.id, name: "Body & mind", color: "#AA3366", emoji: "🧘", targetShare: 25 });
    expect(renamed).toMatchObject({ key: "health", name: "Body & mind", color: "#aa3366", emoji: "🧘", targetShare: 25 });
    // 35 + 25 + 15 + 20 + 15 = 110: over 100 is refused, naming the field.
    const over = await rejects(api.zone.update({ id: list.find((z) => z.key === "home")!.id, targetShare: 20 }));
    expect(over.code).toBe("BAD_REQUEST");
    expect(said(over)).toMatch(/^targetShare: Your targets would add up to 110%/);
    const own = await api.zone.create({ name: "Side projects!", emoji: "🛠️" });
    expect(own).toMatchObject({ key: "side-projects", name: "Side projects!", emoji: "🛠️", targetShare: null, position: 5 });
    const again = await rejects(api.zone.create({ name: "side projects!" }));
    expect(said(again)).toBe("name: You already have a zone called “side projects!”");
    const second = await api.zone.create({ name: "Side Projects" });
    expect(second.key).toBe("side-projects-2");
    const cleared = await api.zone.update({ id: own.id, emoji: "", targetShare: null });
    expect(cleared).toMatchObject({ emoji: null, targetShare: null });
    const reordered = await api.zone.reorder({ ids: [own.id, health.id] });
    expect(reordered.map((z) => z.key)).toEqual(["side-projects", "health", "work", "relationships", "home", "growth", "side-projects-2"]);
  });

  it("removing a zone untags its tasks in the same go, and leaves other tasks alone", async () => {
    const { user, api } = await person();
    const home = (await api.zone.list()).find((z) => z.key === "home")!;
    const dishes = await task(user.id, "Do the dishes", "home");
    const laundry = await task(user.id, "Laundry", "home");
    const report = await task(user.id, "Write the report", "work");
    expect((await api.zone.list()).find((z) => z.key === "home")?.taskCount).toBe(2);
    expect(await api.zone.remove({ id: home.id })).toEqual({ id: home.id, key: "home", untagged: 2 });
    expect(await areaOf(dishes.id)).toBeNull();
    expect(await areaOf(laundry.id)).toBeNull();
    expect(await areaOf(report.id)).toBe("work");
    expect((await api.zone.list()).map((z) => z.key)).not.toContain("home");
    expect((await rejects(api.zone.remove({ id: home.id }))).code).toBe("NOT_FOUND");
  });

  it("tags a task with a zone and clears it", async () => {
    const { user, api } = await person();
    const walk = await task(user.id, "Go for a walk", null);
    expect(await api.zone.tagTask({ taskId: walk.id, key: "health" })).toEqual({ id: walk.id, area: "health" });
    expect(await areaOf(walk.id)).toBe("health");
    const unknown = await rejects(api.zone.tagTask({ taskId: walk.id, key: "hobbies" }));
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(said(unknown)).toBe("key: You have no zone “hobbies”");
    await api.zone.tagTask({ taskId: walk.id, key: null });
    expect(await areaOf(walk.id)).toBeNull();
  });
});

describe("balance", () => {
  it("counts finished tasks and focus minutes per zone over 7 or 30 days, against the targets", async () => {
    const { user, api } = await person();
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9));
    // This week: 7 work tasks, 1 health, 1 untagged, one with an area that is no zone of theirs.
    for (let i = 0; i < 7; i++) await task(user.id, `Work ${i}`, "work", day(18 + (i % 5)));
    await task(user.id, "Run", "health", day(22));
    await task(user.id, "Something", null, day(21));
    await task(user.id, "Taxes", "admin", day(20));
    // Three weeks ago: home work that only the 30-day view sees; and an open task that never counts.
    await task(user.id, "Paint the hall", "home", day(2));
    await task(user.id, "Paint the hall again", "home", day(3));
    await task(user.id, "Still open", "growth");

    const week = await api.zone.balance({ days: 7 });
    expect(week).toMatchObject({ days: 7, basis: "tasks", totalCompleted: 10, totalFocusMinutes: 0 });
    const share = Object.fromEntries(week.zones.map((z) => [z.key, [z.completed, z.share]]));
    expect(share).toEqual({ work: [7, 70], health: [1, 10], relationships: [0, 0], home: [0, 0], growth: [0, 0] });
    expect(week.untagged).toMatchObject({ completed: 2, share: 20 });
    expect(week.reading).toBe("Work took 70% of your week's finished tasks; Relationships 0% — below the 15% you wanted.");

    const month = await api.zone.balance({ days: 30 });
    expect(month.totalCompleted).toBe(12);
    expect(month.zones.find((z) => z.key === "home")).toMatchObject({ completed: 2, share: 17 });
    expect(month.reading).toMatch(/^Work took 58% of your month's finished tasks; /);

    // Focus minutes, once there are any, are what the shares are of; a step's session counts for its task's zone.
    const report = await task(user.id, "Quarterly report", "work");
    const step = await insertTask(t.db, { userId: user.id, parent: report, fields: { title: "Outline" } });
    const yoga = await task(user.id, "Yoga", "health");
    const session = (taskId: string | null, minutes: number, status: "completed" | "cancelled" = "completed") =>
      t.db.insert(focusSessions).values({
        userId: user.id,
        taskId,
        status,
        plannedMinutes: minutes,
        breakMinutes: 5,
        startedAt: day(22),
        endsAt: day(22),
        actualMinutes: minutes,
      });
    await session(step.id, 50);
    await session(report.id, 10);
    await session(yoga.id, 30);
    await session(null, 10);
    await session(yoga.id, 99, "cancelled");
    const focus = await api.zone.balance({ days: 7 });
    expect(focus.basis).toBe("focus");
    expect(focus.totalFocusMinutes).toBe(100);
    expect(focus.zones.find((z) => z.key === "work")).toMatchObject({ focusMinutes: 60, share: 60 });
    expect(focus.zones.find((z) => z.key === "health")).toMatchObject({ focusMinutes: 30, share: 30 });
    expect(focus.untagged).toMatchObject({ focusMinutes: 10, share: 10 });
    expect(focus.reading).toBe("Work took 60% of your week's focus time; Relationships 0% — below the 15% you wanted.");
  });

  it("says so when nothing is finished yet, or when most work has no zone", async () => {
    const { user, api } = await person();
    expect((await api.zone.balance()).reading).toBe("Nothing finished in the last 7 days yet — your balance shows up as you complete tasks.");
    await task(user.id, "Untagged", null, new Date("2026-11-23T08:00:00Z"));
    expect((await api.zone.balance()).reading).toBe("100% of your week's finished tasks has no zone yet — tag tasks with a zone to see your balance.");
  });

  it("shares always add up to 100 and the reading notices a zone above its target", () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentages([0, 0])).toEqual([0, 0]);
    const row = (name: string, share: number, targetShare: number | null) => ({ key: name, name, color: "#000000", emoji: null, targetShare, completed: 0, focusMinutes: 0, share });
    const none = row("No zone", 0, null);
    expect(balanceReading([row("Work", 80, 60), row("Health", 20, 20)], none, { days: 7, basis: "tasks", total: 5 })).toBe(
      "Work took 80% of your week's finished tasks — more than the 60% you wanted.",
    );
    expect(balanceReading([row("Work", 45, 40), row("Health", 55, 60)], none, { days: 30, basis: "focus", total: 5 })).toBe(
      "Health took 55% of your month's focus time — close to the balance you wanted.",
    );
    expect(balanceReading([row("Work", 100, null)], none, { days: 7, basis: "tasks", total: 5 })).toBe("Work took 100% of your week's finished tasks.");
  });
});

describe("privacy and bad input", () => {
  it("another user's zones and tasks are NOT_FOUND", async () => {
    const alice = await person("Alice");
    const bob = await person("Bob");
    const [work] = await alice.api.zone.list();
    const aliceTask = await task(alice.user.id, "Alice's task", null);
    expect((await rejects(bob.api.zone.update({ id: work!.id, name: "Mine now" }))).code).toBe("NOT_FOUND");
    expect((await rejects(bob.api.zone.remove({ id: work!.id }))).code).toBe("NOT_FOUND");
    expect((await rejects(bob.api.zone.reorder({ ids: [work!.id] }))).code).toBe("NOT_FOUND");
    expect((await rejects(bob.api.zone.tagTask({ taskId: aliceTask.id, key: "work" }))).code).toBe("NOT_FOUND");
    expect(await areaOf(aliceTask.id)).toBeNull();
    expect((await alice.api.zone.list())[0]).toMatchObject({ name: "Work" });
    const bobs = await bob.api.zone.list();
    expect(bobs.map((z) => z.id)).not.toContain(work!.id);
    const rows = await t.db.select().from(zones).where(and(eq(zones.userId, bob.user.id), eq(zones.key, "work")));
    expect(rows).toHaveLength(1);
  });

  it("names the field that is wrong", async () => {
    const { api } = await person();
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => api.zone.create({ name: "  " }), /^name: Give the zone a name$/],
      [() => api.zone.create({ name: "x".repeat(41) }), /^name: Keep the name under 40 characters$/],
      [() => api.zone.create({ name: "Art", color: "red" }), /^color: Give the colour as #rrggbb/],
      [() => api.zone.create({ name: "Art", targetShare: 101 }), /^targetShare: The target is 0 to 100%$/],
      [() => api.zone.create({ name: "Art", targetShare: 50 }), /^targetShare: Your targets would add up to 150%/],
      [() => api.zone.update({ id: "nope", name: "x" }), /^id: Not a valid zone id$/],
      [() => api.zone.update({ id: "00000000-0000-4000-8000-000000000000" }), /^id: Nothing to update$/],
      [() => api.zone.tagTask({ taskId: "00000000-0000-4000-8000-000000000000", key: "Not A Key" }), /^key: Not a zone key/],
      [() => api.zone.balance({ days: 14 as 7 }), /^days: Pick 7 or 30 days$/],
      [() => api.zone.reorder({ ids: [] }), /^ids: Give the zones in their new order$/],
    ];
    for (const [call, message] of cases) {
      const error = await rejects(call());
      expect(error.code).toBe("BAD_REQUEST");
      expect(said(error)).toMatch(message);
    }
    expect((await rejects(api.zone.update({ id: "00000000-0000-4000-8000-000000000000", name: "Ghost" }))).code).toBe("NOT_FOUND");
  });

  it("needs a signed-in user", async () => {
    expect((await rejects(callerFor(t.db, null).zone.list())).code).toBe("UNAUTHORIZED");
  });
});
