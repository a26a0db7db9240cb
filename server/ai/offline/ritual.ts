// The coach's ritual before a focus session, as a deterministic rule: the user's own rituals first
// (the one most often followed by a completed session, then the most used), shaped by today's energy;
// a built-in ritual for the energy level when the user has no history yet. Pure: no I/O, so the same
// history and energy always give the same suggestion.

export interface RitualHistoryItem {
  ritual: string;
  /** Sessions started with it. */
  used: number;
  /** Of those, the ones the user finished. */
  completed: number;
}

export interface RitualRequest {
  history: readonly RitualHistoryItem[];
  /** Today's latest energy check-in, 1 (very low) … 5 (great), or null when none. */
  energy: number | null;
  mood: number | null;
  taskTitle: string | null;
}

export type EnergyBand = "low" | "medium" | "high" | "unknown";

export interface RitualSuggestion {
  ritual: string;
  /** One sentence saying why this one, for the user. */
  why: string;
  source: "history" | "energy";
  energy: EnergyBand;
  /** The preset that suits the energy: shorter when it is low. */
  preset: { focusMinutes: number; breakMinutes: number };
  /** Other rituals the user may pick instead (their own first), without the suggested one. */
  alternatives: string[];
}

export const ENERGY_RITUALS: Record<EnergyBand, string> = {
  low: "2-minute tidy of the desk, a glass of water, then open only the one doc you need",
  medium: "Silence your phone, clear the desk, write the first tiny step on paper",
  high: "Phone in another room, close every tab but one, write what 'done' looks like for this session",
  unknown: "Silence your phone, a glass of water, open only what this task needs",
};

export function energyBand(energy: number | null): EnergyBand {
  if (energy === null) return "unknown";
  if (energy <= 2) return "low";
  if (energy >= 4) return "high";
  return "medium";
}

const PRESETS: Record<EnergyBand, { focusMinutes: number; breakMinutes: number }> = {
  low: { focusMinutes: 25, breakMinutes: 5 },
  medium: { focusMinutes: 25, breakMinutes: 5 },
  high: { focusMinutes: 50, breakMinutes: 10 },
  unknown: { focusMinutes: 25, breakMinutes: 5 },
};

/** Best first: most sessions completed after it, then the best completion rate, then most used. */
function ranked(history: readonly RitualHistoryItem[]): RitualHistoryItem[] {
  return history
    .filter((h) => h.ritual.trim().length > 0 && h.used > 0)
    .map((h, i) => ({ h, i }))
    .sort(
      (a, b) =>
        b.h.completed - a.h.completed ||
        b.h.completed / b.h.used - a.h.completed / a.h.used ||
        b.h.used - a.h.used ||
        a.i - b.i,
    )
    .map(({ h }) => h);
}

const LOW_ENERGY_ADDITION = "a glass of water";

export function suggestRitual(request: RitualRequest): RitualSuggestion {
  const band = energyBand(request.energy);
  const own = ranked(request.history);
  const best = own[0];
  const preset = PRESETS[band];
  const task = request.taskTitle ? ` for “${request.taskTitle}”` : "";

  if (best && best.completed > 0) {
    const lowish = band === "low" || (request.mood !== null && request.mood <= 2);
    const hasWater = /\bwater\b/i.test(best.ritual);
    const ritual = lowish && !hasWater ? `${best.ritual.replace(/[.\s]+$/, "")}, then ${LOW_ENERGY_ADDITION}` : best.ritual;
    const record = `you finished ${best.completed} of ${best.used} session${best.used === 1 ? "" : "s"} after it`;
    const why = lowish
      ? `Your own ritual${task} (${record}), with something gentle added because energy is low today.`
      : `Your own ritual${task}: ${record}.`;
    const alternatives = [...own.slice(1).map((h) => h.ritual), ENERGY_RITUALS[band]].filter((r) => r !== ritual);
    return { ritual: ritual.slice(0, 500), why, source: "history", energy: band, preset, alternatives: unique(alternatives).slice(0, 4) };
  }

  const why: Record<EnergyBand, string> = {
    low: "Energy is low today, so the ritual is tiny and the session short.",
    medium: "A short reset so starting is easy.",
    high: "Energy is good today: protect it from distractions and aim for a longer session.",
    unknown: "A short reset so starting is easy. Check in your energy and I'll tailor it.",
  };
  const alternatives = own.map((h) => h.ritual);
  return {
    ritual: ENERGY_RITUALS[band],
    why: `${why[band]}${task ? ` Ready${task}.` : ""}`,
    source: "energy",
    energy: band,
    preset,
    alternatives: unique(alternatives.filter((r) => r !== ENERGY_RITUALS[band])).slice(0, 4),
  };
}

function unique(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((r) => {
    const k = r.trim().toLowerCase();
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
