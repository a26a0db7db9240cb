// Offline motivation: a short, kind, specific message from the user's state (what triggered it, the
// task, mood, energy, streak, what they just did), picked deterministically from varied templates.
// Every template is written to name what the person did or faces and never to shame: no "should",
// no guilt, no comparison, no "finally". The tests render every template and check a banned list.
import { cleanText, clip, hash } from "./text";

export const motivationTriggers = ["completed", "low_mood", "low_energy", "stuck", "checkin", "start"] as const;
export type MotivationTrigger = (typeof motivationTriggers)[number];

export interface MotivationInput {
  trigger: MotivationTrigger;
  taskTitle?: string | null;
  /** 1 (very low) … 5 (great). */
  mood?: number | null;
  /** 1 (empty) … 5 (full of beans). */
  energy?: number | null;
  streakDays?: number | null;
  completedToday?: number | null;
  /** What the user finished recently, newest first (from memory). */
  recentWins?: string[];
}

export interface MotivationResult {
  message: string;
}

export const MAX_MESSAGE = 280;

/** What a template may say: the task (quoted), the latest win (quoted), or a fallback phrase. */
export interface Slots {
  /** “Clean the kitchen”, or null when no task was named. */
  task: string | null;
  /** “Book the dentist”: the newest thing they finished, or null. */
  win: string | null;
}

type Template = (s: Slots) => string | null;

const q = (title: string) => `“${clip(cleanText(title).replace(/[.!?]+$/, ""), 70)}”`;

/** Per trigger: templates that need a task, then ones that work from the latest win or from nothing. */
export const TEMPLATES: Record<MotivationTrigger, Template[]> = {
  completed: [
    (s) => s.task && `You finished ${s.task}. That's one less thing carried in your head — enjoy that for a moment.`,
    (s) => s.task && `${s.task} is done. You started, you kept going, and now it's off your list.`,
    (s) => s.task && `Done: ${s.task}. Take a breath and notice it — finishing things is a skill you just used.`,
    (s) => s.task && `Nice work on ${s.task}. Small wins like this are how big weeks get built.`,
    (s) => s.task && `You got ${s.task} over the line. Whatever comes next can wait a minute while you enjoy it.`,
    (s) => s.win && `You just wrapped up ${s.win}. That's real progress — give yourself a moment before the next thing.`,
    () => "Another thing done. That took effort, and it counts.",
  ],
  low_mood: [
    (s) => s.task && `Heavy days happen, and they say nothing about you. If ${s.task} feels like a lot, opening it and looking is enough for now.`,
    (s) => s.task && `Be gentle with yourself today. ${s.task} can shrink to one tiny step — or wait until you've had some water and air.`,
    (s) => s.task && `It's okay to feel low. Pick the smallest part of ${s.task}, do two minutes, and let that be plenty.`,
    (s) => s.win && `Feeling low doesn't undo what you did: ${s.win} is still done. Go easy on yourself today.`,
    () => "Low days are part of being human. One small kind thing for yourself counts as progress today.",
    () => "Thanks for noticing how you feel — that's useful. Choose one small, easy thing, or rest: that's allowed too.",
  ],
  low_energy: [
    (s) => s.task && `Low battery is fine. For ${s.task}, pick the step that needs the least thinking and give it five minutes.`,
    (s) => s.task && `Energy's low, so let's go small: the first tiny step of ${s.task}, then decide whether to keep going.`,
    (s) => s.task && `Running on empty? ${s.task} can be done in small sips. One short step now, and a break after.`,
    (s) => s.win && `You've already done ${s.win}; a bit of tiredness makes sense. Rest, or pick one easy step.`,
    () => "When energy is low, the smallest step is the right step. Water, a stretch, then one easy thing.",
    () => "Tired counts as a real reason. Choose something light for now; the bigger things will keep.",
  ],
  stuck: [
    (s) => s.task && `Getting stuck on ${s.task} is normal; it often means the first step is too big. Try the tiniest start: open it and write one line.`,
    (s) => s.task && `${s.task} looks stuck, so let's make it smaller. Break it down one more level and do just the first step.`,
    (s) => s.task && `When ${s.task} won't budge, change the setting: a timer for ten minutes, and stop when it rings.`,
    (s) => s.task && `Stuck is information. What's the very first physical action for ${s.task}? Do only that.`,
    (s) => s.win && `You got ${s.win} done, so you know how to get moving. Pick the smallest next step and start there.`,
    () => "Stuck happens to everyone. Name the very first physical action, set a 5-minute timer, and begin.",
  ],
  checkin: [
    (s) => s.task && `Thanks for checking in. ${s.task} is waiting whenever you're ready — one small step is plenty.`,
    (s) => s.task && `Good to see you. How about one tiny step on ${s.task}, then a pause to see how it feels?`,
    (s) => s.win && `Welcome back. Last time you finished ${s.win} — nice. What feels doable next?`,
    (s) => s.win && `Checking in is a step in itself. You've already done ${s.win}; pick whatever feels lightest now.`,
    () => "Checking in is a step in itself. What's one small thing you'd like to move forward?",
    () => "Good to see you. Pick one small thing, and let that be enough to start with.",
  ],
  start: [
    (s) => s.task && `Let's begin ${s.task}. Only the first tiny step matters right now.`,
    (s) => s.task && `Starting ${s.task}: set a timer, do the first step, and you're already underway.`,
    (s) => s.task && `You've picked ${s.task}. Clear a little space, take a breath, and do the first small step.`,
    (s) => s.task && `Here we go with ${s.task}. Progress beats perfect — rough and started is great.`,
    (s) => s.win && `You finished ${s.win} before, so you can do this too. Start with the smallest step.`,
    () => "Let's start small: one step, a few minutes, and see where it takes you.",
  ],
};

