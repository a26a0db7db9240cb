// Splitting for the offline capture: a brain dump or a pasted email → the pieces that may each be one
// task. Drops greetings, sign-offs, quoted replies and headers; splits on lines, bullets, sentences,
// commas, "and", "also" and "then" — but keeps "milk and eggs" together as one errand.
import { expandDateShorthand } from "./capture-dates";
import { baseOfGerund, IMPERATIVE_VERBS, STOP_WORDS } from "./text";

export interface Piece {
  /** The clause itself, as typed (shorthand such as "tmrw" spelled out). */
  text: string;
  /** The whole sentence it came from, for notes. */
  sentence: string;
  /** A "because …" / "so I can …" part cut off the clause. */
  tail: string | null;
  /** A question the sender asks (email), answered by replying rather than by doing. */
  question: boolean;
  /** Which sentence it came from (clauses of one sentence may share a deadline). */
  sentenceId: number;
  /** How it was joined to the clause before it in its sentence ("" for the first, " and ", ", "). */
  joinedBy: string;
}

export interface Prepared {
  pieces: Piece[];
  /** The text reads as a message from someone else (greeting, sign-off or mail headers). */
  isMessage: boolean;
  /** Who wrote it, from the sign-off ("Thanks, Ana"), when the text is a message. */
  sender: string | null;
}

const GREETING =
  /^(?:(?:[Hh]i|[Hh]ello|[Hh]ey|[Hh]iya|[Dd]ear|HI|HELLO|HEY)(?:\s+(?:all|everyone|team|folks|guys|there|y'all|[\p{Lu}][\p{L}'’-]*(?:\s+[\p{Lu}][\p{L}'’-]*)?))?|[Gg]ood (?:morning|afternoon|evening)(?:\s+(?:all|everyone|team|folks))?|[Gg]reetings|(?:[Tt]eam|[Aa]ll|[Ee]veryone|[Ff]olks|[Gg]uys)(?=\s*,))\s*[,!:.—–-]+\s*/u;
const SIGN_OFF =
  /^(?:thanks|thank you|thx|ty|many thanks|thanks so much|thanks a lot|thanks in advance|cheers|best|best wishes|best regards|kind regards|warm regards|regards|all the best|love|lots of love|speak soon|talk soon|see you|see ya|take care|ta|yours|sincerely|yours sincerely|yours truly|xo|xx|x)\b[\s,!.]*(?:so much|a lot|again|in advance)?[\s,!.]*/i;
/** A sender's name after a sign-off, perhaps with a role: "Ana", "Sarah Lee", "Mike (Landlord)", "Events Team". */
const NAME = /^([\p{Lu}][\p{L}'’-]{1,30})(?:\s+[\p{Lu}][\p{L}'’-]{1,30})?(?:\s*\([^)]{1,40}\))?[\s.!]*$/u;
const CALENDAR_WORD = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|tomorrow|today|tonight|soon|later|then|there)\b/i;
const HEADER = /^(?:from|to|cc|bcc|sent|date|subject|re|fwd?|reply-to)\s*:/i;
const ABBREVIATION = /\b(?:dr|mr|mrs|ms|st|vs|etc|e\.g|i\.e|approx|no|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)\.$/i;
const BULLET = /^\s*(?:[-*•·▪◦>+]|\d{1,2}[.)]|\[\s?[xX]?\s?\]|[a-z][.)](?=\s))\s*/;

/** Words of feeling and filler ("ugh so much", "I'm so tired"): a piece made only of these is no task. */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  `ugh urgh argh omg oh ok okay okey yeah yep yes no nope hmm hm um uh well lol lmao haha wow sigh jeez god gosh man damn dang
  crazy busy hectic insane mad tired exhausted stressed overwhelmed swamped drowning behind anxious worried frustrated sad
  so much many things stuff everything lot lots loads tons ton week day today life brain dump list todo to-do todos dumping
  going on feel feeling felt i'm im am is was are be being this that it it's its what where why how start even keep right
  too very really just like kinda sorta literally honestly basically anyway anyways whatever help please thanks thank
  guess think know mean need needs want wanna gotta here there now again still also more less all some quite hey hi hello
  pretty super such totally seriously though but and or so then already yet mind head`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/** Lead-ins that make a clause the user's own action: "I need to", "remember to", "please". */
