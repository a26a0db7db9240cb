// Shared context for offline breakdown templates: the parsed task, helpers to phrase objects, and the Fine step type.
import type { Classification } from "./classify";
import { addDeterminer, bareNoun, cleanText, clip, parseTitle, possessive, type ParsedTitle } from "./text";

/** One fine-grained step, before spiciness merges steps together. priority 0 = must stay visible, 1 = essential, 2 = useful, 3 = optional. */
export interface Fine {
  title: string;
  minutes: number;
  priority: 0 | 1 | 2 | 3;
}

export function f(title: string, minutes: number, priority: 0 | 1 | 2 | 3 = 2): Fine {
  return { title, minutes, priority };
}

export interface Ctx {
  parsed: ParsedTitle;
  /** Cleaned title in the second person. */
  title: string;
  /** Lowercased cleaned title. */
  lower: string;
  /** Lowercased object text (what follows the verb), or the whole title when there is no verb. */
  objLower: string;
  /** Lowercased notes. */
  notes: string;
  /** Title + notes, lowercased. */
  all: string;
  verb: string | null;
  /** Object phrase, clipped for use inside a step ("the landlord about the broken heater"). */
  obj: string;
  /** Object up to the first preposition ("the landlord"). */
  core: string;
  /** Core without its determiner ("landlord"). */
  noun: string;
  tail: string;
  topic: string | null;
  /** A time phrase from the title ("on Thursday", "tomorrow"), if any. */
  when: string | null;
  parents: string[];
  classification: Classification;
  /** True when breaking down a step of a bigger task. */
  stepMode: boolean;
}

const TIME_RE =
  /\b((?:on|by|before|for|this|next|until|from)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:on|by|before)\s+the\s+\d{1,2}(?:st|nd|rd|th)?|tomorrow(?:\s+(?:morning|afternoon|evening|night))?|tonight|today|this\s+(?:week|weekend|morning|afternoon|evening|month)|next\s+(?:week|weekend|month)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

export function buildCtx(title: string, notes: string | null | undefined, classification: Classification, parents: string[], stepMode: boolean): Ctx {
  const parsed = classification.parsed.clean === cleanText(title) ? classification.parsed : parseTitle(title);
  const lower = parsed.clean.toLowerCase();
  const objectText = parsed.verb ? parsed.object : addDeterminer(parsed.clean);
  const whenMatch = TIME_RE.exec(parsed.clean);
  const when = whenMatch?.[1] ?? null;
  // The core drops time phrases: "the job interview on Thursday" → "the job interview".
  let core = parsed.verb ? parsed.core : objectText;
  if (when && core.toLowerCase().endsWith(when.toLowerCase())) core = core.slice(0, -when.length).trim();
  // Durations are not things: "for 5 minutes on the bike" → "the bike"; "2 sets for 10 minutes" → "2 sets".
  const DURATION = /\b(?:for\s+)?(?:about\s+|around\s+)?(?:\d+|a few|few|one|two|three|five|ten|fifteen|twenty|thirty|forty|an?|half an)\s*-?\s*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?)\b/gi;
  if (DURATION.test(core)) {
    const rest = (parsed.verb ? parsed.object : core).replace(DURATION, " ").replace(/\s+/g, " ").trim().replace(/^(for|on|in|at|with|of|to)\s+/i, "");
    core = rest.split(/\s+(?:about|for|from|into|with|by|on|at|in|to|before|after|until|while|during)\s+/i)[0] ?? "";
    core = /^(the|a|an|your|my)?\s*$/i.test(core) ? "" : addDeterminer(core);
  }
  // Trailing manner words are not part of the thing: "the draft out loud" → "the draft".
  for (let i = 0; i < 3; i++) {
    core = core.replace(/\s+(out loud|aloud|once|twice|again|first|carefully|quickly|properly|line by line|by hand|straight away|right away|now|one at a time|together|locally|slowly|at once|(?:\d+|two|three|four|five|ten) times(?: each)?)$/i, "");
  }
  core = clip(core, 60);
  const notesClean = cleanText(notes ?? "").toLowerCase();
  return {
    parsed,
    title: parsed.clean,
    lower,
    objLower: objectText.toLowerCase(),
    notes: notesClean,
    all: `${lower} ${notesClean}`,
    verb: parsed.verb,
    obj: clip(objectText, 80),
    core,
    noun: bareNoun(core),
    tail: parsed.tail,
    topic: parsed.topic ? clip(parsed.topic, 60) : null,
    when,
    parents,
    classification,
    stepMode,
  };
}

/** "a thank-you email" → "the thank-you email"; keeps other determiners. */
export function definite(phrase: string): string {
  return phrase.replace(/^(a|an|some)\s+/i, "the ");
}

export { possessive };

/** First regex group that matches the text, or the fallback. */
export function match(text: string, re: RegExp, fallback: string): string {
  const m = re.exec(text);
  return (m?.[1] ?? m?.[0] ?? fallback).trim();
}
