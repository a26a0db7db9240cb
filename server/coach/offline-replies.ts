// The offline coach's words in the chat: a reply written from the tools' results (what was created,
// broken down, logged, planned...), kind and short, always saying it is the offline coach. Tool
// results are read defensively: only the fields a reply needs, and text from them is shown as text.
import "server-only";
import type { Intent } from "./offline-intents";

export type ToolResults = Array<
  { toolName: string; ok: true; value: unknown } | { toolName: string; ok: false; error: string; denied?: boolean }
>;

export interface ReplyOptions {
  now: string;
  timeZone: string;
  reason?: string;
  message: string;
  available: ReadonlySet<string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Markdown-inert text: a title can't turn into a link, an image or HTML in the page's renderer. */
export function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~!]/g, (c) => `\\${c}`).replace(/\s+/g, " ").trim();
}

function signature(reason?: string): string {
  if (reason === "budget") return "_— the offline coach: today's AI budget is used up, so I'm answering on my own (no AI model)._";
  if (reason) return "_— the offline coach: the AI model couldn't answer just now, so I'm answering on my own._";
  return "_— the offline coach (no AI model connected)._";
}

function when(iso: string, timeZone: string, now: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const today = day(new Date(now));
  const tomorrow = day(new Date(new Date(now).getTime() + 86_400_000));
  const label =
    day(date) === today
      ? "today"
      : day(date) === tomorrow
        ? "tomorrow"
        : new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(date);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  return time === "23:59" ? label : `${label} at ${time}`;
}

