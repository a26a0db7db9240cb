// Rule checks for breakdown results (verb-first, concrete, sized, covering the task); shared by tests and the evaluation script.
import type { BreakdownResult, Spiciness } from "./breakdown";
import { IMPERATIVE_VERBS, keyWords, mentions, NOT_VERBS, STOP_WORDS, words } from "./text";

/** Words that commonly follow an imperative verb: "Defrost the freezer", "Hoover up", "Reorganise your desk". */
const AFTER_VERB = new Set([
  "the", "a", "an", "your", "my", "his", "her", "their", "our", "its", "this", "that", "these", "those", "all", "some",
  "any", "each", "every", "it", "them", "him", "us", "me", "up", "out", "down", "off", "away", "back", "in", "on", "over",
  "through", "to", "for", "with", "at", "into", "onto", "round", "around", "together", "one", "two", "three", "both",
]);

const NON_VERB_SUFFIX = /(ing|ed|ly|tion|sion|ness|ment|ity|ous|ful|ship|hood|ism|ance|ence|ary|ery|ics)$/;
const VERB_SUFFIX = /(ise|ize|ify|ate|en)$/;

/** The first word of a step, lowercased, without leading quotes, bullets or emoji. */
function firstWords(step: string): [string, string] {
  const toks = step
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .split(/\s+/)
    .map((t) => t.toLowerCase().replace(/[’]/g, "'").replace(/[^\p{L}\p{N}'-]+$/u, "").replace(/^[^\p{L}\p{N}]+/u, ""));
  return [toks[0] ?? "", toks[1] ?? ""];
}

/**
 * True when a step starts with an imperative verb: a known verb ("Open", "Gather", "Put"), the same with a
 * re-/un-/pre- prefix ("Re-read"), or an unknown word that looks like a verb and is followed by what usually
 * follows one ("Defrost the freezer"). Gerunds, past tenses, nouns, pronouns and adverbs ("Cleaning",
 * "Kitchen", "Then", "Maybe") fail.
 */
export function isVerbFirst(step: string): boolean {
  const [first, second] = firstWords(step);
  if (first.length < 2 || /\d/.test(first)) return false;
  if (first.includes("'") && first !== "o'clock") return false; // "don't", "let's", "I'll"
  if (IMPERATIVE_VERBS.has(first)) return true;
  const unprefixed = first.replace(/^(re|un|pre|de)-?/, "");
  if (unprefixed !== first && IMPERATIVE_VERBS.has(unprefixed)) return true;
  if (NOT_VERBS.has(first) || STOP_WORDS.has(first)) return false;
  if (first.endsWith("s") && !/(ss|us)$/.test(first)) return false; // "Cleans", "Steps"
  if (NON_VERB_SUFFIX.test(first)) return false;
  if (VERB_SUFFIX.test(first) && first.length > 4) return true;
  return AFTER_VERB.has(second) || /^\d/.test(second);
}

const VAGUE = /^(get (organi[sz]ed|started|going|it done)|do it|do (the|this) task|start|begin|finish|continue|keep going|work on it|just do it|make progress|try (your )?best|think about it|be productive|focus)\b\s*[.!]?$/i;

/** True when a step names no concrete action ("Get organised", "Start", "Work on it"). */
export function isVague(step: string): boolean {
  const text = step.trim();
  if (VAGUE.test(text)) return true;
  const ws = words(text);
  if (ws.length < 2) return true;
  // Needs at least one content word after the verb: the thing being acted on.
  return !ws.slice(1).some((w) => !STOP_WORDS.has(w) && w.length > 1);
}

/** Step counts allowed per spiciness. */
export const STEP_RANGE: Record<Spiciness, readonly [number, number]> = { 1: [3, 4], 2: [4, 6], 3: [5, 8], 4: [6, 10], 5: [8, 12] };

export interface CheckOptions {
  /** Words that must appear somewhere in the step titles (case-insensitive). */
  mustMention?: string[];
  /** When given, step counts and sizes must fit this spiciness. */
  spiciness?: Spiciness;
  /** When given, the key words of this task title must be covered by the steps. */
  title?: string;
}

/** Returns every rule the breakdown breaks; an empty list means it passes. */
export function checkBreakdown(result: BreakdownResult, opts?: CheckOptions): string[] {
  const problems: string[] = [];
  if (typeof result.kind !== "string" || result.kind.trim().length === 0) problems.push("kind is empty");
  const steps = Array.isArray(result.steps) ? result.steps : [];
  if (steps.length < 3 || steps.length > 12) problems.push(`has ${steps.length} steps; needs 3–12`);

  const seen = new Map<string, number>();
  steps.forEach((step, i) => {
    const n = i + 1;
    const title = typeof step.title === "string" ? step.title.trim() : "";
    if (title.length < 3 || title.length > 200) problems.push(`step ${n} title length ${title.length} is outside 3–200`);
    if (!isVerbFirst(title)) problems.push(`step ${n} "${title}" does not start with an imperative verb`);
    if (isVague(title)) problems.push(`step ${n} "${title}" is vague`);
    if (!Number.isInteger(step.estimateMinutes) || step.estimateMinutes < 1 || step.estimateMinutes > 25) {
      problems.push(`step ${n} estimate ${String(step.estimateMinutes)} is not an integer 1–25`);
    }
    const key = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push(`step ${n} duplicates step ${earlier}`);
    else seen.set(key, n);
  });
  const first = steps[0];
  if (first && first.estimateMinutes > 5) problems.push(`first step takes ${first.estimateMinutes} min; the starter must be ≤ 5`);

  const tiny = typeof result.firstTinyStep === "string" ? result.firstTinyStep.trim() : "";
  if (tiny.length < 3 || tiny.length > 200) problems.push("firstTinyStep length is outside 3–200");
  else if (!isVerbFirst(tiny)) problems.push(`firstTinyStep "${tiny}" does not start with an imperative verb`);
  if (typeof result.tip !== "string" || result.tip.trim().length === 0) problems.push("tip is empty");
  else if (result.tip.length > 300) problems.push("tip is longer than 300 characters");

  const text = steps.map((s) => s.title).join("\n").toLowerCase();
  for (const word of opts?.mustMention ?? []) {
    if (!text.includes(word.toLowerCase())) problems.push(`steps never mention "${word}"`);
  }

  const spiciness = opts?.spiciness;
  if (spiciness !== undefined) {
    const [lo, hi] = STEP_RANGE[spiciness];
    if (steps.length < lo || steps.length > hi) problems.push(`spiciness ${spiciness} wants ${lo}–${hi} steps, got ${steps.length}`);
    if (spiciness === 5) {
      steps.forEach((s, i) => {
        if (s.estimateMinutes < 2 || s.estimateMinutes > 10) problems.push(`spiciness 5 step ${i + 1} takes ${s.estimateMinutes} min; tiny steps are 2–10`);
      });
    }
  }

  if (opts?.title) {
    const keys = keyWords(opts.title);
    const missing = keys.filter((w) => !mentions(text, w));
    const allowed = keys.length <= 6 ? 0 : Math.floor(keys.length * 0.4);
    if (missing.length > allowed) problems.push(`steps do not cover the task: missing ${missing.map((m) => `"${m}"`).join(", ")}`);
  }
  return problems;
}
