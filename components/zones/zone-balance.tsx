"use client";
// The balance view: how the last 7 or 30 days were shared between the zones (focus time when there
// is any, else finished tasks), each bar with its target marked, and the reading in one sentence.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";

export function ZoneBalance() {
  const trpc = useTRPC();
  const [days, setDays] = useState<7 | 30>(7);
  const balance = useQuery(trpc.zone.balance.queryOptions({ days }));
  const data = balance.data;
  const rows = data ? [...data.zones, ...(data.untagged.completed || data.untagged.focusMinutes ? [data.untagged] : [])] : [];

  return (
    <section aria-labelledby="balance-heading" className="flex flex-col gap-3" data-testid="zone-balance">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="balance-heading" className="text-lg font-semibold">
          Balance
        </h2>
        <fieldset className="flex gap-1" aria-label="Period">
          {([7, 30] as const).map((d) => (
            <label key={d} className="cursor-pointer">
              <input type="radio" name="balance-days" className="peer sr-only" checked={days === d} onChange={() => setDays(d)} />
              <span className="inline-flex min-h-10 items-center rounded-lg border border-[var(--line)] px-3 text-sm peer-checked:border-[var(--accent)] peer-checked:bg-[var(--accent)] peer-checked:text-[var(--accent-ink)] peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-[var(--accent)]">
                Last {d} days
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      {balance.isPending ? <p className="text-[var(--muted)]">Loading your balance…</p> : null}
      <ErrorNote error={balance.error} retry={() => void balance.refetch()} />
      {data ? (
        <>
          <p className="font-medium" data-testid="zone-balance-reading">
            {data.reading}
          </p>
          <p className="text-sm text-[var(--muted)]">
            {data.basis === "focus" ? `Shares of ${data.totalFocusMinutes} focus minutes` : `Shares of ${data.totalCompleted} finished ${data.totalCompleted === 1 ? "task" : "tasks"}`}; the line marks your target.
          </p>
          <ul className="flex flex-col gap-3">
            {rows.map((r) => (
              <li key={r.key ?? "none"} className="flex flex-col gap-1" data-testid="zone-balance-row" data-key={r.key ?? ""}>
                <div className="flex flex-wrap justify-between gap-2 text-sm">
                  <span className="font-medium">
                    {r.emoji ? <span aria-hidden="true">{r.emoji} </span> : null}
                    {r.name}
                  </span>
                  <span className="tabular-nums">
                    {r.share}%{r.targetShare !== null ? ` of ${r.targetShare}% wanted` : ""} · {r.completed} done · {r.focusMinutes} min
                  </span>
                </div>
                <div className="relative h-3 overflow-hidden rounded-full bg-[var(--line)]" aria-hidden="true">
                  <div className="h-full rounded-full" style={{ width: `${r.share}%`, background: r.color }} />
                  {r.targetShare !== null ? <div className="absolute inset-y-0 w-0.5 bg-[var(--ink)]" style={{ left: `calc(${r.targetShare}% - 1px)` }} /> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