/** Optional extra sentences, from the user's state; each only when it is kind and true. */
function extras(input: MotivationInput, seed: number): string[] {
  const out: string[] = [];
  const streak = Number.isFinite(input.streakDays) ? Math.floor(input.streakDays ?? 0) : 0;
  const today = Number.isFinite(input.completedToday) ? Math.floor(input.completedToday ?? 0) : 0;
  const energy = input.energy ?? null;
  if (input.trigger === "completed" && energy !== null && energy <= 2) out.push("And on low energy, too.");
  if (today >= 2 && (input.trigger === "completed" || input.trigger === "checkin")) out.push(`That's ${today} things done today.`);
  // A streak is only mentioned when it encourages: never a broken one, and not on a hard day, where it could feel like pressure.
  if (streak >= 2 && (input.trigger === "completed" || input.trigger === "checkin" || input.trigger === "start")) out.push(seed % 2 === 0 ? `${streak} days in a row now.` : `Your streak is at ${streak} days.`);
  return out;
}

const clean = (title: string | null | undefined) => (typeof title === "string" && cleanText(title).length > 0 ? title : null);

export function slotsFor(input: MotivationInput): Slots {
  const task = clean(input.taskTitle);
  const win = clean((input.recentWins ?? []).find((w) => clean(w) && (!task || cleanText(w) !== cleanText(task))));
  return { task: task ? q(task) : null, win: win ? q(win) : null };
}

export function offlineMotivation(input: MotivationInput): MotivationResult {
  const trigger: MotivationTrigger = motivationTriggers.includes(input.trigger) ? input.trigger : "checkin";
  const slots = slotsFor({ ...input, trigger });
  const seed = hash(JSON.stringify([trigger, slots.task, slots.win, input.mood ?? null, input.energy ?? null, input.streakDays ?? null, input.completedToday ?? null]));
  const usable = TEMPLATES[trigger].map((t) => t(slots)).filter((m): m is string => typeof m === "string" && m.length > 0);
  // Name the most specific thing there is: the task itself, else the latest win, else the moment.
  const naming = (thing: string | null) => (thing ? usable.filter((m) => m.includes(thing)) : []);
  const byTask = naming(slots.task);
  const byWin = naming(slots.win);
  const pool = byTask.length > 0 ? byTask : byWin.length > 0 ? byWin : usable;
  const base = pool[seed % pool.length] ?? "One small step at a time.";
  let message = base;
  for (const extra of extras({ ...input, trigger }, seed)) {
    if (`${message} ${extra}`.length <= MAX_MESSAGE) message = `${message} ${extra}`;
  }
  return { message: message.length <= MAX_MESSAGE ? message : clip(message, MAX_MESSAGE - 1) };
}
