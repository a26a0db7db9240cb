// The user's own history, applied by the offline breakdown: a step they deleted from a similar task is
// not suggested again, a step they renamed comes back in their words, and one they re-estimated keeps
// their estimate.
import type { Fine } from "./context";
import { cleanText, keyWords, mentions, stem, words } from "./text";

/** One change the user made to a step the coach gave them. */
export interface StepEdit {
  /** The task the step belonged to. */
  parentTitle: string;
  /** The step's title before the edit. */
  before: string;
  /** Its title after the edit (the same when only the estimate changed); null: they deleted it. */
  after: string | null;
  /** Their new estimate in minutes, when they changed it. */
  minutes?: number | null;
}

/** What the breakdown chain found in the user's memory about similar tasks (newest edits first). */
export interface BreakdownMemory {
  /** Their past breakdowns of similar tasks, nearest first. */
  past?: { title: string; steps: string[] }[];
  edits?: StepEdit[];
}

const norm = (text: string) => cleanText(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** True when two step titles say the same thing: equal once tidied, or nearly the same words. */
export function sameStep(a: string, b: string): boolean {
  if (norm(a) === norm(b)) return true;
  const sa = new Set(words(a).map(stem));
  const sb = new Set(words(b).map(stem));
  if (sa.size < 3 || sb.size < 3) return false;
  const shared = [...sa].filter((w) => sb.has(w)).length;
  return shared / (sa.size + sb.size - shared) >= 0.8;
}

/** Another task is similar enough for the user's edits to carry over when it names one of this task's key words. */
export function similarTask(title: string, other: string): boolean {
  if (norm(title) === norm(other)) return true;
  const keys = keyWords(title);
  return keys.length > 0 && keys.some((w) => mentions(other, w));
}

interface Change {
  from: string;
  to: string;
  minutes: number | null;
}

interface Decided {
  deleted: string[];
  changed: Change[];
}

/** The edits that apply to this task; for each step only the newest edit counts (edits come newest first). */
function decide(title: string, memory: BreakdownMemory | undefined): Decided {
  const out: Decided = { deleted: [], changed: [] };
  const seen: string[] = [];
  for (const edit of memory?.edits ?? []) {
    if (typeof edit?.before !== "string" || typeof edit.parentTitle !== "string") continue;
    if (!similarTask(title, edit.parentTitle) || seen.some((s) => sameStep(s, edit.before))) continue;
    seen.push(edit.before);
    const after = typeof edit.after === "string" ? cleanText(edit.after) : "";
    const minutes = typeof edit.minutes === "number" && Number.isFinite(edit.minutes) && edit.minutes >= 1 ? Math.round(edit.minutes) : null;
    if (after.length < 3) out.deleted.push(edit.before);
    else if (!sameStep(after, edit.before) || minutes !== null) out.changed.push({ from: edit.before, to: sameStep(after, edit.before) ? edit.before : after.slice(0, 200), minutes });
  }
  return out;
}

export interface Applied {
  fine: Fine[];
  /** Steps left out because the user deleted them before. */
  left: string[];
  /** Steps now in the user's own words. */
  reworded: string[];
  /** Steps now sized with the user's own estimate. */
  resized: string[];
  /** True for a step title the user deleted before (for steps added later, e.g. padding). */
  unwanted: (title: string) => boolean;
}

/**
 * Applies the user's edits of similar breakdowns to fine steps: deleted ones go (the starter stays, so
 * the plan always has a first step), renamed ones take the user's wording, re-estimated ones their time.
 */
export function applyMemory(fine: Fine[], title: string, memory: BreakdownMemory | undefined): Applied {
  const { deleted, changed } = decide(title, memory);
  const unwanted = (step: string) => deleted.some((d) => sameStep(d, step));
  const out: Applied = { fine: [], left: [], reworded: [], resized: [], unwanted };
  fine.forEach((step, i) => {
    const change = changed.find((c) => sameStep(c.from, step.title));
    if (change) {
      // A step the user took the trouble to edit is one they want: it stays visible at any spiciness.
      out.fine.push({ ...step, title: change.to !== change.from ? change.to : step.title, minutes: change.minutes ?? step.minutes, priority: Math.min(step.priority, 1) as Fine["priority"] });
      if (change.to !== change.from) out.reworded.push(change.to);
      if (change.minutes !== null) out.resized.push(change.to);
    } else if (i > 0 && unwanted(step.title)) {
      out.left.push(step.title);
    } else {
      out.fine.push(step);
    }
  });
  return out;
}

/** Final steps the user deleted before (e.g. a fused "Sweep and mop the floor") go too, while 3 steps remain. */
export function dropUnwanted<T extends { title: string }>(steps: T[], applied: Applied): T[] {
  const out = [...steps];
  for (let i = out.length - 1; i > 0 && out.length > 3; i--) {
    const step = out[i];
    if (step && applied.unwanted(step.title)) {
      out.splice(i, 1);
      applied.left.push(step.title);
    }
  }
  return out;
}

/** One sentence telling the user what their history changed, or "" when it changed nothing. */
export function memoryNote(applied: Applied): string {
  const quote = (items: string[]) => items.slice(0, 2).map((t) => `“${t.length > 60 ? `${t.slice(0, 57)}…` : t}”`).join(" and ");
  const parts: string[] = [];
  if (applied.left.length > 0) parts.push(`left out ${quote(applied.left)}, as you did last time`);
  if (applied.reworded.length > 0) parts.push(`used your wording for ${quote(applied.reworded)}`);
  const resizedOnly = applied.resized.filter((t) => !applied.reworded.includes(t));
  if (resizedOnly.length > 0) parts.push(`kept your own estimate for ${quote(resizedOnly)}`);
  if (parts.length === 0) return "";
  const sentence = parts.join(", and ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
