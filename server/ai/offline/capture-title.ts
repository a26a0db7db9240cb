// Titles for the offline capture: one clause (its date words already gone) → a short, verb-first task
// title in the user's own words — "the presentation" → "Prepare the presentation", "emails" →
// "Answer emails", "the report is due" → "Finish the report" — or null when it holds nothing to do.
import { isFiller, isVerb, LEAD_IN, leadingVerb, stripConnectors } from "./capture-split";
import { addDeterminer, baseOfGerund, capitalise, clip, IMPERATIVE_VERBS, NOT_VERBS, STOP_WORDS } from "./text";

export interface Titled {
  title: string;
  /** "verb": the clause was an order; "thing": a bare thing; "statement": a remark turned into a task; "event": an occasion on a date. */
  from: "verb" | "thing" | "statement" | "event";
}

export interface TitleContext {
  /** The item has a due date (an appointment with a date is attended, not booked). */
  hasDue: boolean;
  /** The due has a time of day. */
  hasTime: boolean;
  /** The text is a message from someone else: "me" is the sender, and their own plans are not tasks. */
  isMessage: boolean;
  sender: string | null;
}

const MAX_TITLE = 200;
const PEOPLE =
  /^(?:my\s+)?(?:mom|mum|mommy|mummy|mother|dad|daddy|father|parents|grandma|grandpa|granny|grandad|nan|nana|gran|sister|brother|sis|bro|aunt|auntie|uncle|cousin|wife|husband|partner|boyfriend|girlfriend|bestie|best friend)$/i;

