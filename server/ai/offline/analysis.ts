// Offline task analysis: deterministic size estimate, complexity, needs and first tiny step from the task's kind and wording.
import { offlineBreakdown, splitClauses } from "./breakdown";
import { classify, type Kind } from "./classify";
import { cleanText, clip, possessive, toSecondPerson, words } from "./text";

export interface AnalysisInput {
  title: string;
  notes?: string | null;
}

export interface AnalysisResult {
  complexity: 1 | 2 | 3 | 4 | 5;
  /** Integer minutes, 5..480. */
  estimateMinutes: number;
  /** Things or information needed; may be empty. */
  needs: string[];
  /** Verb-first, ≤ 5 minutes. */
  firstTinyStep: string;
  shouldBreakDown: boolean;
  kind: string;
  /** One line: why, naming the signals used. */
  reasoning: string;
}

interface Sized {
  minutes: number;
  /** What the base size was read from, e.g. "report", "a call". */
  basis: string;
  needs: string[];
}

/** Base size of one task of a kind, refined by the words in it (realistic minutes incl. start-up friction). */
function baseSize(kind: Kind, text: string, title: string): Sized {
  const has = (re: RegExp) => re.test(text);
  const parsed = classify(title).parsed;
  const whose = parsed.core ? possessive(parsed.core) : "their";
  switch (kind) {
    case "cleaning":
      if (has(/\b(house|flat|apartment|home|whole|everywhere|deep clean|spring clean)\b/)) return { minutes: 150, basis: "a whole home", needs: ["bin bags", "cleaning spray and cloths", "the vacuum"] };
      if (has(/\b(dish(es)?|washing[- ]up)\b/)) return { minutes: 20, basis: "the dishes", needs: ["washing-up liquid", "a sponge"] };
      if (has(/\b(bins?|rubbish|recycling)\b/)) return { minutes: 10, basis: "the bins", needs: ["bin bags"] };
      if (has(/\b(oven|fridge|freezer|car)\b/)) return { minutes: 45, basis: "one big appliance", needs: ["cleaning spray or degreaser", "cloths"] };
      if (has(/\b(kitchen|bathroom)\b/)) return { minutes: 50, basis: has(/kitchen/) ? "a kitchen" : "a bathroom", needs: ["cleaning spray and cloths", "bin bags"] };
      if (has(/\b(floor|vacuum|hoover|mop)\b/)) return { minutes: 20, basis: "one floor", needs: ["the vacuum or mop"] };
      return { minutes: 40, basis: "one room", needs: ["a bin bag", "a laundry basket"] };
    case "laundry":
      if (has(/\biron/)) return { minutes: 40, basis: "ironing", needs: ["the iron and ironing board"] };
      if (has(/\bfold|put away\b/)) return { minutes: 20, basis: "folding", needs: [] };
      return { minutes: 45, basis: "a load of washing (plus machine time)", needs: ["detergent", "space to dry clothes"] };
    case "decluttering":
      if (has(/\b(garage|attic|loft|basement|cellar|spare room|house)\b/)) return { minutes: 180, basis: "a big storage space", needs: ["bin bags", "boxes for donations"] };
      if (has(/\b(drawer|shelf|bag|handbag|desk)\b/)) return { minutes: 30, basis: "one small area", needs: ["a bin bag"] };
      if (has(/\b(papers?|paperwork|documents|post|mail)\b/)) return { minutes: 60, basis: "a paper pile", needs: ["folders", "a shredder or recycling bag"] };
      return { minutes: 90, basis: "a wardrobe-sized area", needs: ["bags for keep, donate and bin"] };
    case "writing":
      if (has(/\b(thesis|dissertation|book|novel|manuscript)\b/)) return { minutes: 480, basis: "a very long document", needs: ["your notes and sources"] };
      if (has(/\b(essay|report|proposal|assignment|coursework|case study)\b/)) {
        return { minutes: 180, basis: has(/report/) ? "a report" : has(/essay/) ? "an essay" : "a long document", needs: has(/report/) ? ["the figures and data", "last period's report as a template"] : ["the brief or question", "your sources"] };
      }
      if (has(/\b(blog|article|post|newsletter|documentation|docs|review|statement|bio)\b/)) return { minutes: 90, basis: "an article-length piece", needs: ["your notes or outline"] };
      if (has(/\b(thank|card|note|email|message|letter|text|reply|invitation)\b/)) return { minutes: 20, basis: "a short message", needs: [] };
      return { minutes: 60, basis: "a piece of writing", needs: [] };
    case "communication":
      if (has(/\b(emails|inbox|messages|backlog)\b/)) return { minutes: 45, basis: "an inbox", needs: [] };
      if (has(/\b(call|phone|ring)\b/)) {
        return { minutes: 15, basis: "a call", needs: [`${whose} phone number`, "a note of what you want to say"] };
      }
      return {
        minutes: 15,
        basis: "a message",
        needs: parsed.topic ? [`the facts about ${parsed.topic}`] : [`${whose} contact details`],
      };
    case "admin":
      if (has(/\b(tax(es)?|tax return|self[- ]assessment)\b/) && !has(/council tax|car tax/)) {
        return { minutes: 240, basis: "taxes", needs: ["last year's tax return", "payslips or invoices", "bank statements", "receipts for expenses", "your login for the tax website"] };
      }
      if (has(/\b(passport|visa|licen[cs]e|id card|permit)\b/)) {
        const doc = /\b(passport|visa|driving licen[cs]e|licen[cs]e|id card|permit)\b/.exec(text)?.[1] ?? "document";
        return { minutes: 90, basis: `a ${doc} renewal`, needs: [`your current ${doc}`, `a new ${doc} photo`, "a payment card"] };
      }
      if (has(/\binsurance\b/)) return { minutes: 60, basis: "insurance", needs: ["your current policy details", "quotes to compare"] };
      if (has(/\b(bill|invoice|fine|parking ticket)\b/) || parsed.verb === "pay") return { minutes: 10, basis: "paying a bill", needs: ["the bill and its reference number", "your banking app"] };
      if (has(/\bcancel\b/)) return { minutes: 20, basis: "a cancellation", needs: ["your account number or login"] };
      if (has(/\b(budget|finances)\b/)) return { minutes: 60, basis: "a budget", needs: ["last month's bank statement"] };
      return { minutes: 45, basis: "a form", needs: ["the form", "your ID and reference numbers"] };
    case "appointment":
      if (parsed.verb === "go" || parsed.verb === "attend" || parsed.verb === "take") return { minutes: 90, basis: "going to an appointment", needs: ["the time and address", "any letters or ID"] };
      return { minutes: 10, basis: "booking an appointment", needs: ["the phone number or booking page", "your calendar"] };
    case "shopping":
      if (has(/\b(groceries|grocery|food shop|weekly shop|supermarket|shopping)\b/)) return { minutes: 75, basis: "a food shop", needs: ["a shopping list", "bags"] };
      if (has(/\berrands?\b/)) return { minutes: 90, basis: "a round of errands", needs: ["a list of stops"] };
      if (has(/\b(milk|bread|eggs|stamps|batteries)\b/)) return { minutes: 20, basis: "a quick shop", needs: ["your wallet or phone"] };
      return { minutes: 40, basis: "buying one thing", needs: ["a budget"] };
    case "cooking":
      if (has(/meal ?prep|batch/)) return { minutes: 150, basis: "a batch cook", needs: ["recipes", "ingredients", "tubs"] };
      if (has(/\b(bake|cake|bread|cookies|biscuits)\b/)) return { minutes: 90, basis: "baking", needs: ["the recipe", "the ingredients"] };
      return { minutes: 45, basis: "one meal", needs: ["a recipe", "the ingredients"] };
    case "studying":
      if (has(/\b(learn|basics)\b/) && has(/\b(spanish|french|german|italian|japanese|chinese|mandarin|korean|language|piano|guitar|code|coding|python)\b/)) {
        return { minutes: 480, basis: "learning a new skill (many sessions)", needs: ["a beginner course or app", "a regular time slot"] };
      }
      if (has(/\b(exam|exams|revise|revision|finals)\b/)) return { minutes: 180, basis: "exam revision", needs: ["your notes", "past papers"] };
      if (has(/\b(chapter|article|paper|pages)\b/)) return { minutes: 45, basis: "a reading", needs: ["the text", "a highlighter"] };
      if (has(/\b(homework|assignment|worksheet)\b/)) return { minutes: 60, basis: "homework", needs: ["the instructions"] };
      if (has(/\b(practi[cs]e)\b/)) return { minutes: 30, basis: "a practice session", needs: [] };
      return { minutes: 90, basis: "a study session", needs: ["the course material"] };
    case "exercise":
      if (has(/\bgym\b/)) return { minutes: 90, basis: "a gym visit (with travel)", needs: ["gym clothes and trainers", "a water bottle"] };
      if (has(/\b(marathon|half marathon|10k|hike)\b/)) return { minutes: 120, basis: "a long session", needs: ["the right shoes", "water"] };
      if (has(/\bdog\b/)) return { minutes: 30, basis: "a dog walk", needs: ["the lead and poo bags"] };
      return { minutes: 40, basis: "a workout", needs: ["workout clothes"] };
    case "coding":
      if (has(/\b(feature|implement|build|migration|refactor)\b/)) return { minutes: 240, basis: "a feature", needs: ["the ticket or spec"] };
      if (has(/\b(review|pr|pull request)\b/)) return { minutes: 45, basis: "a code review", needs: ["the pull request link"] };
      if (has(/\b(deploy|release)\b/)) return { minutes: 60, basis: "a release", needs: ["the release checklist"] };
      if (has(/\b(flaky|intermittent)\b/)) return { minutes: 150, basis: "a flaky test", needs: ["the failing CI logs", "a way to run the test in a loop"] };
      return { minutes: 120, basis: "a bug fix", needs: ["the error message or bug report", "steps to reproduce"] };
    case "planning":
      if (has(/\b(wedding)\b/)) return { minutes: 480, basis: "a wedding", needs: ["a budget", "the guest list", "a date"] };
      if (has(/\b(week|day|weekend|month|schedule)\b/) && !has(/\b(party|event|trip|holiday)\b/)) return { minutes: 30, basis: "planning a week", needs: ["your calendar", "your to-do list"] };
      if (has(/\b(trip|holiday|vacation|travel|getaway)\b/)) return { minutes: 180, basis: "a trip", needs: ["dates you can travel", "a budget", "your passport details"] };
      return { minutes: 240, basis: "an event", needs: ["a date", "a budget", "the guest list"] };
    case "moving":
      if (parsed.verb === "unpack") return { minutes: 240, basis: "unpacking", needs: ["a box cutter"] };
      return { minutes: 480, basis: "a house move", needs: ["boxes, tape and a marker", "a van or helpers", "the moving date"] };
    case "jobsearch":
      if (has(/\binterview\b/)) return { minutes: 150, basis: "interview prep", needs: ["the job description", "your CV", "the interview time and place"] };
      if (has(/\b(cv|resume|résumé)\b/)) return { minutes: 120, basis: "a CV update", needs: ["your current CV", "a job ad to aim at"] };
      if (has(/\bcover letter\b/)) return { minutes: 60, basis: "a cover letter", needs: ["the job ad", "your CV"] };
      return { minutes: 120, basis: "job applications", needs: ["your CV", "a job site login"] };
    case "presentation":
      if (has(/\b(rehearse|practi[cs]e)\b/)) return { minutes: 60, basis: "rehearsing a talk", needs: ["the slides", "a timer"] };
      return { minutes: 180, basis: "a presentation", needs: ["the key message", "any data or images for the slides"] };
    case "diy":
      if (has(/\b(paint|decorate|redecorate|renovate|refurbish)\b/)) return { minutes: 360, basis: "painting or decorating", needs: ["paint", "rollers, brushes and tape", "dust sheets"] };
      if (has(/\b(assemble|flat-?pack|ikea|build)\b/)) return { minutes: 90, basis: "flat-pack assembly", needs: ["the instructions", "a screwdriver and allen key"] };
      if (has(/\b(hang|put up|mount)\b/)) return { minutes: 30, basis: "hanging something", needs: ["a drill, plugs and screws", "a level"] };
      return { minutes: 60, basis: "a repair", needs: ["the right tools", "any spare parts"] };
    case "garden":
      if (has(/\bwater\b/)) return { minutes: 10, basis: "watering", needs: ["a watering can"] };
      if (has(/\b(mow|lawn)\b/)) return { minutes: 45, basis: "mowing", needs: ["the mower"] };
      return { minutes: 60, basis: "garden work", needs: ["gloves", "garden tools"] };
    default:
      return { minutes: 30, basis: "an unfamiliar task", needs: [] };
  }
}

