// The pet's stages from growth (focus minutes + care) and its mood, which never punishes.
import { describe, expect, it } from "vitest";
import { PET_STAGES, petMood, petStage } from "./pet";

describe("petStage", () => {
  it("starts as an egg and grows through every stage in order", () => {
    expect(petStage(0)).toMatchObject({ key: "egg", index: 0, nextAt: 30, nextName: "Hatchling", progress: 0 });
    expect(petStage(29).key).toBe("egg");
    expect(petStage(30)).toMatchObject({ key: "hatchling", index: 1 });
    expect(petStage(75).progress).toBeCloseTo(0.5);
    const seen = Array.from({ length: 1500 }, (_, g) => petStage(g).index);
    seen.slice(1).forEach((index, i) => expect(index).toBeGreaterThanOrEqual(seen[i] ?? 0));
    expect(new Set(seen).size).toBe(PET_STAGES.length);
  });

  it("stops at the last stage and never goes below the egg", () => {
    expect(petStage(1_000_000)).toMatchObject({ key: "elder", nextAt: null, nextName: null, progress: 1 });
    expect(petStage(-50)).toMatchObject({ key: "egg", progress: 0 });
    expect(petStage(Number.NaN).key).toBe("egg");
  });
});

describe("petMood", () => {
  const base = { name: "Ember", stageIndex: 2, caredToday: false };
  it("is happy after activity or a pat today, and at worst sleepy", () => {
    expect(petMood({ ...base, hoursSinceActivity: 2 }).mood).toBe("happy");
    expect(petMood({ ...base, hoursSinceActivity: 200, caredToday: true }).mood).toBe("happy");
    expect(petMood({ ...base, hoursSinceActivity: 48 }).mood).toBe("content");
    expect(petMood({ ...base, hoursSinceActivity: 100 }).mood).toBe("calm");
    const away = petMood({ ...base, hoursSinceActivity: 24 * 365 });
    expect(away).toEqual({ mood: "sleepy", text: "Ember is sleepy and misses you — one small thing would wake them up." });
    expect(petMood({ ...base, hoursSinceActivity: null }).mood).toBe("sleepy");
    for (const h of [null, 1, 30, 100, 10_000]) expect(petMood({ ...base, hoursSinceActivity: h }).text).not.toMatch(/die|dead|sad|hungry|angry|lost/i);
  });
});