/** What to do with a thing named on its own, by what it is. The first rule that matches wins. */
const NOUN_RULES: Array<[RegExp, (c: TitleContext) => string]> = [
  [/\b(?:e-?mails?|inbox|messages|voicemails?|dms|slack|texts|whatsapps?)\b/, () => "Answer"],
  [/\b(?:birthday|anniversary)\b/, () => "Buy a present for"],
  [/\b(?:haircut|hair cut|trim)\b/, (c) => (c.hasDue ? "Get" : "Book")],
  [/\b(?:dentist|doctor|gp|vet|optician|physio|therapist|therapy|appointment|appt|check-?up|barber|hairdresser|nurse|clinic|hospital|blood test|scan|vaccine|jab)\b/, (c) => (c.hasDue ? "Go to" : "Book")],
  [/^(?:the\s+)?(?:\w+\s+)?call\b/, () => "Join"],
  [/\b(?:football|soccer|tennis|badminton|basketball|rugby|hockey|netball|cricket|golf|squash|volleyball)\b/, () => "Play"],
  [/\b(?:meeting|standup|stand-up|interview|class|lesson|lecture|seminar|webinar|workshop|party|wedding|concert|gig|match|drinks|dinner with|lunch with|coffee with|recital|parents'? evening|conference|ceremony|funeral|rehearsal|practice session|training session|1:1|one-on-one|offsite|off-site|away day|retreat|event|dinner party|breakfast meeting|school run|parents'? evening|assembly|nativity|play date|playdate)\b/, (c) => (c.hasDue ? "Go to" : "Prepare for")],
  [/\b(?:presentation|slides|deck|pitch|talk|speech|demo|keynote)\b/, () => "Prepare"],
  [/\b(?:taxes|tax return|self[- ]assessment)\b/, () => "File"],
  [/\b(?:bills?|rent|invoices?|fine|parking ticket|fees?|council tax|mortgage|credit card|loan|deposit)\b/, () => "Pay"],
  [/\b(?:meds|medication|medicine|pills|tablets|vitamins|insulin|inhaler|antibiotics)\b/, () => "Take"],
  [/\b(?:report|essay|proposal|thesis|dissertation|assignment|homework|coursework|paper|article|blog post|chapter|minutes|write-?up|documentation|docs|spec|review|newsletter)\b/, () => "Finish"],
  [/\b(?:exams?|test|quiz|finals|midterms?)\b/, () => "Revise for"],
  [/\b(?:shopping|food shop|weekly shop|big shop)\b/, () => "Do"],
  [/\b(?:groceries|milk|bread|eggs|butter|cheese|coffee|teabags|toilet (?:paper|roll)|nappies|diapers|batteries|stamps|dog food|cat food|shampoo|toothpaste|present|gift|card|flowers|tickets?|lightbulbs?|light bulbs?)\b/, () => "Buy"],
  [/\b(?:laundry|washing|ironing|dishes|washing-up|hoovering|vacuuming|dusting|food prep|meal prep)\b/, () => "Do"],
  [/\b(?:plants|houseplants)\b/, () => "Water"],
  [/\b(?:lawn|grass)\b/, () => "Mow"],
  [/\b(?:bins?|trash|rubbish|recycling|garbage)\b/, () => "Take out"],
  [/\b(?:car (?:service|mot)|mot|service)\b/, () => "Book"],
  [/\b(?:passport|licen[cs]e|insurance|visa|membership|subscription|contract|registration|prescription)\b/, () => "Renew"],
  [/\b(?:forms?)\b/, () => "Fill in"],
  [/\b(?:application|expenses|timesheet|claim)\b/, () => "Submit"],
  [/\b(?:pr|prs|pull requests?|code review)\b/, () => "Review"],
  [/\b(?:bug|build|leak|tap|boiler|puncture|heating|sink|toilet|door handle|lock)\b/, () => "Fix"],
  [/\b(?:flights?|train tickets?|hotel|holiday|trip|accommodation|table for)\b/, () => "Book"],
  [/\b(?:gym)\b/, () => "Go to"],
  [/\b(?:yoga|pilates|workout|exercises|stretches|meditation)\b/, () => "Do"],
  [/\b(?:kitchen|bathroom|bedroom|living room|house|flat|apartment|room|desk|fridge|oven|windows|floors?|garage|car)\b/, () => "Clean"],
  [/\b(?:garden|weeds)\b/, () => "Tidy"],
  [/\b(?:kids|children|son|daughter|kid)\b/, (c) => (c.hasTime ? "Pick up" : "Plan time with")],
  [/\b(?:parcel|package|delivery|returns?)\b/, () => "Post"],
  [/\b(?:book|novel)\b/, () => "Read"],
  [/\b(?:spanish|french|german|italian|japanese|chinese|guitar|piano|violin|duolingo|course)\b/, () => "Practise"],
  [/\b(?:paperwork|admin|post|mail|letters?)\b/, () => "Sort out"],
];

/** Words that need no "the": masses, meals, plurals the user wrote bare ("emails", "plants"). */
const BARE =
  /^(?:yoga|pilates|homework|laundry|shopping|groceries|rent|milk|bread|coffee|meds|medication|insulin|taxes|washing|ironing|dinner|lunch|breakfast|admin|paperwork|post|mail|football|soccer|tennis|badminton|basketball|rugby|hockey|netball|cricket|golf|squash|volleyball|\w+s)\b/i;

function withDeterminer(np: string): string {
  const t = np.trim();
  if (PEOPLE.test(t)) return t;
  return BARE.test(t) && !/ss$/.test(t) ? t : addDeterminer(t);
}

const IRREGULAR: Record<string, string> = { paid: "pay", sent: "send", done: "do", made: "make", bought: "buy", taken: "take", written: "write", sold: "sell", found: "find", read: "read", put: "put", cut: "cut", sorted: "sort out", hung: "hang", signed: "sign", given: "give", brought: "bring" };

/** "washed" → "wash", "emptied" → "empty", "paid" → "pay"; null if it is not a known verb's past participle. */
function baseOfParticiple(word: string): string | null {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (!w.endsWith("ed")) return null;
  const root = w.slice(0, -2);
  for (const c of [root, `${root}e`, root.slice(0, -1), root.replace(/i$/, "y")]) if (IMPERATIVE_VERBS.has(c)) return c;
  return null;
}

