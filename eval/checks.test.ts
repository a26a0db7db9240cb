// The evaluation's structural checks catch what they claim to, and pass what is right.
import { describe, expect, it } from "vitest";
import { localToInstant } from "./cases";
import { checkBreakdownLevel, checkCapture, checkProof, isResolvedDue } from "./checks";

const good = {
  steps: [
    { title: "Stack the dirty dishes by the sink", estimateMinutes: 3 },
    { title: "Fill the sink with hot soapy water", estimateMinutes: 2 },
    { title: "Wash the glasses and cups", estimateMinutes: 10 },
    { title: "Wipe down the counters", estimateMinutes: 5 },
  ],
  firstTinyStep: "Stack the dirty dishes by the sink",
  tip: "Put a podcast on.",
};

describe("checkBreakdownLevel", () => {
  it("passes concrete, verb-first, sized, distinct steps that cover the task", () => {
    expect(checkBreakdownLevel(good, { mustMention: ["dishes"] })).toEqual([]);
  });

  it("names every broken rule", () => {
    const bad = {
      steps: [
        { title: "Cleaning the kitchen", estimateMinutes: 30 },
        { title: "Wash the glasses and cups", estimateMinutes: 10 },
        { title: "Wash the glasses and cups!", estimateMinutes: 10 },
      ],
      firstTinyStep: "Kitchen first",
      tip: "",
    };
    const problems = checkBreakdownLevel(bad, { mustMention: ["dishes"], level: 2 });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"Cleaning the kitchen" does not start with a verb'),
        expect.stringContaining("takes 30 min"),
        expect.stringContaining("step 3 duplicates step 2"),
        expect.stringContaining("firstTinyStep"),
        expect.stringContaining('never mention "dishes"'),
      ]),
    );
    expect(problems.every((p) => p.startsWith("level 2: "))).toBe(true);
    expect(checkBreakdownLevel({ ...good, steps: good.steps.slice(0, 2) })).toEqual([expect.stringContaining("has 2 steps")]);
  });
});

describe("checkCapture", () => {
  const c = {
    text: "call mom tomorrow at 5pm, buy milk, report due friday",
    now: "2026-11-23T09:00:00",
    tz: "Europe/Berlin",
    max_tasks: 3,
    expect: [{ title_has: "mom", due: "2026-11-24T17:00" }, { title_has: "milk" }, { title_has: "report", due: "2026-11-27" }],
  };
  const task = (title: string, due: string | null) => ({ title, notes: null, due, estimateMinutes: null, priority: "medium", area: "other" });

  it("passes when every expected task is there with its date", () => {
    const output = { tasks: [task("Call mom", "2026-11-24T17:00"), task("Buy milk", null), task("Finish the report", "2026-11-27T12:00")] };
    expect(checkCapture(output, c)).toEqual([]);
  });

  it("catches a missing task, a wrong or unresolved date, a date in the past and extra tasks", () => {
    const output = {
      tasks: [task("Call mom", "2026-11-24"), task("Finish the report", "friday"), task("Water plants", "2026-11-20"), task("Water plants", null)],
    };
    expect(checkCapture(output, c)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("found 4 tasks"),
        expect.stringContaining('no task title mentions "milk"'),
        expect.stringContaining('"Call mom" is due 2026-11-24; expected 2026-11-24T17:00'),
        expect.stringContaining('unresolved due date "friday"'),
        expect.stringContaining("before today"),
        expect.stringContaining("appears twice"),
      ]),
    );
  });

  it("knows a real date from a made-up one", () => {
    expect(isResolvedDue("2026-02-28T23:59")).toBe(true);
    expect(isResolvedDue("2026-02-30")).toBe(false);
    expect(isResolvedDue("2026-11-24T24:00")).toBe(false);
    expect(isResolvedDue("tomorrow")).toBe(false);
  });
});

describe("checkProof", () => {
  const c = { task: "Walk", proof: { kind: "text" as const, value: "done" }, label: "needs_more" as const };
  it("wants the labelled verdict", () => {
    expect(checkProof({ verdict: "needs_more", confidence: 0.6, reason: "Say how long you walked." }, c)).toEqual([]);
    expect(checkProof({ verdict: "accepted", confidence: 1.2, reason: "" }, c)).toEqual([
      "verdict accepted; labelled needs_more",
      "confidence 1.2 is outside 0–1",
      "reason is empty",
    ]);
  });
});

describe("localToInstant", () => {
  it("reads a case's local time in its time zone", () => {
    expect(localToInstant("2026-11-23T09:00:00", "Europe/Berlin").toISOString()).toBe("2026-11-23T08:00:00.000Z");
    expect(localToInstant("2026-11-23T09:00:00", "America/New_York").toISOString()).toBe("2026-11-23T14:00:00.000Z");
    expect(localToInstant("2026-11-23T09:00:00", "Asia/Tokyo").toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });
});
