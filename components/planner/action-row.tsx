"use client";
// One planned action: what it does, its status, priority and type, attempts, when it runs, the last
// error — with Retry (failed or cancelled) and Cancel (waiting or ready).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { type Action, executorLabel, formatWhen, priorityLabels, statusLabels, statusStyles, typeLabels } from "./labels";

function Badge({ children, className = "", testId }: { children: ReactNode; className?: string; testId?: string }) {
  return (
    <span className={`whitespace-nowrap rounded-full border px-2 py-0.5 text-xs ${className}`} data-testid={testId}>
      {children}
    </span>
  );
}

function timing(action: Action): string {
  if (action.status === "ready" || action.status === "pending") {
    return action.runAt.getTime() > Date.now() ? `Runs at ${formatWhen(action.runAt)}` : "Due now";
  }
  if (action.status === "running" && action.startedAt) return `Started ${formatWhen(action.startedAt)}`;
  if (action.finishedAt) return `Finished ${formatWhen(action.finishedAt)}`;
  return `Planned ${formatWhen(action.createdAt)}`;
}

export function ActionRow({ action }: { action: Action }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.planner.actions.pathKey() });
  const retry = useMutation(trpc.planner.retry.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.planner.cancel.mutationOptions({ onSuccess: refresh }));
  const label = executorLabel(action.executor);
  const canRetry = action.status === "failed" || action.status === "cancelled";
  const canCancel = action.status === "pending" || action.status === "ready";
  // A ready action with an error is waiting out its backoff after a failed attempt.
  const errorHeading = action.status === "ready" || action.status === "running" ? "Last attempt failed" : action.status === "failed" ? "Failed" : "Why";

  return (
    <li className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3" data-testid="planner-action" data-status={action.status}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col">
          <span className="font-medium" data-testid="planner-action-label">
            {label}
          </span>
          <code className="truncate text-xs text-[var(--muted)]">{action.executor}</code>
        </div>
        <div className="flex flex-wrap gap-1">
          <Badge className={statusStyles[action.status]} testId="planner-action-status">
            {statusLabels[action.status]}
          </Badge>
          <Badge className="border-[var(--line)] text-[var(--muted)]">{priorityLabels[action.priority] ?? `Priority ${action.priority}`}</Badge>
          <Badge className="border-[var(--line)] text-[var(--muted)]">{typeLabels[action.type]}</Badge>
        </div>
      </div>
      <p className="flex flex-wrap gap-x-4 text-sm text-[var(--muted)]">
        <span data-testid="planner-action-attempts">
          Attempt {action.attempts} of {action.maxAttempts}
        </span>
        <span>{timing(action)}</span>
        {action.dependsOn.length ? <span>Needs {action.dependsOn.length === 1 ? "1 other action" : `${action.dependsOn.length} other actions`}</span> : null}
      </p>
      {action.error ? (
        <p className="rounded-lg border border-[var(--line)] p-2 text-sm" data-testid="planner-action-error">
          <span className="font-medium">{errorHeading}: </span>
          {action.error}
        </p>
      ) : null}
      {canRetry || canCancel ? (
        <div className="flex gap-2">
          {canRetry ? (
            <Button variant="quiet" onClick={() => retry.mutate({ id: action.id })} disabled={retry.isPending} aria-label={`Retry “${label}”`} data-testid="planner-retry">
              {retry.isPending ? "Retrying…" : "Retry"}
            </Button>
          ) : null}
          {canCancel ? (
            <Button variant="danger" onClick={() => cancel.mutate({ id: action.id })} disabled={cancel.isPending} aria-label={`Cancel “${label}”`} data-testid="planner-cancel">
              {cancel.isPending ? "Cancelling…" : "Cancel"}
            </Button>
          ) : null}
        </div>
      ) : null}
      <ErrorNote error={retry.error ?? cancel.error} />
    </li>
  );
}
