"use client";
// "Save as template" on a task: keeps the task and its steps to start again from (Templates page).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

export function SaveAsTemplate({ taskId, title }: { taskId: string; title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.template.saveFromTask.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.template.pathKey() }) }));
  return (
    <span className="flex flex-col items-start gap-1">
      {save.isSuccess ? (
        <span role="status" className="text-sm text-[var(--muted)]" data-testid="template-saved">
          Saved as a template with {save.data.stepCount} {save.data.stepCount === 1 ? "step" : "steps"}.{" "}
          <Link href="/templates" className="text-[var(--accent)] underline">
            See templates
          </Link>
        </span>
      ) : (
        <Button
          variant="quiet"
          onClick={() => save.mutate({ taskId })}
          disabled={save.isPending}
          aria-label={`Save as template: “${title}”`}
          data-testid="task-save-template"
        >
          {save.isPending ? "Saving…" : "Save as template"}
        </Button>
      )}
      <ErrorNote error={save.error} />
    </span>
  );
}
