// Spiciness shaping for the offline breakdown: turns a task's fine steps into the number of steps a
// spiciness asks for, each still ONE clear action (never "A, B, then C" glued together).
import type { Fine } from "./context";
import { capitalise, clip, IMPERATIVE_VERBS, mentions } from "./text";

export type Spiciness = 1 | 2 | 3 | 4 | 5;

export interface ShapedStep {
  title: string;
  estimateMinutes: number;
}

/** How many steps each spiciness aims for (spiciness 5 takes every fine step, up to 12). */
export const STEP_TARGET: Record<Spiciness, number> = { 1: 4, 2: 5, 3: 6, 4: 8, 5: 12 };

export const MAX_TITLE = 200;

/**
 * Splits steps into `groups` consecutive runs so the longest run (in minutes, plus a little per step so runs
 * don't swallow many tiny steps, plus more per essential step) is as short as possible. Small inputs, so a plain DP is fine.
 */
function partition(items: Fine[], groups: number): Fine[][] {
  const n = items.length;
  const k = Math.max(1, Math.min(groups, n));
  const weight = (i: number, j: number) => {
    let total = 0;
    // Essential steps weigh more, so runs pair them with lesser steps rather than with each other.
    for (let x = i; x < j; x++) total += (items[x]?.minutes ?? 0) + 3 + ((items[x]?.priority ?? 3) <= 1 ? 8 : 0);
    return total;
  };
  // best[g][i]: minimal max-weight splitting the first i items into g runs; cut[g][i]: where the last run starts.
  const best: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY));
  const cut: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(0));
  const row0 = best[0];
  if (row0) row0[0] = 0;
  for (let g = 1; g <= k; g++) {
    const row = best[g] ?? [];
    const prev = best[g - 1] ?? [];
    const cutRow = cut[g] ?? [];
    for (let i = g; i <= n; i++) {
      for (let j = g - 1; j < i; j++) {
        const cost = Math.max(prev[j] ?? Number.POSITIVE_INFINITY, weight(j, i));
        if (cost < (row[i] ?? Number.POSITIVE_INFINITY)) {
          row[i] = cost;
          cutRow[i] = j;
        }
      }
    }
  }
  const runs: Fine[][] = [];
  let end = n;
  for (let g = k; g >= 1; g--) {
    const start = cut[g]?.[end] ?? 0;
    runs.unshift(items.slice(start, end));
    end = start;
  }
  return runs;
}

const norm = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** "Sweep the kitchen floor" → ["sweep", "the kitchen floor"]; null when it doesn't start with a plain verb. */
function verbAndRest(title: string): [string, string] | null {
  const m = /^([\p{L}-]+)\s+(.+)$/u.exec(title.trim());
  const verb = m?.[1]?.toLowerCase();
  if (!m || !verb || !IMPERATIVE_VERBS.has(verb)) return null;
  return [verb, m[2] ?? ""];
}

/**
 * Two actions on the same thing read as one: "Sweep the kitchen floor" + "Mop the kitchen floor" →
 * "Sweep and mop the kitchen floor". Anything else stays apart (null).
 */
export function fuse(a: string, b: string): string | null {
  const pa = verbAndRest(a);
  const pb = verbAndRest(b);
  if (!pa || !pb || pa[0] === pb[0] || norm(pa[1]) !== norm(pb[1])) return null;
  if (/\band\b/i.test(pa[1])) return null; // "Wash and dry X" + "… and Y" would stack up "and"s
  return `${capitalise(pa[0])} and ${pb[0]} ${pa[1]}`;
}

/**
 * One run of fine steps as one bigger step. Its title is the run's most important action, with a
 * neighbour fused in when both act on the same thing. "Most important": an essential step (priority ≤ 1)
 * naming part of the task no earlier step has named yet ("Pick up the milk" in "Buy milk and call mum"),
 * else the highest priority, then the one with the most work in it, then the earliest.
 * The little jobs around it (stacking the dishes before washing them) are part of doing it at this size,
 * so the step's time is the whole run's, capped later at 25 minutes.
 */
