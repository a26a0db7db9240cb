// Levels: named steps on the way up, reached by total points. Higher levels also earn fewer points
// per action (as Todoist Karma does), so early wins feel big and the top stays a long-term goal.
import "server-only";

export interface LevelDef {
  number: number;
  name: string;
  /** Total points at which this level starts. */
  at: number;
  /** Multiplier on every award while at this level (diminishing returns). */
  factor: number;
}

export const LEVELS: readonly LevelDef[] = [
  { number: 1, name: "Spark", at: 0, factor: 1 },
  { number: 2, name: "Kindling", at: 50, factor: 1 },
  { number: 3, name: "Ember", at: 150, factor: 1 },
  { number: 4, name: "Flame", at: 300, factor: 0.9 },
  { number: 5, name: "Blaze", at: 500, factor: 0.8 },
  { number: 6, name: "Hearth", at: 800, factor: 0.7 },
  { number: 7, name: "Anvil", at: 1200, factor: 0.6 },
  { number: 8, name: "Tempered", at: 1700, factor: 0.55 },
  { number: 9, name: "Steel", at: 2400, factor: 0.5 },
  { number: 10, name: "Master Smith", at: 3300, factor: 0.5 },
];

export interface Level {
  number: number;
  name: string;
  /** Points at which this level started. */
  at: number;
  /** Points at which the next level starts; null at the top level. */
  nextAt: number | null;
  nextName: string | null;
  /** 0..1 of the way from this level to the next (1 at the top). */
  progress: number;
  factor: number;
}

/** The level for a points total (a negative total, after spending, is still level 1). */
export function levelFor(total: number): Level {
  let index = 0;
  for (let i = 0; i < LEVELS.length; i++) if (total >= (LEVELS[i] as LevelDef).at) index = i;
  const level = LEVELS[index] as LevelDef;
  const next = LEVELS[index + 1];
  const progress = next ? Math.min(1, Math.max(0, (total - level.at) / (next.at - level.at))) : 1;
  return {
    number: level.number,
    name: level.name,
    at: level.at,
    nextAt: next?.at ?? null,
    nextName: next?.name ?? null,
    progress: Math.round(progress * 1000) / 1000,
    factor: level.factor,
  };
}
