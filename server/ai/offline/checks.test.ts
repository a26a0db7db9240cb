// Tests for the breakdown rule checks: the verb check is honest and each rule catches what it should.
import { describe, expect, it } from "vitest";
import type { BreakdownResult } from "./breakdown";
import { checkBreakdown, isVague, isVerbFirst } from "./checks";

const good: BreakdownResult = {
  kind: "cleaning",
  steps: [
    { title: "Fill the sink with hot soapy water", estimateMinutes: 2 },
    { title: "Wash the dishes", estimateMinutes: 10 },
    { title: "Wipe the counters", estimateMinutes: 5 },
  ],
  firstTinyStep: "Fill the sink with hot soapy water",
  tip: "Put on a song and stop when it ends.",
};

describe("isVerbFirst", () => {
  it.each([
    "Open the document",
    "Gather the receipts",
    "Write a draft",
    "Put the dishes away",
    "Re-read the essay question",
    "Defrost the freezer",
    "Prioritise three tasks",
    "“Email the landlord”",
    "- Call mum",
    "Pick up the prescription",
    "Screenshot the confirmation",
  ])("accepts %s", (step) => expect(isVerbFirst(step)).toBe(true));

  it.each([
    "Kitchen clean-up",
    "The dishes",
    "Cleaning the kitchen",
    "Cleaned the kitchen",
    "Then wash up",
    "Maybe call mum",
    "Don't forget the milk",
    "Quickly wash up",
    "Dishes in the sink",
    "Steps to take",
    "",
    "123 go",
    "I will email Sam",
  ])("rejects %s", (step) => expect(isVerbFirst(step)).toBe(false));
});

describe("isVague", () => {
  it.each(["Get organised", "Start", "Do it", "Work on it", "Finish", "Keep going"])("flags %s", (s) => expect(isVague(s)).toBe(true));
  it.each(["Wash the dishes", "Call the dentist", "Sweep the kitchen floor"])("accepts %s", (s) => expect(isVague(s)).toBe(false));
});

describe("checkBreakdown", () => {
  it("passes a good breakdown", () => {
    expect(checkBreakdown(good, { mustMention: ["dishes"], title: "Wash the dishes" })).toEqual([]);
  });

  it("flags too few and too many steps", () => {
    expect(checkBreakdown({ ...good, steps: good.steps.slice(0, 2) }).join()).toMatch(/needs 3–12/);
    const many = Array.from({ length: 13 }, (_, i) => ({ title: `Wash plate number ${i + 1}`, estimateMinutes: 2 }));
    expect(checkBreakdown({ ...good, steps: many }).join()).toMatch(/needs 3–12/);
  });

  it("flags non-verb steps, vague steps and bad estimates", () => {
    const problems = checkBreakdown({
      ...good,
      steps: [
        { title: "Fill the sink", estimateMinutes: 2 },
        { title: "The dishes", estimateMinutes: 10 },
        { title: "Get organised", estimateMinutes: 5 },
        { title: "Wipe the counters", estimateMinutes: 30 },
        { title: "Dry the cups", estimateMinutes: 2.5 },
      ],
    });
    expect(problems.join("\n")).toMatch(/step 2 "The dishes" does not start with an imperative verb/);
    expect(problems.join("\n")).toMatch(/step 3 "Get organised" is vague/);
    expect(problems.join("\n")).toMatch(/step 4 estimate 30/);
    expect(problems.join("\n")).toMatch(/step 5 estimate 2.5/);
  });

  it("flags duplicates case-insensitively", () => {
    const problems = checkBreakdown({ ...good, steps: [...good.steps, { title: "wash the DISHES.", estimateMinutes: 3 }] });
    expect(problems.join()).toMatch(/step 4 duplicates step 2/);
  });

  it("flags a first step that isn't tiny", () => {
    const steps = [{ title: "Fill the sink with hot soapy water", estimateMinutes: 8 }, ...good.steps.slice(1)];
    expect(checkBreakdown({ ...good, steps }).join()).toMatch(/starter must be ≤ 5/);
  });

  it("flags missing words and uncovered task nouns", () => {
    expect(checkBreakdown(good, { mustMention: ["floor"] }).join()).toMatch(/never mention "floor"/);
    expect(checkBreakdown(good, { title: "Clean the oven" }).join()).toMatch(/missing "oven"/);
  });

  it("checks spiciness sizes", () => {
    expect(checkBreakdown(good, { spiciness: 5 }).join()).toMatch(/spiciness 5 wants 8–12/);
    expect(checkBreakdown(good, { spiciness: 1 })).toEqual([]);
  });

  it("checks the first tiny step and the tip", () => {
    expect(checkBreakdown({ ...good, firstTinyStep: "Kitchen" }).join()).toMatch(/firstTinyStep/);
    expect(checkBreakdown({ ...good, tip: "" }).join()).toMatch(/tip is empty/);
    expect(checkBreakdown({ ...good, tip: "x".repeat(301) }).join()).toMatch(/longer than 300/);
  });
});
