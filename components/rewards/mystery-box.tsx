"use client";
// The mystery box: its odds in a table, free once on a day you did something (else it costs
// points), the prize it gave and the latest draws (each replayable from its recorded seed).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

export function MysteryBox() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const odds = useQuery(trpc.rewards.mystery.odds.queryOptions());
  const history = useQuery(trpc.rewards.mystery.history.queryOptions({ limit: 5 }));
  const open = useMutation(trpc.rewards.mystery.open.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() }) }));
  const o = odds.data;
  const canOpen = o ? o.freeAvailable || o.balance >= o.cost : false;
  return (
    <section aria-labelledby="mystery-heading" className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4" data-testid="mystery-box">
      <h2 id="mystery-heading" className="text-lg font-semibold">
        Mystery box
      </h2>
      <ErrorNote error={odds.error} retry={() => void odds.refetch()} />
      {o ? (
        <>
          <p className="text-sm text-[var(--muted)]">
            {o.freeAvailable ? "Your free box for today is waiting." : `A box costs ${o.cost} pts. The first box on any day you finish something is free.`}
          </p>
          <div>
            <Button onClick={() => open.mutate({ requestId: crypto.randomUUID() })} disabled={open.isPending || !canOpen} data-testid="mystery-open">
              {open.isPending ? "Opening…" : o.freeAvailable ? "Open today's free box" : `Open a box (${o.cost} pts)`}
            </Button>
          </div>
          {open.data ? (
            <p className="rounded-lg border border-[var(--accent)] p-3 text-base" role="status" data-testid="mystery-prize">
              🎁 You got: <strong>{open.data.prize.label}</strong>
            </p>
          ) : null}
          <ErrorNote error={open.error} />
          <table className="w-full text-left text-sm" data-testid="mystery-odds">
            <caption className="text-left text-xs text-[var(--muted)]">Odds (table {o.version})</caption>
            <thead>
              <tr>
                <th scope="col" className="font-medium">
                  Prize
                </th>
                <th scope="col" className="text-right font-medium">
                  Chance
                </th>
              </tr>
            </thead>
            <tbody>
              {o.prizes.map((p) => (
                <tr key={p.id}>
                  <td>{p.label}</td>
                  <td className="text-right">{p.chance}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {history.data?.length ? (
        <>
          <h3 className="text-base font-semibold">Latest boxes</h3>
          <ul className="flex flex-col gap-1 text-sm" data-testid="mystery-history">
            {history.data.map((d) => (
              <li key={d.id} className="flex justify-between gap-2">
                <span className="truncate">{d.prize.label}</span>
                <span className="shrink-0 text-[var(--muted)]">{d.free ? "free" : `−${d.cost} pts`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
