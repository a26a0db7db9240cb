// The offline coach follows the user's history: a step they deleted from a similar breakdown is not
// suggested again, a step they renamed comes back in their words, and unrelated tasks are unaffected.
import { describe, expect, it } from "vitest";
import { offlineBreakdown, type Spiciness } from "./breakdown";
import { checkBreakdown } from "./checks";
import { type BreakdownMemory, sameStep, similarTask } from "./personal";

const kitchenEdits: BreakdownMemory = {
  edits: [
    { parentTitle: "Clean the kitchen", before: "Mop the kitchen floor", after: null },
    { parentTitle: "Clean the kitchen", before: "Wash the dishes, glasses first and pans last", after: "Load the dishwasher" },
  ],
};

const titles = (r: { steps: { title: string }[] }) => r.steps.map((s) => s.title);

describe("offline breakdown shaped by the user's edits", () => {
  it("suggests the deleted step without memory, and never again with it (a similar task, every spiciness)", () => {
    expect(titles(offlineBreakdown({ title: "Clean the kitchen", spiciness: 5 }))).toContain("Mop the kitchen floor");
    for (const s of [1, 2, 3, 4, 5] as Spiciness[]) {
      const result = offlineBreakdown({ title: "Clean the kitchen tonight", spiciness: s, memory: kitchenEdits });
      expect(titles(result).filter((t) => /\bmop\b/i.test(t)), `spiciness ${s}`).toEqual([]);
      expect(checkBreakdown(result, { spiciness: s })).toEqual([]);
    }
  });

  it("uses the user's wording for a step they renamed, keeping its place", () => {
    const plain = titles(offlineBreakdown({ title: "Clean the kitchen", spiciness: 5 }));
    const shaped = titles(offlineBreakdown({ title: "Clean the kitchen", spiciness: 5, memory: kitchenEdits }));
    const at = plain.indexOf("Wash the dishes, glasses first and pans last");
    expect(at).toBeGreaterThan(0);
    expect(shaped).not.toContain("Wash the dishes, glasses first and pans last");
    expect(shaped).toContain("Load the dishwasher");
  });

  it("keeps the user's own estimate for a step they re-estimated", () => {
    const memory: BreakdownMemory = { edits: [{ parentTitle: "Clean the kitchen", before: "Sweep the kitchen floor", after: "Sweep the kitchen floor", minutes: 8 }] };
    const plain = offlineBreakdown({ title: "Clean the kitchen", spiciness: 5 });
    const shaped = offlineBreakdown({ title: "Clean the kitchen", spiciness: 5, memory });
    expect(plain.steps.find((s) => s.title === "Sweep the kitchen floor")?.estimateMinutes).not.toBe(8);
    expect(shaped.steps.find((s) => s.title === "Sweep the kitchen floor")?.estimateMinutes).toBe(8);
    expect(shaped.tip).toMatch(/kept your own estimate for “Sweep the kitchen floor”/i);
  });

  it("says what it changed in the tip", () => {
    const result = offlineBreakdown({ title: "Clean the kitchen", spiciness: 3, memory: kitchenEdits });
    expect(result.tip).toMatch(/left out “Mop the kitchen floor”/i);
    expect(result.tip).toMatch(/your wording/);
    expect(result.tip.length).toBeLessThanOrEqual(300);
  });

  it("leaves unrelated tasks alone", () => {
    const plain = offlineBreakdown({ title: "Clean the bathroom", spiciness: 5 });
    expect(offlineBreakdown({ title: "Clean the bathroom", spiciness: 5, memory: kitchenEdits })).toEqual(plain);
  });

  it("follows only the newest edit of a step", () => {
    const memory: BreakdownMemory = {
      edits: [
        { parentTitle: "Clean the kitchen", before: "Mop the kitchen floor", after: "Mop the floor with the steam mop" },
        { parentTitle: "Clean the kitchen", before: "Mop the kitchen floor", after: null },
      ],
    };
    expect(titles(offlineBreakdown({ title: "Clean the kitchen", spiciness: 5, memory }))).toContain("Mop the floor with the steam mop");
  });

  it("never removes the starter, and keeps at least 3 steps", () => {
    const plain = offlineBreakdown({ title: "Book a dentist appointment", spiciness: 1 });
    const memory: BreakdownMemory = { edits: plain.steps.map((s) => ({ parentTitle: "Book a dentist appointment", before: s.title, after: null })) };
    const result = offlineBreakdown({ title: "Book a dentist appointment", spiciness: 1, memory });
    expect(result.steps[0]?.title).toBe(plain.steps[0]?.title);
    expect(result.steps.length).toBeGreaterThanOrEqual(3);
  });

  it("ignores malformed memory instead of failing", () => {
    const memory = { edits: [{ parentTitle: 3, before: null, after: 5 }], past: "nope" } as unknown as BreakdownMemory;
    expect(offlineBreakdown({ title: "Clean the kitchen", spiciness: 3, memory })).toEqual(offlineBreakdown({ title: "Clean the kitchen", spiciness: 3 }));
  });
});

describe("sameStep / similarTask", () => {
  it("matches the same step however it is typed, not a different one", () => {
    expect(sameStep("Mop the kitchen floor.", "mop the  Kitchen floor")).toBe(true);
    expect(sameStep("Sweep the kitchen floor", "Mop the kitchen floor")).toBe(false);
  });

  it("treats tasks naming the same thing as similar", () => {
    expect(similarTask("Clean the kitchen tonight", "Clean the kitchen")).toBe(true);
    expect(similarTask("Deep clean the kitchen", "Tidy the kitchen")).toBe(true);
    expect(similarTask("Clean the bathroom", "Clean the kitchen")).toBe(false);
  });
});