export const LEAD_IN =
  /^(?:(?:i|we)\s+(?:(?:really|still|also|definitely|seriously|probably|just|totally|completely|almost|nearly|actually|kinda|kind of|so|literally)\s+)*(?:need|have|has|got|gotta|must|should|ought|want|wanna|plan|promised|keep forgetting|always forget|forgot|have got|'ve got|'ll|will|'m going|am going|'d like|would like|can|could|may|might)\b|(?:need|needs|have|has|got|gotta|must|should|ought)\s+to\b|gotta\b|remind me\b|remember\b|don'?t forget\b|do not forget\b|make sure(?=\s+(?:to|you|u)\b)|please\b|pls\b|plz\b|kindly\b|(?:can|could|would|will)\s+(?:you|u)\b|would you mind\b|let'?s\b|todo\s*:|to-do\s*:|reminder\s*:|note to self\s*:?)/i;

const CONNECTOR =
  /^(?:and|also|then|plus|oh|but|so|or|ok(?:ay)?|btw|p\.?s\.?|and also|and then|oh and|as well as|maybe|perhaps|probably|really|definitely|actually|finally|just|still|somehow|ideally|hopefully|at some point|at least|honestly|literally|seriously|tbh|ngl|omg|ugh|argh|oops|yikes|crap|damn|shoot|jeez|wow|hmm|lol|anyway|anyways|right|well|to|someday|some day|one day|eventually|sometime)\b[\s,]*/i;
/** "urgent:", "brain dump:", "todo -": a label in front of the clause, not part of the task. */
const LABEL =
  /^(?:ok(?:ay)?\s+)?(?:(?:urgent|important|asap|todo|to-?dos?|to do|tasks?|brain ?dump|braindump|reminders?|remember|note to self|notes?|fyi|errands?|work|home|personal|admin|misc|also|ps|p\.s\.|can'?t forget|don'?t forget|do not forget|must do|must remember)\s*(?:[:\-–—]\s+|:)|(?:just a |a |friendly |gentle |quick )?(?:reminder|heads[- ]up)(?: that| to)?\s*[:\-–—]?\s+|(?:just )?(?:fyi|so you know|to let you know)(?: that)?,?\s+)/i;

/** Drops a leading label ("urgent:", "brain dump:") and connectors ("and", "also", "maybe"). */
export function stripLabel(text: string): string {
  const t = text.trim().replace(LABEL, "");
  return t.length > 0 ? t : text.trim();
}

/** Drops "and", "also", "oh and" … from the front of a clause. */
export function stripConnectors(text: string): string {
  let t = text.trim();
  for (let guard = 0; guard < 4; guard++) {
    const next = t.replace(CONNECTOR, "").trim();
    if (next === t) break;
    t = next;
  }
  return t;
}

const AFTER_VERB = new Set([
  "the", "a", "an", "my", "your", "his", "her", "their", "our", "its", "this", "that", "these", "those", "some", "any",
  "all", "it", "them", "him", "me", "us", "up", "out", "down", "off", "away", "back", "in", "on", "over", "through", "to",
  "for", "with", "at", "into", "round", "around", "both", "everything", "something", "what", "how",
]);

