"use client";
// The morning ritual on Today: an intention, today's energy and a top three from the open tasks.
// Saving re-plans the day (top three first); once done it folds into one line and can be reopened.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { Field } from "../ui/field";

const energyWords = ["very low", "low", "okay", "good", "great"] as const;
const places = ["Most important", "Second", "Third"] as const;
const select = "min-h-11 w-full rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base";

function RitualForm({
  initial,
  onDone,
}: {
  initial: { intention: string; energy: number | null; top: string[] };
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tasks = useQuery(trpc.task.list.queryOptions());
  const open = tasks.data?.filter((t) => t.status !== "done" && t.status !== "archived") ?? [];
  const [energy, setEnergy] = useState<number | null>(initial.energy);
  const [top, setTop] = useState<string[]>([initial.top[0] ?? "", initial.top[1] ?? "", initial.top[2] ?? ""]);
  const save = useMutation(
    trpc.ritual.save.mutationOptions({
      onSuccess: async (result) => {
        if (result.plan) queryClient.setQueryData(trpc.plan.get.queryKey(), result.plan);
        await queryClient.invalidateQueries({ queryKey: trpc.ritual.pathKey() });
        onDone();
      },
    }),
  );
  const fieldErrors = (save.error?.data?.zodError?.fieldErrors ?? {}) as Record<string, string[] | undefined>;

  return (
    <form
      className="flex flex-col gap-4"
      action={(form) => save.mutate({ intention: String(form.get("intention") ?? "") || null, energy, topTaskIds: top.filter(Boolean) })}
      aria-label="Morning ritual"
    >
      <Field
        id="ritual-intention"
        name="intention"
        label="Today I want to…"
        placeholder="e.g. go easy and finish one thing"
        defaultValue={initial.intention}
        maxLength={300}
        error={fieldErrors.intention?.[0]}
        data-testid="ritual-intention"
      />
      <fieldset className="flex flex-col gap-1" data-testid="ritual-energy">
        <legend className="text-sm font-medium">How much energy do you have?</legend>
        <div className="flex flex-wrap gap-2">
          {energyWords.map((word, i) => (
            <label key={word} className="cursor-pointer">
              <input type="radio" name="ritual-energy" value={i + 1} checked={energy === i + 1} onChange={() => setEnergy(i + 1)} className="peer sr-only" />
              <span className="flex min-h-10 min-w-16 flex-col items-center justify-center rounded-lg border border-[var(--line)] px-2 py-1 text-sm peer-checked:border-[var(--accent)] peer-checked:bg-[var(--accent)] peer-checked:text-[var(--accent-ink)] peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-[var(--accent)]">
                <span className="font-semibold">{i + 1}</span>
                <span className="text-xs">{word}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldErrors.energy?.[0] ? <p className="text-sm text-[var(--danger)]">{fieldErrors.energy[0]}</p> : null}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Your top three for today</legend>
        {tasks.data && open.length === 0 ? <p className="text-sm text-[var(--muted)]">No open tasks yet — add some above, or leave this empty.</p> : null}
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          {places.map((place, i) => (
            <div key={place} className="flex flex-col gap-1">
              <label htmlFor={`ritual-top-${i}`} className="text-sm">
                {place}
              </label>
              <select
                id={`ritual-top-${i}`}
                value={top[i]}
                onChange={(e) => setTop((cur) => cur.map((v, j) => (j === i ? e.target.value : v)))}
                className={select}
                data-testid={`ritual-top-${i}`}
              >
                <option value="">—</option>
                {open
                  .filter((t) => t.id === top[i] || !top.includes(t.id))
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.title}
                    </option>
                  ))}
              </select>
            </div>
          ))}
        </div>
        {fieldErrors.topTaskIds?.[0] ? <p className="text-sm text-[var(--danger)]">{fieldErrors.topTaskIds[0]}</p> : null}
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending} aria-busy={save.isPending} data-testid="ritual-save">
          {save.isPending ? "Planning your day…" : "Start my day"}
        </Button>
      </div>
      <ErrorNote error={save.error && !save.error.data?.zodError ? save.error : null} />
    </form>
  );
}

export function MorningRitual() {
  const trpc = useTRPC();
  const today = useQuery(trpc.ritual.today.queryOptions());
  const [reopened, setReopened] = useState(false);
  const ritual = today.data?.ritual ?? null;
  if (today.isPending) return null;
  if (today.error) return <ErrorNote error={today.error} retry={() => void today.refetch()} />;

  if (ritual && !reopened) {
    return (
      <section aria-labelledby="ritual-heading" className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-[var(--line)] p-3 text-sm" data-testid="ritual-done">
        <div className="flex min-w-0 flex-col gap-1">
          <h2 id="ritual-heading" className="font-semibold">
            Morning ritual done
          </h2>
          <p className="break-words text-[var(--muted)]" data-testid="ritual-summary">
            {[ritual.intention ? `“${ritual.intention}”` : null, ritual.energy ? `energy ${ritual.energy}/5` : null, ritual.top.length ? `top: ${ritual.top.map((t) => t.title).join(", ")}` : null]
              .filter(Boolean)
              .join(" · ") || "Nothing filled in."}
          </p>
        </div>
        <Button variant="quiet" onClick={() => setReopened(true)} data-testid="ritual-reopen">
          Change
        </Button>
      </section>
    );
  }

  return (
    <section aria-labelledby="ritual-heading" className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4" data-testid="morning-ritual">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="ritual-heading" className="text-lg font-semibold">
          Morning ritual
        </h2>
        {ritual ? (
          <Button variant="quiet" onClick={() => setReopened(false)}>
            Close
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-[var(--muted)]">A minute to set up your day: the plan puts your top three first and fits your energy.</p>
      <RitualForm
        initial={{ intention: ritual?.intention ?? "", energy: ritual?.energy ?? null, top: ritual?.top.filter((t) => !t.done).map((t) => t.id) ?? [] }}
        onDone={() => setReopened(false)}
      />
    </section>
  );
}
