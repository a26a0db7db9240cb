// Text helpers for the offline coach: imperative-verb lexicon, title parsing (verb + object), stemming and tidy-up.

/** Common imperative verbs (base forms) that can start a step or a task title. */
export const IMPERATIVE_VERBS: ReadonlySet<string> = new Set(
  `
accept access add address adjust agree air answer apply archive arrange ask assemble assess attach attend back bake
be begin bin block book bring brush buy calculate call cancel carry catch change charge chase check choose circle claim
clean clear click close collect colour color combine come compare complete compose confirm connect contact copy count
cover create cross cut dance decide declutter defrost delete deliver descale describe design disinfect do donate download
draft drain draw dress drink drive drop dry dust eat edit email empty end enter estimate exercise explain export fetch
file fill find finish fix fold follow freeze gather get give go google grab group hand handle hang have head help hide
highlight hire hold hoover hug identify implement import install invite iron join jot keep label lay lead learn leave
let lift light line list listen load lock log look make map mark measure meditate meet memorise memorize mend merge
message microwave mix mop move name note notice number offer open order organise organize outline pack paint pair
park pass paste pay peel phone photograph pick pin place plan plant play plug polish post pour practice practise
prepare prep press print prioritise prioritize proofread pull push put queue read rearrange record recycle refactor
refill register rehearse relax reload remind remove rename renew repair repeat replace reply report request research
reserve reset resize respond rest restart return reread review revise rewrite ring rinse roll run save scan schedule
scrape scrub search select sell send set sew share shop shower shred sign simmer sit skim sleep slice soak sort speak
spend split spray stack stand start stick stop store stretch strip study submit sum swap sweep swim switch take talk
tape test text thank think throw tick tidy time tip top total track transfer translate trash try turn type underline
unload unpack unplug unsubscribe update upload use vacuum verify visit wait wake walk warm wash watch water wear weigh
whisk wipe work wrap write zip commit debug deploy run rerun reproduce isolate bisect lint rebase cook chop boil fry
roast heat serve plate season grate stir jog cycle hike lift stretch warm cool declutter drop ship donate tape label
fold hem steam shop browse compare budget transfer invoice quote renew book reschedule confirm postpone print photocopy
sign scan fax return collect deliver unpack decorate celebrate host greet toast wrap sketch brainstorm rank summarise
summarize annotate outline cite reference quiz recite memorise plan pitch present rehearse demo record film edit
tell remember hang shake fluff straighten empty replace refill sweep scoop feed walk groom brush floss
approve screenshot tune speed slow fetch pop ask invite chat meet catch flip squeeze snap tear unclip unzip zip
bag box sign log mute silence charge bookmark star flag forward reorder rewrite redo undo retry tap swipe scroll
type circle underline cross highlight skim narrow shortlist trim cut chill soak hand lend borrow rent lease renew
pin clip staple punch tidy wring air hoover vacuum reheat defrost thaw marinate blend knead bake grill toast
brew buckle bathe comb shave hydrate nap breathe recharge celebrate reward treat praise notify alert warn
unsubscribe cancel pause resume finalise finalize confirm double-check recheck prep pre-heat preheat
measure drill screw unscrew sand fill seal caulk mount fit fix tighten loosen oil attach detach
mow weed prune rake dig sow repot trim sweep hose
renovate redecorate refurbish declutter reorganise reorganize rearrange
taste smell feel touch sip chew swallow spread sprinkle drizzle bring carry drag slide roll lean kneel crouch climb
reach stretch bend sweep lay stack pile spread unfold open shut close lock unlock knock ring buzz greet welcome hug thank
praise apologise apologize explain discuss negotiate agree argue debate persuade pitch propose suggest recommend advise
warn assure reassure encourage support mentor coach teach train guide show demonstrate describe define clarify
summarise paraphrase quote translate interpret analyse analyze evaluate assess judge grade mark score rate rank sort
classify categorise categorize tag label name rename number order arrange align centre center indent format style
bold italicise tidy polish refine improve fix correct amend adjust tweak update upgrade downgrade install uninstall
configure reboot restart shut power plug unplug connect disconnect pair sync backup restore recover rescue save
download upload share send receive accept decline reject ignore skip snooze dismiss archive delete trash empty purge
wipe erase clear reset refresh reload rerun retest verify validate test check inspect examine review audit monitor
watch observe track log record note jot capture photograph film scan copy print staple punch file store stash hide
keep hold grab catch throw toss drop place set position move shift swap switch exchange replace return refund
exchange donate gift give lend borrow rent hire buy purchase order reorder book reserve cancel confirm schedule
reschedule plan map outline sketch draw design draft compose write type dictate record read reread skim scan study
revise learn memorise practise practice rehearse repeat recite perform play sing dance stretch breathe relax rest
sleep nap wake rise shower bathe wash dry brush floss shave moisturise moisturize dress undress change wear pack
unpack load unload fill refill pour mix stir whisk beat fold knead roll cut chop dice slice grate peel mash boil
simmer fry saute bake roast grill toast steam microwave heat reheat warm cool chill freeze thaw defrost serve plate
eat drink feed water walk jog run sprint cycle ride drive park fuel charge pay tip budget save spend invest transfer
withdraw deposit claim invoice bill quote estimate calculate count measure weigh compare choose pick select decide
commit promise unblock lie resign peg say ensure
`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/** Two-word verbs (verb + particle) recognised at the start of a title. */
const PHRASAL = new Set([
  "pick up", "fill in", "fill out", "sign up", "set up", "sort out", "clear out", "follow up", "look up", "write down",
  "put away", "drop off", "throw out", "throw away", "tidy up", "clean up", "back up", "catch up", "hand in", "log in",
  "check in", "top up", "turn in", "work out", "call back", "ring back", "text back", "get back", "look into", "look at",
  "look for", "go through", "deal with", "work on", "think about", "read through", "wash up", "hang up", "hang out",
  "put up", "take out", "take down", "write up", "sum up", "add up", "wind down", "warm up", "cool down", "lay out", "print out",
  "figure out", "find out", "reach out", "send off", "pay off", "shop for", "apply for", "prepare for", "study for",
  "reply to", "respond to", "write to", "talk to", "speak to", "listen to", "go to", "move to", "get ready",
  "clean out", "put out", "empty out", "do up", "pay in", "cut back", "give back", "send back", "take back",
]);

/** Verbs that say little about the work itself; templates may swap them for a better one. */
export const WEAK_VERBS: ReadonlySet<string> = new Set([
  "do", "get", "sort", "sort out", "deal with", "handle", "work on", "finish", "start", "tackle", "complete", "have",
  "make", "take", "go", "try", "begin", "continue", "figure out", "think about", "look at", "look into",
]);

/** Words that never start an imperative step (determiners, pronouns, adverbs, conjunctions, common nouns). */
export const NOT_VERBS: ReadonlySet<string> = new Set(
  `
the a an this that these those my your his her its our their i you he she it we they me him us them some any all each
every no not don't dont never maybe perhaps probably then next first firstly second finally lastly also and or but so
if when while because after before until once now today tomorrow tonight soon later just really very quite step task
thing things stuff kitchen room house report email emails meeting project work job list time done okay ok yes please
there here what which who why how where is are was were be been being will would should could can may might must
shall has had having does did doing going getting making
`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/** Stop words ignored when finding the key words of a title. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `
a an the my your his her its our their this that these those some any all each every of to for from in on at by with
about into onto over under up down out off and or but so then than as is are be been am was were it me i you we they
him her them us mine yours ours theirs myself yourself re regarding via per vs just really very quite also too more
most less much many lot lots bit new old get got do does did done go going make made need needs want wants have has had
plus whatever else everything anything something nothing including include etc turns turn doing needed end
four five six seven eight nine ten twenty thirty minute minutes hour hours
loud aloud once twice again carefully quickly properly slowly
will would should could can may might must shall please asap today tomorrow tonight week weekend month year soon
finally actually basically start starting begin next last first own thing things stuff some one two three
`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

const FILLER_FIRST = new Set([
  "i", "i'll", "i'm", "todo", "to-do", "todo:", "please", "must", "should", "gotta", "finally", "actually", "really",
  "just", "also", "maybe", "urgent", "urgent:", "asap", "reminder:", "remember:", "quickly", "properly", "seriously",
]);

const PREPOSITIONS_SPLIT = new Set([
  "about", "regarding", "re", "re:", "for", "from", "into", "with", "by", "on", "at", "in", "to", "before", "after",
  "until", "because", "so", "while", "during", "without", "via", "ahead",
]);

const DETERMINERS = new Set([
  "the", "a", "an", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those", "some", "any", "all",
  "every", "each", "no", "another", "both", "two", "three", "four", "five", "several", "few", "next", "last",
]);

/** People words that read naturally without "the" ("call mum"). */
const BARE_PEOPLE = new Set([
  "mum", "mom", "dad", "mummy", "daddy", "mother", "father", "grandma", "grandad", "grandpa", "granny", "nan", "nana",
  "gran", "grandmother", "grandfather", "auntie", "aunt", "uncle", "everyone", "everybody", "someone", "somebody",
]);

const LANGUAGES = new Set([
  "spanish", "french", "german", "italian", "portuguese", "japanese", "chinese", "mandarin", "cantonese", "korean",
  "arabic", "russian", "dutch", "swedish", "norwegian", "danish", "polish", "greek", "turkish", "hindi", "urdu", "welsh",
  "irish", "latin", "hebrew", "finnish", "czech", "thai", "vietnamese", "indonesian", "ukrainian", "english", "python",
  "javascript", "typescript", "rust", "java", "excel", "sql",
]);

export function isLanguageWord(word: string): boolean {
  return LANGUAGES.has(word.toLowerCase());
}

/** Lowercase word tokens (letters, digits, apostrophes, hyphens). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).map((w) => w.replace(/[’]/g, "'"));
}

/** A crude stem so "taxes"/"tax", "receipts"/"receipt", "washing"/"wash" compare equal. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "").replace(/['’]$/, "");
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) w = w.slice(0, -1);
  else if (w.length > 5 && w.endsWith("ed")) w = w.slice(0, -2);
  return w;
}

/** Base form of a gerund if it is a known verb ("going" → "go", "cleaning" → "clean"). */
export function baseOfGerund(word: string): string | null {
  const w = word.toLowerCase();
  if (!w.endsWith("ing") || w.length < 5) return null;
  const root = w.slice(0, -3);
  const candidates = [root, `${root}e`, root.slice(0, -1)];
  for (const c of candidates) if (IMPERATIVE_VERBS.has(c)) return c;
  return null;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lowercases the first letter unless the first word looks like an acronym or a name ("CV", "I"). */
export function decapitalise(text: string): string {
  const first = text.split(" ")[0] ?? "";
  if (first.length > 1 && first === first.toUpperCase()) return text;
  if (first === "I" || isLanguageWord(first)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Removes emoji, bullets, checkbox marks and stray symbols; collapses spaces. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{FE0F}\u{200D}]/gu, " ")
    .replace(/^\s*(?:[-*•>#]+|\[\s?[xX]?\s?\]|\d+[.)])\s*/, "")
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}\s'".,;:!?&+/()£$€%–—-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Cuts text at a word boundary to at most max characters, dropping a dangling small word. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(" ");
  let out = (lastSpace > max / 2 ? cut.slice(0, lastSpace) : text.slice(0, max)).trim();
  const parts = out.split(" ");
  while (parts.length > 1 && (STOP_WORDS.has((parts[parts.length - 1] ?? "").toLowerCase()) || /[,;:&+-]$/.test(parts[parts.length - 1] ?? ""))) {
    parts.pop();
  }
  out = parts.join(" ").replace(/[,;:]+$/, "");
  return out;
}

/** FNV-1a hash, for deterministic choices. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function pick<T>(items: readonly T[], seed: string): T {
  const item = items[hash(seed) % items.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** "my" → "your" and friends, so the coach speaks to the user. */
export function toSecondPerson(text: string): string {
  return text
    .replace(/\bmyself\b/gi, "yourself")
    .replace(/\bmy\b/gi, "your")
    .replace(/\bmine\b/gi, "yours")
    .replace(/\bI'm\b/g, "you're")
    .replace(/\bI've\b/g, "you've")
    .replace(/\bI\b/g, "you")
    .replace(/\bme\b/gi, "you");
}

export interface ParsedTitle {
  /** Cleaned title, second person. */
  clean: string;
  /** Base verb in lowercase ("reply", "clean up"), or null when the title has no verb. */
  verb: string | null;
  /** Everything after the verb (and its particle/preposition), second person, e.g. "the landlord about the broken heater". */
  object: string;
  /** The preposition that followed the verb, if any ("to" in "reply to"). */
  prep: string | null;
  /** The object up to its first preposition ("the landlord"). */
  core: string;
  /** The rest of the object after the core ("about the broken heater"). */
  tail: string;
  /** What the "about …" part says, if any ("the broken heater"). */
  topic: string | null;
}

const VERB_PREPS = new Set(["to", "for", "with", "on", "about", "at", "into", "through", "back"]);

function isKnownVerb(word: string): boolean {
  return IMPERATIVE_VERBS.has(word);
}

const AFTER_VERB_WORDS = new Set([
  "the", "a", "an", "your", "my", "his", "her", "their", "our", "its", "this", "that", "these", "those", "all", "some",
  "any", "each", "every", "it", "them", "him", "us", "up", "out", "down", "off", "away", "back", "in", "on", "over",
  "through", "to", "for", "with", "at", "into", "round", "around", "together", "one", "two", "three", "both", "anything",
  "everything", "something", "what", "how", "when", "where", "who", "yourself",
]);

/** True when toks[i] is a verb that starts a new action ("… and fix the typos"), not a noun ("… and stack trace"). */
export function startsVerbPhrase(toks: readonly string[], i: number): boolean {
  const w = (toks[i] ?? "").toLowerCase();
  const next = (toks[i + 1] ?? "").toLowerCase();
  if (!isKnownVerb(w) || DETERMINERS.has(w)) return false;
  return AFTER_VERB_WORDS.has(next) || /^\d/.test(next);
}

/** Splits a title into verb + object, skipping fillers ("I need to", "start going to"). */
export function parseTitle(title: string): ParsedTitle {
  const clean = toSecondPerson(cleanText(title).replace(/[.!?]+$/, ""));
  const toks = clean.split(" ").filter((t) => t.length > 0);
  const lower = () => (toks[0] ?? "").toLowerCase().replace(/[:,]$/, "");
  // strip fillers
  for (let guard = 0; guard < 8 && toks.length > 0; guard++) {
    const w = lower();
    const n = (toks[1] ?? "").toLowerCase();
    if (FILLER_FIRST.has(w) || w === "you" || w === "you'll" || w === "need" || w === "needs") {
      toks.shift();
      continue;
    }
    if ((w === "have" || w === "has" || w === "got" || w === "want" || w === "try" || w === "remember" || w === "need" || w === "plan" || w === "hoping") && n === "to" && isKnownVerb((toks[2] ?? "").toLowerCase())) {
      toks.splice(0, 2);
      continue;
    }
    if (w === "going" && n === "to" && isKnownVerb((toks[2] ?? "").toLowerCase())) {
      toks.splice(0, 2);
      continue;
    }
    // "Quick email to Sam", "Weekly shop", "Big clean": a size word before a verb is a filler.
    if (/^(quick|short|small|big|little|urgent|important|overdue|final|weekly|daily|monthly|proper|deep|massive|huge)$/.test(w) && isKnownVerb(n) && toks.length > 1) {
      toks.shift();
      continue;
    }
    if (w === "to" && (isKnownVerb(n) || FILLER_FIRST.has(n))) {
      toks.shift();
      continue;
    }
    if ((w === "go" || w === "come" || w === "try") && n === "and") {
      toks.splice(0, 2);
      continue;
    }
    if ((w === "start" || w === "begin" || w === "keep" || w === "try" || w === "remember" || w === "stop") && baseOfGerund(n)) {
      toks.shift();
      continue;
    }
    if (w === "get" && n === "around" && (toks[2] ?? "").toLowerCase() === "to") {
      toks.splice(0, 3);
      continue;
    }
    break;
  }
  let verb: string | null = null;
  let prep: string | null = null;
  let rest = toks;
  const first = lower();
  const firstBase = isKnownVerb(first) ? first : baseOfGerund(first);
  if (firstBase && !(rest.length === 1 && NOT_VERBS.has(firstBase))) {
    verb = firstBase;
    rest = toks.slice(1);
    const second = (rest[0] ?? "").toLowerCase();
    if (PHRASAL.has(`${verb} ${second}`)) {
      const phrase = `${verb} ${second}`;
      // "reply to", "go to": keep the base verb, note the preposition
      if (VERB_PREPS.has(second) && !["get back", "call back", "ring back", "text back"].includes(phrase)) {
        prep = second;
      } else {
        verb = phrase;
      }
      rest = rest.slice(1);
      if (verb.endsWith(" back") && (rest[0] ?? "").toLowerCase() === "to") rest = rest.slice(1);
    } else if (VERB_PREPS.has(second) && rest.length > 1 && !DETERMINERS.has(second)) {
      prep = second;
      rest = rest.slice(1);
    }
    // "take the recycling out" → verb "take out", object "the recycling"
    const lastTok = (rest[rest.length - 1] ?? "").toLowerCase();
    if (rest.length > 1 && !verb.includes(" ") && PHRASAL.has(`${verb} ${lastTok}`) && /^(out|up|down|away|off|back)$/.test(lastTok)) {
      verb = `${verb} ${lastTok}`;
      rest = rest.slice(0, -1);
    }
    // "text the plumber back" → drop the trailing "back"
    if ((rest[rest.length - 1] ?? "").toLowerCase() === "back" && ["call", "text", "ring", "email", "message", "phone"].includes(verb)) {
      rest = rest.slice(0, -1);
    }
  }
  let object = rest.join(" ").trim().replace(/^[,:;-]+\s*/, "");
  object = addDeterminer(object);
  const objToks = object.split(" ").filter((t) => t.length > 0);
  let coreEnd = objToks.length;
  for (let i = 1; i < objToks.length; i++) {
    const w = (objToks[i] ?? "").toLowerCase();
    if (PREPOSITIONS_SPLIT.has(w)) {
      coreEnd = i;
      break;
    }
    if ((w === "and" || w === "then" || w === "or" || w === "&") && startsVerbPhrase(objToks, i + 1)) {
      coreEnd = i;
      break;
    }
    if (/[,;]$/.test(objToks[i] ?? "")) {
      coreEnd = i + 1;
      break;
    }
  }
  const core = objToks.slice(0, coreEnd).join(" ").replace(/[,;:]+$/, "");
  const tail = objToks.slice(coreEnd).join(" ");
  const about = /\b(?:about|regarding|re:?|concerning)\s+(.+)$/i.exec(object);
  const topic = about?.[1] ? about[1].replace(/[,;:.]+$/, "") : null;
  return { clean, verb, object, prep, core, tail, topic };
}

/** Adds "the" to a bare common noun phrase ("kitchen" → "the kitchen"); leaves names, people and plurals-of-many alone. */
export function addDeterminer(phrase: string): string {
  const t = phrase.trim();
  if (t.length === 0) return t;
  const first = t.split(" ")[0] ?? "";
  const fl = first.toLowerCase();
  if (DETERMINERS.has(fl) || BARE_PEOPLE.has(fl) || /^\d/.test(first) || /'s$/i.test(fl)) return t;
  // "chapter 4", "page 12", "bug 123": numbered things read fine without "the"; so do meals ("cook dinner").
  if (/^\d/.test(t.split(" ")[1] ?? "") || /^(dinner|lunch|breakfast|brunch|supper|tea|homework|everything)$/.test(fl)) return t;
  if (/^\p{Lu}/u.test(first) && !isCommonCapitalised(fl)) return t;
  if (isLanguageWord(fl)) return capitalise(t);
  if (NOT_VERBS.has(fl) && !["kitchen", "room", "house", "report", "email", "emails", "project", "meeting", "job", "list", "stuff", "thing", "things", "work"].includes(fl)) return t;
  if (PREPOSITIONS_SPLIT.has(fl) || /^(of|out|up|everything|something|anything|nothing|everyone|someone|anyone|it|them|myself|yourself|what|how|why|whether)$/.test(fl)) return t;
  return `the ${t}`;
}

function isCommonCapitalised(word: string): boolean {
  // Titles are often typed in sentence or title case; only treat capitalised words as names if not common nouns.
  return /^(kitchen|bathroom|bedroom|room|house|flat|car|garden|laundry|dishes|taxes|tax|report|email|emails|inbox|garage|desk|office|wardrobe|closet|stuff|things|project|presentation|slides|essay|groceries|shopping)$/.test(
    word,
  );
}

/** Removes a leading determiner ("the landlord" → "landlord"). */
export function bareNoun(phrase: string): string {
  const toks = phrase.split(" ");
  if (toks.length > 1 && DETERMINERS.has((toks[0] ?? "").toLowerCase())) return toks.slice(1).join(" ");
  return phrase;
}

/** "the landlord" → "the landlord's", "James" → "James's", "your bank" → "your bank's". */
export function possessive(phrase: string): string {
  if (phrase.length === 0) return phrase;
  if (/'s$|s'$/i.test(phrase)) return phrase;
  return `${phrase}'s`;
}

/** Content words of a title that a good breakdown should mention: no stop words, no leading verb. */
export function keyWords(title: string): string[] {
  const parsed = parseTitle(title);
  const source = parsed.verb ? parsed.object : parsed.clean;
  const seen = new Set<string>();
  const out: string[] = [];
  const ws = words(source);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] ?? "";
    const bare = w.replace(/'s$/, "");
    // A verb right after "and"/"then" starts a follow-up action ("… and fix the typos"): not a key noun.
    if (i > 0 && /^(and|then)$/.test(ws[i - 1] ?? "") && IMPERATIVE_VERBS.has(bare)) continue;
    // Words over 30 letters are not words a plan can name ("xxxxxxxx…", pasted hashes).
    if (bare.length < 3 || bare.length > 30 || STOP_WORDS.has(bare) || /^\d+$/.test(bare)) continue;
    const s = stem(bare);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(bare);
  }
  return out;
}

/** True when the (stemmed) word occurs in the text. */
export function mentions(text: string, word: string): boolean {
  const target = stem(word.toLowerCase());
  if (text.toLowerCase().includes(word.toLowerCase())) return true;
  return words(text).some((w) => stem(w) === target || (target.length >= 5 && stem(w).startsWith(target)));
}
