"use client";
// What a check-in changes, shown right after it: on low energy, a lighter re-plan of today and the
// next piece of work broken into tiny steps (the usual breakdown, at the tiniest spiciness); on a low
// mood, a kind word from the coach and ONE tiny next step that can be ticked off right here.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { UnlockedAchievements } from "../rewards/unlocked-achievements";
import { type Spiciness, useBreakdownStream } from "../tasks/use-breakdown-stream";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

export type CheckinAnswer = inferRouterOutputs<AppRouter>["mood"]["log"];

function LighterPlan() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const replan = useMutation(
    trpc.plan.replan.mutationOptions({
      onSuccess: (plan) => queryClient.setQueryData(trpc.plan.get.queryKey(), plan),
    }),
  );
  return (
    <div className="flex flex-col gap-1">
      {replan.data ? (
        <p role="status" className="text-sm" data-testid="checkin-lighter-done">
          Done — today&apos;s plan is lighter now. {replan.data.summary?.headline ?? ""}
        </p>
      ) : (
        <Button
          variant="quiet"
          onClick={() => replan.mutate({})}
          disabled={replan.isPending}
          aria-busy={replan.isPending}
          data-testid="checkin-lighter-plan"
          className="self-start"
        >
          {replan.isPending ? "Re-planning…" : "Make today's plan lighter"}
        </Button>
      )}
      <ErrorNote error={replan.error} />
    </div>
  );
}

function SmallerSteps({ target }: { target: NonNullable<CheckinAnswer["smallerSteps"]> }) {
  const run = useBreakdownStream(target.id);
  const steps = (run.partial?.steps ?? []).filter((s) => s?.title);
  return (
    <div className="flex flex-col gap-1">
      {run.saved && !run.busy ? (
        <p role="status" className="text-sm" data-testid="checkin-smaller-done">
          “{target.title}” is now in tiny steps. Start here: <span className="font-medium">{run.saved.firstTinyStep}</span>
        </p>
      ) : (
        <Button
          variant="quiet"
          onClick={() => run.start(target.spiciness as Spiciness)}
          disabled={run.busy}
          aria-busy={run.busy}
          data-testid="checkin-smaller-steps"
          className="self-start"
        >
          {run.busy ? "Breaking it down…" : `Break “${target.title}” into tiny steps`}
        </Button>
      )}
      {run.busy && steps.length > 0 ? (
        <ol className="list-decimal pl-5 text-sm text-[var(--muted)]" aria-live="polite">
          {steps.map((s, i) => (
            <li key={i}>{s?.title}</li>
          ))}
        </ol>
      ) : null}
      {run.stopped && !run.busy ? <p className="text-sm text-[var(--muted)]">Stopped. Nothing was changed.</p> : null}
      {run.error ? (
        <p role="alert" className="text-sm text-[var(--danger)]">
          {run.error}
        </p>
      ) : null}
    </div>
  );
}

function TinyStep({ step }: { step: NonNullable<CheckinAnswer["tinyStep"]> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const complete = useMutation(
    trpc.task.complete.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() }),
        ]),
    }),
  );
  const part = step.id !== step.taskId ? <span className="text-[var(--muted)]"> (part of “{step.taskTitle}”)</span> : null;
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-[var(--line)] bg-[var(--panel)] p-3" data-testid="checkin-tiny-step">
      <p className="text-sm">
        <span className="font-semibold">One tiny next step:</span> <span data-testid="checkin-tiny-step-title">{step.title}</span>
        {step.estimateMinutes ? <span className="text-[var(--muted)]"> · about {step.estimateMinutes} min</span> : null}
        {part}
      </p>
      {complete.data ? (
        <div role="status" className="flex flex-col gap-1 text-sm" data-testid="checkin-tiny-step-done">
          <p>Done. That counts — well done.</p>
          <UnlockedAchievements achievements={complete.data.achievements} />
        </div>
      ) : (
        <Button
          variant="quiet"
          onClick={() => complete.mutate({ id: step.id })}
          disabled={complete.isPending}
          aria-busy={complete.isPending}
          className="self-start"
          data-testid="checkin-tiny-step-complete"
        >
          {complete.isPending ? "Saving…" : "I did it"}
        </Button>
      )}
      <ErrorNote error={complete.error} />
    </div>
  );
}

export function CheckInAnswer({ answer }: { answer: CheckinAnswer }) {
  return (
    <div className="flex flex-col gap-3 rounded-lg bg-[var(--line)]/40 p-3 text-sm" data-testid="checkin-answer">
      <p role="status" data-testid="checkin-message">
        {answer.kindWord?.message ?? answer.message}
      </p>
      {answer.kindWord ? <p className="text-[var(--muted)]">{answer.message}</p> : null}
      {answer.tinyStep ? <TinyStep step={answer.tinyStep} /> : null}
      {answer.offerLighterPlan ? (
        <div className="flex flex-col gap-2" data-testid="checkin-low-energy">
          <LighterPlan />
          {answer.smallerSteps ? <SmallerSteps target={answer.smallerSteps} /> : null}
        </div>
      ) : null}
    </div>
  );
}
