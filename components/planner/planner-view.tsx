"use client";
// The planner view: every action the coach planned for you, filterable by status, with "run due
// actions now". Looks again every few seconds while something is waiting or running.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { ActionRow } from "./action-row";
import { type ActionStatus, statusLabels, statusOrder } from "./labels";

const PAGE = 30;

function FilterButton({ active, onClick, children, testId }: { active: boolean; onClick: () => void; children: string; testId: string }) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      data-testid={testId}
      className={`min-h-9 rounded-full border px-3 text-sm ${active ? "border-[var(--accent)] bg-[var(--accent)] text-[var(--accent-ink)]" : "border-[var(--line)] hover:bg-[var(--line)]/40"}`}
    >
      {children}
    </button>
  );
}

export function PlannerView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ActionStatus | undefined>(undefined);
  const actions = useInfiniteQuery(
    trpc.planner.actions.infiniteQueryOptions(
      { status, limit: PAGE },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        refetchInterval: (q) => {
          const counts = q.state.data?.pages[0]?.counts;
          return counts && counts.ready + counts.pending + counts.running > 0 ? 3000 : false;
        },
      },
    ),
  );
  const execute = useMutation(
    trpc.planner.execute.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.planner.actions.pathKey() }),
    }),
  );
  const counts = actions.data?.pages[0]?.counts;
  const items = actions.data?.pages.flatMap((p) => p.items) ?? [];
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <section aria-labelledby="actions-heading" className="flex flex-col gap-4" data-testid="planner-view">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="actions-heading" className="text-lg font-semibold">
          Actions {counts ? <span className="text-[var(--muted)]">({total})</span> : null}
        </h2>
        <Button onClick={() => execute.mutate({})} disabled={execute.isPending || !counts?.ready} data-testid="planner-execute">
          {execute.isPending ? "Running…" : "Run due actions now"}
        </Button>
      </div>
      {execute.data ? (
        <p role="status" className="text-sm text-[var(--muted)]" data-testid="planner-execute-result">
          {execute.data.executed === 0
            ? "Nothing was due (or two are already running for you)."
            : `Ran ${execute.data.executed}: ${execute.data.succeeded} done` +
              (execute.data.retrying ? `, ${execute.data.retrying} will try again` : "") +
              (execute.data.failed ? `, ${execute.data.failed} failed` : "") +
              "."}
        </p>
      ) : null}
      <ErrorNote error={execute.error} />

      <div role="group" aria-label="Show actions by status" className="flex flex-wrap gap-2">
        <FilterButton active={status === undefined} onClick={() => setStatus(undefined)} testId="planner-filter-all">
          {`All${counts ? ` (${total})` : ""}`}
        </FilterButton>
        {statusOrder.map((s) => (
          <FilterButton key={s} active={status === s} onClick={() => setStatus(s)} testId={`planner-filter-${s}`}>
            {`${statusLabels[s]}${counts ? ` (${counts[s]})` : ""}`}
          </FilterButton>
        ))}
      </div>

      {actions.isPending ? <p className="text-[var(--muted)]">Loading your actions…</p> : null}
      {actions.error ? <ErrorNote error={actions.error} retry={() => void actions.refetch()} /> : null}
      {actions.data && items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-[var(--line)] p-4 text-[var(--muted)]" data-testid="planner-empty">
          {status
            ? `No ${statusLabels[status].toLowerCase()} actions.`
            : "Nothing planned yet. When you finish a step or your morning starts, the coach plans what comes next here."}
        </p>
      ) : null}
      <ul className="flex flex-col gap-2" data-testid="planner-list">
        {items.map((action) => (
          <ActionRow key={action.id} action={action} />
        ))}
      </ul>
      {actions.hasNextPage ? (
        <Button variant="quiet" onClick={() => void actions.fetchNextPage()} disabled={actions.isFetchingNextPage} className="self-center">
          {actions.isFetchingNextPage ? "Loading…" : "Show more"}
        </Button>
      ) : null}
    </section>
  );
}