const SMALL_WORDS = /\b(quick|quickly|small|short|just|simple|easy|tiny|brief|little|only|one)\b/;
const BIG_WORDS = /\b(whole|entire|all|everything|deep|full|complete|overhaul|big|major|massive|project|research|huge|every)\b/;

/** Rounds to friendly numbers (5-minute steps under an hour, 15 under three hours, then 30). */
function friendly(minutes: number): number {
  const m = Math.max(5, Math.min(480, minutes));
  const step = m < 60 ? 5 : m < 180 ? 15 : 30;
  return Math.max(5, Math.min(480, Math.round(m / step) * step));
}

function explicitMinutes(text: string): number | null {
  const m = /\b(\d{1,3}(?:\.\d)?)\s*(minutes?|mins?|m|hours?|hrs?|h)\b/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n) || n <= 0) return null;
  return /^h/.test(m[2]) ? n * 60 : n;
}

function describe(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}

export function offlineAnalysis(input: AnalysisInput): AnalysisResult {
  const title = cleanText(input.title ?? "").length > 0 ? input.title : "this task";
  const notes = typeof input.notes === "string" ? input.notes : "";
  const classification = classify(title, notes);
  const kind = classification.kind;
  const titleText = toSecondPerson(cleanText(title)).toLowerCase();
  const notesText = cleanText(notes).toLowerCase();
  const signals: string[] = [];

  // Several jobs in one title ("buy milk and call mum") are sized one by one and added up.
  const clauses = splitClauses(title);
  let minutes = 0;
  let basis: string;
  let needs: string[];
  if (clauses.length >= 2) {
    const parts = clauses.map((clause) => {
      const k = classify(clause).kind;
      return baseSize(k, `${cleanText(clause).toLowerCase()}`, clause);
    });
    minutes = parts.reduce((sum, p) => sum + p.minutes, 0);
    basis = `${clauses.length} jobs (${parts.map((p) => p.basis).join(" + ")})`;
    needs = parts.flatMap((p) => p.needs);
    signals.push(`${clauses.length} separate jobs`);
  } else {
    const sized = baseSize(kind, `${titleText} ${notesText}`, title);
    minutes = sized.minutes;
    basis = sized.basis;
    needs = [...sized.needs];
    // "Clean the kitchen and bathroom": several objects joined by "and" or commas add work.
    const extraObjects = (titleText.match(/,|\band\b|&/g) ?? []).length;
    if (extraObjects > 0) {
      minutes *= 1 + 0.5 * Math.min(extraObjects, 4);
      signals.push(`${extraObjects + 1} parts joined by "and"/commas`);
    }
  }

  const explicit = explicitMinutes(titleText) ?? explicitMinutes(notesText);
  if (explicit !== null && explicit >= 5) {
    minutes = explicit;
    signals.push(`says ${describe(Math.round(explicit))}`);
  } else {
    const small = SMALL_WORDS.exec(titleText)?.[1];
    const big = BIG_WORDS.exec(titleText)?.[1];
    if (small && !big) {
      minutes *= 0.6;
      signals.push(`"${small}" suggests it's small`);
    }
    if (big && !small) {
      minutes *= 1.5;
      signals.push(`"${big}" suggests it's big`);
    }
  }

  // Long or list-like notes mean more to handle.
  const noteWords = words(notesText).length;
  if (noteWords > 25) {
    minutes *= 1.2;
    signals.push(`${noteWords}-word notes`);
  } else if (noteWords > 0) {
    signals.push("notes read");
  }
  if (/\breceipts?\b/.test(notesText)) needs.unshift(/shoe ?box/.test(notesText) ? "the receipts in the shoebox" : "the receipts");
  if (/\bself[- ]employed|freelanc/.test(notesText)) needs.push("your invoices for self-employed income");
  if (/\bci\b/.test(notesText) && !needs.some((n) => /\bCI\b/.test(n))) needs.push("the CI logs of a failing run");

  const estimateMinutes = friendly(Math.round(minutes));
  let complexity = estimateMinutes <= 15 ? 1 : estimateMinutes <= 30 ? 2 : estimateMinutes <= 90 ? 3 : estimateMinutes <= 240 ? 4 : 5;
  const distinctNeeds = [...new Set(needs.map((n) => clip(n, 200)))].slice(0, 10);
  if (clauses.length >= 3 || distinctNeeds.length >= 5 || noteWords > 40) complexity += 1;
  if (kind === "generic" && complexity < 2) complexity = 2; // unknown work: assume a little thinking is needed
  const finalComplexity = Math.max(1, Math.min(5, complexity)) as AnalysisResult["complexity"];
  const shouldBreakDown = estimateMinutes > 25 || finalComplexity >= 3;

  const firstTinyStep = offlineBreakdown({ title, notes, spiciness: 3 }).firstTinyStep;
  const verbSignal = classification.signals.find((s) => s.startsWith("verb:"))?.slice(5);
  const kindSignals = [
    ...(verbSignal ? [`verb “${verbSignal}”`] : []),
    ...classification.signals.filter((s) => !s.startsWith("verb:") && s !== verbSignal).map((s) => `“${s}”`),
  ].slice(0, 3);
  const reasoning = clip(
    [
      kind === "generic" ? "No known task pattern matched" : `Looks like ${kind}${kindSignals.length ? ` (${kindSignals.join(", ")})` : ""}`,
      `sized as ${basis}`,
      ...signals,
      `→ about ${describe(estimateMinutes)}, complexity ${finalComplexity}`,
      shouldBreakDown ? "so break it down" : "small enough to just start",
    ].join("; ").replace(/; →/, " →"),
    480,
  );

  return {
    complexity: finalComplexity,
    estimateMinutes,
    needs: distinctNeeds,
    firstTinyStep,
    shouldBreakDown,
    kind,
    reasoning,
  };
}
