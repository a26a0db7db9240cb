// The offline coach's ritual rule: own rituals first (most finished sessions, then rate, then use),
// shaped by energy; built-in rituals per energy band when there is no history.
import { describe, expect, it } from "vitest";
import { ENERGY_RITUALS, energyBand, suggestRitual } from "./ritual";

describe("suggestRitual", () => {
  it("falls back to the energy's ritual and preset without history", () => {
    expect(suggestRitual({ history: [], energy: 2, mood: null, taskTitle: null })).toMatchObject({
      source: "energy",
      energy: "low",
      ritual: ENERGY_RITUALS.low,
      preset: { focusMinutes: 25, breakMinutes: 5 },
    });
    const high = suggestRitual({ history: [], energy: 5, mood: 4, taskTitle: "Write the report" });
    expect(high).toMatchObject({ energy: "high", ritual: ENERGY_RITUALS.high, preset: { focusMinutes: 50, breakMinutes: 10 } });
    expect(high.why).toContain("Ready for “Write the report”.");
  });

  it("ignores own rituals never followed by a finished session, but offers them as alternatives", () => {
    const s = suggestRitual({ history: [{ ritual: "Stretch", used: 3, completed: 0 }], energy: 3, mood: null, taskTitle: null });
    expect(s).toMatchObject({ source: "energy", ritual: ENERGY_RITUALS.medium, alternatives: ["Stretch"] });
  });

  it("ranks by finished sessions, then completion rate, then use", () => {
    const history = [
      { ritual: "A", used: 10, completed: 2 },
      { ritual: "B", used: 2, completed: 2 },
      { ritual: "C", used: 4, completed: 3 },
    ];
    expect(suggestRitual({ history, energy: null, mood: null, taskTitle: null }).ritual).toBe("C");
    expect(suggestRitual({ history: history.slice(0, 2), energy: null, mood: null, taskTitle: null }).ritual).toBe("B");
  });

  it("adds water to the user's ritual on a low day, unless it already has some", () => {
    const low = suggestRitual({ history: [{ ritual: "Tea.", used: 1, completed: 1 }], energy: 1, mood: null, taskTitle: null });
    expect(low.ritual).toBe("Tea, then a glass of water");
    expect(low.alternatives).toEqual([ENERGY_RITUALS.low]);
    const moody = suggestRitual({ history: [{ ritual: "Glass of water, desk tidy", used: 1, completed: 1 }], energy: 4, mood: 1, taskTitle: null });
    expect(moody.ritual).toBe("Glass of water, desk tidy");
  });

  it("bands energy", () => {
    expect([null, 1, 2, 3, 4, 5].map(energyBand)).toEqual(["unknown", "low", "low", "medium", "high", "high"]);
  });
});
