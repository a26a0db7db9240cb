// The offline coach's understanding of a chat message: plain intents ("add call mom tomorrow",
// "break down the report", "I'm exhausted", "what should I do now?", ...) read with a few rules, and a
// fuzzy match of "the report" against the user's own task titles. Deterministic; no model involved.
import "server-only";
import { localDueToInstant, validTimeZone } from "../ai/offline/capture-dates";
import { offlineCapture } from "../ai/offline/capture";
import { STOP_WORDS, stem, words } from "../ai/offline/text";

export interface NewTask {
  title: string;
  /** ISO instant, or undefined when the message named no date. */
  dueAt?: string;
  /** The user-local due ("2026-11-24" or "2026-11-24T15:00") for the reply. */
  due?: string;
}

export type Feeling = { kind: "energy"; level: number; word: string } | { kind: "mood"; level: number; word: string };

export type Intent =
  | { kind: "add"; tasks: NewTask[] }
  | { kind: "breakdown"; target: string }
  | { kind: "complete"; target: string }
  | { kind: "delete"; target: string }
  | { kind: "focus"; target: string; minutes?: number }
  | { kind: "feeling"; feelings: Feeling[]; note: string }
  | { kind: "next" }
  | { kind: "progress" }
  | { kind: "plan" }
  | { kind: "search"; query: string }
  | { kind: "list" }
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "help" };

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Words that say how the user feels: low energy, low mood, or a good day. */
const ENERGY_WORDS: Array<[RegExp, number]> = [
  [/\b(exhausted|drained|burn(?:ed|t) out|wiped(?: out)?|running on empty|no energy|dead tired|knackered)\b/i, 1],
  [/\b(tired|sleepy|low energy|sluggish|worn out|fatigued|foggy|brain fog)\b/i, 2],
  [/\b(energi[sz]ed|full of energy|wired|pumped|rested|fresh)\b/i, 4],
];
const MOOD_WORDS: Array<[RegExp, number]> = [
  [/\b(hopeless|miserable|depressed|awful|terrible|panick(?:ing|ed)|can'?t cope|falling apart)\b/i, 1],
  [/\b(anxious|anxiety|stressed|overwhelmed|sad|down|low|worried|frustrated|upset|lonely|nervous|stuck|guilty|ashamed|scared|angry)\b/i, 2],
  [/\b(meh|okay|ok|so-so|fine)\b/i, 3],
  [/\b(good|great|happy|excited|proud|motivated|calm|relieved)\b/i, 4],
];
const FEELING_FRAME = /\b(i'?m|i am|i feel|feeling|i've been|im|so|very|really|totally|kinda|a bit)\b/i;

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** What follows a command verb, without fillers ("the task", "please") and trailing punctuation. */
function targetOf(rest: string): string {
  return clean(
    rest
      .replace(UUID, " ")
      .replace(/\b(please|for me|now|right now|thanks|thank you)\b/gi, " ")
      .replace(/[.!?]+$/g, ""),
  );
}

function feelings(text: string): Feeling[] {
  const out: Feeling[] = [];
  for (const [pattern, level] of ENERGY_WORDS) {
    const m = pattern.exec(text);
    if (m) {
      out.push({ kind: "energy", level, word: m[1] ?? m[0] });
      break;
    }
  }
  for (const [pattern, level] of MOOD_WORDS) {
    const m = pattern.exec(text);
    if (m) {
      out.push({ kind: "mood", level, word: m[1] ?? m[0] });
      break;
    }
  }
  return out;
}

/** "add call mom tomorrow and buy milk" → tasks with titles and due dates, via the capture parser. */
function newTasks(text: string, now: Date, timeZone: string): NewTask[] {
  const zone = validTimeZone(timeZone) ?? "UTC";
  const { tasks } = offlineCapture({ text, now: now.toISOString(), timeZone: zone });
  return tasks.slice(0, 5).map((t) => {
    const instant = t.due ? localDueToInstant(t.due, zone) : null;
    return { title: t.title, ...(instant && t.due ? { dueAt: instant.toISOString(), due: t.due } : {}) };
  });
}

/** Reads one chat message. Order matters: specific commands first, feelings, then questions. */
export function parseIntent(message: string, now: Date, timeZone: string): Intent {
  const text = clean(message);
  const lower = text.toLowerCase();
  if (!text) return { kind: "help" };

  let m: RegExpExecArray | null;
  if ((m = /^(?:please\s+)?(?:can you\s+|could you\s+)?(?:help me\s+)?(?:break\s*down|split(?:\s+up)?|chunk)\s+(.+)$/i.exec(text))) {
    return { kind: "breakdown", target: targetOf((m[1] ?? "").replace(/\binto (?:small(?:er)? )?steps\b/i, "")) };
  }
  if ((m = /^(?:please\s+)?(?:start|begin|let'?s do)\s+(?:a\s+)?(?:(\d{1,3})[- ]?min(?:ute)?s?\s+)?focus(?:\s+session)?(?:\s+(?:on|for|with)\s+(.+?))?(?:\s+for\s+(\d{1,3})\s*min(?:ute)?s?)?[.!]*$/i.exec(text))) {
    const minutes = Number(m[1] ?? m[3] ?? NaN);
    return { kind: "focus", target: targetOf(m[2] ?? ""), ...(Number.isFinite(minutes) ? { minutes } : {}) };
  }
  if ((m = /^(?:let me\s+|i want to\s+|i'?ll\s+)?focus\s+on\s+(.+?)(?:\s+for\s+(\d{1,3})\s*min(?:ute)?s?)?[.!]*$/i.exec(text))) {
    const minutes = Number(m[2] ?? NaN);
    return { kind: "focus", target: targetOf(m[1] ?? ""), ...(Number.isFinite(minutes) ? { minutes } : {}) };
  }
  if (
    (m = /^(?:i'?m\s+|i am\s+)?(?:done|finished)\s+(?:with\s+)?(.+)$/i.exec(text)) ||
    (m = /^(?:i\s+)?(?:just\s+)?(?:finished|completed)\s+(.+)$/i.exec(text)) ||
    (m = /^(?:please\s+)?(?:complete|finish)\s+(.+)$/i.exec(text)) ||
    (m = /^(?:please\s+)?mark\s+(.+?)\s+(?:as\s+)?(?:done|complete|completed|finished)[.!]*$/i.exec(text)) ||
    (m = /^.*?\b(?:and\s+)?(?:complete|mark as done)\s+(?:the\s+)?task\s+(.*)$/i.exec(text))
  ) {
    return { kind: "complete", target: targetOf(m[1] ?? "") };
  }
  if ((m = /^(?:please\s+)?(?:delete|remove|drop|get rid of)\s+(?:the\s+)?(?:task\s+)?(.+)$/i.exec(text))) {
    return { kind: "delete", target: targetOf(m[1] ?? "") };
  }
  if ((m = /^(?:please\s+)?(?:add|create|new task:?|remind me to|put|note down|jot down|capture|i need to|i have to|i must|todo:?|to-do:?)\s+(?:a\s+)?(?:task\s+)?(?:to\s+)?(.+)$/i.exec(text))) {
    const body = (m[1] ?? "").replace(/\s+(?:to|on|in)\s+my\s+(?:list|tasks|to-?do(?:\s+list)?)\b/i, "");
    const tasks = newTasks(body, now, timeZone);
    if (tasks.length) return { kind: "add", tasks };
  }
  if ((m = /^(?:please\s+)?(?:search(?:\s+my\s+memor(?:y|ies))?(?:\s+for)?|look up|recall|remember|what do you (?:know|remember) about|what did i (?:say|write|note) about|find)\s+(.+?)[?.!]*$/i.exec(text))) {
    const query = targetOf(m[1] ?? "");
    if (query) return { kind: "search", query };
  }
  if (/\b(plan|re-?plan|schedule|organi[sz]e)\s+(?:my|the|today|this)\b|\bplan for today\b|\bmy day plan\b/i.test(lower)) return { kind: "plan" };
  if (/\bhow am i doing\b|\b(my )?(progress|points|streak|level)\b|\bhow (?:far|well) have i\b/i.test(lower)) return { kind: "progress" };
  if (/\bwhat (?:should|shall|can|do) i do\b|\bwhat(?:'s| is)? next\b|\bwhat now\b|\bwhere (?:do|should) i start\b|\bnext (?:small )?step\b|\bwhat to do\b|\bhelp me (?:start|get started|begin)\b|\bi don'?t know where to start\b/i.test(lower)) {
    return { kind: "next" };
  }
  if (/\b(show|list|what are|see)\b.*\b(tasks?|to-?dos?|list)\b/i.test(lower)) return { kind: "list" };
  const felt = feelings(text);
  if (felt.length && (FEELING_FRAME.test(lower) || words(text).length <= 4)) return { kind: "feeling", feelings: felt, note: text.slice(0, 500) };
  if (/^(hi|hello|hey|good (morning|afternoon|evening)|yo|hiya)\b/i.test(lower)) return { kind: "greeting" };
  if (/^(thanks|thank you|cheers|ta|great,? thanks)\b/i.test(lower)) return { kind: "thanks" };
  return { kind: "help" };
}

// ----------------------------------------------------------------------------------------------
// Finding "the report" among the user's tasks

export interface NamedTask {
  id: string;
  title: string;
}

function keys(text: string): string[] {
  return words(text.replace(UUID, " "))
    .map((w) => w.replace(/'s$/, ""))
    .filter((w) => w.length >= 2 && !STOP_WORDS.has(w) && !/^(task|tasks|one|thing|it|that|this)$/.test(w))
    .map(stem);
}

/**
 * The task whose title best shares the target's words (stemmed), or null when nothing shares any.
 * An id is accepted only when it is one of the user's own tasks passed in.
 */
export function matchTask<T extends NamedTask>(target: string, tasks: readonly T[], rawMessage = ""): T | null {
  for (const id of rawMessage.match(UUID) ?? []) {
    const own = tasks.find((t) => t.id.toLowerCase() === id.toLowerCase());
    if (own) return own;
  }
  const wanted = keys(target);
  if (wanted.length === 0) return null;
  let best: { task: T; score: number } | null = null;
  for (const task of tasks) {
    const have = new Set(keys(task.title));
    const hits = wanted.filter((w) => have.has(w) || [...have].some((h) => h.length >= 4 && w.length >= 4 && (h.startsWith(w) || w.startsWith(h)))).length;
    if (hits === 0) continue;
    // Share of the target's words found, ties broken by the shorter (closer) title.
    const score = hits / wanted.length - have.size / 1000;
    if (!best || score > best.score) best = { task, score };
  }
  return best && best.score >= 0.3 ? best.task : null;
}