/** A bare thing ("the presentation") → a task about it ("Prepare the presentation"). */
function verbForNoun(np: string, ctx: TitleContext, fallback = "Sort out"): string {
  const lower = np.toLowerCase();
  if (PEOPLE.test(lower)) return `Call ${np}`;
  if (/^(?:a\s+)?(?:run|walk|jog|swim|bike ride)$/.test(lower)) return `Go for a ${lower.replace(/^a\s+/, "")}`;
  // "car insurance renewal" → "Renew the car insurance": the noun names the action.
  const named = /^(.+?)\s+(renewal|payment|booking|cancellation)$/.exec(np);
  if (named?.[1] && named[2]) {
    const action = { renewal: "Renew", payment: "Pay", booking: "Book", cancellation: "Cancel" }[named[2]];
    if (action) return `${action} ${withDeterminer(named[1])}`;
  }
  const rule = NOUN_RULES.find(([re]) => re.test(lower));
  if (!rule && fallback !== "Sort out") return `${fallback} ${np}`;
  const verb = rule ? rule[1](ctx) : fallback;
  if (verb === "Book" && /\b(?:dentist|doctor|gp|vet|optician|physio|therapist|barber|hairdresser|nurse)$/.test(lower) && !/^(?:a|an|the|my)\s/.test(lower)) {
    return `Book a ${lower} appointment`;
  }
  if ((verb === "Book" || verb === "Get") && /^(?:haircut|hair cut|trim|service|mot|check-?up|table for .+)$/.test(lower)) return `${verb} ${/^mot$/.test(lower) ? "the" : "a"} ${np}`;
  return `${verb} ${withDeterminer(np)}`;
}

