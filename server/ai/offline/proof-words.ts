// Word knowledge for the offline proof checker: a root form that lines up "scrubbed"/"scrub" and
// "wrote"/"write", and families of words that belong to the same kind of task ("Clean the bathroom"
// ↔ "sink", "tub", "mopped"), so proof in the user's own words still counts as relevant.
import { STOP_WORDS, words } from "./text";

const IRREGULAR: Record<string, string> = {
  wrote: "write", written: "write", rewrote: "rewrite", ran: "run", went: "go", gone: "go", did: "do", done: "do",
  made: "make", took: "take", taken: "take", bought: "buy", sent: "send", spoke: "speak", spoken: "speak",
  swept: "sweep", paid: "pay", drove: "drive", driven: "drive", rode: "ride", ridden: "ride", swam: "swim",
  ate: "eat", eaten: "eat", got: "get", gotten: "get", found: "find", brought: "bring", gave: "give", given: "give",
  told: "tell", built: "build", drew: "draw", drawn: "draw", sang: "sing", kept: "keep", left: "leave", met: "meet",
  sold: "sell", slept: "sleep", spent: "spend", stood: "stand", taught: "teach", thought: "think", threw: "throw",
  woke: "wake", wore: "wear", hung: "hang", fed: "feed", caught: "catch", chose: "choose", began: "begin",
  begun: "begin", broke: "break", came: "come", dug: "dig", froze: "freeze", grew: "grow", heard: "hear",
  held: "hold", knew: "know", laid: "lay", led: "lead", lent: "lend", lit: "light", lost: "lose", rang: "ring",
  rung: "ring", saw: "see", seen: "see", shook: "shake", sat: "sit", stuck: "stick", tore: "tear", won: "win",
  hid: "hide", flew: "fly", forgot: "forget", felt: "feel", fought: "fight", dealt: "deal", understood: "understand",
  mown: "mow", sewn: "sew", meant: "mean", spun: "spin", wound: "wind", withdrew: "withdraw", filled: "fill",
};

/** A rough root: "scrubbed"→"scrub", "tidied"→"tidy", "towels"→"towel", "wrote"→"write", "wiped"/"wipe"→"wip". */
export function root(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "").replace(/['’]$/, "");
  const irregular = IRREGULAR[w];
  if (irregular) w = irregular;
  if (w.length > 4 && /ie[sd]$/.test(w)) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (/([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** Same root, or one is a prefix of the other and both are long enough to mean it ("intro"/"introduction"). */
export function sameRoot(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.startsWith(short);
}

/** Words that belong together in one kind of task. A task word in a family makes the whole family relevant. */
const FAMILIES: readonly string[] = [
  "walk stroll hike wander step steps km kilometre kilometer mile park trail route loop block outside air dog field round lead woods forest beach river canal path meadow",
  "run jog sprint km kilometre mile 5k 10k pace lap treadmill strava parkrun",
  "exercise workout gym rep reps set sets squat squats pushup pushups push-ups plank lift weights cardio yoga stretch pilates class bike cycle ride swim lengths pool",
  "clean scrub mop wipe vacuum hoover dust tidy wash polish disinfect bleach sweep spray rinse descale sparkle spotless grime dirt cleaner",
  "bathroom sink tub bath bathtub toilet loo shower towel mirror tile grout basin tap taps limescale mat",
  "kitchen counter countertop worktop hob oven fridge stove cupboard microwave sink bin floor table",
  "dishes dish plate pot pan cutlery dishwasher mug cup glass washing-up rack",
  "laundry wash load dryer machine fold clothes hang iron sheets towels basket",
  "room bedroom desk floor bed shelf shelves drawer clothes clutter declutter bag bags box boxes donate charity wardrobe",
  "write draft word words paragraph sentence page pages intro introduction conclusion thesis hook outline section heading essay report chapter doc document argument edit revise proofread roadmap",
  "read chapter page pages book idea summary summarise takeaway author argues argument notes example lesson point highlight",
  "study revise revision flashcard flashcards quiz practice problem problems notes lecture exam topic anki",
  "call phone ring speak talk line agent rep representative voicemail hold answer conversation chat",
  "insurance policy claim premium cover coverage insurer reference case form renewal quote",
  "email mail message text reply inbox send subject dm whatsapp slack",
  "submit upload file hand turn send confirmation receipt receipts expense expenses reimbursement claim report form portal approve",
  "pay bill invoice payment transfer bank debit amount",
  "buy shop store shopping groceries supermarket receipt order basket cart milk bread eggs",
  "cook meal recipe dinner lunch breakfast bake oven fry chop pan soup pasta rice salad prep portions",
  "code commit merge pr pull request test tests deploy bug fix branch review build ci refactor function endpoint ticket",
  "garden mow lawn grass weed weeds plant plants water prune hedge leaves rake pot seeds",
  "book appointment slot confirmation dentist doctor gp reservation reserve schedule calendar",
  "meditate meditation breath breathing breathe mindful mindfulness calm headspace session",
  "slides slide deck presentation present rehearse talk speaker",
  "cv resume cover letter application apply job role position recruiter interview",
  "bin bins rubbish trash recycling garbage bag kerb curb",
  "dog cat feed vet litter walk lead ball fetch park",
  "practise practice piano guitar scales song chords",
];

const FAMILY_ROOTS: readonly string[][] = FAMILIES.map((f) => f.split(/\s+/).map(root));

/** Prepositions and fillers that say nothing about the work (on top of the shared stop words). */
const EXTRA_STOP = new Set(
  "around through across along near onto upon behind beside between again ago still yet even already such same every each without within other another into while since until also really got i'm im it's its i've ive myself yeah yep yes ok okay".split(" "),
);

/** Words that say "it's done" without saying anything about it. */
export const COMPLETION_WORDS = new Set(
  "done did do finish finished complete completed completing sorted handled managed achieved accomplished tick ticked check checked task it this that all whole thing".split(" "),
);

export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !EXTRA_STOP.has(w) && !/^\d/.test(w));
}

export interface TaskVocabulary {
  /** Roots of the task's own words (key words + a non-weak verb). */
  own: string[];
  /** Roots of every family those words belong to. */
  related: string[];
}

export function taskVocabulary(taskWords: string[]): TaskVocabulary {
  const own = [...new Set(taskWords.map(root))];
  const related = new Set<string>();
  for (const family of FAMILY_ROOTS) {
    if (family.some((f) => own.some((o) => sameRoot(o, f)))) family.forEach((f) => related.add(f));
  }
  return { own, related: [...related] };
}

/** How a proof word relates to the task: its own word, a word of the same family, or neither. */
export function relation(word: string, vocab: TaskVocabulary): "own" | "related" | null {
  const r = root(word);
  if (vocab.own.some((o) => sameRoot(o, r))) return "own";
  if (vocab.related.some((o) => sameRoot(o, r))) return "related";
  return null;
}
