// On a task in the list: "Focus" (opens /focus?task=<id>) while it is open, and once focus time was
// spent on it, "estimated 20 min, took 35 min".
import Link from "next/link";
import { estimateVsActual } from "./format";

export function FocusLink({ task, done }: { task: { id: string; title: string; estimateMinutes: number | null; actualMinutes: number | null }; done: boolean }) {
  const took = estimateVsActual(task.estimateMinutes, task.actualMinutes);
  if (done && !took) return null;
  return (
    <span className="flex shrink-0 flex-col items-end gap-1">
      {!done ? (
        <Link
          href={`/focus?task=${task.id}`}
          aria-label={`Focus on ${task.title}`}
          className="inline-flex min-h-9 items-center rounded-lg border border-[var(--line)] px-2 py-1 text-xs font-medium hover:bg-[var(--line)]/40"
          data-testid="task-focus"
        >
          Focus
        </Link>
      ) : null}
      {took ? (
        <span className="text-xs text-[var(--muted)]" data-testid="task-actual">
          {took}
        </span>
      ) : null}
    </span>
  );
}
