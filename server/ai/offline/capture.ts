// Offline capture: a brain dump or a pasted email → separate tasks, each with a verb-first title, a due
// date (chrono-node, on the user's wall clock in their zone), an estimate, a priority and a life area.
// Deterministic; the page labels it as the offline coach.
import { offlineAnalysis } from "./analysis";
import { findDue, formatDay, type FoundDue, parseLocalDue, validTimeZone, wallClock } from "./capture-dates";
import { prepare, type Piece } from "./capture-split";
import { makeTitle, type Titled } from "./capture-title";
import { classify } from "./classify";
import { clip } from "./text";

export const LIFE_AREAS = ["work", "health", "relationships", "home", "growth", "admin", "other"] as const;
export type LifeArea = (typeof LIFE_AREAS)[number];
export const CAPTURE_PRIORITIES = ["low", "medium", "high", "urgent"] as const;
export type CapturePriority = (typeof CAPTURE_PRIORITIES)[number];
export const MAX_CAPTURED_TASKS = 30;

export interface CaptureInput {
  text: string;
  /** The moment of capture, as an ISO instant. */
  now: string;
  /** The user's IANA time zone; relative dates are read on its wall clock. */
  timeZone: string;
}

export interface CapturedTask {
  title: string;
  notes: string | null;
  /** User-local "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm". */
  due: string | null;
  estimateMinutes: number | null;
  priority: CapturePriority;
  area: LifeArea;
}

export interface CaptureResult {
  tasks: CapturedTask[];
}

