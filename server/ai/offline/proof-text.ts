// The offline checker's judgement of a written proof: is it about the task (its words, or words of
// the same kind of task), does it say the task is done (not "later", "instead", "didn't"), and does it
// carry a detail that restating the task wouldn't (numbers, durations, what exactly was done)?
import type { Kind } from "./classify";
import { COMPLETION_WORDS, contentWords, relation, type TaskVocabulary } from "./proof-words";
import { words } from "./text";

export type Verdict = "accepted" | "needs_more" | "rejected";
export interface Judgement {
  verdict: Verdict;
  confidence: number;
  reason: string;
}

const FUTURE =
  /\b(will|i'll|ill|gonna|going to|plan(?:ning)? to|about to|later|tomorrow|tonight|next (?:week|time|month|weekend)|soon|eventually|at some point|intend to|want to|hoping to|hope to|need to|have to|has to|yet to|still (?:need|have|got) to|to-?do list)\b/i;
const NEGATION =
  /\b(didn't|didnt|did not|don't|do not|couldn't|could not|can't|cannot|won't|wasn't able|was not able|weren't able|haven't|havent|have not|hasn't|has not|not yet|not done|not finished|never|no time|forgot|skipped|failed to|gave up|ran out of time|postponed|put (?:it )?off|cancel+ed|nope|nah|not really|unable)\b/i;
const ATTEMPT =
  /\b(tried|attempted|trying to|try to|nobody answered|no one answered|no answer|didn't answer|line was busy|(?:was|were) closed|(?:gym|shop|store|office|bank|library|pool|it|they|place)\s+(?:was\s+|were\s+|is\s+|had\s+)?closed)\b/i;
/** "…instead" (not "instead of"): the sentence is about what was done in place of the task. */
const SUBSTITUTE = /\binstead\b(?!\s+of)|\bstayed (?:home|in|in bed)\b/i;
const PARTIAL = /\b(half(?! an hour| hour)|halfway|partly|partially|part of|some of|most of|started|began|a bit of|almost|nearly|not all|not completely|not fully)\b/i;
const WHOLE = /\b(finished|all of it|whole|entire|completely|every|done)\b/i;
const REST_REF =
  /\b(the rest|rest of|the others?|everything else|remaining|(?:do|did|finish|finished|get to|got to|start|started|complete|completed) (?:it|this|that|them))\b/i;
const FEELING = /\b(feel like|felt like|want to|wanted to|in the mood|motivated|fancy|tired|lazy)\b/i;
const GENERIC_REF = /\b(it|this|that|everything|the whole thing|all of it|the lot|the task|them|the rest)\b/i;
const DISTRACTION =
  /\b((?:watched|watching) (?:tv|telly|netflix|youtube|videos?|a video|a film|a movie|films|movies|cartoons|shows?|series|episodes?)|scrolled|scrolling|binged|napped|played (?:a |some )?(?:game|games|video games)|video games?|youtube|netflix|tiktok|instagram|reddit|twitch|memes?)\b/i;
const NUMBER = /(?<![\p{L}])\d+(?:[.,:]\d+)?(?![\p{L}\d])|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen|half an hour|an hour)\b/giu;
const UNIT =
  /\b\d+(?:[.,]\d+)?\s*(?:min|mins|minutes?|hours?|hrs?|h|km|k|kilometres?|kilometers?|miles?|m|words?|pages?|reps?|sets?|steps|kg|lbs?|%|items?|emails?|loads?|calls?|slides?|chapters?|questions?|lines?|tests?|bags?|boxes?)\b/gi;
/** Reference numbers, ticket ids, names in quotes: the kind of detail nobody invents by accident. */
const REFERENCE = /#\s?\d+|\b(?:ref(?:erence)?|case|ticket|claim|order|confirmation|invoice)\s*(?:no\.?|number|#|id)?\s*[:#]?\s*[A-Z0-9-]{3,}\b|"[^"]{3,}"/i;

/** What to ask for when a proof is too thin, by kind of task. */
const ASK: Partial<Record<Kind, string>> = {
  exercise: "how long or how far you went",
  writing: "how many words, or what the section says",
  cleaning: "which parts you cleaned",
  laundry: "how many loads, or what's washed and put away",
  decluttering: "what went out, or how many bags",
  communication: "who you spoke to and what came of it",
  studying: "one idea you took from it",
  admin: "a reference number, or what you sent",
  appointment: "the date and time you booked",
  shopping: "what you bought",
  cooking: "what you made",
  coding: "the commit, pull request or what changed",
  garden: "what you did in the garden",
  presentation: "how many slides, or how the run-through went",
  jobsearch: "which role, or what you sent",
};

export function askFor(kind: Kind): string {
  return ASK[kind] ?? "one concrete detail: what exactly, how much or how long";
}

function clauses(text: string): string[] {
  return text
    .split(/[.;:!?]+(?=\s|$)|\n+|,(?!\d)|\s+(?:but|however|although|though|except)\s+|\s+and\s+(?=(?:i\s+)?(?:will|i'll|gonna|going to|didn't|did not|couldn't|haven't|still|not)\b)/i)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

interface Clause {
  text: string;
  negative: boolean;
  substitute: boolean;
  /** Task words (own or family) the clause mentions, outside any "instead of …" phrase. */
  relevant: number;
  content: string[];
}

function readClause(text: string, vocab: TaskVocabulary, screens: boolean): Clause {
  // "instead of writing the intro": those words are what did NOT happen, so they don't count as relevant.
  const kept = text.replace(/\binstead of\s+(?:\S+\s*){1,4}/i, " ");
  const content = contentWords(kept);
  const relevant = content.filter((w) => relation(w, vocab) !== null).length;
  const substitute = SUBSTITUTE.test(text) || (DISTRACTION.test(text) && !screens);
  // A bare "no" ("lol no", "no.") answers the question; in a longer sentence it rarely does ("no stops").
  const bareNo = /\bno\b/i.test(text) && words(text).length <= 3;
  const negative = FUTURE.test(text) || NEGATION.test(text) || ATTEMPT.test(text) || substitute || bareNo;
  return { text, negative, substitute, relevant, content };
}

function clamp(n: number): number {
  return Math.round(Math.min(0.95, Math.max(0.3, n)) * 100) / 100;
}

function quote(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length > 40 ? `${t.slice(0, 37)}…` : t;
}

/** Judges written proof for a task, with the task's vocabulary and kind (see proof-words.ts, classify.ts). */
export function judgeText(text: string, task: { title: string; vocab: TaskVocabulary; kind: Kind }): Judgement {
  const ask = askFor(task.kind);
  // Screens are a distraction unless the task is about them ("Watch the lecture", "Post the video").
  const screens = task.vocab.own.some((w) => /^(watch|video|film|movi|show|tv|game|youtub|stream|episod|post|upload|record)/.test(w));
  const all = clauses(text).map((c) => readClause(c, task.vocab, screens));
  if (all.length === 0) {
    return { verdict: "needs_more", confidence: 0.8, reason: `There's nothing written yet. Add ${ask}.` };
  }
  const positive = all.filter((c) => !c.negative && c.relevant > 0);
  const kept = all.filter((c) => !c.negative);
  // A negative sentence counts against the task when it is about it: its words, "did something else
  // instead", or — on its own — "it"/"not yet". Next to a sentence saying what was done, only the
  // task's words or "the rest" count, and feelings ("didn't feel like it, went anyway") don't.
  const standalone = positive.length === 0;
  const notDone = all.filter(
    (c) =>
      c.negative &&
      (c.substitute ||
        (c.relevant > 0 && (standalone || !FEELING.test(c.text))) ||
        (standalone ? GENERIC_REF.test(c.text) || words(c.text).length <= 5 : REST_REF.test(c.text))),
  );
  const relevant = kept.reduce((n, c) => n + c.relevant, 0);
  const keptText = kept.map((c) => c.text).join(". ");

  if (positive.length === 0) {
    const first = notDone[0];
    if (first) {
      return {
        verdict: "rejected",
        confidence: first.substitute ? 0.85 : 0.8,
        reason: first.substitute
          ? `That sounds like something else was done instead ("${quote(first.text)}"), so no proof bonus this time.`
          : `This says it isn't done yet ("${quote(first.text)}"). No bonus now; add proof once it's done.`,
      };
    }
    const content = kept.flatMap((c) => c.content).filter((w) => !COMPLETION_WORDS.has(w));
    if (content.length <= 1 && !keptText.match(NUMBER)) {
      return { verdict: "needs_more", confidence: 0.75, reason: `"${quote(text)}" alone doesn't show what you did. Add ${ask}.` };
    }
    // Unrelated words but a reference to "it" or a number: maybe about the task in words I don't know.
    if (GENERIC_REF.test(text) || keptText.match(NUMBER)) {
      return { verdict: "needs_more", confidence: 0.55, reason: `I can't tell how this shows "${task.title}". Add ${ask}.` };
    }
    return { verdict: "rejected", confidence: 0.6, reason: `This doesn't seem to be about "${task.title}".` };
  }

  const partial = PARTIAL.test(keptText) && !WHOLE.test(keptText);
  const rest = notDone[0];
  if (rest || partial) {
    return {
      verdict: "needs_more",
      confidence: 0.65,
      reason: rest
        ? `A good part is done, but "${quote(rest.text)}" says some is still open. Add proof when it's finished.`
        : "Sounds like a solid start rather than the whole thing. Add proof once it's finished.",
    };
  }

  // Detail: what the proof says beyond the task's own words, plus numbers, units and references.
  const taskWords = new Set(task.vocab.own);
  const fresh = new Set(
    kept.flatMap((c) => c.content).filter((w) => !COMPLETION_WORDS.has(w) && relation(w, { own: [...taskWords], related: [] }) === null),
  );
  const numbers = Math.min(2, keptText.match(NUMBER)?.length ?? 0);
  const units = Math.min(2, keptText.match(UNIT)?.length ?? 0);
  const reference = REFERENCE.test(keptText) ? 2 : 0;
  const detail = fresh.size + 2 * numbers + units + reference;
  if (detail >= 3) {
    return {
      verdict: "accepted",
      confidence: clamp(0.62 + 0.04 * Math.min(detail - 3, 6) + 0.03 * Math.min(relevant, 3)),
      reason: numbers + units > 0 ? "Specific and on task, with numbers to back it up. Nice work." : "Specific and clearly about the task. Nice work.",
    };
  }
  return {
    verdict: "needs_more",
    confidence: 0.65,
    reason: detail === 0 ? `That restates the task. Add ${ask}.` : `On the right track. Add ${ask} to earn the bonus.`,
  };
}
