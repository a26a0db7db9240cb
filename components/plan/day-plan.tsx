"use client";
// Today's plan: time blocks (what, when and why), the overload warning when the day is overfull,
// and the user's say over it — plan, accept, re-plan, add a fixed event, move or drop a block.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { AddEvent } from "./add-event";
import { duration } from "./format";
import { PlanBlock } from "./plan-block";
import type { DayPlanView, EditPlan } from "./types";

function Overload({ overload }: { overload: NonNullable<DayPlanView["overload"]> }) {
  return (
    <div role="alert" className="flex flex-col gap-1 rounded-xl border border-[var(--danger)] p-3" data-testid="plan-overload">
      <p className="font-semibold">More than today can hold (about {duration(overload.overflowMinutes)} over)</p>
      <p className="text-sm">{overload.message}</p>
    </div>
  );
}

export function DayPlan() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.plan.get.queryKey();
  const plan = useQuery(trpc.plan.get.queryOptions());
  const show = (data: DayPlanView) => queryClient.setQueryData(key, data);
  const conflict = (error: unknown) => {
    // Someone (another tab) changed the plan: show the fresh one.
    if ((error as { data?: { code?: string } }).data?.code === "CONFLICT") void queryClient.invalidateQueries({ queryKey: key });
  };
  const make = useMutation(trpc.plan.today.mutationOptions({ onSuccess: show }));
  const replan = useMutation(trpc.plan.replan.mutationOptions({ onSuccess: show }));
  const accept = useMutation(trpc.plan.accept.mutationOptions({ onSuccess: show }));
  const editing = useMutation(trpc.plan.edit.mutationOptions({ onSuccess: show, onError: conflict }));
  const edit: EditPlan = (input, onDone) => editing.mutate(input, { onSuccess: () => onDone?.() });
  const busy = make.isPending || replan.isPending || accept.isPending || editing.isPending;

  // When a task or step is ticked off elsewhere on Today, look at the plan again so it shows as done.
  const progress = useQuery({
    ...trpc.task.list.queryOptions(),
    select: (tasks) => tasks.map((t) => `${t.id}:${t.status}:${t.stepsDone}`).join(","),
  }).data;
  useEffect(() => {
    if (progress !== undefined) void queryClient.invalidateQueries({ queryKey: trpc.plan.get.queryKey() });
  }, [progress, queryClient, trpc]);

  const data = plan.data;
  const done = new Set(data?.doneTaskIds ?? []);

  return (
    <section aria-labelledby="plan-heading" className="flex flex-col gap-3" data-testid="day-plan">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="plan-heading" className="text-lg font-semibold">
          Your day
        </h2>
        {data?.status === "accepted" ? (
          <span className="rounded-full border border-[var(--accent)] px-2 py-0.5 text-xs text-[var(--accent)]" data-testid="plan-status">
            Accepted
          </span>
        ) : null}
      </div>

      {plan.isPending ? <p className="text-[var(--muted)]">Loading your plan…</p> : null}
      <ErrorNote error={plan.error} retry={() => void plan.refetch()} />

      {plan.isSuccess && !data ? (
        <div className="flex flex-col items-start gap-2 rounded-xl border border-dashed border-[var(--line)] p-4">
          <p className="text-[var(--muted)]">Let the coach lay out today around your energy, your mood and your fixed events.</p>
          <Button onClick={() => make.mutate({})} disabled={busy} aria-busy={make.isPending} data-testid="plan-generate">
            {make.isPending ? "Planning…" : "Plan my day"}
          </Button>
        </div>
      ) : null}

      {data ? (
        <>
          {data.summary ? (
            <p className="text-sm" data-testid="plan-headline">
              {data.summary.headline}
            </p>
          ) : null}
          {data.replanHint ? (
            <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-xl bg-[var(--line)]/40 p-3 text-sm" data-testid="plan-replan-hint">
              <span>{data.replanHint}</span>
              <Button variant="quiet" onClick={() => replan.mutate({})} disabled={busy}>
                Re-plan now
              </Button>
            </div>
          ) : null}
          {data.overload ? <Overload overload={data.overload} /> : null}
          {data.blocks.length ? (
            <ol className="flex flex-col gap-2" data-testid="plan-blocks" aria-label="Today's plan, in order">
              {data.blocks.map((block, i) => (
                <PlanBlock
                  key={`${block.start}-${block.kind}-${block.taskId ?? block.title}`}
                  block={block}
                  index={i}
                  timeZone={data.timeZone}
                  done={!!block.taskId && done.has(block.taskId)}
                  edit={edit}
                  busy={busy}
                />
              ))}
            </ol>
          ) : (
            <p className="text-[var(--muted)]" data-testid="plan-empty">
              No blocks for today. Add a task, or enjoy the space.
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            {data.status !== "accepted" ? (
              <Button onClick={() => accept.mutate({})} disabled={busy} data-testid="plan-accept">
                Accept this plan
              </Button>
            ) : null}
            <Button variant="quiet" onClick={() => replan.mutate({})} disabled={busy} aria-busy={replan.isPending} data-testid="plan-replan">
              {replan.isPending ? "Re-planning…" : "Re-plan"}
            </Button>
            <AddEvent edit={edit} busy={busy} />
          </div>
        </>
      ) : null}
      <ErrorNote error={make.error ?? replan.error ?? accept.error ?? editing.error} />
    </section>
  );
}
