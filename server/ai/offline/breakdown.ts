// Offline task breakdown: deterministic, template-based steps for a task (or a step of one) when no LLM is available.
import { actionFor, generic, microGeneric } from "./actions";
import { classify, type Kind, VERB_KIND } from "./classify";
import { buildCtx, type Ctx, definite, f, type Fine } from "./context";
import { applyMemory, type BreakdownMemory, dropUnwanted, memoryNote } from "./personal";
import { condense, MAX_TITLE, shape, type Spiciness, STEP_TARGET } from "./shape";
import { KIND_TEMPLATES } from "./templates";
import {
  capitalise,
  cleanText,
  clip,
  decapitalise,
  IMPERATIVE_VERBS,
  keyWords,
  mentions,
  parseTitle,
  pick,
  startsVerbPhrase,
  toSecondPerson,
  WEAK_VERBS,
} from "./text";

export type { Spiciness };
export { STEP_TARGET };

export interface BreakdownInput {
  title: string;
  notes?: string | null;
  spiciness: Spiciness;
  /** Ancestors when breaking down a step, nearest last. */
  parentTitles?: string[];
  /** The user's past breakdowns of similar tasks and their edits of those steps (server/chains/breakdown.ts). */
  memory?: BreakdownMemory;
}

export interface BreakdownStep {
  title: string;
  estimateMinutes: number;
}

export interface BreakdownResult {
  /** Which template family matched, e.g. "cleaning" | "writing" | "generic". */
  kind: string;
  steps: BreakdownStep[];
  firstTinyStep: string;
  tip: string;
}


interface Chosen {
  kind: string;
  fine: Fine[];
  ctx: Ctx;
}

/** Picks the template for one title: kind template first for tasks, action template first for steps. */
function choose(title: string, notes: string | null, parents: string[], stepMode: boolean): Chosen {
  const classification = classify(title, notes);
  const ctx = buildCtx(title, notes, classification, parents, stepMode);
  const kind: Kind = classification.kind;
  const parentKind = parents.length > 0 ? classify(parents[parents.length - 1] ?? "").kind : null;
  const byKind = (): Chosen | null => {
    if (kind === "generic") return null;
    const template = KIND_TEMPLATES[kind];
    const fine = template ? template(ctx) : null;
    return fine && fine.length >= 3 ? { kind, fine, ctx } : null;
  };
  const byAction = (): Chosen | null => {
    const action = actionFor(ctx);
    const fine = action ? action.template(ctx) : null;
    return action && fine && fine.length >= 3 ? { kind: action.family, fine, ctx } : null;
  };
  const fallback = (): Chosen => ({ kind: "generic", fine: generic(ctx) ?? [], ctx });
  if (stepMode) {
    // Never answer a step with its parent's own plan (e.g. "Fill in the tax return" → the whole taxes template).
    const parentTitle = parents[parents.length - 1] ?? "";
    const parentPlan = new Set(choose(parentTitle, null, [], false).fine.map((s) => norm(s.title)));
    const fresh = (c: Chosen | null): Chosen | null =>
      c && c.fine.filter((s) => parentPlan.has(norm(s.title))).length < 2 ? c : null;
    const action = fresh(byAction());
    if (action) return withFollowUp(action);
    // Only trust the kind when the step's own verb says it ("Book …" → appointment), not a noun it mentions.
    const verbKind = ctx.verb ? VERB_KIND[ctx.verb] : undefined;
    const sameKindAsParent = kind === parentKind && parentKind !== "generic";
    if (verbKind === kind && !sameKindAsParent) {
      const byK = fresh(byKind());
      if (byK) return withFollowUp(byK);
    }
    return withFollowUp({ kind: "generic", fine: microGeneric(ctx) ?? [], ctx });
  }
  return withFollowUp(byKind() ?? byAction() ?? fallback());
}

