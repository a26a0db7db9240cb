// The offline coach's proof checker: text, a link or an image (with its caption) for a task →
// accepted / needs_more / rejected, a confidence and a one-line reason. Deterministic and honest:
// it can't see images, and it never takes instructions from the proof (see injection.ts).
import { classify } from "./classify";
import { findInjection, type InjectionFinding } from "./injection";
import { type Judgement, askFor, judgeText } from "./proof-text";
import { contentWords, relation, taskVocabulary, type TaskVocabulary } from "./proof-words";
import { keyWords, parseTitle, WEAK_VERBS } from "./text";

export type { Judgement as ProofJudgement } from "./proof-text";

export interface ProofInput {
  task: { title: string; notes?: string | null };
  proof: {
    kind: "text" | "link" | "image";
    /** The text, the URL, or (for images) a placeholder: the offline coach never receives the pixels. */
    value: string;
    mimeType?: string | null;
    /** What the user says an image (or link) shows. */
    caption?: string | null;
  };
}

export interface InjectionHit extends InjectionFinding {
  where: "proof" | "caption" | "task title" | "task notes";
}

/** Instruction-like text anywhere the user could put it: the proof, its caption, the task's title or notes. */
export function injectionIn(input: ProofInput): InjectionHit | null {
  const places: [InjectionHit["where"], string | null | undefined][] = [
    ["proof", input.proof.kind === "image" ? null : input.proof.value],
    ["caption", input.proof.caption],
    ["task title", input.task.title],
    ["task notes", input.task.notes],
  ];
  for (const [where, text] of places) {
    const found = findInjection(text);
    if (found) return { ...found, where };
  }
  return null;
}

/** The verdict for proof that tries to instruct the checker: never accepted, whoever was asked. */
export function injectionJudgement(hit: InjectionHit): Judgement {
  const place = { proof: "This proof contains", caption: "The caption contains", "task title": "The task's title contains", "task notes": "The task's notes contain" }[hit.where];
  return {
    verdict: "rejected",
    confidence: 0.95,
    reason: `${place} instructions aimed at the checker ("${hit.excerpt.slice(0, 40)}"), so it can't earn a bonus. Describe what you did instead.`,
  };
}

function vocabularyFor(task: ProofInput["task"]): TaskVocabulary {
  const parsed = parseTitle(task.title);
  const own = keyWords(task.title);
  if (parsed.verb && !WEAK_VERBS.has(parsed.verb)) own.push(...parsed.verb.split(" ").filter((w) => w.length > 2));
  if (task.notes) own.push(...keyWords(task.notes).slice(0, 12));
  return taskVocabulary(own);
}

const SHORTENERS = /^(bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly|shorturl\.at)$/;
const SEARCH = /(^|\.)(google|bing|duckduckgo|yahoo|baidu|yandex)\.[a-z.]+$/;
const SCREENS = /(^|\.)(youtube\.com|youtu\.be|netflix\.com|tiktok\.com|instagram\.com|reddit\.com|twitch\.tv|facebook\.com|x\.com|twitter\.com)$/;
/** Path words that say the thing is finished ("…/4471/submitted", "…/confirmation/8F3K"). */
const DONE_WORDS =
  /^(submitted|submission|confirmation|confirmed|receipt|success|successful|complete|completed|done|sent|thanks|thank-you|thankyou|merged|paid|approved|uploaded|published|booked)$/;
/** Path words naming a collection: evidence only next to an id ("/pull/482", "/activities/123"). */
const COLLECTION_WORDS =
  /^(orders?|invoices?|pull|pulls|merge_requests|commits?|issues|status|bookings?|reservations?|tickets?|reports?|activities|activity|workouts?|runs?|results?|certificates?|posts?|d|document|documents|edit|view|p|payments?|receipts|claims?|cases?|releases?|entries|entry)$/;
const ID_SEGMENT = /^(\d{2,}|[0-9a-f]{8,}|[0-9a-f-]{32,36}|(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,})$/i;

