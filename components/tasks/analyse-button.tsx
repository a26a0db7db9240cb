"use client";
// "Size it up": the coach's read on a task — about how long, how complex, what it needs, the first
// tiny step, and whether to break it down. The estimate is saved unless the user set their own.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

function minutes(n: number): string {
  if (n < 60) return `${n} min`;
  const h = n / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}

export function AnalyseButton({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const analyse = useMutation(
    trpc.task.analyze.mutationOptions({
      onSuccess: (result) => (result.estimateStored ? queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() }) : undefined),
    }),
  );
  const a = analyse.data?.analysis;
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="quiet" className="min-h-8 px-2 py-1 text-xs" onClick={() => analyse.mutate({ id: taskId })} disabled={analyse.isPending} aria-busy={analyse.isPending} data-testid="task-analyse">
          {analyse.isPending ? "Sizing it up…" : "Size it up"}
        </Button>
      </div>
      {a ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg border border-[var(--line)] p-3 text-sm" data-testid="task-analysis">
          <dt className="text-[var(--muted)]">Size</dt>
          <dd data-testid="analysis-size">
            about {minutes(a.estimateMinutes)} · complexity {a.complexity}/5{a.shouldBreakDown ? " · worth breaking down" : " · small enough to just start"}
          </dd>
          <dt className="text-[var(--muted)]">First tiny step</dt>
          <dd className="font-medium" data-testid="analysis-first-step">
            {a.firstTinyStep}
          </dd>
          {a.needs.length > 0 ? (
            <>
              <dt className="text-[var(--muted)]">You’ll need</dt>
              <dd>{a.needs.join(", ")}</dd>
            </>
          ) : null}
          {analyse.data?.coach.provider === "offline" ? <dd className="col-span-2 text-xs text-[var(--muted)]">Offline coach</dd> : null}
        </dl>
      ) : null}
      <ErrorNote error={analyse.error} />
    </div>
  );
}
