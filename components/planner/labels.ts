// Words for the planner view: what each executor, type, priority and status means to a person.
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type ActionsPage = inferRouterOutputs<AppRouter>["planner"]["actions"];
export type Action = ActionsPage["items"][number];
export type ActionStatus = Action["status"];

export const statusOrder: ActionStatus[] = ["ready", "pending", "running", "succeeded", "failed", "cancelled"];

export const statusLabels: Record<ActionStatus, string> = {
  pending: "Waiting",
  ready: "Ready",
  running: "Running",
  succeeded: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Status colours that work in light and dark mode (the palette's variables). */
export const statusStyles: Record<ActionStatus, string> = {
  pending: "border-[var(--line)] text-[var(--muted)]",
  ready: "border-[var(--accent)] text-[var(--accent)]",
  running: "border-[var(--accent)] bg-[var(--accent)] text-[var(--accent-ink)]",
  succeeded: "border-[var(--line)] text-[var(--ink)]",
  failed: "border-[var(--danger)] text-[var(--danger)]",
  cancelled: "border-[var(--line)] text-[var(--muted)] line-through",
};

export const typeLabels: Record<Action["type"], string> = {
  task_management: "Tasks",
  mood: "Mood",
  gamification: "Rewards",
  memory: "Memory",
  notification: "Notification",
  integration: "Integration",
};

/** Index = the stored priority (0 critical … 4 background). */
export const priorityLabels = ["Critical", "High", "Medium", "Low", "Background"] as const;

const executorLabels: Record<string, string> = {
  "memory.embed": "Index new memories for search",
  "coach.motivation": "A word from the coach",
  "task.next_step": "Suggest the next step",
  "plan.daily": "Plan the day",
  "notification.reminder": "Reminder",
};

export function executorLabel(executor: string): string {
  return executorLabels[executor] ?? executor;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatWhen(date: Date): string {
  return when.format(date);
}