function lead(run: Fine[], uncovered: string[]): Fine {
  const names = (s: Fine) => (s.priority <= 1 && uncovered.some((w) => mentions(s.title, w)) ? 0 : 1);
  const ranked = run
    .map((s, i) => ({ s, i }))
    .sort((x, y) => names(x.s) - names(y.s) || x.s.priority - y.s.priority || y.s.minutes - x.s.minutes || x.i - y.i);
  const top = ranked[0];
  if (!top) throw new Error("lead of an empty run");
  let title = top.s.title;
  const before = run[top.i - 1];
  const after = run[top.i + 1];
  const fused = (before && fuse(before.title, title)) || (after && fuse(title, after.title));
  if (fused && fused.length <= MAX_TITLE) title = fused;
  const minutes = run.reduce((sum, s) => sum + s.minutes, 0);
  return { title, minutes, priority: top.s.priority };
}

/** Drops optional steps (priority 3), latest first, down to `count` — never the only step naming a key word. */
function dropOptional(steps: Fine[], count: number, keys: string[]): Fine[] {
  const out = [...steps];
  for (let i = out.length - 1; i >= 0 && out.length > count; i--) {
    const step = out[i];
    if (!step || step.priority < 3) continue;
    const others = out.filter((_, j) => j !== i);
    if (keys.some((w) => mentions(step.title, w) && !others.some((s) => mentions(s.title, w)))) continue;
    out.splice(i, 1);
  }
  return out;
}

/**
 * Reduces fine steps to `groups` steps, one clear action each, covering the whole run of the task in
 * order: optional steps go first; then consecutive runs each become their most important action.
 * `keys` are the task's own key words, which the chosen actions should name between them.
 */
export function condense(rest: Fine[], groups: number, keys: string[] = []): Fine[] {
  if (rest.length <= groups) return rest;
  const kept = dropOptional(rest, groups, keys);
  if (kept.length <= groups) return kept;
  const runs = partition(kept, groups).filter((run) => run.length > 0);
  const essentialNames = (steps: Fine[], w: string) => steps.some((s) => s.priority <= 1 && mentions(s.title, w));
  const out: Fine[] = [];
  runs.forEach((run, i) => {
    const uncovered = keys.filter((w) => !out.some((s) => mentions(s.title, w)));
    // A key word a later run can name as well waits for it, so each run names what only it can.
    const later = runs.slice(i + 1).flat();
    out.push(lead(run, uncovered.filter((w) => !essentialNames(later, w))));
  });
  return repairCoverage(out, runs, keys);
}

/** A key word of the task no chosen step names, though a step of some run did: that step leads its run instead. */
function repairCoverage(out: Fine[], runs: Fine[][], keys: string[]): Fine[] {
  const result = [...out];
  for (const w of keys) {
    if (result.some((s) => mentions(s.title, w))) continue;
    runs.some((run, i) => {
      const candidate = run.find((s) => mentions(s.title, w));
      const current = result[i];
      if (!candidate || !current) return false;
      // Only if nothing the current lead alone names gets lost.
      const others = result.filter((_, j) => j !== i);
      if (keys.some((k) => mentions(current.title, k) && !mentions(candidate.title, k) && !others.some((s) => mentions(s.title, k)))) return false;
      result[i] = { ...current, title: candidate.title, priority: candidate.priority };
      return true;
    });
  }
  return result;
}

export function finishTitle(title: string): string {
  const t = capitalise(title.replace(/\s+/g, " ").replace(/\s+([,.;:])/g, "$1").replace(/[.]+$/, "").trim());
  return t.length <= MAX_TITLE ? t : clip(t, MAX_TITLE);
}

/** The final steps for a spiciness: the starter stays first and tiny; the rest is condensed to fit. */
export function shape(fine: Fine[], spiciness: Spiciness, keys: string[] = []): ShapedStep[] {
  const [starter, ...rest] = fine;
  if (!starter) return [];
  const target = STEP_TARGET[spiciness];
  const body = condense(rest, Math.min(target - 1, rest.length), keys);
  const tiny = spiciness === 5;
  const clampMinutes = (m: number, first: boolean) => {
    const lo = tiny ? 2 : 1;
    const hi = first ? 5 : tiny ? 10 : 25;
    return Math.min(hi, Math.max(lo, Math.round(m)));
  };
  return [starter, ...body].map((s, i) => ({ title: finishTitle(s.title), estimateMinutes: clampMinutes(s.minutes, i === 0) }));
}
