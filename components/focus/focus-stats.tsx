"use client";
// Today's focus minutes, and per task how long it really took against its estimate — what the
// coach uses to size the next similar task.
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";
import { estimateVsActual, minutesText } from "./format";

export function FocusStats() {
  const trpc = useTRPC();
  const id = useId();
  const stats = useQuery(trpc.focus.stats.queryOptions());
  if (stats.error) return <ErrorNote error={stats.error} retry={() => void stats.refetch()} />;
  if (!stats.data) return null;
  const { todayMinutes, todaySessions, tasks } = stats.data;
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-2" data-testid="focus-stats">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        Today
      </h2>
      <p data-testid="focus-today-minutes">
        {todayMinutes > 0 ? `${minutesText(todayMinutes)} of focus in ${todaySessions} session${todaySessions === 1 ? "" : "s"}.` : "No focus time yet today."}
      </p>
      {tasks.length > 0 ? (
        <>
          <h3 className="font-semibold">Estimated vs. actual</h3>
          <ul className="flex flex-col gap-1 text-sm">
            {tasks.map((t) => (
              <li key={t.id} className="flex flex-wrap justify-between gap-2">
                <span className="min-w-0 break-words">{t.title}</span>
                <span className="text-[var(--muted)]">{estimateVsActual(t.estimateMinutes, t.actualMinutes)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
