// The mystery box's draw: pure and reproducible from its seed, and over 10,000 draws each prize comes
// up as often as its shown odds say.
import { describe, expect, it } from "vitest";
import { CURRENT_ODDS, drawPrize, KIND_MESSAGES, mysteryOdds, PRIZE_TABLES, type PrizeTable, replayDraw } from "./mystery";

const table = PRIZE_TABLES[CURRENT_ODDS] as PrizeTable;

describe("drawPrize", () => {
  it("gives the same prize for the same seed, every time", () => {
    for (const seed of ["a", "seed-42", "0f3c9e", "🎁"]) {
      const first = drawPrize(seed, table);
      for (let i = 0; i < 5; i++) expect(drawPrize(seed, table)).toEqual(first);
      expect(replayDraw({ seed, oddsVersion: CURRENT_ODDS })).toEqual(first);
    }
  });

  it("matches the odds over 10,000 draws", () => {
    const n = 10_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const prize = drawPrize(`draw-${i}`, table);
      counts.set(prize.id, (counts.get(prize.id) ?? 0) + 1);
    }
    const total = table.prizes.reduce((s, p) => s + p.weight, 0);
    for (const prize of table.prizes) {
      const p = prize.weight / total;
      const observed = (counts.get(prize.id) ?? 0) / n;
      // Within 4 standard deviations of a binomial proportion (and never off by more than 2 points).
      const tolerance = Math.min(0.02, 4 * Math.sqrt((p * (1 - p)) / n));
      expect(Math.abs(observed - p), `${prize.id}: observed ${observed}, expected ${p}`).toBeLessThanOrEqual(tolerance);
    }
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(n);
  });

  it("respects a lopsided table (a prize with weight 0 never comes)", () => {
    const lopsided: PrizeTable = {
      version: "test",
      prizes: [
        { id: "never", kind: "points", label: "never", weight: 0, amount: 1 },
        { id: "rare", kind: "points", label: "rare", weight: 1, amount: 2 },
        { id: "common", kind: "message", label: "common", weight: 9 },
      ],
    };
    const ids = Array.from({ length: 2000 }, (_, i) => drawPrize(`x${i}`, lopsided).id);
    expect(ids).not.toContain("never");
    const rare = ids.filter((id) => id === "rare").length / ids.length;
    expect(rare).toBeGreaterThan(0.07);
    expect(rare).toBeLessThan(0.13);
  });

  it("picks one of the kind stickers for a message prize", () => {
    const messages = new Set<string>();
    for (let i = 0; messages.size < KIND_MESSAGES.length && i < 5000; i++) {
      const prize = drawPrize(`m${i}`, table);
      if (prize.kind === "message") messages.add(prize.label);
    }
    expect([...messages].sort()).toEqual([...KIND_MESSAGES].sort());
  });

  it("shows odds that add up to 100%", () => {
    const odds = mysteryOdds();
    expect(odds.version).toBe(CURRENT_ODDS);
    expect(odds.prizes.reduce((s, p) => s + p.chance, 0)).toBeCloseTo(100, 5);
    expect(odds.prizes.find((p) => p.kind === "freeze")?.chance).toBe(10);
  });
});
