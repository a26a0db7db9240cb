"use client";
// A tool call in the chat as a small card: what the coach is doing, then what came of it (a created
// task with its due date, a plan's blocks, progress...). A destructive tool waits here for Yes/No.
// Tool outputs are read field by field and shown as text, never as HTML.
import Link from "next/link";
import { Button } from "../ui/button";

export interface ToolPartLike {
  type: string;
  toolCallId: string;
  state: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  approval?: { id: string; approved?: boolean };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const TITLES: Record<string, string> = {
  list_tasks: "Looked at your tasks",
  get_task: "Opened a task",
  create_task: "Task created",
  update_task: "Task updated",
  delete_task: "Delete a task",
  complete_task: "Task completed",
  break_down_task: "Broken down",
  capture: "Read your brain dump",
  get_day_plan: "Today's plan",
  replan_day: "New plan for the day",
  log_mood: "Mood logged",
  log_energy: "Energy logged",
  start_focus_session: "Focus session started",
  search_memory: "Searched memory",
  get_progress: "Your progress",
};

const WORKING: Record<string, string> = {
  create_task: "Adding the task…",
  break_down_task: "Breaking it down…",
  replan_day: "Planning your day…",
  complete_task: "Completing…",
  search_memory: "Searching memory…",
};

export function toolNameOf(part: { type: string }): string {
  return part.type.startsWith("tool-") ? part.type.slice(5) : part.type;
}

function dueLabel(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();
  const today = new Date();
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const day = sameDay(d, today) ? "today" : sameDay(d, tomorrow) ? "tomorrow" : d.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
  const time = d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return d.getHours() === 23 && d.getMinutes() === 59 ? day : `${day}, ${time}`;
}

function clock(iso: unknown): string {
  const d = new Date(typeof iso === "string" ? iso : "");
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

function TaskLine({ task }: { task: Obj }) {
  const due = str(task.dueAt);
  return (
    <p>
      <span className="font-medium" data-testid="tool-card-task-title">
        {str(task.title) ?? "Untitled"}
      </span>
      {due ? <span className="text-[var(--muted)]"> · due {dueLabel(due)}</span> : null}
    </p>
  );
}

function Result({ name, output }: { name: string; output: unknown }) {
  const v = isObj(output) ? output : {};
  switch (name) {
    case "create_task":
    case "update_task":
    case "get_task":
      return isObj(v.task) ? <TaskLine task={v.task} /> : null;
    case "complete_task": {
      const task = isObj(v.task) ? v.task : {};
      const points = isObj(v.points) ? num(v.points.awarded) : null;
      return (
        <p>
          <span className="font-medium">{str(task.title) ?? "Task"}</span>
          {points ? <span className="text-[var(--muted)]"> · +{points} points</span> : null}
        </p>
      );
    }
    case "break_down_task": {
      const task = isObj(v.task) ? v.task : {};
      return (
        <div>
          <p className="font-medium">{str(task.title) ?? "Task"}</p>
          <ol className="ml-5 list-decimal">
            {arr(task.steps)
              .filter(isObj)
              .map((s, i) => (
                <li key={str(s.id) ?? i}>{str(s.title) ?? "Step"}</li>
              ))}
          </ol>
        </div>
      );
    }
    case "get_day_plan":
    case "replan_day": {
      const plan = isObj(v.plan) ? v.plan : null;
      if (!plan) return <p className="text-[var(--muted)]">No plan yet for today.</p>;
      const blocks = arr(plan.blocks).filter(isObj);
      return (
        <ul className="flex flex-col gap-0.5" data-testid="tool-card-plan">
          {blocks.slice(0, 10).map((b, i) => (
            <li key={i}>
              <span className="tabular-nums text-[var(--muted)]">
                {clock(b.start)}–{clock(b.end)}
              </span>{" "}
              {str(b.title) ?? str(b.kind) ?? ""}
            </li>
          ))}
          {blocks.length > 10 ? <li className="text-[var(--muted)]">…and {blocks.length - 10} more</li> : null}
          <li>
            <Link href="/" className="text-[var(--accent)] underline">
              Open Today
            </Link>
          </li>
        </ul>
      );
    }
    case "get_progress": {
      const level = isObj(v.level) ? v.level : {};
      const streak = isObj(v.streak) ? v.streak : {};
      return (
        <p>
          {num(v.total) ?? 0} points · level {num(level.number) ?? 1}
          {str(level.name) ? ` (${str(level.name)})` : ""} · streak {num(streak.days) ?? 0} day{num(streak.days) === 1 ? "" : "s"}
        </p>
      );
    }
    case "list_tasks": {
      const tasks = arr(v.tasks).filter(isObj);
      return (
        <p className="text-[var(--muted)]">
          {tasks.length} open task{tasks.length === 1 ? "" : "s"}
          {tasks.length ? `: ${tasks.slice(0, 3).map((t) => str(t.title) ?? "").join(", ")}${tasks.length > 3 ? "…" : ""}` : ""}
        </p>
      );
    }
    case "log_mood":
    case "log_energy": {
      const c = isObj(v.checkin) ? v.checkin : {};
      return <p className="text-[var(--muted)]">{name === "log_mood" ? `Mood ${num(c.mood) ?? "?"}/5` : `Energy ${num(c.energy) ?? "?"}/5`}</p>;
    }
    case "start_focus_session": {
      const s = isObj(v.session) ? v.session : {};
      return (
        <p>
          {str(s.taskTitle) ? <span className="font-medium">{str(s.taskTitle)} · </span> : null}
          {num(s.focusMinutes) ?? 25} min ·{" "}
          <Link href="/focus" className="text-[var(--accent)] underline">
            Open Focus
          </Link>
        </p>
      );
    }
    case "search_memory": {
      const n = arr(v.memories).length;
      return <p className="text-[var(--muted)]">{n} memor{n === 1 ? "y" : "ies"} found</p>;
    }
    case "delete_task":
      return <p className="text-[var(--muted)]">Deleted for good.</p>;
    default:
      return null;
  }
}

export function ToolCard({
  part,
  describeTask,
  onApprove,
  busy,
}: {
  part: ToolPartLike;
  /** The title of a task id seen earlier in the message, to say what an approval is about. */
  describeTask: (id: string) => string | null;
  onApprove: (approvalId: string, approved: boolean) => void;
  busy: boolean;
}) {
  const name = toolNameOf(part);
  const title = TITLES[name] ?? name.replace(/_/g, " ");
  const base = "rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-sm";

  if (part.state === "approval-requested" && part.approval) {
    const id = isObj(part.input) ? str(part.input.id) : null;
    const what = id ? describeTask(id) : null;
    const approvalId = part.approval.id;
    return (
      <div role="group" aria-label="Confirm an action" className={`${base} border-[var(--danger)]`} data-testid="tool-approval">
        <p className="font-medium">{name === "delete_task" ? `Delete ${what ? `“${what}”` : "this task"} for good?` : `Allow: ${title}?`}</p>
        <div className="mt-2 flex gap-2">
          <Button variant="danger" disabled={busy} onClick={() => onApprove(approvalId, true)} data-testid="approve-tool">
            Yes, go ahead
          </Button>
          <Button variant="quiet" disabled={busy} onClick={() => onApprove(approvalId, false)} data-testid="deny-tool">
            No, keep it
          </Button>
        </div>
      </div>
    );
  }
  if (part.state === "output-available") {
    return (
      <div className={base} data-testid={`tool-card-${name}`}>
        <p className="text-xs font-semibold uppercase tracking-wide text-[var(--accent)]">{title}</p>
        <Result name={name} output={part.output} />
      </div>
    );
  }
  if (part.state === "output-error") {
    return (
      <div className={`${base} text-[var(--danger)]`} data-testid={`tool-card-${name}`}>
        <p className="text-xs font-semibold uppercase tracking-wide">{title}: didn’t work</p>
        <p>{part.errorText ?? "Something went wrong."}</p>
      </div>
    );
  }
  if (part.state === "output-denied") {
    return (
      <div className={`${base} text-[var(--muted)]`} data-testid={`tool-card-${name}`}>
        Cancelled — nothing was changed.
      </div>
    );
  }
  if (part.state === "approval-responded") {
    return <div className={`${base} text-[var(--muted)]`}>{part.approval?.approved ? "Confirmed — working on it…" : "Cancelled."}</div>;
  }
  return (
    <div className={`${base} text-[var(--muted)]`} aria-live="polite">
      {WORKING[name] ?? `${title}…`}
    </div>
  );
}
