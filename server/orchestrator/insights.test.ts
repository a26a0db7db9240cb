// The readings of the insights page in words, from the numbers alone: each branch (too little data,
// one side only, more, less, about the same), and the small statistics behind them.
import { describe, expect, it } from "vitest";
import {
  checkinReading,
  completionsReading,
  correlation,
  type EstimatePoint,
  estimatesReading,
  focusReading,
  type InsightDay,
  median,
  moodVsProductivity,
  zonesReading,
} from "./insights";

const day = (n: number, fields: Partial<InsightDay> = {}): InsightDay => ({
  day: `2026-11-${String(n).padStart(2, "0")}`,
  label: `Day ${n}`,
  tasks: 0,
  steps: 0,
  focusMinutes: 0,
  mood: null,
  energy: null,
  checkins: 0,
  ...fields,
});
const pair = (estimateMinutes: number, actualMinutes: number): EstimatePoint => ({
  id: `${estimateMinutes}-${actualMinutes}`,
  title: "t",
  estimateMinutes,
  actualMinutes,
  ratio: actualMinutes / estimateMinutes,
});
const checked = (n: number, energy: number, done: number, mood: number | null = null) => day(n, { energy, mood, tasks: done, checkins: 1 });

describe("statistics", () => {
  it("takes the median of odd and even lists, and null of none", () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("correlates only with enough days and some spread", () => {
    expect(correlation([[1, 1], [2, 2], [3, 3], [4, 4]])).toBeNull();
    expect(correlation([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]])).toBe(1);
    expect(correlation([[1, 5], [2, 4], [3, 3], [4, 2], [5, 1]])).toBe(-1);
    expect(correlation([[3, 1], [3, 2], [3, 3], [3, 4], [3, 5]])).toBeNull();
  });
});

describe("readings", () => {
  it("estimates: short, long, on the mark, and not enough yet", () => {
    expect(estimatesReading([pair(10, 14), pair(20, 28), pair(30, 42)])).toEqual({
      medianRatio: 1.4,
      reading: "Your estimates run 40% short: tasks take 1.4× what you plan (median of 3).",
    });
    expect(estimatesReading([pair(10, 20), pair(10, 25), pair(10, 30)]).reading).toBe("Your estimates run 150% short: tasks take 2.5× what you plan (median of 3).");
    expect(estimatesReading([pair(60, 42), pair(20, 14), pair(10, 7)]).reading).toBe("You're faster than you think: tasks take 0.7× what you plan, 30% under (median of 3).");
    expect(estimatesReading([pair(60, 60), pair(20, 21), pair(10, 10)]).reading).toBe("Your estimates are on the mark: tasks take about what you plan (1.0×, median of 3).");
    expect(estimatesReading([pair(10, 20)])).toEqual({
      medianRatio: 2,
      reading: "Not enough data yet — finish 2 more tasks with an estimate and tracked time (a focus session) and this chart fills in.",
    });
  });

  it("energy against what got done: more, less, the same, one side only, too few days", () => {
    const more = moodVsProductivity([checked(1, 5, 4), checked(2, 4, 4), checked(3, 2, 2), checked(4, 1, 2), checked(5, 3, 2)]);
    expect(more.reading).toBe("You finish about 2× more on days your energy is 4 or 5 (4 a day against 2 a day).");
    expect(more.correlation.energyDone).toBeGreaterThan(0.8);
    const none = moodVsProductivity([checked(1, 5, 3), checked(2, 4, 1), checked(3, 2, 0), checked(4, 1, 0), checked(5, 3, 0)]);
    expect(none.reading).toBe("You finish more on days your energy is 4 or 5: 2 a day, against none on lower-energy days.");
    const less = moodVsProductivity([checked(1, 5, 1), checked(2, 4, 1), checked(3, 2, 3), checked(4, 1, 3), checked(5, 3, 3)]);
    expect(less.reading).toBe("You finish as much or more on lower-energy days (3 a day against 1 a day) — small steps work for you.");
    const same = moodVsProductivity([checked(1, 5, 2), checked(2, 4, 2), checked(3, 2, 2), checked(4, 1, 2), checked(5, 3, 2)]);
    expect(same.reading).toBe("You get about the same done whatever your energy (around 2 a day) — low-energy days count too.");
    const oneSide = moodVsProductivity([checked(1, 2, 1), checked(2, 2, 1), checked(3, 3, 1), checked(4, 1, 1), checked(5, 4, 1)]);
    expect(oneSide.reading).toBe("Your energy has mostly been 3 or lower — a few days on the other side and this comparison fills in.");
    const few = moodVsProductivity([checked(1, 4, 1), checked(2, 2, 1), day(3, { tasks: 5 })]);
    expect(few).toMatchObject({ reading: "Not enough data yet — 3 more days of check-ins and this chart fills in.", daysWithCheckins: 2 });
    expect(moodVsProductivity([checked(1, 4, 1), checked(2, 4, 1), checked(3, 4, 1), checked(4, 4, 1)]).reading).toBe(
      "Not enough data yet — 1 more day of check-ins and this chart fills in.",
    );
  });

  it("check-in trends: rising, steady, and a mood-only history", () => {
    const rising = [checked(1, 2, 0, 2), checked(2, 2, 0, 2), checked(3, 3, 0, 3), checked(4, 4, 0, 4)];
    expect(checkinReading(rising).reading).toBe("Your mood has been rising (2.0 → 3.5), and your energy has been rising (2.0 → 3.5).");
    const steady = [1, 2, 3].map((n) => day(n, { mood: 3, checkins: 1 }));
    expect(checkinReading(steady)).toEqual({ daysWithCheckins: 3, avgMood: 3, avgEnergy: null, reading: "Your mood has been steady around 3.0." });
  });

  it("completions and focus, including a single day", () => {
    expect(completionsReading([day(1), day(2, { steps: 1 })], 7)).toBe("You finished 1 step in the last 7 days, all on Day 2.");
    expect(focusReading([day(1, { focusMinutes: 50 }), day(2)], 7)).toBe("You focused 50 min in the last 7 days, all on Day 1.");
  });

  it("zones: work without a zone on top, only focus, and a single zone", () => {
    const row = (key: string | null, completions: number, focusMinutes = 0) => ({ key, name: key ? key.toUpperCase() : null, color: null, completions, focusMinutes });
    expect(zonesReading([row("work", 1), row(null, 3)]).reading).toBe("75% of what you finished has no zone — tag tasks with a life area to see your balance.");
    expect(zonesReading([row("work", 0, 40), row("home", 0, 10)]).reading).toBe("Nothing finished yet, but most focus went to WORK (40 min).");
    expect(zonesReading([row("work", 2), row("home", 0)]).reading).toBe("100% of what you finished was WORK; nothing in HOME yet.");
  });
});