/** A clause with a subject ("the report is due", "the car needs washing") → an order, or null if it is no task. */
function fromStatement(text: string, ctx: TitleContext): string | null {
  // "X, Y and Z all need sorting": the quantifier belongs to the list, not the task.
  const t = text.replace(/\s+(?:all|both)\s+(?=(?:need|needs|have|has|must|are|is)\b)/i, " ");
  let m = /^(.+?)\s+(?:is|are|'s)\s+(?:due|overdue)\b/i.exec(t) ?? /^(.+?)\s+due\b/i.exec(t);
  if (m?.[1]) return verbForNoun(m[1], { ...ctx, hasDue: true });
  m = /^(.+?)\s+(?:needs?|has|have)\s+to\s+be\s+([\p{L}-]+)(.*)$/iu.exec(t);
  if (m?.[1] && m[2]) {
    const base = baseOfParticiple(m[2]);
    return base ? `${capitalise(base)} ${withDeterminer(m[1])}${m[3] ?? ""}` : verbForNoun(m[1], ctx);
  }
  m = /^(.+?)\s+needs?\s+([\p{L}-]+ing)\b(.*)$/iu.exec(t);
  if (m?.[1] && m[2]) {
    const base = baseOfGerund(m[2]);
    if (base) return `${capitalise(base === "sort" ? "sort out" : base)} ${withDeterminer(m[1])}${m[3] ?? ""}`;
  }
  // "the car needs new tyres" → "Get new tyres for the car"; "the car needs a service" → "Book a service for the car".
  m = /^(.+?)\s+needs?\s+(?!to\b)(.+)$/i.exec(t);
  if (m?.[1] && m[2] && !/^(?:i|we|you|he|she|they|it)$/i.test(m[1])) return `${verbForNoun(m[2], ctx, "Get")} for ${withDeterminer(m[1])}`;
  m = /^(.+?)\s+(?:is|are|'s)\s+(?:broken|leaking|not working|dead|blocked|dripping|making (?:a|that) noise|playing up)\b/i.exec(t) ?? /^(.+?)\s+(?:broke|leaks)\b/i.exec(t);
  if (m?.[1]) return `Fix ${withDeterminer(m[1])}`;
  m = /^(.+?)\s+(?:is|are|'s)\s+(?:a (?:mess|tip|disaster)|messy|dirty|filthy|gross|disgusting)\b/i.exec(t);
  if (m?.[1]) return `Clean ${withDeterminer(m[1])}`;
  m = /^(.+?)\s+(?:is|are|'s)\s+(?:full|overflowing)\b/i.exec(t);
  if (m?.[1]) return `Empty ${withDeterminer(m[1])}`;
  m = /^(?:(?:we|i)(?:'re|'m| are| am)\s+|we've\s+|i've\s+)?(?:ran |run |running )?out of\s+(.+)$/i.exec(t) ?? /^no\s+(.+?)\s+left$/i.exec(t);
  if (m?.[1]) return `Buy ${m[1]}`;
  m = /^(.+?)\s+go(?:es)?\s+out\b/i.exec(t);
  if (m?.[1]) return `Take out ${withDeterminer(m[1])}`;
  return null;
}

/** "the meeting is on" (its date already taken off), "mum's birthday is", "the call moved": an occasion, or null. */
function fromEvent(t: string, ctx: TitleContext): string | null {
  // "the client call moved to Thursday", "the gas check is booked for …": the event, at its (new) time.
  const moved = /^(.+?)\s+(?:has been |have been |was |were |got |is |are )?(?:moved|rescheduled|changed|pushed(?: back)?|postponed|brought forward|confirmed|booked|arranged|scheduled)\b/i.exec(t);
  if (moved?.[1]) return verbForNoun(moved[1], ctx);
  const m = /^(.+?)\s+(?:is|are|'s)(?:\s+(?:on|at|in|coming up|happening|tomorrow|today|soon))?\s*$/i.exec(t);
  if (m?.[1] && NOUN_RULES.some(([re]) => re.test(m[1]?.toLowerCase() ?? ""))) return verbForNoun(m[1], ctx);
  return null;
}

/** Things the sender says they will do themselves are not the reader's tasks. */
const SENDERS_OWN = /^(?:i|we)(?:'ll|'m|'ve|'d| will| am| have| had| would| are|'re| just| already| can| could| think| hope| wanted| want| was| were)\b/i;

function tidy(text: string): string {
  let t = text.replace(/\s+/g, " ").replace(/\s+([,.;:!?])/g, "$1").trim();
  for (let guard = 0; guard < 6; guard++) {
    const next = t
      .replace(/[\s,;:.!?—–-]+$/, "")
      .replace(/\s+(?:on|at|by|for|to|and|or|the|a|an|with|from|in|before|until|till|due|is|are|of|around|about|ideally|sometime|some time|latest|asap|please|pls|thanks|pronto|urgently|first thing|no later than|no rush|whenever|if possible|when you can|at some point|if you can|this|next|so|someday|some day|eventually|one day|soon|later)$/i, "")
      .trim();
    if (next === t) break;
    t = next;
  }
  return t.replace(/^[\s,;:.!—–-]+/, "");
}

/** A sentence's capital on a common word ("Dentist on Monday") is not a name: lowercase it. */
function commonFirstWordLower(text: string): string {
  const first = text.split(" ")[0] ?? "";
  if (!/^\p{Lu}\p{Ll}+$/u.test(first)) return text;
  const w = first.toLowerCase();
  const common = IMPERATIVE_VERBS.has(w) || STOP_WORDS.has(w) || NOT_VERBS.has(w) || PEOPLE.test(w) || NOUN_RULES.some(([re]) => re.test(w));
  return common ? w + text.slice(first.length) : text;
}

/** A subject and a finite verb with no order in it: "the weather is nice", "clocks go back on Sunday". */
const REMARK =
  /\s(?:is|are|was|were|'s|seems?|looks?|feels?|go|goes|went|come|comes|came|start|starts|started|end|ends|ended|open|opens|close|closes|arrive|arrives|happen|happens|begin|begins|expire|expires|finish|finishes|leave|leaves|land|lands|gets|got|will|won't|can't|can|could|would|might|did|does|has|had)\b/i;

/** Builds the title for one clause, or null when it holds nothing to do. */
export function makeTitle(clause: string, ctx: TitleContext): Titled | null {
  let t = tidy(stripConnectors(clause.replace(/!+/g, " ")));
  if (!t || isFiller(t)) return null;
  if (/^(?:thanks|thank you|thx|ty|cheers|hope (?:you|all|this)|hope you're|have a (?:nice|good|great|lovely)|let me know if you have (?:any )?questions)\b/i.test(t)) return null;
  if (ctx.isMessage) {
    if (SENDERS_OWN.test(t)) return null;
    // "Let me know!" alone is a request to reply: the caller folds it into one reply task.
    if (/^(?:please\s+)?(?:let me know|get back to me|reply|respond)(?:\s+(?:asap|soon|when you can|please))?$/i.test(t)) return null;
    const who = ctx.sender;
    t = t.replace(/\blet me know\b/i, who ? `let ${who} know` : "reply with");
    t = who ? t.replace(/\bme\b/g, who).replace(/\bmy\b/g, `${who}'s`) : t.replace(/\b(send|give|email|forward|show|tell|text|pass)\s+me\b/gi, "$1");
  }
  // "need new running shoes", "I could do with a haircut": the thing is what to get.
  const wanted = /^(?:(?:i|we)\s+)?(?:(?:really|still|also|definitely|just|so|badly|urgently)\s+)*(?:need|needs|want|could use|could do with)\s+(?!to\b)(.+)$/i.exec(t);
  if (wanted?.[1] && !isFiller(wanted[1])) {
    const known = NOUN_RULES.some(([re]) => re.test(wanted[1]?.toLowerCase() ?? ""));
    // "a haircut" → "Book a haircut" (the rule picks the article); "a new laptop" → "Get a new laptop".
    const np = known ? wanted[1].replace(/^(?:a|an|some)\s+(?=\S)/i, "") : wanted[1];
    const asked = ctx.isMessage && /^i\b/i.test(t);
    const title = asked ? `Send ${ctx.sender ?? "them"} ${np}` : verbForNoun(np, ctx, "Get");
    return { title: capitalise(clip(tidy(title), MAX_TITLE)), from: "verb" };
  }
  // Lead-ins: "I need to", "remind me to", "please", "can you" — the rest is the task.
  let ordered = false;
  for (let guard = 0; guard < 5; guard++) {
    const m = LEAD_IN.exec(t);
    if (!m) break;
    ordered = true;
    t = t.slice(m[0].length).replace(/^\s*(?:to|that|i|me|you|we)?\s*(?:to\s+)?/i, "").trim();
    t = stripConnectors(t);
  }
  t = commonFirstWordLower(tidy(t.replace(/^(?:i|we)\s+/i, "")));
  if (!t || isFiller(t)) return null;
  // After "please"/"need to", a known verb is an order even on its own ("Please register").
  const lone = t.split(" ").length === 1 ? t.toLowerCase() : "";
  const verb = leadingVerb(t) ?? (ordered && isVerb(lone) ? lone : null);
  let title: string | null = null;
  let from: Titled["from"] = "verb";
  if (verb) {
    const [first = "", ...rest] = t.split(" ");
    const base = isVerb(first) ? first : (baseOfGerund(first) ?? first);
    // "RSVP" stays in capitals; "Buying" becomes "Buy".
    title = [/^\p{Lu}{2,}$/u.test(base) ? base : capitalise(base.toLowerCase()), ...rest].join(" ");
  } else if ((title = fromStatement(t, ctx))) {
    from = "statement";
  } else if ((title = fromEvent(t, ctx))) {
    from = "event";
  } else {
    // A finite verb with no action ("the weather is nice") is a remark, not a task.
    if (REMARK.test(t) || /[?]$/.test(t)) return null;
    title = verbForNoun(t, ctx);
    from = "thing";
  }
  title = tidy(title);
  return title.length >= 3 ? { title: capitalise(clip(title, MAX_TITLE)), from } : null;
}