/** "Read the draft and fix the typos": the follow-up action ("Fix the typos") becomes a step of its own. */
function withFollowUp(chosen: Chosen): Chosen {
  const m = /\s(?:and|then|,)\s+([\p{L}'-]+)\s+(.+)$/u.exec(chosen.ctx.parsed.object);
  const verb = m?.[1]?.toLowerCase();
  if (!m || !verb || !startsVerbPhrase([verb, ...(m[2] ?? "").split(" ")], 0) || WEAK_VERBS.has(verb)) return chosen;
  const step = f(capitalise(`${verb} ${clip(m[2] ?? "", 120)}`), 5, 1);
  if (chosen.fine.some((s) => s.title.toLowerCase() === step.title.toLowerCase())) return chosen;
  const fine = [...chosen.fine];
  fine.splice(Math.max(1, fine.length - 1), 0, step);
  return { ...chosen, fine };
}

// ───────────────────────────── compound titles ─────────────────────────────

const INTRANSITIVE = new Set(["wash up", "tidy up", "clean up", "exercise", "run", "walk", "swim", "meditate", "stretch", "rest", "relax", "shower", "sleep"]);

/** "Buy milk and call mum" → ["Buy milk", "call mum"]; a single task → [title]. */
export function splitClauses(title: string, stepMode = false): string[] {
  const clean = cleanText(title);
  const verbLed = (piece: string) => {
    const parsed = parseTitle(piece);
    if (!parsed.verb) return false;
    if (/^(and|or|but|then|with|of)\b/i.test(parsed.object)) return false; // "place and interviewer names"
    return parsed.object.length > 0 || INTRANSITIVE.has(parsed.verb);
  };
  const splitBy = (re: RegExp) =>
    clean
      .split(re)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
  // Strong separators first ("A, then B; C"), so a list inside one clause ("timing, state, order") stays whole.
  const commas = splitBy(/\s*;\s*|\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and then\s+|\s+then\s+/i);
  if (commas.length >= 2 && commas.length <= 8 && commas.every(verbLed)) return commas;
  const strong = splitBy(/\s*;\s*|\s*,\s*(?:and\s+)?then\s+|\s+and then\s+|\s+then\s+/i);
  if (strong.length >= 2 && strong.length <= 8 && strong.every(verbLed)) return strong;
  // In a step, "Read the draft and fix the typos" is one action with a follow-up, not two jobs.
  if (stepMode) return [clean];
  const weak = splitBy(/\s*;\s*|\s*,\s*(?:and\s+|then\s+|and then\s+)?|\s+and then\s+|\s+then\s+|\s+and\s+|\s+&\s+|\s+\+\s+/i);
  if (weak.length >= 2 && weak.length <= 8 && weak.every(verbLed)) return weak;
  return enumeration(clean) ?? [clean];
}

/**
 * "Sort out everything before Friday including the car insurance, the council tax letter and the dentist"
 * → ["Sort out the car insurance", "Sort out the council tax letter", "Sort out the dentist"].
 */
function enumeration(clean: string): string[] | null {
  const parsed = parseTitle(clean);
  const listStart = /\b(?:including|includes|like|such as|namely|e\.g\.?)\s+|:\s*/i.exec(parsed.object);
  const listText = listStart ? parsed.object.slice(listStart.index + listStart[0].length) : parsed.object;
  const items = listText
    .split(/\s*,\s*(?:and\s+|plus\s+|or\s+)?|\s+and\s+|\s+plus\s+|\s*;\s*/i)
    .map((item) => item.trim().replace(/[.!?]+$/, ""))
    .filter((item) => item.length > 1 && !/\b(whatever|anything else|everything else|etc|and so on|the rest)\b/i.test(item));
  if (items.length < 3 || items.length > 5) return null;
  // Items must be things to deal with ("the council tax letter"), not fragments ("what", "when").
  if (items.some((item) => /^(what|when|where|who|why|how|which)\b/i.test(item) || item.split(" ").length < 2)) return null;
  if (!listStart && items.some((item) => item.split(" ").length > 6)) return null;
  const verb = parsed.verb && !WEAK_VERBS.has(parsed.verb) ? parsed.verb : "sort out";
  return items.map((item) => `${verb} ${item}`);
}

/** The step that does a clause's job: its own verb ("Call mum …"), else the first essential step naming it, else the first. */
function coreStepOf(clause: string, steps: Fine[]): number {
  const verb = parseTitle(clause).verb;
  const byVerb = verb ? steps.findIndex((s) => s.title.toLowerCase().startsWith(`${verb} `)) : -1;
  if (byVerb >= 0) return byVerb;
  const keys = keyWords(clause);
  const naming = steps.findIndex((s) => s.priority <= 1 && keys.some((w) => mentions(s.title, w)));
  return naming >= 0 ? naming : 0;
}

function compound(clauses: string[], parents: string[], stepMode: boolean, title: string, notes: string | null): Chosen {
  const parts = clauses.map((clause) => choose(clause, null, parents, stepMode));
  const budget = Math.max(2, Math.floor(11 / parts.length));
  const fine: Fine[] = [];
  if (!stepMode) {
    const list = clauses.map((c) => decapitalise(toSecondPerson(c))).join("; ");
    const starter = `Write the ${clauses.length} jobs on a sticky note: ${list}`;
    if (starter.length <= MAX_TITLE) fine.push(f(starter, 2, 1));
  }
  parts.forEach((part, n) => {
    const core = coreStepOf(clauses[n] ?? "", part.fine);
    const chosen = new Set<number>([0, core]);
    const ranked = part.fine.map((s, i) => ({ s, i })).slice(1).sort((a, b) => a.s.priority - b.s.priority || a.i - b.i);
    for (const { i } of ranked) {
      if (chosen.size >= budget) break;
      chosen.add(i);
    }
    part.fine.forEach((s, i) => {
      // Each part's core step stays visible when spiciness condenses steps, so no part goes missing.
      if (chosen.has(i)) fine.push(fine.length === 0 ? s : { ...s, priority: i === core ? 0 : (Math.min(s.priority, 2) as Fine["priority"]) });
    });
  });
  const kinds = [...new Set(parts.map((p) => p.kind))];
  const ctx = buildCtx(title, notes, classify(title, notes), parents, stepMode);
  return { kind: kinds.length === 1 ? (kinds[0] ?? "compound") : "compound", fine, ctx };
}

// ───────────────────────────── notes ─────────────────────────────

const DAY = "(?:mon|tues|wednes|thurs|fri|satur|sun)day";

/** Turns notes into steps: receipts to sort, deadlines, budgets, and any verb-first instructions. */
function applyNotes(fine: Fine[], ctx: Ctx, rawNotes: string): Fine[] {
  const notes = ctx.notes;
  if (!notes) return fine;
  const out = [...fine];
  const insertAt = (index: number, step: Fine) => out.splice(Math.min(Math.max(index, 1), out.length), 0, step);
  let used = false;

  if (/\breceipts?\b/.test(notes)) {
    const container = /\b(shoebox|shoe box|box|drawer|folder|envelope|bag|jar|tin|pile|wallet)\b/.exec(notes)?.[1];
    const sortStep = f(
      container ? `Tip the receipts out of the ${container} and sort them into piles by month` : "Sort the receipts into piles by month",
      10,
      1,
    );
    const existing = out.findIndex((s) => /\breceipts\b/i.test(s.title));
    if (existing > 0) out.splice(existing, 1, sortStep);
    else insertAt(2, sortStep);
    const at = out.indexOf(sortStep);
    insertAt(at + 1, f("Add up each pile of receipts and write the totals on a sticky note", 10, 2));
    used = true;
  }
  const due = new RegExp(`\\b(?:due|deadline(?: is)?|by|before)\\s+((?:next\\s+|this\\s+)?${DAY}|tomorrow|tonight|the \\d{1,2}(?:st|nd|rd|th)?(?: of \\w+)?|end of (?:the )?(?:week|month|day)|\\d{1,2}(?:st|nd|rd|th)? \\w+)`, "i").exec(cleanText(rawNotes));
  if (due?.[1]) {
    insertAt(1, f(`Put the deadline (${due[1]}) in your calendar with a reminder the day before`, 2, 1));
    used = true;
  }
  const money = /([£$€]\s?\d[\d,]*(?:\.\d\d)?)/.exec(rawNotes);
  if (money?.[1]) {
    insertAt(2, f(`Write the budget of ${money[1]} at the top of your list and keep to it`, 2, 2));
    used = true;
  }
  // Verb-first sentences in the notes are instructions the user gave themselves: keep them as steps.
  const clauses = cleanText(rawNotes)
    .split(/[.;!?\n]+|,\s*(?=then\b)/)
    .map((s) => s.trim().replace(/^then\s+/i, ""))
    .filter((s) => s.length >= 6 && s.length <= 140);
  let added = 0;
  for (const clause of clauses) {
    if (added >= 2) break;
    const parsed = parseTitle(clause);
    const first = (clause.split(" ")[0] ?? "").toLowerCase();
    if (!parsed.verb || WEAK_VERBS.has(parsed.verb) || !IMPERATIVE_VERBS.has(first)) continue;
    if (parsed.object.length === 0) continue;
    // Deadlines and budgets already became their own steps above.
    if (/\b(due|deadline|by|before)\b/i.test(clause) && due) continue;
    if (/[£$€]\s?\d/.test(clause) || /^budget\b/i.test(clause)) continue;
    insertAt(1 + added, f(capitalise(toSecondPerson(clause)), 5, 1));
    added++;
    used = true;
  }
  if (!used) {
    const text = out.map((s) => s.title).join(" ");
    const uncovered = keyWords(rawNotes).filter((w) => !mentions(text, w));
    if (uncovered.length >= 2) insertAt(1, f(`Reread your note before you start: "${clip(toSecondPerson(cleanText(rawNotes)), 100)}"`, 1, 2));
  }
  return out;
}

// ───────────────────────────── coverage, dedupe, padding ─────────────────────────────

function norm(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function dedupe(fine: Fine[]): Fine[] {
  const seen = new Set<string>();
  return fine.filter((s) => {
    const key = norm(s.title);
    if (key.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Makes sure the task's own key words appear in the steps; long messy titles get a "list the parts" starter. */
function ensureCoverage(fine: Fine[], ctx: Ctx, isCompound: boolean): Fine[] {
  const out = [...fine];
  const keys = keyWords(ctx.title);
  if (!isCompound && (ctx.title.length > 90 || keys.length > 8)) {
    const starter = `List the parts of this task on paper: ${clip(ctx.title, 150)}`;
    const first = out[0];
    if (first) out[0] = { ...first, priority: 2 };
    out.unshift(f(starter, 3, 1));
  }
  const text = () => out.map((s) => s.title).join(" ");
  let missing = keys.filter((w) => !mentions(text(), w));
  if (missing.length === 0) return out;
  if (ctx.when && missing.some((w) => mentions(ctx.when ?? "", w))) {
    const what = ctx.core || "it";
    out.splice(Math.min(2, out.length), 0, f(`Put ${what} ${ctx.when} in your calendar with a reminder`, 2, 0));
    missing = keys.filter((w) => !mentions(text(), w));
  }
  const allowed = keys.length <= 6 ? 0 : Math.floor(keys.length * 0.4);
  if (missing.length > allowed) {
    const core = definite(ctx.core || "it");
    const tailCovers = ctx.tail.length > 0 && missing.every((w) => mentions(ctx.tail, w));
    const making = /^(make|bake|cook|prepare|prep|pack|write|buy|order|wrap|decorate|build|knit|sew|draw|paint|print)$/.test(ctx.verb ?? "");
    const toInfinitive = /^to\s+([\p{L}'-]+)/u.exec(ctx.tail)?.[1]?.toLowerCase();
    if (tailCovers && making && /^for\s/i.test(ctx.tail)) out.push(f(`Get ${core} ready ${clip(ctx.tail, 80)}`, 3, 0));
    else if (tailCovers && /^to\s/i.test(ctx.tail) && !(toInfinitive && IMPERATIVE_VERBS.has(toInfinitive)) && /^(take|bring|return|send|post|give|deliver|drop off|carry)$/.test(ctx.verb ?? "")) {
      out.push(f(`Take ${core} ${clip(ctx.tail, 80)}`, 10, 0));
    } else out.push(f(`Tick off "${clip(ctx.title, 140)}" once it's all done`, 1, 0));
  }
  return out;
}

/** A step that repeats the task's own title word for word ("Throw the rubbish…" under itself) says which part it is. */
function notItself(step: Fine, title: string): Fine {
  if (norm(step.title) !== norm(toSecondPerson(cleanText(title)))) return step;
  const renamed = `Do the main part: ${decapitalise(step.title)}`;
  return renamed.length <= MAX_TITLE ? { ...step, title: renamed } : step;
}

function pad(fine: Fine[], ctx: Ctx, min: number, unwanted: (title: string) => boolean): Fine[] {
  if (fine.length >= min) return fine;
  const out = [...fine];
  const extra = generic(ctx) ?? [];
  const seen = new Set(out.map((s) => norm(s.title)));
  for (const s of extra.slice(1)) {
    if (out.length >= min) break;
    if (seen.has(norm(s.title)) || unwanted(s.title)) continue;
    out.splice(Math.max(out.length - 1, 1), 0, { ...s, priority: 3 });
    seen.add(norm(s.title));
  }
  return out;
}

// ───────────────────────────── tips ─────────────────────────────

const TIPS: Record<string, readonly string[]> = {
  cleaning: [
    "Put on a playlist and stop when it ends: a clean-enough kitchen beats a perfect one you never start.",
    "Clean in one direction round the room so you never wonder what's next.",
  ],
  laundry: ["Set a phone timer for every wash and dry cycle so clothes don't sit wet in the machine.", "Fold straight out of the dryer: it's faster while things are warm."],
  decluttering: ["Decide in 5 seconds per item: if you hesitate, it goes in a 'maybe' bag you check in a month.", "Take the donate bag to the car the same day, or it will move back in."],
  writing: ["Write the messy version first; editing a bad draft is far easier than staring at a blank page.", "Turn off spell-check while drafting and fix everything at the end."],
  communication: ["Write what you want to say before you open the app, so the message takes one go.", "Done is better than perfect: three clear sentences are enough."],
  admin: ["Keep every paper for this in one folder, so nothing has to be searched for twice.", "Do admin at your best time of day and reward yourself when it's submitted."],
  appointment: ["Book it the moment you have the number: the call is usually under 5 minutes.", "Put the reminder on your phone and a sticky note by the door."],
  shopping: ["Shop from a list grouped by aisle so you don't wander.", "Keep the list on your phone so you can add to it the moment you notice you're out."],
  cooking: ["Get everything out before you start so you never stop mid-recipe to search.", "Wash up while things simmer and the clean-up is done when you eat."],
  studying: ["Study in 25-minute blocks with a 5-minute break; stop each block mid-sentence so it's easy to restart.", "Test yourself instead of rereading: recall is what makes it stick."],
  exercise: ["Aim to show up, not to have a great session: ten minutes still counts.", "Lay out your kit the night before so starting takes no decisions."],
  coding: ["Write down each hypothesis before testing it, so you don't loop on the same idea.", "Keep a scratch file of what you tried; future-you will thank you."],
  planning: ["Decide the date first: everything else hangs off it.", "Keep every plan in one note so nothing lives only in your head."],
  moving: ["Label every box with the room and one line of contents; you'll thank yourself on unpacking day.", "Pack one box a day from now and the last week is calm."],
  jobsearch: ["Practise answers out loud, not in your head: it's the speaking that gets easier.", "Track every application in one place so follow-ups don't slip."],
  presentation: ["Rehearse out loud with a timer; the second run is always much smoother.", "One idea per slide keeps you and the audience on track."],
  diy: ["Watch one short video before you start and keep it open while you work.", "Take a photo before you take anything apart so you can put it back."],
  garden: ["Do one patch at a time and stop while you still enjoy it.", "Keep gloves and tools by the back door so starting takes seconds."],
  generic: ["Set a 10-minute timer and start with the easiest step; you can stop when it rings.", "Make the first step so small it feels silly, then do it right now."],
};

function tipFor(kind: string, title: string, notes: string): string {
  const list = TIPS[kind] ?? TIPS[kindFamily(kind)] ?? TIPS.generic ?? [];
  let tip = list.length > 0 ? pick(list, title) : "Start with the first step; it takes less than 5 minutes.";
  if (/\b(overwhelm|anxious|anxiety|scared|dread|hate|avoid|stuck|stress|panic|putting (it|this) off)/.test(notes)) {
    tip = `It's okay that this feels heavy: do only the first step, then decide whether to go on. ${tip}`;
  }
  return clip(tip, 300);
}

function kindFamily(kind: string): string {
  const map: Record<string, string> = {
    review: "writing",
    organising: "decluttering",
    research: "generic",
    deciding: "generic",
    rehearsal: "presentation",
    errand: "shopping",
    preparation: "generic",
    packing: "moving",
    visit: "generic",
    gathering: "admin",
    compound: "generic",
  };
  return map[kind] ?? "generic";
}

// ───────────────────────────── entry point ─────────────────────────────

function toSpiciness(value: number): Spiciness {
  const n = Math.round(Number.isFinite(value) ? value : 3);
  return (n <= 1 ? 1 : n >= 5 ? 5 : n) as Spiciness;
}

export function offlineBreakdown(input: BreakdownInput): BreakdownResult {
  const spiciness = toSpiciness(input.spiciness);
  const rawTitle = cleanText(input.title ?? "").length > 0 ? input.title : "this task";
  const rawNotes = typeof input.notes === "string" ? input.notes : "";
  const parents = (input.parentTitles ?? []).filter((p) => typeof p === "string" && p.trim().length > 0);
  const stepMode = parents.length > 0;

  const clauses = splitClauses(rawTitle, stepMode);
  const chosen = clauses.length >= 2 ? compound(clauses, parents, stepMode, rawTitle, rawNotes) : choose(rawTitle, rawNotes, parents, stepMode);
  let fine = applyNotes(chosen.fine, chosen.ctx, rawNotes);
  fine = ensureCoverage(fine, chosen.ctx, clauses.length >= 2);
  const applied = applyMemory(fine, rawTitle, input.memory);
  fine = dedupe(applied.fine).map((s) => notItself(s, rawTitle));
  fine = pad(fine, chosen.ctx, 8, applied.unwanted);
  // Keep at most 12 fine steps when there are extras: drop optional ones from the end first.
  while (fine.length > 12) {
    let idx = -1;
    for (let i = fine.length - 1; i > 0; i--) {
      if ((fine[i]?.priority ?? 0) >= 3) {
        idx = i;
        break;
      }
    }
    if (idx < 0) break;
    fine.splice(idx, 1);
  }
  // What the user wrote (title first, then a few words of their notes) should survive shaping.
  const keys = [...keyWords(rawTitle), ...keyWords(rawNotes).slice(0, 4)];
  const shaped = shape(fine.length > 12 ? [fine[0] as Fine, ...condense(fine.slice(1), 11, keys)] : fine, spiciness, keys);
  const steps = dropUnwanted(shaped, applied);
  const first = steps[0]?.title ?? "Write down the first thing to do";
  return {
    kind: chosen.kind,
    steps,
    firstTinyStep: first,
    tip: clip([memoryNote(applied), tipFor(chosen.kind, rawTitle, chosen.ctx.notes)].filter(Boolean).join(" "), 300),
  };
}