/** Words that are nouns, not orders, when "due", "for", "with" … follows ("report due friday", "call with Sam"). */
export const NOUN_FIRST: ReadonlySet<string> = new Set(
  `report email call text list book file order walk run review note record work visit plan test check quote bill post date
  demo pitch schedule present training shop rent lunch dinner fax budget design draft estimate ring sign park return time
  hike swim interview meeting invoice transfer deposit class cover change trip flight party drinks coffee water`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
const NOUN_FOLLOW = /^(?:due|is|are|was|were|for|with|at|on|by|from|about|tomorrow|today|tonight|next|this|meeting|appointment|review|deadline|stuff|things|bill|bills|meter|company|supplier)$/;

/** Verbs that make a whole clause on their own ("exercise", "tidy up"). */
const INTRANSITIVE = new Set(["exercise", "run", "walk", "swim", "meditate", "stretch", "rest", "relax", "shower", "sleep", "study", "revise", "shop", "clean", "tidy", "hoover", "vacuum", "declutter", "pack", "unpack", "cook", "practise", "practice", "journal", "jog", "cycle", "read", "nap", "stretch", "dust", "iron"]);
const PARTICLES = /^(?:up|out|off|down|in|back|away|over|through|around)$/;

/** Verbs people type that the shared lexicon lacks. */
const EXTRA_VERBS = new Set(["rsvp", "venmo", "whatsapp", "ping", "dm", "zoom", "facetime", "skype", "nudge", "chase", "google", "reply", "respond", "rebook", "unsubscribe", "resubmit", "reorder", "restock", "top"]);

export function isVerb(word: string): boolean {
  const w = word.toLowerCase();
  return IMPERATIVE_VERBS.has(w) || EXTRA_VERBS.has(w);
}

/** The base verb a clause starts with ("buying milk" → "buy"), or null when it starts with a noun. */
export function leadingVerb(text: string): string | null {
  const toks = text.trim().split(/\s+/).filter((t) => t.length > 0);
  const w0 = (toks[0] ?? "").toLowerCase().replace(/[^\p{L}'-]/gu, "");
  const raw1 = (toks[1] ?? "").replace(/[^\p{L}\p{N}'-]/gu, "");
  const w1 = raw1.toLowerCase();
  const base = isVerb(w0) ? w0 : baseOfGerund(w0);
  if (!base) return null;
  if (!w1) return INTRANSITIVE.has(base) ? base : null;
  if (NOUN_FIRST.has(w0) && NOUN_FOLLOW.test(w1)) return null;
  if (AFTER_VERB.has(w1) || PARTICLES.test(w1) || /^\d/.test(w1) || /^\p{Lu}/u.test(raw1)) return base;
  // "water plants", "book flights", "order more ink": a verb before a plain noun.
  return base;
}

const SUBJECT_CLAUSE =
  /^(?:the|my|our|your|his|her|their|this|that|these|those)?\s*[\p{L}\p{N}'’ -]{1,40}?\s+(?:is|are|was|'s|needs?|has to|have to|must|should|due|go(?:es)? out|ran out|running out|broke|broken|leaks?|leaking)\b/iu;

/** True when a clause is a task of its own (not the second half of "milk and eggs"). */
export function isClause(text: string): boolean {
  const t = stripConnectors(text);
  if (!t) return false;
  if (LEAD_IN.test(t) || /^(?:i|we|i'm|we're|i've|we've|i'll|we'll|i'd|we'd)\s/i.test(t)) return true;
  if (leadingVerb(t)) return true;
  return SUBJECT_CLAUSE.test(t) && /\b(?:due|needs?|has to|have to|must|broke|broken|leak|out|is on|are on)\b/i.test(t);
}

/** True when a piece carries nothing to do ("ugh so much", "I'm so tired", "thanks!"). */
export function isFiller(text: string): boolean {
  const ws = (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).map((w) => w.replace(/’/g, "'"));
  if (ws.length === 0) return true;
  // Wishes of a tired person, not tasks: "just want to sleep", "I wanna give up".
  if (/^(?:(?:i|we)\s+)?(?:(?:just|really|honestly|so)\s+)*(?:want|wanna|need) to (?:sleep|cry|scream|nap|rest|lie down|give up|quit|hide|run away|go home|stay in bed|do nothing|disappear)\b/i.test(text.trim())) return true;
  if (/^(?:(?:just\s+)?checking in|hope (?:you|all|this)\b|how are (?:you|things)|long time no see)/i.test(text.trim())) return true;
  if (/^(?:i'm|im|i am|we're|feeling|feel)\s+(?:so\s+|really\s+|very\s+|a bit\s+|kinda\s+)?(?:tired|stressed|overwhelmed|behind|exhausted|anxious|swamped|busy|lost|stuck|drowning|done|fried)\b/i.test(text.trim())) return true;
  return ws.every((w) => FILLER_WORDS.has(w) || STOP_WORDS.has(w));
}

function normalise(text: string): string {
  return expandDateShorthand(
    text
      .replace(/\r\n?/g, "\n")
      .replace(/[“”]/g, '"')
      .replace(/[‘’]/g, "'")
      .replace(/\t/g, " ")
      .replace(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{FE0F}\u{200D}]/gu, " "),
  );
}

/** Lines of the text without mail headers, quoted replies and the signature block. */
function bodyLines(text: string): { lines: string[]; headers: boolean } {
  const out: string[] = [];
  let headers = false;
  for (const line of text.split("\n")) {
    const l = line.trim();
    if (/^--\s*$/.test(l) || /^sent from my\b/i.test(l) || /^on .{4,80} wrote:$/i.test(l) || /^-{3,}\s*(?:original|forwarded) message/i.test(l)) break;
    if (/^>/.test(l)) continue;
    if (HEADER.test(l)) {
      headers = true;
      continue;
    }
    out.push(line);
  }
  return { lines: out, headers };
}

/** Paragraph lines wrapped mid-sentence are joined; list lines and bullets stay apart. */
function blocks(lines: string[]): string[] {
  const out: string[] = [];
  let prevWrapped = false;
  for (const line of lines) {
    const isBullet = BULLET.test(line);
    const l = line.replace(BULLET, "").trim();
    // Blank lines and headings ("Tasks for this week:") hold no task themselves.
    if (!l || (!isBullet && /:$/.test(l) && l.split(/\s+/).length <= 6)) {
      prevWrapped = false;
      continue;
    }
    const last = out[out.length - 1];
    if (last !== undefined && prevWrapped && !isBullet && /^[\p{Ll}\d]/u.test(l)) out[out.length - 1] = `${last} ${l}`;
    else out.push(l);
    prevWrapped = !isBullet && l.length > 50 && !/[.!?:;]$/.test(l);
  }
  return out;
}

function sentences(block: string): string[] {
  const parts = block.split(/(?<=[.!?]+)\s+(?=\S)|\s*;\s*/);
  const out: string[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last !== undefined && (ABBREVIATION.test(last) || /\d\.$/.test(last) && /^\d/.test(part))) out[out.length - 1] = `${last} ${part}`;
    else out.push(part);
  }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

const SPLIT = /(\s*,\s*(?:and\s+|then\s+|also\s+|plus\s+|but\s+|oh\s+and\s+)*|\s+(?:and\s+)?(?:then|also|plus)\s+|\s+and\s+|\s+&\s+|\s+\+\s+)/i;
const SUBORDINATE = /\s*,?\s+(?:so (?:that )?(?:i|we|you|he|she|they|it)\b|because\b|cause\b|since (?:i|we|it)\b|as (?:i|we) (?:need|want|have)\b|in case\b|which\b|if (?:possible|you can|you could|that'?s ok|poss)\b|when (?:you|they|it|he|she|we|i)\b|otherwise\b|before (?:i|you|we|they|he|she|it)\b|while (?:i|you|we|they)\b)/i;

/** One sentence → its clauses: split at commas and conjunctions only where a new task starts. */
function clauses(sentence: string): Array<{ text: string; tail: string | null; joinedBy: string }> {
  const parts = stripLabel(sentence).split(SPLIT);
  const segs: Array<{ sep: string; text: string }> = [{ sep: "", text: parts[0] ?? "" }];
  for (let i = 1; i < parts.length; i += 2) segs.push({ sep: parts[i] ?? "", text: parts[i + 1] ?? "" });
  // A list of bare nouns ("emails, taxes, dentist") is a list of tasks; after a verb it is that verb's objects.
  const first = stripConnectors(segs[0]?.text ?? "");
  const nounList = !isClause(first) && !isFiller(first);
  const items: Array<{ text: string; joinedBy: string }> = [];
  for (const seg of segs) {
    const prev = items[items.length - 1];
    const comma = seg.sep.includes(",");
    const meaningfulPrev = prev !== undefined && !isFiller(prev.text) && !/^(?:i|we|you|oh|ok|so)$/i.test(stripConnectors(prev.text));
    const strong = /\bthen\b/i.test(seg.sep);
    const fresh = isClause(seg.text) || ((nounList && comma) || strong) && !isFiller(seg.text);
    if (prev === undefined || (fresh && meaningfulPrev) || isFiller(prev.text)) items.push({ text: seg.text, joinedBy: prev === undefined ? "" : seg.sep });
    else prev.text = `${prev.text}${seg.sep}${seg.text}`;
  }
  return items
    .map((item) => {
      const m = SUBORDINATE.exec(item.text);
      const text = m ? item.text.slice(0, m.index) : item.text;
      const tail = m ? item.text.slice(m.index).replace(/^[\s,]+/, "").replace(/[.!?]+$/, "").trim() : null;
      return { text: stripLabel(text.trim().replace(/^[,;:\s]+|[,;:\s]+$/g, "")), tail: tail || null, joinedBy: item.joinedBy };
    })
    .filter((c) => c.text.length > 0);
}

/** Splits free text into pieces that may each be a task, and tells whether it is someone's message. */
export function prepare(text: string): Prepared {
  const { lines, headers } = bodyLines(normalise(text));
  let greeted = false;
  let sender: string | null = null;
  const sentenceList: string[] = [];
  for (const block of blocks(lines)) {
    for (let s of sentences(block)) {
      const g = GREETING.exec(s);
      if (g && (sentenceList.length === 0 || /^(?:hi|hello|hey|dear)\b/i.test(s))) {
        greeted = true;
        s = s.slice(g[0].length).trim();
        if (!s) continue;
      }
      const signOff = SIGN_OFF.exec(s);
      if (signOff && !/^thank\s+(?!you\b)\S/i.test(s)) {
        const rest = s.slice(signOff[0].length).trim();
        const name = NAME.exec(rest) && !CALENDAR_WORD.test(rest) ? NAME.exec(rest) : null;
        if (!rest || name) {
          if (name?.[1]) sender = name[1];
          greeted ||= Boolean(name);
          sentenceList.push("\u0000");
          continue;
        }
      }
      // A lone name after a sign-off ("Best,\nAna").
      if (sentenceList[sentenceList.length - 1] === "\u0000" && NAME.test(s)) {
        sender = NAME.exec(s)?.[1] ?? sender;
        greeted = true;
        continue;
      }
      sentenceList.push(s);
    }
  }
  const isMessage = headers || greeted || sender !== null;
  const pieces: Piece[] = [];
  sentenceList.forEach((sentence, sentenceId) => {
    if (sentence === "\u0000") return;
    const question = /\?\s*$/.test(sentence) && !/^(?:please\s+)?(?:can|could|would|will)\s+(?:you|u)\b/i.test(stripLabel(sentence));
    for (const c of clauses(sentence.replace(/[?]+\s*$/, ""))) pieces.push({ ...c, sentence, question, sentenceId });
  });
  return { pieces, isMessage, sender };
}
