"use client";
// The Zones page: the user's life areas (rename, colour, emoji, target share, order, add, remove),
// the balance of the last 7 or 30 days against the targets, and open tasks to tag with a zone.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { Field } from "../ui/field";
import { TaskZonePicker } from "./task-zone-picker";
import { ZoneBalance } from "./zone-balance";

type Zone = inferRouterOutputs<AppRouter>["zone"]["list"][number];

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.zone.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.onboarding.pathKey() }),
    ]);
}

function ZoneRow({ zone, index, count, move }: { zone: Zone; index: number; count: number; move: (from: number, to: number) => void }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const update = useMutation(trpc.zone.update.mutationOptions({ onSuccess: () => refresh().then(() => setEditing(false)) }));
  const remove = useMutation(trpc.zone.remove.mutationOptions({ onSuccess: refresh }));
  const fieldErrors = (update.error?.data?.zodError?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const id = `zone-${zone.id}`;

  function onSave(form: FormData) {
    const target = String(form.get("targetShare") ?? "").trim();
    update.mutate({
      id: zone.id,
      name: String(form.get("name") ?? ""),
      color: String(form.get("color") ?? zone.color),
      emoji: String(form.get("emoji") ?? ""),
      targetShare: target === "" ? null : Number(target),
    });
  }

  return (
    <li className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3" data-testid="zone-item" data-key={zone.key}>
      <div className="flex flex-wrap items-center gap-2">
        <span aria-hidden="true" className="size-4 shrink-0 rounded-full border border-[var(--line)]" style={{ background: zone.color }} />
        <span className="font-medium" data-testid="zone-name">
          {zone.emoji ? <span aria-hidden="true">{zone.emoji} </span> : null}
          {zone.name}
        </span>
        <span className="text-xs text-[var(--muted)]">
          {zone.targetShare !== null ? `target ${zone.targetShare}%` : "no target"} · {zone.taskCount} {zone.taskCount === 1 ? "task" : "tasks"}
        </span>
        <span className="ml-auto flex gap-1">
          <Button variant="quiet" className="min-h-9 px-2 py-1 text-xs" onClick={() => move(index, index - 1)} disabled={index === 0} aria-label={`Move ${zone.name} up`}>
            ↑
          </Button>
          <Button variant="quiet" className="min-h-9 px-2 py-1 text-xs" onClick={() => move(index, index + 1)} disabled={index === count - 1} aria-label={`Move ${zone.name} down`}>
            ↓
          </Button>
          <Button variant="quiet" className="min-h-9 px-2 py-1 text-xs" aria-expanded={editing} aria-controls={`${id}-form`} onClick={() => setEditing((v) => !v)} data-testid="zone-edit">
            {editing ? "Close" : "Edit"}
          </Button>
        </span>
      </div>
      {editing ? (
        <form id={`${id}-form`} action={onSave} className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label={`Edit ${zone.name}`}>
          <Field id={`${id}-name`} name="name" label="Name" defaultValue={zone.name} maxLength={40} required error={fieldErrors.name?.[0]} data-testid="zone-edit-name" />
          <Field id={`${id}-emoji`} name="emoji" label="Emoji (optional)" defaultValue={zone.emoji ?? ""} maxLength={16} error={fieldErrors.emoji?.[0]} />
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-color`} className="text-sm font-medium">
              Colour
            </label>
            <input id={`${id}-color`} name="color" type="color" defaultValue={zone.color} className="h-11 w-20 rounded-lg border border-[var(--line)] bg-[var(--panel)]" />
          </div>
          <Field
            id={`${id}-target`}
            name="targetShare"
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            label="Target share of your time (%)"
            defaultValue={zone.targetShare ?? ""}
            error={fieldErrors.targetShare?.[0]}
            data-testid="zone-edit-target"
          />
          <div className="flex flex-wrap items-center gap-2 sm:col-span-2">
            <Button type="submit" disabled={update.isPending} data-testid="zone-save">
              {update.isPending ? "Saving…" : "Save"}
            </Button>
            {confirming ? (
              <span role="group" aria-label="Confirm remove" className="flex flex-wrap items-center gap-2 text-sm">
                Remove “{zone.name}”?{zone.taskCount ? ` Its ${zone.taskCount} ${zone.taskCount === 1 ? "task keeps" : "tasks keep"} going, just without a zone.` : ""}
                <Button variant="danger" onClick={() => remove.mutate({ id: zone.id })} disabled={remove.isPending} data-testid="zone-remove-confirm">
                  Remove
                </Button>
                <Button variant="quiet" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </span>
            ) : (
              <Button variant="danger" onClick={() => setConfirming(true)} data-testid="zone-remove">
                Remove zone
              </Button>
            )}
          </div>
          <div className="sm:col-span-2">
            <ErrorNote error={update.error && !update.error.data?.zodError ? update.error : null} />
            <ErrorNote error={remove.error} />
          </div>
        </form>
      ) : null}
    </li>
  );
}

function AddZone() {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [key, setKey] = useState(0);
  const create = useMutation(trpc.zone.create.mutationOptions({ onSuccess: () => refresh().then(() => setKey((k) => k + 1)) }));
  const fieldErrors = (create.error?.data?.zodError?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      key={key}
      action={(form) => create.mutate({ name: String(form.get("name") ?? ""), emoji: String(form.get("emoji") ?? "") || null })}
      className="flex flex-wrap items-end gap-2"
      aria-label="Add a zone"
    >
      <div className="min-w-40 flex-1">
        <Field id="zone-new-name" name="name" label="Add your own zone" placeholder="e.g. Music" maxLength={40} required error={fieldErrors.name?.[0]} data-testid="zone-new-name" />
      </div>
      <div className="w-28">
        <Field id="zone-new-emoji" name="emoji" label="Emoji" maxLength={16} />
      </div>
      <Button type="submit" disabled={create.isPending} data-testid="zone-add">
        {create.isPending ? "Adding…" : "Add zone"}
      </Button>
      <div className="basis-full">
        <ErrorNote error={create.error && !create.error.data?.zodError ? create.error : null} />
      </div>
    </form>
  );
}

function TagTasks({ zones }: { zones: Zone[] }) {
  const trpc = useTRPC();
  const tasks = useQuery(trpc.task.list.queryOptions());
  const open = tasks.data?.filter((t) => t.status !== "done" && t.status !== "archived") ?? [];
  return (
    <section aria-labelledby="tag-heading" className="flex flex-col gap-2">
      <h2 id="tag-heading" className="text-lg font-semibold">
        Tag your open tasks
      </h2>
      <ErrorNote error={tasks.error} retry={() => void tasks.refetch()} />
      {tasks.data && open.length === 0 ? <p className="text-[var(--muted)]">No open tasks right now.</p> : null}
      <ul className="flex flex-col gap-2">
        {open.map((task) => (
          <li key={task.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-[var(--line)] p-2" data-testid="zone-task" data-title={task.title}>
            <span className="min-w-0 break-words">{task.title}</span>
            <TaskZonePicker taskId={task.id} title={task.title} area={task.area} zones={zones} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ZonesView() {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const zones = useQuery(trpc.zone.list.queryOptions());
  const reorder = useMutation(trpc.zone.reorder.mutationOptions({ onSuccess: refresh }));
  const list = zones.data ?? [];
  const move = (from: number, to: number) => {
    if (to < 0 || to >= list.length) return;
    const ids = list.map((z) => z.id);
    const [moved] = ids.splice(from, 1);
    if (moved) ids.splice(to, 0, moved);
    reorder.mutate({ ids });
  };
  const targets = list.reduce((s, z) => s + (z.targetShare ?? 0), 0);

  return (
    <div className="flex flex-col gap-8">
      <ZoneBalance />
      <section aria-labelledby="zones-heading" className="flex flex-col gap-3">
        <h2 id="zones-heading" className="text-lg font-semibold">
          Your zones
        </h2>
        <p className="text-sm text-[var(--muted)]">Targets add up to {targets}% (at most 100%). A task belongs to one zone.</p>
        {zones.isPending ? <p className="text-[var(--muted)]">Loading your zones…</p> : null}
        <ErrorNote error={zones.error} retry={() => void zones.refetch()} />
        <ErrorNote error={reorder.error} />
        {zones.data && list.length === 0 ? <p className="text-[var(--muted)]">No zones yet — add one below.</p> : null}
        <ul className="flex flex-col gap-2" data-testid="zone-list">
          {list.map((zone, i) => (
            <ZoneRow key={zone.id} zone={zone} index={i} count={list.length} move={move} />
          ))}
        </ul>
        <AddZone />
      </section>
      {list.length ? <TagTasks zones={list} /> : null}
    </div>
  );
}
