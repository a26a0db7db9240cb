"use client";
// The streak: current and best, freezes in the bank, the last two weeks, a kind sentence, and
// vacation mode (days that never count against the streak).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { Field } from "../ui/field";

const statusText: Record<string, string> = {
  active: "active",
  frozen: "covered by a freeze",
  vacation: "vacation",
  missed: "rest day",
  open: "today, still open",
  none: "before you started",
};
const statusMark: Record<string, string> = {
  active: "bg-[var(--accent)]",
  frozen: "bg-sky-400",
  vacation: "bg-amber-300",
  missed: "bg-[var(--line)]",
  open: "border-2 border-[var(--accent)]",
  none: "bg-transparent border border-[var(--line)]",
};

/** Today as YYYY-MM-DD on this device (the server checks against the user's own zone). */
function localToday(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function StreakCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const streak = useQuery(trpc.rewards.streak.queryOptions());
  const vacations = useQuery(trpc.rewards.vacation.list.queryOptions());
  const [startDay, setStartDay] = useState(localToday());
  const [endDay, setEndDay] = useState(localToday(6));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() });
  const set = useMutation(trpc.rewards.vacation.set.mutationOptions({ onSuccess: refresh }));
  const clear = useMutation(trpc.rewards.vacation.clear.mutationOptions({ onSuccess: refresh }));
  const s = streak.data;
  const upcoming = (vacations.data ?? []).filter((v) => !v.past);

  function submit(event: FormEvent) {
    event.preventDefault();
    set.mutate({ startDay, endDay });
  }

  return (
    <section aria-labelledby="streak-heading" className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4" data-testid="streak-card">
      <h2 id="streak-heading" className="text-lg font-semibold">
        Streak
      </h2>
      <ErrorNote error={streak.error} retry={() => void streak.refetch()} />
      {s ? (
        <>
          <p className="text-2xl font-semibold" data-testid="streak-days">
            {s.days} day{s.days === 1 ? "" : "s"}
          </p>
          <p className="text-sm" data-testid="streak-message">
            {s.message}
          </p>
          <ul className="flex flex-wrap gap-3 text-sm text-[var(--muted)]">
            <li>
              Best: <span data-testid="streak-best">{s.best}</span>
            </li>
            <li>
              Freezes: <span data-testid="streak-freezes">{s.freezes}</span>
              {s.nextFreezeIn !== null ? ` (next in ${s.nextFreezeIn} active day${s.nextFreezeIn === 1 ? "" : "s"})` : " (bank full)"}
            </li>
          </ul>
          <ol className="flex gap-1" aria-label="The last 14 days">
            {s.recent.map((d) => (
              <li key={d.day} className={`h-4 w-4 rounded-sm ${statusMark[d.status] ?? ""}`} title={`${d.day}: ${statusText[d.status]}`}>
                <span className="sr-only">
                  {d.day}: {statusText[d.status]}
                </span>
              </li>
            ))}
          </ol>
          <p className="text-xs text-[var(--muted)]">A missed day uses a freeze when you have one. Without one, only the current streak starts again — points, level, best streak and your pet stay.</p>
        </>
      ) : null}
      <h3 className="text-base font-semibold">Vacation mode</h3>
      {upcoming.length ? (
        <ul className="flex flex-col gap-2 text-sm" data-testid="vacations">
          {upcoming.map((v) => (
            <li key={v.id} className="flex items-center justify-between gap-2">
              <span>
                {v.current ? "On vacation: " : "Planned: "}
                {v.startDay} → {v.endDay}
              </span>
              <Button variant="quiet" onClick={() => clear.mutate({ id: v.id })} disabled={clear.isPending} aria-label={`${v.current ? "End now" : "Remove"}: vacation from ${v.startDay} to ${v.endDay}`}>
                {v.current ? "End now" : "Remove"}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-[var(--muted)]">Taking a break? Days on vacation never count against your streak.</p>
      )}
      <form onSubmit={submit} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <Field id="vacation-start" label="First day" type="date" value={startDay} onChange={(e) => setStartDay(e.target.value)} required />
        <Field id="vacation-end" label="Last day" type="date" value={endDay} onChange={(e) => setEndDay(e.target.value)} required />
        <Button type="submit" disabled={set.isPending} data-testid="vacation-start">
          {set.isPending ? "Saving…" : "Start vacation"}
        </Button>
      </form>
      <ErrorNote error={set.error ?? clear.error} />
    </section>
  );
}