const URGENT = /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p|emergency|immediately|right away|right now|critical|top priority)\b|!!!/i;
const HIGH = /!!|\b(?:important|high priority|must|really need|don'?t forget|do not forget|deadline|overdue|final notice|last chance)\b/i;
const LOW = /\b(?:someday|some day|eventually|whenever|no rush|not urgent|low priority|at some point|if (?:i|you) (?:have|get) (?:the )?time|maybe|might|would be nice)\b/i;

/** Urgent words first, then "!!" or a deadline within a day, then "someday"; medium otherwise. */
function priorityOf(text: string, due: string | null, now: number, timeZone: string): CapturePriority {
  if (URGENT.test(text)) return "urgent";
  if (HIGH.test(text)) return "high";
  const d = due ? parseLocalDue(due) : null;
  if (d) {
    const today = wallClock(now, timeZone);
    const days = (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000;
    const minutesAhead = days * 1440 + ((d.hour ?? 23) * 60 + (d.minute ?? 59)) - (today.hour * 60 + today.minute);
    if (days <= 0 || minutesAhead <= 24 * 60) return "high";
  }
  if (LOW.test(text)) return "low";
  return "medium";
}

/** Keyword families per life area; a strong word counts 2, a weak one ("email", "call") 1. */
const AREA_RULES: Array<[LifeArea, RegExp, number]> = [
  ["health", /\b(?:meds|medication|medicine|pills|tablets|vitamins|insulin|inhaler|prescription|doctor|gp|dentist|optician|physio|therap(?:y|ist)|hospital|clinic|blood test|vaccin\w*|jab|sleep|gym|workout|yoga|pilates|running|jog|swim\w*|exercise|stretch\w*|meditat\w*|health|haircut|barber|hairdresser|steps|diet|water intake)\b/g, 2],
  ["health", /\b(?:run|walk)\b/g, 1],
  ["relationships", /\b(?:(?:dinner|lunch|brunch|drinks|coffee) with|school|mom|mum|mommy|mummy|mother|dad|daddy|father|parents|grandma|grandpa|granny|grandad|nan|nana|sister|brother|aunt|auntie|uncle|cousin|kids|children|son|daughter|baby|wife|husband|partner|girlfriend|boyfriend|friends?|family|birthday|anniversary|wedding|date night|catch up with|party|christmas cards?|thank-you|thank you card)\b/g, 2],
  ["work", /\b(?:work|office|boss|manager|team|colleagues?|clients?|customers?|report|presentation|slides|deck|project|deadline|jira|(?:jira|support) tickets?|pr|prs|pull request|deploy\w*|proposal|agenda|quarterly|q[1-4]|okrs?|kpis?|sprint|roadmap|spec|docs|conference|webinar|1:1s?|onboarding|payroll|bug|prod|production|release|login|server|code|newsletter|budget review|offsite|interview|standup|stand-up|expense report|expenses|demo|retro|review|hr|contract|flaky|test suite|doc|shared doc|financial|summary|board)\b/g, 2],
  ["work", /\b(?:e-?mails?|inbox|meeting|slack|call|budget)\b/g, 1],
  ["admin", /\b(?:rent|bills?|tax(?:es)?|tax return|insurance|passport|bank|forms?|renew\w*|licen[cs]e|visa|mortgage|council|pension|paperwork|admin|subscription|membership|direct debit|refund|claim|receipts|fine|parking ticket|mot|registration|documents?|invoice|electricity|utilities|permission slip|lease|deposit|tenancy|car service)\b/g, 2],
  ["admin", /\b(?:car|tyres?|service)\b/g, 1],
  ["home", /\b(?:plants|groceries|shopping|milk|eggs|bread|butter|cheese|coffee|dinner|cook\w*|meal|meal prep|kitchen|bathroom|bedroom|house|flat|apartment|home|bins?|trash|rubbish|recycling|laundry|washing|dishes|dish soap|fridge|freezer|oven|clean\w*|tidy\w*|hoover\w*|vacuum\w*|declutter\w*|garden|lawn|repair|paint|diy|furniture|ikea|dog|cat|pet|vet|parcel|package|plumber|electrician|leak|heating|boiler|landlord|door|dry cleaning|library books?|ink)\b/g, 2],
  ["growth", /\b(?:learn\w*|course|read(?:ing)?|novel|a book|the book|book club|study|studying|revise|revision|exams?|homework|essay|assignment|coursework|thesis|lesson|class|practi[cs]e|spanish|french|german|italian|japanese|guitar|piano|violin|duolingo|journal\w*|skill|podcast|certification|portfolio|side project)\b/g, 2],
];

const KIND_AREA: Partial<Record<string, LifeArea>> = {
  cleaning: "home", laundry: "home", decluttering: "home", cooking: "home", diy: "home", garden: "home", moving: "home", shopping: "home",
  admin: "admin", exercise: "health", studying: "growth", coding: "work", presentation: "work", jobsearch: "work",
  planning: "relationships",
};

/** The life area with the most keyword weight in the title (title words count double), else the task's kind. */
function areaOf(title: string, source: string): LifeArea {
  const scores = new Map<LifeArea, number>();
  for (const [text, factor] of [[title.toLowerCase(), 2], [source.toLowerCase(), 1]] as const) {
    for (const [area, re, weight] of AREA_RULES) {
      const hits = text.match(re)?.length ?? 0;
      if (hits) scores.set(area, (scores.get(area) ?? 0) + hits * weight * factor);
    }
  }
  let best: LifeArea | null = null;
  for (const [area, score] of scores) if (!best || score > (scores.get(best) ?? 0)) best = area;
  return best ?? KIND_AREA[classify(title).kind] ?? "other";
}

const DURATION = /(?<!\b(?:in|within|after|for the next)\s+)\b(\d{1,3}(?:\.\d)?)\s*(?:-\s*\d{1,3}\s*)?(minutes?|mins?|hours?|hrs?|h)\b/i;

/** Orders that are one message, call or click, however big the thing they mention ("RSVP to the wedding"). */
const QUICK = /^(?:rsvp|reply|respond|text|email|message|call|ring|phone|send|forward|pay|book|confirm|cancel|sign|transfer|order|schedule|remind|tell|ask|let|check|ping|whatsapp|dm)\b/i;

/** Minutes the text names ("30 min", "for 2 hours"), else the offline analysis of the title. */
function estimateOf(title: string, text: string, duration: number | null): number {
  const m = DURATION.exec(text);
  const said = duration ?? (m?.[1] && m[2] ? Math.round(Number(m[1]) * (/^h/i.test(m[2]) ? 60 : 1)) : null);
  if (said && said >= 1 && said <= 1440) return said;
  const analysed = offlineAnalysis({ title }).estimateMinutes;
  return QUICK.test(title) ? Math.min(analysed, 20) : analysed;
}

/** Removes the date words (and a preposition left hanging before them) from a clause; "Monday's pitch" keeps its words. */
function withoutSpans(text: string, spans: Array<[number, number]>): string {
  let out = text;
  for (const [start, end] of [...spans].sort((a, b) => b[0] - a[0])) {
    if (/^'s\b/.test(out.slice(end))) continue;
    const before = out.slice(0, start).replace(/\s*\b(?:on|by|before|until|till|due|at|for|from|around|this|the|no later than|latest by|first thing|sometime|some time|later)\s*$/i, " ");
    out = `${before} ${out.slice(end)}`;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** The task in a "so I need to …" tail, its "it" being the subject of the remark before it. */
function fromTail(remark: string, tail: string, ctx: Parameters<typeof makeTitle>[1]): Titled | null {
  const action = /^(?:so|because|cause|since|as)\s+(?:that\s+)?(.+)$/i.exec(tail)?.[1];
  if (!action) return null;
  const titled = makeTitle(action, ctx);
  const subject = /^((?:my|our|your|the|his|her|their)\s+[\p{L}' -]+?)\s+(?:expires?|is|are|was|runs? out|ends?|needs?|has|will|broke|stopped)\b/iu.exec(remark)?.[1];
  if (!titled || !subject) return titled;
  return { ...titled, title: titled.title.replace(/\b(?:it|them)\b/i, subject) };
}

/** The date of a sentence's label ("Friday: …", "Next week:"), when the label is nothing but a date. */
function labelDue(sentence: string, now: number, timeZone: string): string | null {
  const m = /^\s*([^:]{2,40}):\s+\S/.exec(sentence);
  if (!m?.[1]) return null;
  const found = findDue(m[1], now, timeZone);
  if (!found.due || withoutSpans(m[1], found.spans).replace(/[^\p{L}]/gu, "").length > 0) return null;
  return found.due.slice(0, 10);
}

function key(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function notesFor(piece: Piece, isMessage: boolean, sender: string | null): string | null {
  if (isMessage) return clip(`From ${sender ?? "a message"}: "${piece.sentence}"`, 1000);
  if (piece.tail) return clip(piece.tail.charAt(0).toUpperCase() + piece.tail.slice(1), 1000);
  return null;
}

interface Item extends Omit<CapturedTask, "priority"> {
  piece: Piece;
  /** The words priority is read from: the clause and any "urgent:" label of its sentence. */
  priorityText: string;
  from: Titled["from"];
  /** The due came from "by/before/until …": a deadline clauses joined by "and" share. */
  deadline: boolean;
}

/** "Pay it", "Send them": the thing is the task before, which this clause only adds a date to. */
const PRONOUN_ONLY = /^\S+(?:\s+(?:up|out|off|back|in|over))?\s+(?:it|them|this|that|these|those)$/i;

/** Clauses of one sentence joined by a bare "and" share a deadline ("review X and send me Y by Friday"). */
function shareDeadlines(items: Item[]): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    if (!a || !b || a.piece.sentenceId !== b.piece.sentenceId || !/^\s+(?:and|&)\s+$/i.test(b.piece.joinedBy)) continue;
    if (a.due && !b.due && a.deadline) b.due = a.due;
    else if (b.due && !a.due && b.deadline) a.due = b.due;
  }
}

const OCCASION = /\b(?:birthday|bday|anniversary|wedding|party|funeral|graduation|christening|baby shower|leaving do|housewarming)\b.*\s(?:is|are|was)\b/i;

/** "Mum's birthday is on the 12th, need to get her a present": the occasion dates the action in its sentence. */
function foldEvents(items: Item[]): Item[] {
  return items.filter((event) => {
    // Only an occasion ("X is on the 12th", "the check is booked for Thursday"), never a listed thing ("dentist, taxes, call mum").
    const occasion = event.from === "event" || (event.from !== "verb" && OCCASION.test(event.piece.text));
    if (!occasion) return true;
    const action = items.find((i) => i !== event && i.from === "verb" && i.piece.sentenceId === event.piece.sentenceId);
    if (!action) return true;
    action.due ??= event.due;
    const owner = /^([\p{Lu}][\p{L}'-]*|mum|mom|dad|grandma|grandpa)'s\b/iu.exec(event.piece.text)?.[1];
    if (owner) action.title = action.title.replace(/\b(?:her|him|them)\b/, owner);
    action.notes ??= clip(event.piece.text.charAt(0).toUpperCase() + event.piece.text.slice(1), 1000);
    action.area = areaOf(action.title, `${action.piece.text} ${event.piece.text}`);
    return false;
  });
}

/** "finish the draft and send it to Mark": "it" is the thing of the clause before, in the same sentence. */
function resolveIt(items: Item[]): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    if (!a || !b || a.from !== "verb" || a.piece.sentenceId !== b.piece.sentenceId) continue;
    const thing = /^\S+(?:\s+(?:up|out|off|back|in|over|through))?\s+((?:the|your|my|our|this|that)\s+[^,]+?)(?:\s+(?:to|for|with|by|about|on|at|from)\s.*)?$/i.exec(a.title)?.[1];
    if (thing && /^\S+\s+(?:it|them)\s+(?:to|for|with|over|back)\b/i.test(b.title)) b.title = b.title.replace(/\b(?:it|them)\b/i, thing);
  }
}

export function offlineCapture(input: CaptureInput): CaptureResult {
  const timeZone = validTimeZone(input.timeZone) ?? "UTC";
  const parsedNow = Date.parse(input.now);
  const datesKnown = Number.isFinite(parsedNow);
  const now = datesKnown ? parsedNow : 0;
  const { pieces, isMessage, sender } = prepare(typeof input.text === "string" ? input.text : "");
  let items: Item[] = [];
  const questions: Piece[] = [];

  const labels = new Map<number, string | null>();
  for (const piece of pieces) {
    // Without a readable moment the date words are still found (and left out of the title), but no due is guessed.
    let found: FoundDue = datesKnown ? findDue(piece.text, now, timeZone) : { ...findDue(piece.text, 0, timeZone), due: null, timeOnly: false };
    // "call the GP when they open at 8am tomorrow": the date may sit in the cut-off part.
    if (!found.due && piece.tail && datesKnown) found = { ...found, due: findDue(piece.tail, now, timeZone).due };
    // "Tomorrow: dentist at 8:30, then lunch with Mia at 1pm": a date label dates every clause of its sentence.
    if (!labels.has(piece.sentenceId)) labels.set(piece.sentenceId, datesKnown ? labelDue(piece.sentence, now, timeZone) : null);
    const label = labels.get(piece.sentenceId) ?? null;
    if (label && !found.due) found = { ...found, due: label };
    else if (label && found.due && found.timeOnly) found = { ...found, due: `${label.slice(0, 10)}${found.due.slice(10)}` };
    const rest = withoutSpans(piece.text, found.spans);
    const titleContext = { hasDue: found.due !== null, hasTime: /T/.test(found.due ?? ""), isMessage, sender };
    // "my passport expires in March so I need to renew it": the task is in the "so …" part, about the subject.
    const direct = makeTitle(rest, titleContext);
    const titled = direct ?? (piece.tail ? fromTail(rest, piece.tail, titleContext) : null);
    const previous = items[items.length - 1];
    if (!titled) {
      // "Dec 4" on its own after a comma belongs to the task before it.
      if (found.due && previous && !previous.due && rest.replace(/[^\p{L}]/gu, "").length === 0) previous.due = found.due;
      else if (isMessage && (piece.question || /\b(?:let me know|get back to me)\b/i.test(piece.text)) && rest.length > 0) questions.push(piece);
      continue;
    }
    if (previous && PRONOUN_ONLY.test(titled.title)) {
      previous.due ??= found.due;
      continue;
    }
    if (isMessage && piece.question && !/^(?:send|give|email|forward|share|tell|let|book|call|check|confirm|review|sign|pay)\b/i.test(titled.title)) {
      questions.push(piece);
      continue;
    }
    const first = found.spans.length ? Math.min(...found.spans.map(([s]) => s)) : -1;
    const words = `${piece.text} ${piece.tail ?? ""}`;
    const labelled = /^(?:urgent|asap|important)\b/i.exec(piece.sentence)?.[0] ?? "";
    items.push({
      piece,
      from: titled.from,
      deadline: first >= 0 && /\b(?:by|before|until|till|due|no later than)\s*(?:the\s+)?$/i.test(piece.text.slice(0, first)),
      title: titled.title,
      notes: direct || isMessage ? notesFor(piece, isMessage, sender) : clip(rest.charAt(0).toUpperCase() + rest.slice(1), 1000),
      due: found.due,
      estimateMinutes: estimateOf(titled.title, piece.text, found.durationMinutes),
      priorityText: `${labelled} ${words}`,
      area: areaOf(titled.title, isMessage ? piece.sentence : words),
    });
  }
  shareDeadlines(items);
  resolveIt(items);
  items = foldEvents(items);

  const tasks: CapturedTask[] = [];
  for (const { title, notes, due, estimateMinutes, priorityText, area } of items) {
    const duplicate = tasks.find((t) => key(t.title) === key(title));
    if (duplicate) duplicate.due ??= due;
    else tasks.push({ title, notes, due, estimateMinutes, priority: priorityOf(priorityText, due, now, timeZone), area });
  }

  // A sender's questions need one answer: a single reply task that lists them.
  if (questions.length > 0) {
    const asked = [...new Set(questions.map((q) => q.sentence))];
    const title = sender ? `Reply to ${sender}` : "Reply to the message";
    if (!tasks.some((t) => key(t.title) === key(title))) {
      tasks.push({
        title,
        notes: clip(`${sender ?? "They"} asked: ${asked.join(" ")}`, 1000),
        due: null,
        estimateMinutes: 10,
        priority: priorityOf(asked.join(" "), null, now, timeZone),
        area: areaOf(title, asked.join(" ")),
      });
    }
  }
  return { tasks: tasks.slice(0, MAX_CAPTURED_TASKS) };
}

/** Today on the user's calendar, "YYYY-MM-DD" (for tests and prompts). */
export function localToday(now: Date, timeZone: string): string {
  const w = wallClock(now.getTime(), validTimeZone(timeZone) ?? "UTC");
  return formatDay(w.year, w.month, w.day);
}
