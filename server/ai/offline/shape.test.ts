// Spiciness shaping: fewer, bigger steps at low spiciness that still read as ONE action each and
// still cover the task; actions on the same thing fuse into one ("Sweep and mop the floor").
import { describe, expect, it } from "vitest";
import { offlineBreakdown, type Spiciness } from "./breakdown";
import { checkBreakdown } from "./checks";
import { f } from "./context";
import { condense, fuse } from "./shape";
import { IMPERATIVE_VERBS, keyWords, mentions } from "./text";

const TASKS = [
  "Clean the kitchen",
  "File my taxes",
  "Write the quarterly report",
  "Reply to the landlord about the broken heater",
  "Prepare for the job interview on Thursday",
  "Plan mum's 60th birthday party",
  "Do laundry",
  "Book a dentist appointment",
  "Learn the basics of Spanish",
  "Start going to the gym",
  "Move to a new flat",
  "Buy milk and call mum",
  "Declutter the wardrobe",
  "Fix the flaky login test",
  "Email my manager about taking Friday off",
];

/** "X, then wash Y" / "X; then Y": two actions glued into one step. */
function chained(title: string): boolean {
  return [...title.matchAll(/(?:,|;)\s+(?:and\s+)?then\s+([\p{L}-]+)/gu)].some((m) => IMPERATIVE_VERBS.has((m[1] ?? "").toLowerCase()));
}

describe("low spiciness reads as one clear action per step", () => {
  for (const title of TASKS) {
    it(`${title}: no step glues actions together with ", then …", at any spiciness`, () => {
      for (const s of [1, 2, 3, 4, 5] as Spiciness[]) {
        const steps = offlineBreakdown({ title, spiciness: s }).steps;
        expect(steps.filter((step) => chained(step.title)).map((step) => step.title), `spiciness ${s}`).toEqual([]);
      }
    });
  }

  it("keeps spiciness-1 steps short enough to read at a glance", () => {
    for (const title of TASKS) {
      for (const step of offlineBreakdown({ title, spiciness: 1 }).steps) expect(step.title.length, step.title).toBeLessThanOrEqual(100);
    }
  });

  it("still covers the task at spiciness 1: its key words, and a step for each job in a two-job title", () => {
    for (const title of TASKS) {
      const result = offlineBreakdown({ title, spiciness: 1 });
      expect(checkBreakdown(result, { spiciness: 1, title }), title).toEqual([]);
    }
    const milk = offlineBreakdown({ title: "Buy milk and call mum", spiciness: 1 }).steps.slice(1).map((s) => s.title);
    expect(milk.some((t) => /milk/i.test(t))).toBe(true);
    expect(milk.some((t) => /^call mum/i.test(t))).toBe(true);
  });

  it("gives the bigger steps the time of the smaller ones they stand for", () => {
    const mild = offlineBreakdown({ title: "Clean the kitchen", spiciness: 1 });
    const hot = offlineBreakdown({ title: "Clean the kitchen", spiciness: 5 });
    const total = (r: typeof mild) => r.steps.reduce((sum, s) => sum + s.estimateMinutes, 0);
    expect(total(mild)).toBeGreaterThanOrEqual(total(hot) * 0.7);
  });
});

describe("a step broken down again", () => {
  it("never lists itself word for word among its own steps", () => {
    const norm = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    for (const title of TASKS) {
      for (const s of [1, 5] as Spiciness[]) {
        for (const step of offlineBreakdown({ title, spiciness: s }).steps) {
          const child = offlineBreakdown({ title: step.title, spiciness: 3, parentTitles: [title] });
          expect(child.steps.map((c) => norm(c.title)), step.title).not.toContain(norm(step.title));
        }
      }
    }
  });
});

describe("fuse / condense", () => {
  it("fuses two actions on the same thing and nothing else", () => {
    expect(fuse("Sweep the kitchen floor", "Mop the kitchen floor")).toBe("Sweep and mop the kitchen floor");
    expect(fuse("Sweep the kitchen floor", "Wipe the counters")).toBeNull();
    expect(fuse("Wash the dishes", "Wash the dishes")).toBeNull();
  });

  it("names each run by its most important action, covering the key words", () => {
    const fine = [
      f("Put your shoes on", 2, 2),
      f("Walk to the shop", 10, 1),
      f("Pick up the milk", 3, 1),
      f("Put the milk away", 2, 2),
      f("Find the phone number", 2, 2),
      f("Call mum", 10, 1),
    ];
    const out = condense(fine, 3, keyWords("Buy milk and call mum"));
    expect(out).toHaveLength(3);
    expect(out.some((s) => mentions(s.title, "milk"))).toBe(true);
    expect(out.some((s) => mentions(s.title, "mum"))).toBe(true);
    expect(out.reduce((sum, s) => sum + s.minutes, 0)).toBe(29); // nothing's time is lost
  });

  it("drops optional steps before condensing essential ones", () => {
    const fine = [f("Fill the sink", 2, 1), f("Put on music", 1, 3), f("Wash the plates", 5, 1), f("Admire the sink", 1, 3)];
    expect(condense(fine, 2).map((s) => s.title)).toEqual(["Fill the sink", "Wash the plates"]);
  });
});
