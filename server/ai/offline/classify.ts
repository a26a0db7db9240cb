// Task classifier shared by the offline breakdown and analysis: which kind of task a title (plus notes) describes, and why.
import { cleanText, parseTitle, type ParsedTitle } from "./text";

export const KINDS = [
  "cleaning",
  "laundry",
  "decluttering",
  "writing",
  "communication",
  "admin",
  "appointment",
  "shopping",
  "cooking",
  "studying",
  "exercise",
  "coding",
  "planning",
  "moving",
  "jobsearch",
  "presentation",
  "diy",
  "garden",
] as const;
export type Kind = (typeof KINDS)[number] | "generic";

type Rule = readonly [pattern: RegExp, weight: number];

/** Keyword rules per kind. Weights: 5 = decisive, 3–4 = strong, 1–2 = hint. */
const RULES: Record<(typeof KINDS)[number], readonly Rule[]> = {
  cleaning: [
    [/\b(clean(ing)?|tidy(ing)?|vacuum(ing)?|hoover(ing)?|mop(ping)?|scrub(bing)?|sweep(ing)?|dust(ing)?|wipe|wiping|disinfect|descale|defrost|polish)\b/, 3],
    [/\b(kitchen|bathroom|toilet|shower|bedroom|living ?room|lounge|hallway|worktops?|counters?|hob|oven|fridge|freezer|microwave)\b/, 2],
    [/\b(dish(es)?|washing[- ]up|dishwasher)\b/, 3],
    [/\b(floors?|windows?|mirror|carpet|mess|messy|grime|crumbs|sink|bins?|rubbish|trash|spring clean|deep clean)\b/, 1],
    [/\bwash(ing)?\b/, 1],
  ],
  laundry: [
    [/\b(laundry|washing machine|tumble dryer|dryer|do the washing|load of washing|hang (out )?the washing|put a wash on|a wash on|washing on|the washing)\b/, 5],
    [/\b(iron(ing)?|fold(ing)?|bedding|bed ?sheets|sheets|towels|duvet cover|pillowcases)\b/, 2],
    [/\b(clothes|shirts|socks|uniform)\b/, 1],
  ],
  decluttering: [
    [/\b(declutter(ing)?|de-clutter|clear(ing)? out|purge|marie kondo|konmari)\b/, 5],
    [/\b(organi[sz]e|organi[sz]ing|sort (out|through)|go through)\b/, 2],
    [/\b(wardrobe|closet|drawers?|garage|attic|loft|cupboards?|shelves|bookshel(f|ves)|junk|storage|under the bed|spare room|basement|cellar)\b/, 3],
    [/\b(donate|charity shop|give away|clothes|toys|cables|piles?)\b/, 2],
  ],
  writing: [
    [/\b(write|writing|draft(ing)?|compose|rewrite|redraft|proofread|edit)\b/, 2],
    [/\b(report|essay|article|thesis|dissertation|blog( post)?|proposal|paper|manuscript|chapter of (my|the) book|novel|newsletter|documentation|write-?up|review|the minutes|meeting minutes|minutes from|minutes of|summary|bio|statement)\b/, 3],
    [/\b(thank[- ]you|thank you|letter|card|note|postcard|speech|toast|eulogy|caption|post)\b/, 2],
  ],
  communication: [
    [/^(?:\W*)(email|e-mail|reply|respond|text|call|phone|ring|message|contact|chase|ping|dm|whatsapp|slack|follow up|get back to|write back|answer|tell|ask|remind|invite|thank)\b/, 4],
    [/\b(email|e-mail|emails|reply|respond|text|call|phone|ring|message|messages|inbox|voicemail|dm|whatsapp|slack|follow[- ]up|get back to|write back|chase|ping)\b/, 2],
  ],
  admin: [
    [/\b(tax(es)?|tax return|self[- ]assessment|hmrc|irs|vat return)\b/, 5],
    [/\b(give (the |my |your )?notice|hand in (the |my |your )?notice|notice period|resign|resignation|passport|visa|driving licen[cs]e|driver'?s licen[cs]e|licen[cs]e|id card|residence permit|insurance|pension|mortgage|council tax|tv licen[cs]e|benefits|universal credit|census|jury)\b/, 4],
    [/\b(bills?|invoices?|forms?|paperwork|renew(al)?|budget(ing)?|bank|accounts?|receipts|expenses|claim|refund|subscriptions?|direct debit|payslips?|statements?|contract|documents?|registration|register|appeal|fine|parking ticket|cancel|utilities|energy supplier|broadband|phone contract|admin)\b/, 2],
    [/^(?:\W*)(pay|file|renew|cancel|submit|sign|claim|register|apply for|fill (in|out)|complete)\b/, 3],
  ],
  appointment: [
    [/\b(appointment|appt|check-?up|booking)\b/, 4],
    [/\b(dentist|doctor|gp|haircut|hairdresser|barber|vet|optician|eye test|eyes? tested|therapist|therapy|physio|counsell?or|nurse|blood test|vaccine|vaccination|jab|smear|scan|mot|car service|mechanic|nails|massage|consultant|clinic|surgery)\b/, 4],
    [/^(?:\W*)(book|schedule|reschedule|make|reserve)\b/, 2],
  ],
  shopping: [
    [/\b(shopping|groceries|grocery|supermarket|errands?|food shop)\b/, 5],
    [/^(?:\W*)(buy|shop|order|pick up|collect|return|drop off)\b/, 3],
    [/^(?:\W*)get\b/, 1],
    [/\b(buy|order|parcel|package|post office|pharmacy|chemist|prescription|gift|present|hardware store|amazon|shops?|store|milk|bread|toilet roll|nappies|new (shoes|coat|jeans|phone|laptop))\b/, 2],
  ],
  cooking: [
    [/\b(cook(ing)?|bake|baking|meal ?prep|batch[- ]cook|recipe)\b/, 5],
    [/\b(dinner|lunch|breakfast|tea for|meals?|soup|curry|pasta|lasagne|lasagna|stew|casserole|roast|cake|bread|cookies|biscuits|salad|stir[- ]fry|sandwich(es)?|lunchbox(es)?|packed lunch)\b/, 3],
  ],
  studying: [
    [/\b(study|studying|revise|revision|learn|learning|homework|coursework|flashcards|exam|exams|lecture|lesson|lessons|tutorial|course|module|textbook|syllabus|quiz|certification|duolingo|grammar|vocabulary)\b/, 4],
    [/\b(read|reading|chapter|book|article|paper|notes|practi[cs]e|assignment|class)\b/, 2],
    [/\b(spanish|french|german|italian|portuguese|japanese|chinese|mandarin|korean|arabic|russian|dutch|greek|latin|language|piano|guitar|violin|drums|maths|math|physics|chemistry|biology|history|statistics)\b/, 3],
  ],
  exercise: [
    [/\b(gym|exercise|exercising|workout|work out|yoga|pilates|stretch(es|ing)?|meditat(e|ion|ing)|breathing exercises|fitness|weights|5k|10k|marathon|couch to 5k|cardio|hiit|spin class|physio exercises|push-?ups|squats)\b/, 5],
    [/\b(run|running|jog|jogging|walk|walking|swim|swimming|cycle|cycling|bike ride|hike|hiking|steps|training|football|tennis|badminton|climbing|dance class)\b/, 3],
  ],
  coding: [
    [/\b(broken build|the build|build is (broken|red|failing)|on main|main branch|master branch|debug|refactor|bug|bugs|stack ?trace|pull request|\bpr\b|code review|unit tests?|integration tests?|e2e|flaky|ci|pipeline|deploy(ment)?|repo|git|merge conflict|lint|typescript|javascript|python|api|endpoint|database|sql|docker|kubernetes|frontend|backend|regression|crash(es|ing)?|exception|null pointer)\b/, 4],
    [/\b(code|coding|script|function|feature|app|website|web ?site|test|tests|build|release|server|migration|login|error|logs?|ticket|jira|github|commit|branch)\b/, 2],
    [/\b(implement|fix|ship)\b/, 1],
  ],
  planning: [
    [/\b(party|parties|birthday|wedding|trip|holiday|vacation|itinerary|baby shower|hen do|stag do|anniversary|celebration|reunion|barbecue|bbq|dinner party|christmas|thanksgiving|event|festival|getaway|weekend away|road trip|honeymoon|surprise)\b/, 4],
    [/^(?:\W*)(plan|organi[sz]e|arrange|host|throw)\b/, 3],
    [/\b(plan|planning|guests?|venue|invitations?|travel|flights?|hotel|conference|week|schedule)\b/, 1],
  ],
  moving: [
    [/\b(move house|moving house|move out|moving out|move in|moving in|moving day|relocat(e|ing|ion)|removals?|removal van|new (flat|apartment|house|home|place)|house move|move flats?)\b/, 5],
    [/^(?:\W*)(move|moving)\b(?!\s+(the|my|your|a)\s+(car|meeting|money|appointment|files?|desk|sofa|couch|chair|table|bed))/, 4],
    [/\b(pack(ing)?|unpack(ing)?|boxes|change of address|meter readings?|deposit|landlord|tenancy|lease)\b/, 1],
  ],
  jobsearch: [
    [/\b(job interview|interview|cv|resume|résumé|cover letter|job search|job hunt(ing)?|job applications?|linkedin|recruiter|headhunter|career|portfolio|salary negotiation|references|job offer|new job)\b/, 5],
    [/\b(job|jobs|apply|application|applications|hiring|role|position|vacancy|vacancies)\b/, 2],
  ],
  presentation: [
    [/\b(presentation|slides|slide deck|deck|powerpoint|keynote|google slides|pitch|webinar|talk at|conference talk|lightning talk|demo day)\b/, 5],
    [/\b(present|presenting|talk|speech|demo|workshop)\b/, 2],
  ],
  diy: [
    [/\b(repair|mend|assemble|install|put up|hang (a|the|some)|paint|painting|decorate|wallpaper|drill|screw|sand|grout|caulk|sealant|flat-?pack|ikea|shelf|shelves|curtain rail|blinds|light bulb|lightbulb|fuse|tap|leak|leaking|leaky|drip|dripping|boiler|radiator|door handle|hinge|lock|fence|bike|puncture|tyre|tire|squeaky|blocked|unblock|smoke alarm)\b/, 3],
    [/\bbroken\b/, 1],
    [/^(?:\W*)(fix|repair|mend|replace|assemble|build|install|paint|hang|put up|renovate|redecorate|refurbish|do up)\b/, 3],
  ],
  garden: [
    [/\b(garden|gardening|lawn|mow|weeds?|weeding|hedge|prune|pruning|plants?|seeds?|compost|allotment|pots|flower ?beds?|patio|leaves|rake|balcony plants|water the plants|houseplants?)\b/, 4],
  ],
};

/** Verb → kind bonus: the leading verb is the strongest single signal of what the work is. */
export const VERB_KIND: Record<string, (typeof KINDS)[number]> = {
  clean: "cleaning", "clean up": "cleaning", tidy: "cleaning", "tidy up": "cleaning", vacuum: "cleaning", hoover: "cleaning",
  mop: "cleaning", scrub: "cleaning", sweep: "cleaning", dust: "cleaning", wipe: "cleaning", disinfect: "cleaning",
  descale: "cleaning", defrost: "cleaning", "wash up": "cleaning", "take out": "cleaning", "put out": "cleaning",
  empty: "cleaning", "clean out": "cleaning",
  iron: "laundry", fold: "laundry",
  declutter: "decluttering", "clear out": "decluttering", organise: "decluttering", organize: "decluttering",
  write: "writing", draft: "writing", compose: "writing", rewrite: "writing", proofread: "writing", edit: "writing", "write up": "writing",
  email: "communication", reply: "communication", respond: "communication", text: "communication", call: "communication",
  phone: "communication", ring: "communication", message: "communication", contact: "communication", chase: "communication",
  "follow up": "communication", "get back": "communication", "call back": "communication", "ring back": "communication",
  "text back": "communication", "reach out": "communication", remind: "communication", tell: "communication", ask: "communication",
  pay: "admin", file: "admin", renew: "admin", cancel: "admin", submit: "admin", claim: "admin", register: "admin",
  "fill in": "admin", "fill out": "admin", sign: "admin", budget: "admin",
  book: "appointment", schedule: "appointment", reschedule: "appointment",
  buy: "shopping", shop: "shopping", order: "shopping", "pick up": "shopping", collect: "shopping", return: "shopping",
  "drop off": "shopping", "shop for": "shopping",
  cook: "cooking", bake: "cooking", prep: "cooking",
  study: "studying", learn: "studying", revise: "studying", read: "studying", practise: "studying", practice: "studying",
  memorise: "studying", memorize: "studying",
  run: "exercise", jog: "exercise", walk: "exercise", swim: "exercise", cycle: "exercise", hike: "exercise", stretch: "exercise",
  exercise: "exercise", meditate: "exercise",
  debug: "coding", refactor: "coding", deploy: "coding", implement: "coding", merge: "coding", rebase: "coding", commit: "coding",
  plan: "planning", host: "planning", arrange: "planning",
  pack: "moving", unpack: "moving", move: "moving",
  rehearse: "presentation", present: "presentation", pitch: "presentation",
  repair: "diy", mend: "diy", unblock: "diy", renovate: "diy", redecorate: "diy", refurbish: "diy", "do up": "diy", assemble: "diy", install: "diy", paint: "diy", hang: "diy", "put up": "diy", replace: "diy",
  mow: "garden", weed: "garden", prune: "garden", plant: "garden", water: "garden",
};

export interface Classification {
  kind: Kind;
  /** Score of the winning kind (0 for generic). */
  score: number;
  /** Matched keywords, strongest first, e.g. ["verb:clean", "kitchen"]. */
  signals: string[];
  /** Scores of all kinds that matched anything. */
  scores: Partial<Record<Kind, number>>;
  parsed: ParsedTitle;
}

function scoreText(kind: (typeof KINDS)[number], text: string, factor: number, signals: string[]): number {
  let total = 0;
  for (const [pattern, weight] of RULES[kind]) {
    const m = pattern.exec(text);
    if (m) {
      total += weight * factor;
      const word = (m[1] ?? m[0]).trim();
      if (!signals.includes(word)) signals.push(word);
    }
  }
  return total;
}

/** Classifies a task. Title words count double, notes count once; the leading verb adds a bonus. */
export function classify(title: string, notes?: string | null): Classification {
  const parsed = parseTitle(title);
  const titleText = cleanText(title).toLowerCase();
  const verbFirst = parsed.verb ? `${parsed.verb} ${parsed.prep ?? ""} ${parsed.object}`.replace(/\s+/g, " ").toLowerCase() : titleText;
  const notesText = cleanText(notes ?? "").toLowerCase();
  const scores: Partial<Record<Kind, number>> = {};
  const signalsBy: Partial<Record<Kind, string[]>> = {};
  for (const kind of KINDS) {
    const signals: string[] = [];
    // Anchored rules (^verb) look at the verb-first form, so "I need to pay the bill" still counts.
    let score = scoreText(kind, verbFirst, 2, signals);
    if (notesText) score += scoreText(kind, notesText, 1, signals);
    if (parsed.verb && VERB_KIND[parsed.verb] === kind) {
      score += 3;
      signals.unshift(`verb:${parsed.verb}`);
    }
    if (score > 0) {
      scores[kind] = score;
      signalsBy[kind] = signals;
    }
  }
  // Context rules for common confusions.
  // Talking to someone is the task, whatever it is about ("Get back to the recruiter", "Email Sam about the party").
  if (parsed.verb && VERB_KIND[parsed.verb] === "communication") scores.communication = (scores.communication ?? 0) + 8;
  if (parsed.verb && /^(get|buy|order|pick up|pick)$/.test(parsed.verb) && /\b(card|present|gift|flowers|balloons|wrapping paper|decorations)\b/.test(verbFirst)) {
    scores.shopping = (scores.shopping ?? 0) + 10;
  }
  if (parsed.verb && /^(organise|organize|arrange|sort out)$/.test(parsed.verb) && /\b(lunch|dinner|drinks|meet-?up|meeting|night out|party|event|trip|day out|outing|celebration|leaving do|do for|get-?together)\b/.test(verbFirst)) {
    scores.planning = (scores.planning ?? 0) + 8;
  }
  if (scores.coding && /\b(fix|debug)\b/.test(verbFirst) && /\b(test|tests|bug|build|ci|login|api|app|code|crash|error)\b/.test(verbFirst)) {
    scores.coding += 4;
  }
  if (scores.moving && parsed.verb === "pack" && !/\b(move|moving|boxes|flat|house|apartment|home|removal)\b/.test(`${verbFirst} ${notesText}`)) {
    scores.moving -= 3;
  }
  if (scores.laundry && scores.cleaning && /\b(laundry|clothes|bedding|sheets|towels|shirts)\b/.test(verbFirst)) scores.laundry += 3;
  if (scores.cleaning && /\b(dishes|washing[- ]up)\b/.test(verbFirst)) scores.cleaning += 2;
  if (scores.jobsearch && scores.writing && /\b(cover letter|cv|resume)\b/.test(verbFirst)) scores.jobsearch += 2;
  if (scores.jobsearch && /\b(jobs?|roles?|positions?|vacanc(y|ies)|internships?|grad schemes?)\b/.test(verbFirst)) scores.jobsearch += 5;
  if (scores.decluttering && /\b(clothes|wardrobe|closet)\b/.test(verbFirst) && /\b(declutter|sort|clear|organi[sz]e|purge|go through)\b/.test(verbFirst)) {
    scores.decluttering += 3;
  }
  let best: Kind = "generic";
  let bestScore = 0;
  for (const kind of KINDS) {
    const s = scores[kind] ?? 0;
    if (s > bestScore) {
      best = kind;
      bestScore = s;
    }
  }
  // A lone hint (score ≤ 2, e.g. only "notes" or only "post") is not enough to pick a template.
  if (bestScore < 3) best = "generic";
  return { kind: best, score: best === "generic" ? 0 : bestScore, signals: best === "generic" ? [] : (signalsBy[best] ?? []), scores, parsed };
}
