"use client";
// The pet: its drawing, stage and growth toward the next, its mood (never worse than sleepy), a
// daily pat and a new name.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { Field } from "../ui/field";
import { PetDrawing } from "./pet-drawing";
import { ProgressBar } from "./progress-bar";

export function PetCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pet = useQuery(trpc.rewards.pet.get.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() });
  const care = useMutation(trpc.rewards.pet.care.mutationOptions({ onSuccess: refresh }));
  const rename = useMutation(trpc.rewards.pet.rename.mutationOptions({ onSuccess: () => { setEditing(false); return refresh(); } }));
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState("");
  const p = pet.data;

  function submit(event: FormEvent) {
    event.preventDefault();
    rename.mutate({ name });
  }

  return (
    <section aria-labelledby="pet-heading" className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4" data-testid="pet-card">
      <h2 id="pet-heading" className="text-lg font-semibold">
        Your companion
      </h2>
      <ErrorNote error={pet.error} retry={() => void pet.refetch()} />
      {p ? (
        <div className="flex flex-wrap items-center gap-4">
          <PetDrawing stage={p.stage.index} mood={p.mood} />
          <div className="flex min-w-48 flex-1 flex-col gap-2">
            <p className="text-base font-medium">
              <span data-testid="pet-name">{p.name}</span> · <span data-testid="pet-stage">{p.stage.name}</span>
            </p>
            <p className="text-sm" data-testid="pet-mood">
              {p.moodText}
            </p>
            <ProgressBar value={p.stage.progress} label={p.stage.nextName ? `Growth to ${p.stage.nextName}: ${p.growth} of ${p.stage.nextAt}` : "Fully grown"} testId="pet-growth" />
            <p className="text-xs text-[var(--muted)]">
              Growth {p.growth} ({p.focusMinutes} focus {p.focusMinutes === 1 ? "minute" : "minutes"} + {p.care} care){p.stage.nextAt !== null ? ` · ${p.stage.nextAt - p.growth} to ${p.stage.nextName}` : ""}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button variant="quiet" onClick={() => care.mutate({ action: "pat" })} disabled={care.isPending || !p.canCare} data-testid="pet-pat">
                {p.canCare ? `Give ${p.name} a pat` : "Patted today"}
              </Button>
              <Button
                variant="quiet"
                onClick={() => {
                  setName(p.name);
                  setEditing((e) => !e);
                }}
                aria-expanded={editing}
              >
                Rename
              </Button>
            </div>
            {care.data ? (
              <p className="text-sm" role="status">
                {care.data.message}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
      {editing ? (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <Field id="pet-name-input" label="New name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} required />
          <Button type="submit" disabled={rename.isPending}>
            Save name
          </Button>
        </form>
      ) : null}
      <ErrorNote error={care.error ?? rename.error} />
    </section>
  );
}
