"use client";
// The Today screen: greeting, quick add, the brain dump, the check-in, the day plan, open tasks and what's done.
import { useQuery } from "@tanstack/react-query";
import { CapturePanel } from "../capture/capture-panel";
import { CheckIn } from "../checkin/check-in";
import { DayPlan } from "../plan/day-plan";
import { MorningRitual } from "../ritual/morning-ritual";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { QuickAdd } from "./quick-add";
import { TaskItem } from "./task-item";

export function Today({
  userName,
  coachMode,
  signOut,
}: {
  userName: string;
  coachMode: "openai" | "offline";
  signOut: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const tasks = useQuery({
    ...trpc.task.list.queryOptions(),
    // While a fresh task waits for the coach's background estimate, look again shortly.
    refetchInterval: (q) =>
      q.state.data?.some((t) => t.estimateMinutes == null && Date.now() - t.createdAt.getTime() < 30_000) ? 1500 : false,
  });
  const open = tasks.data?.filter((t) => t.status !== "done" && t.status !== "archived") ?? [];
  const done = tasks.data?.filter((t) => t.status === "done") ?? [];

  return (
    <div className="mx-auto flex min-h-screen max-w-2xl flex-col gap-6 px-4 py-6">
      <header className="flex items-center justify-between gap-3">
        <div>
          <p className="text-sm font-semibold tracking-wide text-[var(--accent)]">FocusForge</p>
          <h1 className="text-2xl font-semibold">Today</h1>
          <p className="text-[var(--muted)]">Hi {userName}. One small step at a time.</p>
        </div>
        <div className="flex flex-col items-end gap-2">
          {coachMode === "offline" ? (
            <span
              className="whitespace-nowrap rounded-full border border-[var(--line)] px-2 py-0.5 text-xs text-[var(--muted)]"
              title="No AI model is configured, so FocusForge's built-in offline coach answers. It works without a network."
              data-testid="coach-offline-badge"
            >
              Offline coach
            </span>
          ) : null}
          <form action={signOut}>
            <Button type="submit" variant="quiet" data-testid="sign-out">
              Sign out
            </Button>
          </form>
        </div>
      </header>

      <QuickAdd />

      <CapturePanel />

      <CheckIn />

      <MorningRitual />

      <DayPlan />

      <section aria-labelledby="open-heading" className="flex flex-col gap-2">
        <h2 id="open-heading" className="text-lg font-semibold">
          To do {tasks.data ? <span className="text-[var(--muted)]">({open.length})</span> : null}
        </h2>
        {tasks.isPending ? <p className="text-[var(--muted)]">Loading your tasks…</p> : null}
        {tasks.error ? <ErrorNote error={tasks.error} retry={() => void tasks.refetch()} /> : null}
        {tasks.data && open.length === 0 ? (
          <p className="rounded-xl border border-dashed border-[var(--line)] p-4 text-[var(--muted)]" data-testid="empty-state">
            Nothing here yet. Type whatever is on your mind above and press Enter.
          </p>
        ) : null}
        <ul className="flex flex-col gap-2" data-testid="task-list">
          {open.map((task) => (
            <TaskItem key={task.id} task={task} />
          ))}
        </ul>
      </section>

      {done.length > 0 ? (
        <section aria-labelledby="done-heading" className="flex flex-col gap-2">
          <h2 id="done-heading" className="text-lg font-semibold">
            Done <span className="text-[var(--muted)]">({done.length})</span>
          </h2>
          <ul className="flex flex-col gap-2" data-testid="done-list">
            {done.map((task) => (
              <TaskItem key={task.id} task={task} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
