// The focus page's pure helpers: timer digits, phases at a moment, estimate vs actual.
import { describe, expect, it } from "vitest";
import { clockText, estimateVsActual, phaseAt } from "./format";

describe("focus format", () => {
  it("shows the timer's digits", () => {
    expect([1500, 61, 59.2, 0, -3, 3725].map(clockText)).toEqual(["25:00", "1:01", "1:00", "0:00", "0:00", "1:02:05"]);
  });

  it("computes the phase like the server", () => {
    const s = { endsAt: new Date("2026-11-23T10:25:00Z"), breakMinutes: 5 };
    const t = (iso: string) => Date.parse(iso);
    expect(phaseAt(s, t("2026-11-23T10:24:30Z"))).toEqual({ phase: "focus", secondsLeft: 30 });
    expect(phaseAt(s, t("2026-11-23T10:25:00Z"))).toEqual({ phase: "break", secondsLeft: 300 });
    expect(phaseAt(s, t("2026-11-23T10:30:00Z"))).toEqual({ phase: "done", secondsLeft: 0 });
    expect(phaseAt({ ...s, breakMinutes: 0 }, t("2026-11-23T10:25:00Z")).phase).toBe("done");
  });

  it("says estimated against actual", () => {
    expect(estimateVsActual(20, 35)).toBe("estimated 20 min, took 35 min");
    expect(estimateVsActual(null, 35)).toBe("took 35 min");
    expect(estimateVsActual(20, null)).toBeNull();
  });
});
