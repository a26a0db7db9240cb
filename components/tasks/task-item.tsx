"use client";
// One task in the list: tick to complete, expand to see its steps, break it (or any step) down
// with the coach, delete with a confirmation.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { FocusLink } from "../focus/focus-link";
import { SaveAsTemplate } from "../templates/save-as-template";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { TaskZonePicker } from "../zones/task-zone-picker";
import { AnalyseButton } from "./analyse-button";
import { BreakdownPanel, StepBreakdown } from "./breakdown-panel";
import { CompletionFeedback, rememberCompletion } from "./complete-dialog";

type Outputs = inferRouterOutputs<AppRouter>;
type ListedTask = Outputs["task"]["list"][number];
type TaskNode = Outputs["task"]["get"];

const priorityLabel = { low: "Low", medium: "Medium", high: "High", urgent: "Urgent" } as const;

function useTaskActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Returning the promise keeps a mutation pending until the lists are fresh, so the optimistic
  // state below never flickers back.
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
  const complete = useMutation(
    trpc.task.complete.mutationOptions({
      onSuccess: (result, input) => {
        rememberCompletion(input.id, result);
        return Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() })]);
      },
    }),
  );
  const reopen = useMutation(trpc.task.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.task.delete.mutationOptions({ onSuccess: refresh }));
  return { complete, reopen, remove };
}

type Actions = ReturnType<typeof useTaskActions>;

/**
 * The tick shows the new state the moment it is clicked and holds it until the server has saved it
 * and the lists are fresh; if saving fails it falls back and the error is shown.
 */
function useOptimisticDone(item: { id: string }, complete: Actions["complete"], reopen: Actions["reopen"]) {
  const [wanted, setWanted] = useState<boolean | null>(null);
  const toggle = (next: boolean) => {
    setWanted(next);
    const onSettled = () => setWanted(null);
    if (next) complete.mutate({ id: item.id }, { onSettled });
    else reopen.mutate({ id: item.id, status: "todo" }, { onSettled });
  };
  return [wanted, toggle] as const;
}

function Check({ done, title, onToggle, busy, testId }: { done: boolean; title: string; onToggle: () => void; busy: boolean; testId: string }) {
  return (
    <input
      type="checkbox"
      checked={done}
      onChange={onToggle}
      disabled={busy}
      aria-label={done ? `Mark “${title}” as not done` : `Mark “${title}” as done`}
      data-testid={testId}
      className="mt-1 size-5 shrink-0 accent-[var(--accent)]"
    />
  );
}

function StepList({ steps }: { steps: TaskNode["steps"] }) {
  if (steps.length === 0) return null;
  return (
    <ol className="ml-2 flex flex-col gap-1 border-l border-[var(--line)] pl-3">
      {steps.map((step) => (
        <Step key={step.id} step={step} />
      ))}
    </ol>
  );
}

function Step({ step }: { step: TaskNode }) {
  const { complete, reopen } = useTaskActions();
  const [wanted, toggle] = useOptimisticDone(step, complete, reopen);
  const busy = complete.isPending || reopen.isPending;
  const done = wanted ?? step.status === "done";
  return (
    <li className="flex flex-col gap-1" data-testid="step-item" data-title={step.title}>
      <div className="flex flex-wrap items-start gap-2">
        <Check
          done={done}
          title={step.title}
          busy={busy}
          testId="step-toggle"
          onToggle={() => toggle(!done)}
        />
        <span className={`flex-1 ${done ? "text-[var(--muted)] line-through" : ""}`}>{step.title}</span>
        {step.estimateMinutes ? <span className="text-xs text-[var(--muted)]">{step.estimateMinutes} min</span> : null}
        {!done && step.depth < 6 ? <StepBreakdown stepId={step.id} userId={step.userId} title={step.title} /> : null}
      </div>
      <ErrorNote error={complete.error ?? reopen.error} />
      <StepList steps={step.steps} />
    </li>
  );
}

export function TaskItem({ task }: { task: ListedTask }) {
  const trpc = useTRPC();
  const [expanded, setExpanded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { complete, reopen, remove } = useTaskActions();
  const detail = useQuery({ ...trpc.task.get.queryOptions({ id: task.id }), enabled: expanded });
  const [wanted, toggle] = useOptimisticDone(task, complete, reopen);
  const busy = complete.isPending || reopen.isPending;
  const done = wanted ?? task.status === "done";

  return (
    <li className="rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3 shadow-sm" data-testid="task-item" data-title={task.title}>
      <div className="flex items-start gap-3">
        <Check
          done={done}
          title={task.title}
          busy={busy}
          testId="task-toggle"
          onToggle={() => toggle(!done)}
        />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <span className={`break-words font-medium ${done ? "text-[var(--muted)] line-through" : ""}`}>{task.title}</span>
          <span className="flex flex-wrap gap-2 text-xs text-[var(--muted)]">
            <span data-testid="task-priority">{priorityLabel[task.priority]} priority</span>
            {task.estimateMinutes ? <span data-testid="task-estimate">~{task.estimateMinutes} min</span> : null}
            {task.stepCount > 0 ? (
              <span data-testid="task-step-count">
                {task.stepsDone}/{task.stepCount} steps
              </span>
            ) : null}
          </span>
        </div>
        <FocusLink task={task} done={done} />
        <Button
          variant="quiet"
          className="min-h-9 px-2 py-1 text-xs"
          aria-expanded={expanded}
          aria-controls={`steps-${task.id}`}
          onClick={() => setExpanded((v) => !v)}
          data-testid="task-expand"
        >
          {expanded ? "Hide steps" : "Steps"}
        </Button>
      </div>

      {expanded ? (
        <div id={`steps-${task.id}`} className="mt-3 flex flex-col gap-3">
          {detail.isPending ? <p className="text-sm text-[var(--muted)]">Loading steps…</p> : null}
          <ErrorNote error={detail.error} retry={() => void detail.refetch()} />
          {!done ? <BreakdownPanel taskId={task.id} userId={task.userId} hasSteps={Boolean(detail.data?.steps.length)} /> : null}
          {detail.data ? <StepList steps={detail.data.steps} /> : null}
          {detail.data && detail.data.steps.length === 0 ? (
            <p className="text-sm text-[var(--muted)]">No steps yet. Let the coach split it into tiny ones.</p>
          ) : null}
          {!done ? <AnalyseButton taskId={task.id} /> : null}
          <div className="flex flex-wrap items-start gap-2"><TaskZonePicker taskId={task.id} title={task.title} area={task.area} /><SaveAsTemplate taskId={task.id} title={task.title} /></div>
          <div className="flex justify-end">
            {confirming ? (
              <span className="flex items-center gap-2 text-sm" role="group" aria-label="Confirm delete">
                Delete this task{task.stepCount ? " and its steps" : ""}?
                <Button variant="danger" onClick={() => remove.mutate({ id: task.id })} disabled={remove.isPending} data-testid="task-delete-confirm">
                  Delete
                </Button>
                <Button variant="quiet" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </span>
            ) : (
              <Button variant="quiet" onClick={() => setConfirming(true)} data-testid="task-delete">
                Delete
              </Button>
            )}
          </div>
          <ErrorNote error={remove.error} />
        </div>
      ) : null}
      <ErrorNote error={complete.error ?? reopen.error} />
      <CompletionFeedback task={task} />
    </li>
  );
}