function clock(iso: unknown, timeZone: string): string {
  const date = new Date(typeof iso === "string" ? iso : "");
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

function results(all: ToolResults, toolName: string) {
  return all.filter((r) => r.toolName === toolName);
}

function last(all: ToolResults, toolName: string) {
  const found = results(all, toolName);
  return found[found.length - 1];
}

function taskList(all: ToolResults): Obj[] {
  const r = last(all, "list_tasks");
  return r?.ok && isObj(r.value) ? arr(r.value.tasks).filter(isObj) : [];
}

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** The open task to start with: most urgent priority, then the earliest due, then the oldest. */
function firstTask(tasks: Obj[]): Obj | null {
  const open = tasks.filter((t) => t.status !== "done" && t.status !== "archived");
  open.sort((a, b) => {
    const p = (PRIORITY_RANK[String(a.priority)] ?? 2) - (PRIORITY_RANK[String(b.priority)] ?? 2);
    if (p) return p;
    const da = str(a.dueAt) ? Date.parse(a.dueAt as string) : Infinity;
    const db = str(b.dueAt) ? Date.parse(b.dueAt as string) : Infinity;
    return da - db;
  });
  return open[0] ?? null;
}

function bullets(tasks: Obj[], max = 8): string {
  const lines = tasks.slice(0, max).map((t) => `- ${plain(str(t.title) ?? "Untitled")}`);
  if (tasks.length > max) lines.push(`- …and ${tasks.length - max} more`);
  return lines.join("\n");
}

function failed(r: { ok: false; error: string }): string {
  return `That didn't work: ${plain(r.error)}`;
}

const CAN_DO = [
  "- **add** a task: “add call mom tomorrow”",
  "- **break down** a task: “break down the report”",
  "- tell me how you feel: “I'm exhausted”, “I feel anxious”",
  "- **what should I do now?** — the next small step",
  "- **plan my day** — a fresh time-blocked plan",
  "- **how am I doing?** — points, level and streak",
  "- **search** what I remember: “search dentist”",
  "- **start a focus session on** a task",
  "- **done with** a task — I'll mark it complete",
].join("\n");

function notFound(target: string, all: ToolResults, verb: string): string {
  const tasks = taskList(all);
  if (!tasks.length) return `I couldn't find a task called “${plain(target)}” — you have no open tasks right now. Add one with “add …”.`;
  return `I couldn't find a task like “${plain(target || "that")}” among your open tasks, so I didn't ${verb} anything. Your open tasks:\n\n${bullets(tasks)}\n\nTry again with a few words of its title.`;
}

function tinyStep(all: ToolResults): string {
  const task = firstTask(taskList(all));
  if (!task) return "One tiny next step: drink a glass of water and take three slow breaths. That counts.";
  return `One tiny next step: open **${plain(str(task.title) ?? "your next task")}** and give it just 2 minutes — stopping after that is fine.`;
}

function addReply(all: ToolResults, o: ReplyOptions): string {
  const lines: string[] = [];
  for (const r of results(all, "create_task")) {
    if (!r.ok) {
      lines.push(failed(r));
      continue;
    }
    const value = isObj(r.value) ? r.value : {};
    const task = isObj(value.task) ? value.task : {};
    const due = str(task.dueAt);
    lines.push(`Added **${plain(str(task.title) ?? "the task")}**${due ? `, due ${when(due, o.timeZone, o.now)}` : ""}.`);
    const insights = isObj(value.insights) ? value.insights : null;
    const step = insights ? str(insights.firstTinyStep) : null;
    if (step) lines.push(`First tiny step: ${plain(step)}`);
  }
  return lines.join("\n\n") || "I couldn't make out a task there. Try “add call mom tomorrow”.";
}

function breakdownReply(intent: { target: string }, all: ToolResults): string {
  const r = last(all, "break_down_task");
  if (!r) return notFound(intent.target, all, "break down");
  if (!r.ok) return failed(r);
  const value = isObj(r.value) ? r.value : {};
  const task = isObj(value.task) ? value.task : {};
  const steps = arr(task.steps).filter(isObj);
  const list = steps.map((s, i) => `${i + 1}. ${plain(str(s.title) ?? "Step")}${num(s.estimateMinutes) ? ` (${num(s.estimateMinutes)} min)` : ""}`).join("\n");
  const first = str(value.firstTinyStep);
  return [`Here is **${plain(str(task.title) ?? "your task")}** in small steps:`, list, first ? `Start with: ${plain(first)}` : ""].filter(Boolean).join("\n\n");
}

function completeReply(intent: { target: string }, all: ToolResults): string {
  const r = last(all, "complete_task");
  if (!r) return notFound(intent.target, all, "complete");
  if (!r.ok) return failed(r);
  const value = isObj(r.value) ? r.value : {};
  const task = isObj(value.task) ? value.task : {};
  const title = plain(str(task.title) ?? "That task");
  if (value.newlyCompleted === false) return `**${title}** was already done — nothing more to do there.`;
  const points = isObj(value.points) ? num(value.points.awarded) : null;
  const total = isObj(value.points) ? num(value.points.total) : null;
  const motivation = str(value.motivation);
  const unlocked = (Array.isArray(value.achievements) ? value.achievements : []).filter(isObj).map((a) => {
    const bonus = num(a.bonus);
    return `🏆 Achievement unlocked: **${plain(str(a.title) ?? "a new badge")}**${bonus ? ` (+${bonus} points)` : ""}`;
  });
  return [
    `Done: **${title}** ✓${points ? ` — +${points} points${total !== null ? ` (${total} in total)` : ""}` : ""}.`,
    ...unlocked,
    motivation ? plain(motivation) : "Well done. Take a breath before the next thing.",
  ].join("\n\n");
}

function deleteReply(intent: { target: string }, all: ToolResults): string {
  const r = last(all, "delete_task");
  if (!r) return notFound(intent.target, all, "delete");
  if (!r.ok) return r.denied ? "Okay — I kept it. Nothing was deleted." : failed(r);
  return "Deleted. It's gone for good, steps and all.";
}

function focusReply(intent: { target: string }, all: ToolResults, o: ReplyOptions): string {
  if (!o.available.has("start_focus_session")) return "I can't start a focus session from the chat yet — open the Focus page to start one.";
  const r = last(all, "start_focus_session");
  if (!r) return notFound(intent.target, all, "start a focus session on");
  if (!r.ok) return failed(r);
  const value = isObj(r.value) ? r.value : {};
  const session = isObj(value.session) ? value.session : value;
  const title = str(session.taskTitle) ?? str(session.title) ?? (isObj(session.task) ? str(session.task.title) : null);
  const minutes = num(session.focusMinutes);
  return `Focus session started${title ? ` on **${plain(title)}**` : ""}${minutes ? `: ${minutes} minutes` : ""}. Put your phone away — I'll be here when the timer ends.`;
}

function feelingReply(all: ToolResults): string {
  const lines: string[] = [];
  for (const r of [...results(all, "log_energy"), ...results(all, "log_mood")]) {
    if (!r.ok) lines.push(failed(r));
    else if (isObj(r.value) && str(r.value.message)) lines.push(plain(r.value.message as string));
  }
  if (!lines.length) lines.push("Thank you for telling me.");
  lines.push(tinyStep(all));
  return lines.join("\n\n");
}

function nextReply(all: ToolResults, o: ReplyOptions): string {
  const planResult = last(all, "get_day_plan");
  const plan = planResult?.ok && isObj(planResult.value) && isObj(planResult.value.plan) ? planResult.value.plan : null;
  if (plan) {
    const done = new Set(arr(plan.doneTaskIds).filter((x): x is string => typeof x === "string"));
    const now = Date.parse(o.now);
    const block = arr(plan.blocks)
      .filter(isObj)
      .find((b) => b.kind === "task" && !done.has(String(b.taskId)) && Date.parse(String(b.end)) > now);
    if (block) {
      return `Next on your plan: **${plain(str(block.title) ?? "your next task")}** (${clock(block.start, o.timeZone)}–${clock(block.end, o.timeZone)}). Start with the smallest piece — 5 minutes is enough to get going.`;
    }
  }
  const task = firstTask(taskList(all));
  if (!task) return "Nothing is open right now — a good moment for a break, or add what's on your mind with “add …”.";
  return `Your next small step: **${plain(str(task.title) ?? "your next task")}**. Just start — set a timer for 5 minutes and see how it goes.`;
}

function progressReply(all: ToolResults): string {
  const r = last(all, "get_progress");
  if (!r) return "I can't read your progress right now.";
  if (!r.ok) return failed(r);
  const v = isObj(r.value) ? r.value : {};
  const level = isObj(v.level) ? v.level : {};
  const streak = isObj(v.streak) ? v.streak : {};
  const total = num(v.total) ?? 0;
  const days = num(streak.days) ?? 0;
  const progress = num(level.progress);
  const nextName = str(level.nextName);
  return [
    `You have **${total} points** — level ${num(level.number) ?? 1}${str(level.name) ? ` (${plain(level.name as string)})` : ""}.`,
    progress !== null && nextName ? `${Math.round(progress * (progress <= 1 ? 100 : 1))}% of the way to ${plain(nextName)}.` : "",
    days > 0 ? `Streak: **${days} day${days === 1 ? "" : "s"}**${streak.activeToday ? " (today counts already)" : " — one small win today keeps it going"}.` : "No streak yet — one small win today starts one.",
  ]
    .filter(Boolean)
    .join(" ");
}

function planReply(all: ToolResults, o: ReplyOptions): string {
  const r = last(all, "replan_day");
  if (!r) return "I can't plan your day right now.";
  if (!r.ok) return failed(r);
  const plan = isObj(r.value) && isObj(r.value.plan) ? r.value.plan : {};
  const blocks = arr(plan.blocks).filter(isObj);
  if (!blocks.length) return "Your day is clear: no open tasks to plan. Enjoy it, or add something with “add …”.";
  const lines = blocks.slice(0, 12).map((b) => `- ${clock(b.start, o.timeZone)}–${clock(b.end, o.timeZone)} ${plain(str(b.title) ?? String(b.kind ?? ""))}`);
  const headline = str(plan.headline);
  return [headline ? plain(headline) : "Here's a fresh plan for your day:", lines.join("\n"), "Open Today to accept it or move blocks around."].join("\n\n");
}

function searchReply(intent: { query: string }, all: ToolResults): string {
  const r = last(all, "search_memory");
  if (!r) return "I can't search my memory right now.";
  if (!r.ok) return failed(r);
  const memories = isObj(r.value) ? arr(r.value.memories).filter(isObj) : [];
  if (!memories.length) return `I don't remember anything about “${plain(intent.query)}” yet.`;
  return [`Here's what I remember about “${plain(intent.query)}”:`, memories.slice(0, 5).map((m) => `- ${plain(str(m.content) ?? "")}`).join("\n")].join("\n\n");
}

function listReply(all: ToolResults): string {
  const tasks = taskList(all);
  if (!tasks.length) return "You have no open tasks. Add one with “add …”.";
  return `Your open tasks (just your own):\n\n${bullets(tasks, 15)}`;
}

export function writeReply(intent: Intent, all: ToolResults, o: ReplyOptions): string {
  let body: string;
  switch (intent.kind) {
    case "add":
      body = addReply(all, o);
      break;
    case "breakdown":
      body = breakdownReply(intent, all);
      break;
    case "complete":
      body = completeReply(intent, all);
      break;
    case "delete":
      body = deleteReply(intent, all);
      break;
    case "focus":
      body = focusReply(intent, all, o);
      break;
    case "feeling":
      body = feelingReply(all);
      break;
    case "next":
      body = nextReply(all, o);
      break;
    case "progress":
      body = progressReply(all);
      break;
    case "plan":
      body = planReply(all, o);
      break;
    case "search":
      body = searchReply(intent, all);
      break;
    case "list":
      body = listReply(all);
      break;
    case "greeting":
      body = `Hi! I'm your coach. Here's what I can do:\n\n${CAN_DO}`;
      break;
    case "thanks":
      body = "You're welcome. One step at a time.";
      break;
    default:
      body = `I'm not sure what you'd like me to do. Here's what I understand:\n\n${CAN_DO}`;
  }
  return `${body}\n\n${signature(o.reason)}`;
}
