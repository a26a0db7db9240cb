// onboarding.* through the real router: a new account starts "new" with the default zones; each
// step saves on its own (goals, zones picked and renamed, working hours and energy, coach tone);
// finishing marks it done once; "Skip for now" is remembered; answers stay editable; privacy and
// bad input named by field.
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { insertTask } from "@/server/db/queries/tasks";
import { tasks, userSettings } from "@/server/db/schema";
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

describe("onboarding", () => {
  it("saves each step, then finishes once", async () => {
    const { user, api } = await person();
    const start = await api.onboarding.get();
    expect(start).toMatchObject({ status: "new", onboardedAt: null, skippedAt: null, goals: [], goalNote: "" });
    expect(start.goalOptions.map((g) => g.key)).toContain("focus");
    expect(start.zones.map((z) => z.key)).toEqual(["work", "health", "relationships", "home", "growth"]);
    expect(start.defaultZones).toHaveLength(5);

    // Step 1: what they want help with.
    const goals = await api.onboarding.save({ goals: ["start", "focus"], goalNote: "  I freeze on big tasks  " });
    expect(goals).toMatchObject({ status: "new", goals: ["start", "focus"], goalNote: "I freeze on big tasks" });
    const { items } = await api.memory.list({ kind: "onboarding.goals" });
    expect(items.map((m) => m.content)).toEqual(["Wants help with: getting started on things, staying focused; in their words: “I freeze on big tasks”."]);

    // Step 2: zones — keep three (one renamed, in a new order), drop two, add their own.
    const cleaning = await insertTask(t.db, { userId: user.id, fields: { title: "Clean", area: "home" } });
    const zones = await api.onboarding.save({
      zones: [{ key: "health", name: "Health" }, { key: "work", name: "Job", emoji: "🧑‍💻" }, { key: "growth", name: "Growth" }, { name: "Music", emoji: "🎸" }],
    });
    expect(zones.zones.map((z) => [z.key, z.name])).toEqual([["health", "Health"], ["work", "Job"], ["growth", "Growth"], ["music", "Music"]]);
    expect(zones.zones.find((z) => z.key === "work")?.emoji).toBe("🧑‍💻");
    const [row] = await t.db.select({ area: tasks.area }).from(tasks).where(eq(tasks.id, cleaning.id));
    expect(row?.area).toBeNull();

    // Step 3 and 4: working hours, energy pattern, coach tone (the Settings rules), and finish.
    const done = await api.onboarding.save({ settings: { workdayStart: "10:00", workdayEnd: "18:30", energyPattern: "afternoon", coachTone: "cheerful" }, finish: true });
    expect(done.status).toBe("done");
    expect(done.onboardedAt).toBeInstanceOf(Date);
    expect(done.settings).toMatchObject({ workdayStart: "10:00", workdayEnd: "18:30", energyPattern: "afternoon", coachTone: "cheerful" });
    expect(await api.settings.get()).toMatchObject({ workdayStart: "10:00", energyPattern: "afternoon", onboardedAt: done.onboardedAt });

    // Editing later (from Settings) keeps the first date and brings a default back.
    const edited = await api.onboarding.save({ goals: ["balance"], zones: [{ key: "work", name: "Work" }, { key: "home", name: "Home" }], finish: true });
    expect(edited.onboardedAt).toEqual(done.onboardedAt);
    expect(edited).toMatchObject({ goals: ["balance"], goalNote: "I freeze on big tasks" });
    expect(edited.zones.map((z) => [z.key, z.targetShare])).toEqual([["work", 40], ["home", 10]]);
  });

  it("skip for now is remembered, keeps other preferences, and can still be finished later", async () => {
    const { user, api } = await person();
    await api.onboarding.save({ goals: ["time"] });
    const skipped = await api.onboarding.skip();
    expect(skipped).toMatchObject({ status: "skipped", onboardedAt: null, goals: ["time"] });
    expect(skipped.skippedAt).toEqual(expect.any(String));
    expect((await api.onboarding.get()).status).toBe("skipped");
    const [prefs] = await t.db.select({ p: userSettings.preferences }).from(userSettings).where(eq(userSettings.userId, user.id));
    expect(prefs?.p).toMatchObject({ goals: ["time"], onboardingSkippedAt: skipped.skippedAt, zonesSeededAt: expect.any(String) });
    expect((await api.onboarding.save({ finish: true })).status).toBe("done");
  });

  it("keeps one user's answers from another", async () => {
    const alice = await person("Alice");
    const bob = await person("Bob");
    await alice.api.onboarding.save({ goals: ["focus"], zones: [{ key: "work", name: "Alice's work" }], finish: true });
    const theirs = await bob.api.onboarding.get();
    expect(theirs).toMatchObject({ status: "new", goals: [] });
    expect(theirs.zones.map((z) => z.name)).toEqual(["Work", "Health", "Relationships", "Home", "Growth"]);
    // Another user's zone key is just not theirs: the bad key is named.
    await alice.api.zone.create({ name: "Secret garden" });
    const stolen = await rejects(bob.api.onboarding.save({ zones: [{ key: "secret-garden", name: "Mine" }] }));
    expect(stolen.code).toBe("BAD_REQUEST");
    expect(said(stolen)).toBe("zones.0.key: You have no zone “secret-garden”");
  });

  it("names the field that is wrong", async () => {
    const { api } = await person();
    const cases: [() => Promise<unknown>, string | RegExp][] = [
      [() => api.onboarding.save({}), "goals: Nothing to save"],
      [() => api.onboarding.save({ goals: ["fly" as "focus"] }), "goals.0: Pick from the list"],
      [() => api.onboarding.save({ goals: ["focus", "focus"] }), "goals: Pick each one only once"],
      [() => api.onboarding.save({ goalNote: "x".repeat(501) }), "goalNote: Keep it under 500 characters"],
      [() => api.onboarding.save({ zones: [] }), "zones: Keep at least one zone"],
      [() => api.onboarding.save({ zones: [{ name: "" }] }), "zones.0.name: Give the zone a name"],
      [() => api.onboarding.save({ zones: [{ name: "Art" }, { name: "art" }] }), "zones.1.name: “art” is there twice"],
      [() => api.onboarding.save({ settings: { workdayStart: "17:00", workdayEnd: "09:00" } }), "settings.workdayEnd: Your working day has to end after it starts"],
      [() => api.onboarding.save({ settings: { coachTone: "harsh" as "direct" } }), /^settings\.coachTone: /],
    ];
    for (const [call, message] of cases) {
      const error = await rejects(call());
      expect(error.code).toBe("BAD_REQUEST");
      if (typeof message === "string") expect(said(error)).toBe(message);
      else expect(said(error)).toMatch(message);
    }
    expect((await api.onboarding.get()).status).toBe("new");
    expect((await rejects(callerFor(t.db, null).onboarding.skip())).code).toBe("UNAUTHORIZED");
  });
});