function judgeLink(value: string, task: ProofInput["task"], vocab: TaskVocabulary): Judgement {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { verdict: "rejected", confidence: 0.9, reason: "That isn't a link I can open. Paste the full https:// address." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { verdict: "rejected", confidence: 0.9, reason: "Only web links (https://) can count as proof." };
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  if (host === "localhost" || /^[\d.]+$/.test(host) || host.includes(":") || !host.includes(".") || /\.(local|internal|lan)$/.test(host)) {
    return { verdict: "needs_more", confidence: 0.7, reason: "That link points to a private address nobody else can open. Add a public link or a short note." };
  }
  if (SHORTENERS.test(host) || (SEARCH.test(host) && /\/(search|url)/.test(url.pathname))) {
    return { verdict: "needs_more", confidence: 0.65, reason: "A short or search link doesn't show the result. Paste the page itself, or add a note." };
  }
  const segments = url.pathname.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  const pieces = [...host.split("."), ...segments.flatMap((s) => s.split(/[-_.~+]/)), ...[...url.searchParams.values()]].filter(Boolean);
  const relevant = contentWords(pieces.join(" ")).some((w) => relation(w, vocab) !== null);
  const hasId = segments.some((s) => ID_SEGMENT.test(s)) || [...url.searchParams.values()].some((v) => ID_SEGMENT.test(v));
  const pathWords = segments.flatMap((s) => s.toLowerCase().split(/[-_.]/));
  const doneWord = pathWords.some((p) => DONE_WORDS.test(p));
  const collection = hasId && pathWords.some((p) => COLLECTION_WORDS.test(p));
  if (segments.length === 0) {
    return { verdict: "needs_more", confidence: 0.7, reason: `That's a home page, not the page that shows "${task.title}" done. Link the exact page.` };
  }
  if (SCREENS.test(host) && !relevant && !vocab.own.some((w) => /^(watch|video|post|upload|publish|film|record)/.test(w))) {
    return { verdict: "needs_more", confidence: 0.6, reason: `I can't see how this link shows "${task.title}". Add a note saying what it shows.` };
  }
  const evidence = (hasId ? 2 : 0) + (doneWord ? 2 : 0) + (collection ? 1 : 0) + (relevant ? 1 : 0) + (segments.length >= 2 ? 1 : 0);
  if (url.protocol === "http:") {
    return { verdict: "needs_more", confidence: 0.55, reason: "That link isn't secure (http). Paste the https:// version, or add a short note." };
  }
  if (evidence >= 3) {
    return {
      verdict: "accepted",
      confidence: Math.min(0.9, 0.6 + 0.05 * evidence),
      reason: doneWord || hasId ? "A specific link to the finished item. That works as proof." : "A specific link that matches the task. That works as proof.",
    };
  }
  return {
    verdict: "needs_more",
    confidence: 0.55,
    reason: `I can't tell from the link alone that it shows "${task.title}" done. Link the exact page, or add ${askFor(classify(task.title).kind)}.`,
  };
}

/** The offline coach's verdict on one proof. */
export function offlineProof(input: ProofInput): Judgement {
  const hit = injectionIn(input);
  if (hit) return injectionJudgement(hit);
  const vocab = vocabularyFor(input.task);
  const kind = classify(input.task.title, input.task.notes).kind;
  const { proof } = input;
  if (proof.kind === "link") return judgeLink(proof.value, input.task, vocab);
  if (proof.kind === "image") {
    const caption = proof.caption?.trim();
    if (!caption) {
      return {
        verdict: "needs_more",
        confidence: 0.5,
        reason: `The offline coach can't look at photos. Add a caption saying what it shows (${askFor(kind)}).`,
      };
    }
    const judged = judgeText(caption, { title: input.task.title, vocab, kind });
    return { ...judged, confidence: Math.round(judged.confidence * 90) / 100, reason: `Going by your caption (I can't see photos offline): ${judged.reason}` };
  }
  return judgeText(proof.value, { title: input.task.title, vocab, kind });
}

