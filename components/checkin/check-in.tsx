"use client";
// The quick check-in on Today: mood and energy (1–5) and an optional note. Several a day are fine;
// the answer says what it changes and offers it right there (check-in-answer.tsx): a lighter plan and
// tiny steps on low energy, a kind word and one tiny step on a low mood.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { CheckInAnswer } from "./check-in-answer";
import { Scale } from "./scale";

const moodWords: [string, string, string, string, string] = ["very low", "low", "okay", "good", "great"];
const energyWords: [string, string, string, string, string] = ["empty", "low", "some", "good", "full"];

export function CheckIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = useQuery(trpc.mood.today.queryOptions());
  const [mood, setMood] = useState<number | null>(null);
  const [energy, setEnergy] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const log = useMutation(
    trpc.mood.log.mutationOptions({
      onSuccess: async () => {
        setMood(null);
        setEnergy(null);
        setNote("");
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.mood.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.plan.get.queryKey() }),
        ]);
      },
    }),
  );
  const nothing = mood === null && energy === null;

  return (
    <section aria-labelledby="checkin-heading" className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="checkin-heading" className="text-lg font-semibold">
          How are you right now?
        </h2>
        {today.data && today.data.count > 0 ? (
          <p className="text-sm text-[var(--muted)]" data-testid="checkin-today">
            Today so far:{today.data.mood !== null ? ` mood ${today.data.mood}/5` : ""}
            {today.data.mood !== null && today.data.energy !== null ? " ·" : ""}
            {today.data.energy !== null ? ` energy ${today.data.energy}/5` : ""}
          </p>
        ) : null}
      </div>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (nothing || log.isPending) return;
          log.mutate({ mood: mood ?? undefined, energy: energy ?? undefined, note: note.trim() || undefined });
        }}
      >
        <Scale name="mood" legend="Mood" words={moodWords} value={mood} onChange={setMood} />
        <Scale name="energy" legend="Energy" words={energyWords} value={energy} onChange={setEnergy} />
        <div className="flex flex-col gap-1">
          <label htmlFor="checkin-note" className="text-sm font-medium">
            Anything on your mind? <span className="font-normal text-[var(--muted)]">(optional)</span>
          </label>
          <input
            id="checkin-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            autoComplete="off"
            className="min-h-10 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2"
            data-testid="checkin-note"
          />
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={nothing || log.isPending} aria-busy={log.isPending} data-testid="checkin-submit">
            {log.isPending ? "Saving…" : "Check in"}
          </Button>
          {nothing ? <span className="text-sm text-[var(--muted)]">Pick a mood, an energy level, or both.</span> : null}
        </div>
      </form>
      {log.data ? <CheckInAnswer key={log.data.checkin.id} answer={log.data} /> : null}
      <ErrorNote error={log.error ?? today.error} />
    </section>
  );
}
