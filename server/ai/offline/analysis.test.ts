// Tests for the offline analysis: sizes, complexity, needs, first tiny step and the shared classifier.
import { describe, expect, it } from "vitest";
import { type AnalysisResult, offlineAnalysis } from "./analysis";
import { isVerbFirst } from "./checks";
import { classify } from "./classify";

function valid(r: AnalysisResult) {
  expect(Number.isInteger(r.estimateMinutes)).toBe(true);
  expect(r.estimateMinutes).toBeGreaterThanOrEqual(5);
  expect(r.estimateMinutes).toBeLessThanOrEqual(480);
  expect([1, 2, 3, 4, 5]).toContain(r.complexity);
  expect(isVerbFirst(r.firstTinyStep)).toBe(true);
  expect(r.firstTinyStep.length).toBeGreaterThanOrEqual(3);
  expect(r.firstTinyStep.length).toBeLessThanOrEqual(200);
  expect(r.needs.length).toBeLessThanOrEqual(10);
  for (const n of r.needs) expect(n.length).toBeLessThanOrEqual(200);
  expect(r.reasoning.length).toBeGreaterThan(10);
  expect(r.reasoning.length).toBeLessThanOrEqual(500);
  expect(r.reasoning).not.toMatch(/\n/);
  expect(r.shouldBreakDown).toBe(r.estimateMinutes > 25 || r.complexity >= 3);
}

describe("offlineAnalysis", () => {
  it("sizes a call as small", () => {
    const r = offlineAnalysis({ title: "Call the dentist" });
    valid(r);
    expect(r.estimateMinutes).toBeLessThanOrEqual(20);
    expect(r.complexity).toBeLessThanOrEqual(2);
    expect(r.shouldBreakDown).toBe(false);
    expect(r.needs.join(" ")).toMatch(/phone number/);
    expect(r.reasoning).toMatch(/call/);
  });

  it("sizes a quarterly report as big", () => {
    const r = offlineAnalysis({ title: "Write the quarterly report" });
    valid(r);
    expect(r.estimateMinutes).toBeGreaterThanOrEqual(120);
    expect(r.complexity).toBeGreaterThanOrEqual(4);
    expect(r.shouldBreakDown).toBe(true);
    expect(r.kind).toBe("writing");
    expect(r.reasoning).toMatch(/report/);
  });

  it("uses notes for needs", () => {
    const r = offlineAnalysis({ title: "File my taxes", notes: "self-employed, receipts in a shoebox" });
    valid(r);
    expect(r.needs[0]).toBe("the receipts in the shoebox");
    expect(r.needs.join(" ")).toMatch(/self-employed/);
    expect(r.estimateMinutes).toBeGreaterThanOrEqual(180);
    expect(r.reasoning).toMatch(/notes/);
  });

  it("orders typical tasks sensibly by size", () => {
    const size = (title: string) => offlineAnalysis({ title }).estimateMinutes;
    expect(size("Pay the water bill")).toBeLessThan(size("Clean the kitchen"));
    expect(size("Book a dentist appointment")).toBeLessThan(size("Do laundry"));
    expect(size("Reply to the landlord about the broken heater")).toBeLessThan(size("Plan mum's 60th birthday party"));
    expect(size("Clean the kitchen")).toBeLessThan(size("Move to a new flat"));
    expect(size("Send a quick email to Sam")).toBeLessThan(size("Write the quarterly report"));
  });

  it("reads size words, explicit durations and several jobs", () => {
    expect(offlineAnalysis({ title: "Clean the whole house" }).estimateMinutes).toBeGreaterThan(offlineAnalysis({ title: "Clean the bedroom" }).estimateMinutes);
    expect(offlineAnalysis({ title: "Do 20 minutes of yoga" }).estimateMinutes).toBe(20);
    const two = offlineAnalysis({ title: "Buy milk and call mum" });
    expect(two.estimateMinutes).toBeGreaterThan(offlineAnalysis({ title: "Buy milk" }).estimateMinutes);
    expect(two.reasoning).toMatch(/2 separate jobs/);
  });

  it("is valid and deterministic on many kinds of input", () => {
    const titles = [
      "Clean the kitchen",
      "Do laundry",
      "Renew my passport",
      "Learn the basics of Spanish",
      "Fix the flaky login test",
      "Start going to the gym",
      "Declutter the wardrobe",
      "Prepare for the job interview on Thursday",
      "Make slides for the sales pitch",
      "Fix the leaking tap",
      "Mow the lawn",
      "asdf",
      "🙂 stuff",
      "",
      "x".repeat(200),
      "call",
    ];
    for (const title of titles) {
      const r = offlineAnalysis({ title, notes: "some notes about it" });
      valid(r);
      expect(offlineAnalysis({ title, notes: "some notes about it" })).toEqual(r);
    }
  });

  it("shares its classifier with the breakdown", () => {
    for (const title of ["Clean the kitchen", "File my taxes", "Book a dentist appointment", "asdf"]) {
      expect(offlineAnalysis({ title }).kind).toBe(classify(title).kind);
    }
  });
});

describe("classify", () => {
  it.each([
    ["Clean the kitchen", "cleaning"],
    ["Do laundry", "laundry"],
    ["Declutter the wardrobe", "decluttering"],
    ["Write the quarterly report", "writing"],
    ["Reply to the landlord about the broken heater", "communication"],
    ["File my taxes", "admin"],
    ["Book a dentist appointment", "appointment"],
    ["Buy groceries", "shopping"],
    ["Cook dinner", "cooking"],
    ["Learn the basics of Spanish", "studying"],
    ["Start going to the gym", "exercise"],
    ["Fix the flaky login test", "coding"],
    ["Plan mum's 60th birthday party", "planning"],
    ["Move to a new flat", "moving"],
    ["Prepare for the job interview on Thursday", "jobsearch"],
    ["Make slides for Monday's meeting", "presentation"],
    ["Fix the leaking tap", "diy"],
    ["Mow the lawn", "garden"],
    ["asdf", "generic"],
  ])("%s → %s", (title, kind) => {
    expect(classify(title).kind).toBe(kind);
  });

  it("reports the signals it used", () => {
    expect(classify("Clean the kitchen").signals).toEqual(expect.arrayContaining(["verb:clean", "kitchen"]));
  });
});
