// Structural checks that score the chains in `npm run eval`: each returns every rule an output
// breaks (an empty list passes). Verb-first and vagueness come from the offline coach's own rule
// checks (server/ai/offline/checks.ts), so the model and the offline coach are held to one standard.
import { isVague, isVerbFirst } from "../server/ai/offline/checks";
import type { CaptureCase, ProofCase } from "./cases";

export interface BreakdownLike {
  steps: { title: string; estimateMinutes: number }[];
  firstTinyStep: string;
  tip: string;
}

export interface CaptureLike {
  tasks: { title: string; notes: string | null; due: string | null; estimateMinutes: number | null; priority: string; area: string }[];
}

export interface ProofLike {
  verdict: string;
  confidence: number;
  reason: string;
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** One level of a breakdown: 3–12 verb-first, concrete steps of 1–25 minutes, no duplicates, covering `mustMention`. */
export function checkBreakdownLevel(output: BreakdownLike, { mustMention = [], level = 1 }: { mustMention?: string[]; level?: number } = {}): string[] {
  const at = level > 1 ? `level ${level}: ` : "";
  const problems: string[] = [];
  const steps = output.steps;
  if (steps.length < 3 || steps.length > 12) problems.push(`${at}has ${steps.length} steps; needs 3–12`);
  const seen = new Map<string, number>();
  steps.forEach((step, i) => {
    const n = i + 1;
    if (!isVerbFirst(step.title)) problems.push(`${at}step ${n} "${step.title}" does not start with a verb`);
    if (isVague(step.title)) problems.push(`${at}step ${n} "${step.title}" is vague`);
    if (!Number.isInteger(step.estimateMinutes) || step.estimateMinutes < 1 || step.estimateMinutes > 25) {
      problems.push(`${at}step ${n} takes ${step.estimateMinutes} min; must be 1–25`);
    }
    const key = normalised(step.title);
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push(`${at}step ${n} duplicates step ${earlier}`);
    else seen.set(key, n);
  });
  if (!isVerbFirst(output.firstTinyStep)) problems.push(`${at}firstTinyStep "${output.firstTinyStep}" does not start with a verb`);
  const text = steps.map((s) => s.title).join("\n").toLowerCase();
  for (const word of mustMention) {
    if (!text.includes(word.toLowerCase())) problems.push(`${at}steps never mention "${word}"`);
  }
  return problems;
}

const DUE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/** True for "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm" naming a real calendar date and time. */
export function isResolvedDue(due: string): boolean {
  const m = DUE.exec(due);
  if (!m) return false;
  const [y, mo, d, h = "0", mi = "0"] = m.slice(1).map((v) => v ?? "0") as string[];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const validDate = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
  return validDate && Number(h) <= 23 && Number(mi) <= 59;
}

/** Capture: every expected task found with its due date, every date resolved and not before today, ≤ max_tasks, no duplicates. */
export function checkCapture(output: CaptureLike, c: CaptureCase): string[] {
  const problems: string[] = [];
  const tasks = output.tasks;
  if (tasks.length > c.max_tasks) problems.push(`found ${tasks.length} tasks; at most ${c.max_tasks} were in the text`);
  const today = c.now.slice(0, 10);
  const seen = new Set<string>();
  for (const task of tasks) {
    if (task.title.trim().length === 0) problems.push("a task has an empty title");
    const key = normalised(task.title);
    if (seen.has(key)) problems.push(`"${task.title}" appears twice`);
    seen.add(key);
    if (task.due !== null) {
      if (!isResolvedDue(task.due)) problems.push(`"${task.title}" has an unresolved due date "${task.due}"`);
      else if (task.due.slice(0, 10) < today) problems.push(`"${task.title}" is due ${task.due}, before today (${today})`);
    }
  }
  for (const expected of c.expect) {
    const task = tasks.find((t) => t.title.toLowerCase().includes(expected.title_has.toLowerCase()));
    if (!task) {
      problems.push(`no task title mentions "${expected.title_has}"`);
      continue;
    }
    if (expected.due === undefined) continue;
    const ok = expected.due.includes("T") ? task.due === expected.due : task.due?.slice(0, 10) === expected.due;
    if (!ok) problems.push(`"${task.title}" is due ${task.due ?? "never"}; expected ${expected.due}`);
  }
  return problems;
}

/** Proof: the verdict as labelled, a confidence in 0–1 and a one-line reason. */
export function checkProof(output: ProofLike, c: ProofCase): string[] {
  const problems: string[] = [];
  if (output.verdict !== c.label) problems.push(`verdict ${output.verdict}; labelled ${c.label}`);
  if (!(output.confidence >= 0 && output.confidence <= 1)) problems.push(`confidence ${output.confidence} is outside 0–1`);
  if (output.reason.trim().length === 0) problems.push("reason is empty");
  else if (/\n/.test(output.reason.trim())) problems.push("reason is more than one line");
  return problems;
}
