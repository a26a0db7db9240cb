// focus.* through the real router: a whole session (ritual → start → current → park → finish →
// history, stats, parked → tasks), the one-running rule as CONFLICT, privacy between users
// (NOT_FOUND) and bad input named by field (BAD_REQUEST).
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();

function said(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error.message;
}

const T0 = new Date("2026-11-23T09:00:00Z");
beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});
afterAll(() => {
  vi.useRealTimers();
});

async function person(name: string) {
  const user = await makeUser(t.db, name);
  const api = callerFor(t.db, user);
  const task = await api.task.create({ title: "Write the intro", estimateMinutes: 20 });
  return { user, api, task };
}

describe("focus.* for one user", () => {
  it("runs a session from ritual to history", async () => {
    const { api, task } = await person("Ada");
    const advice = await api.focus.suggestRitual({ taskId: task.id });
    expect(advice).toMatchObject({ source: "energy", taskTitle: "Write the intro", coach: { provider: "offline" } });
    expect(await api.focus.current()).toBeNull();

    const started = await api.focus.start({ taskId: task.id, focusMinutes: 50, breakMinutes: 10, ritual: advice.ritual });
    expect(started).toMatchObject({ phase: "focus", secondsLeft: 3000, ritual: advice.ritual, taskTitle: "Write the intro" });
    const conflict = await rejects(api.focus.start({}));
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toContain("already running");

    vi.setSystemTime(new Date(T0.getTime() + 10 * 60_000));
    const current = await api.focus.current();
    expect(current).toMatchObject({ id: started.id, phase: "focus", secondsLeft: 2400 });
    await api.focus.park({ id: started.id, text: "Call the dentist" });
    expect((await api.focus.parked()).map((p) => p.text)).toEqual(["Call the dentist"]);

    vi.setSystemTime(new Date(T0.getTime() + 35 * 60_000));
    const done = await api.focus.finish({ id: started.id });
    expect(done).toMatchObject({ newlyFinished: true, points: { awarded: 7 }, task: { estimateMinutes: 20, actualMinutes: 35 } });
    // 35 focused minutes hatch the pet: announced with the finish, its bonus already in the total.
    expect(done.achievements).toContainEqual(expect.objectContaining({ key: "pet-hatched", bonus: 5 }));
    const summary = await api.rewards.summary();
    expect(summary.total).toBe(7 + done.achievements.reduce((sum, a) => sum + a.bonus, 0));
    expect(done.points.total).toBe(summary.total);

    const history = await api.focus.history({ limit: 5 });
    expect(history.items.map((s) => [s.status, s.actualMinutes])).toEqual([["completed", 35]]);
    const stats = await api.focus.stats();
    expect(stats).toMatchObject({ todayMinutes: 35, todaySessions: 1 });
    expect(stats.tasks).toEqual([expect.objectContaining({ id: task.id, estimateMinutes: 20, actualMinutes: 35, differenceMinutes: 15 })]);

    const captured = await api.focus.captureParked({ id: started.id });
    expect(captured.tasks.map((x) => x.title)).toEqual(["Call the dentist"]);
    expect(await api.focus.parked()).toEqual([]);
    const list = await api.task.list();
    expect(list.map((x) => x.title)).toContain("Call the dentist");

    const again = await api.focus.start({});
    expect((await api.focus.cancel({ id: again.id })).status).toBe("cancelled");
    vi.setSystemTime(T0);
  });
});

describe("privacy and bad input", () => {
  it("answers NOT_FOUND for another user's session and task", async () => {
    const owner = await person("Owner");
    const other = await person("Other");
    const s = await owner.api.focus.start({ taskId: owner.task.id });
    for (const call of [
      () => other.api.focus.finish({ id: s.id }),
      () => other.api.focus.cancel({ id: s.id }),
      () => other.api.focus.park({ id: s.id, text: "hi" }),
      () => other.api.focus.captureParked({ id: s.id }),
      () => other.api.focus.start({ taskId: owner.task.id }),
      () => other.api.focus.suggestRitual({ taskId: owner.task.id }),
      () => other.api.focus.history({ limit: 5, taskId: owner.task.id }),
    ]) {
      const error = await rejects(call());
      expect(error.code).toBe("NOT_FOUND");
    }
    expect(await other.api.focus.current()).toBeNull();
    expect((await other.api.focus.history()).items).toEqual([]);
    expect(await other.api.focus.parked()).toEqual([]);
    await owner.api.focus.cancel({ id: s.id });
  });

  it("answers BAD_REQUEST naming the field", async () => {
    const { api } = await person("Bea");
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => api.focus.start({ focusMinutes: 2 }), /^focusMinutes: Focus for at least 5 minutes$/],
      [() => api.focus.start({ focusMinutes: 181 }), /^focusMinutes: Focus for at most 180 minutes$/],
      [() => api.focus.start({ breakMinutes: 61 }), /^breakMinutes: Keep the break under an hour$/],
      [() => api.focus.start({ focusMinutes: 25.5 }), /^focusMinutes: Use whole minutes$/],
      [() => api.focus.start({ taskId: "nope" }), /^taskId: Not a valid task id$/],
      [() => api.focus.start({ ritual: "x".repeat(501) }), /^ritual: Keep the ritual under 500 characters$/],
      [() => api.focus.finish({ id: "42" }), /^id: Not a valid session id$/],
      [() => api.focus.park({ id: "00000000-0000-4000-8000-000000000000", text: "  " }), /^text: Write the thought down$/],
      [() => api.focus.captureParked({ id: "00000000-0000-4000-8000-000000000000", indexes: [-1] }), /^indexes\.0:/],
      [() => api.focus.history({ limit: 0 }), /^limit: At least 1$/],
      [() => api.focus.history({ limit: 5, cursor: "yesterday" }), /^cursor: Not a valid cursor$/],
    ];
    for (const [call, message] of cases) {
      const error = await rejects(call());
      expect(error.code).toBe("BAD_REQUEST");
      expect(said(error)).toMatch(message);
    }
    // A rule the schema can't see: parked thought #6 of a session holding none.
    const s = await api.focus.start({});
    const missing = await rejects(api.focus.captureParked({ id: s.id, indexes: [5] }));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(said(missing)).toBe("indexes: There is no parked thought #6 in this session (it holds 0)");
  });

  it("needs a signed-in user", async () => {
    expect((await rejects(callerFor(t.db, null).focus.current())).code).toBe("UNAUTHORIZED");
  });
});
