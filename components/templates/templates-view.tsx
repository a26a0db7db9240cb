"use client";
// The Templates page: tasks saved with their steps — see the steps, start a new task from one,
// rename, delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { Field } from "../ui/field";

type Template = inferRouterOutputs<AppRouter>["template"]["list"][number];
type Step = Template["steps"][number];

function Steps({ steps }: { steps: Step[] }) {
  if (steps.length === 0) return null;
  return (
    <ol className="ml-2 flex list-decimal flex-col gap-1 border-l border-[var(--line)] pl-6 text-sm">
      {steps.map((s, i) => (
        <li key={`${i}-${s.title}`}>
          {s.title}
          {s.estimateMinutes ? <span className="text-[var(--muted)]"> · {s.estimateMinutes} min</span> : null}
          {s.steps?.length ? <Steps steps={s.steps} /> : null}
        </li>
      ))}
    </ol>
  );
}

function TemplateCard({ template }: { template: Template }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.template.pathKey() });
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const start = useMutation(
    trpc.template.start.mutationOptions({
      onSuccess: () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })]),
    }),
  );
  const rename = useMutation(trpc.template.rename.mutationOptions({ onSuccess: () => refresh().then(() => setRenaming(false)) }));
  const remove = useMutation(trpc.template.remove.mutationOptions({ onSuccess: refresh }));
  const nameError = (rename.error?.data?.zodError?.fieldErrors as Record<string, string[] | undefined> | undefined)?.name?.[0];
  const id = `template-${template.id}`;

  return (
    <li className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3" data-testid="template-item" data-name={template.name}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col">
          <h3 className="break-words font-medium">{template.name}</h3>
          <p className="text-xs text-[var(--muted)]">
            {template.title !== template.name ? `“${template.title}” · ` : ""}
            {template.stepCount} {template.stepCount === 1 ? "step" : "steps"} · used {template.useCount} {template.useCount === 1 ? "time" : "times"}
          </p>
        </div>
        <Button onClick={() => start.mutate({ id: template.id })} disabled={start.isPending} aria-label={`Start a new task from “${template.name}”`} data-testid="template-start">
          {start.isPending ? "Starting…" : "Start"}
        </Button>
      </div>
      {start.isSuccess ? (
        <p role="status" className="text-sm" data-testid="template-started">
          Added “{start.data.task.title}” with {start.data.stepCount} {start.data.stepCount === 1 ? "step" : "steps"} to{" "}
          <Link href="/" className="text-[var(--accent)] underline">
            Today
          </Link>
          .
        </p>
      ) : null}
      {template.steps.length ? (
        <details>
          <summary className="cursor-pointer text-sm text-[var(--accent)]">Show steps</summary>
          <div className="mt-2">
            <Steps steps={template.steps} />
          </div>
        </details>
      ) : null}
      {renaming ? (
        <form action={(form) => rename.mutate({ id: template.id, name: String(form.get("name") ?? "") })} className="flex flex-wrap items-end gap-2" aria-label={`Rename “${template.name}”`}>
          <div className="min-w-48 flex-1">
            <Field id={`${id}-name`} name="name" label="New name" defaultValue={template.name} maxLength={200} required error={nameError} data-testid="template-rename-input" />
          </div>
          <Button type="submit" disabled={rename.isPending} data-testid="template-rename-save">
            Save
          </Button>
          <Button variant="quiet" onClick={() => setRenaming(false)}>
            Cancel
          </Button>
        </form>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        {!renaming ? (
          <Button variant="quiet" onClick={() => setRenaming(true)} data-testid="template-rename">
            Rename
          </Button>
        ) : null}
        {confirming ? (
          <span role="group" aria-label="Confirm delete" className="flex items-center gap-2 text-sm">
            Delete this template? Tasks made from it stay.
            <Button variant="danger" onClick={() => remove.mutate({ id: template.id })} disabled={remove.isPending} data-testid="template-delete-confirm">
              Delete
            </Button>
            <Button variant="quiet" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </span>
        ) : (
          <Button variant="quiet" onClick={() => setConfirming(true)} data-testid="template-delete">
            Delete
          </Button>
        )}
      </div>
      <ErrorNote error={start.error ?? remove.error ?? (rename.error && !rename.error.data?.zodError ? rename.error : null)} />
    </li>
  );
}

export function TemplatesView() {
  const trpc = useTRPC();
  const templates = useQuery(trpc.template.list.queryOptions());
  return (
    <section aria-labelledby="templates-heading" className="flex flex-col gap-3">
      <h2 id="templates-heading" className="text-lg font-semibold">
        Your templates
      </h2>
      {templates.isPending ? <p className="text-[var(--muted)]">Loading your templates…</p> : null}
      <ErrorNote error={templates.error} retry={() => void templates.refetch()} />
      {templates.data && templates.data.length === 0 ? (
        <p className="rounded-xl border border-dashed border-[var(--line)] p-4 text-[var(--muted)]" data-testid="templates-empty">
          No templates yet. Open a task&apos;s steps on Today and choose “Save as template” to keep it for next time.
        </p>
      ) : null}
      <ul className="flex flex-col gap-2" data-testid="template-list">
        {templates.data?.map((t) => (
          <TemplateCard key={t.id} template={t} />
        ))}
      </ul>
    </section>
  );
}
