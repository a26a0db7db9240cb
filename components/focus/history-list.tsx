"use client";
// Past sessions, newest first, a page at a time: when, on what, how long, and how it ended.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

const when = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const statusText = { running: "running", completed: "done", cancelled: "cancelled" } as const;

export function HistoryList() {
  const trpc = useTRPC();
  const id = useId();
  const history = useInfiniteQuery(
    trpc.focus.history.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-2" data-testid="focus-history">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        History
      </h2>
      <ErrorNote error={history.error} retry={() => void history.refetch()} />
      {history.data && items.length === 0 ? <p className="text-sm text-[var(--muted)]">No sessions yet. Your first one will show up here.</p> : null}
      <ul className="flex flex-col gap-2">
        {items.map((s) => (
          <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-2 rounded-lg border border-[var(--line)] p-2 text-sm" data-testid="focus-history-item" data-status={s.status}>
            <span className="min-w-0 flex-1 break-words">
              <span className="font-medium">{s.taskTitle ?? "Free focus"}</span>
              <span className="text-[var(--muted)]"> · {when.format(s.startedAt)}</span>
              {s.distractions.length > 0 ? <span className="text-[var(--muted)]"> · {s.distractions.length} parked</span> : null}
            </span>
            <span>
              {s.status === "completed" ? `${s.actualMinutes ?? 0} of ${s.plannedMinutes} min` : `${s.plannedMinutes} min planned`} ·{" "}
              <span className={s.status === "cancelled" ? "text-[var(--muted)]" : ""}>{statusText[s.status]}</span>
            </span>
          </li>
        ))}
      </ul>
      {history.hasNextPage ? (
        <Button variant="quiet" className="self-start" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? "Loading…" : "Show older sessions"}
        </Button>
      ) : null}
    </section>
  );
}
