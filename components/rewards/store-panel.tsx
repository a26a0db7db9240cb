"use client";
// The store of rewards the user defines: add one (title, cost, note), buy with a confirm step (one
// request id per confirmed click, so a retry buys once), archive, and the purchase history.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { Field } from "../ui/field";
import type { StoreItemOut } from "./types";

function StoreRow({ item, balance }: { item: StoreItemOut; balance: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() });
  const buy = useMutation(trpc.rewards.store.buy.mutationOptions({ onSuccess: () => { setConfirming(null); return refresh(); } }));
  const archive = useMutation(trpc.rewards.store.archive.mutationOptions({ onSuccess: refresh }));
  const short = balance < item.cost;
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-[var(--line)] p-3" data-testid="store-item" data-title={item.title}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <p className="font-medium">{item.title}</p>
          <p className="text-sm text-[var(--muted)]">
            {item.cost} pts{item.note ? ` · ${item.note}` : ""}
          </p>
        </div>
        <div className="flex gap-2">
          {confirming ? (
            <>
              <Button onClick={() => buy.mutate({ id: item.id, requestId: confirming })} disabled={buy.isPending} data-testid="store-confirm">
                {buy.isPending ? "Buying…" : `Yes, spend ${item.cost} pts`}
              </Button>
              <Button variant="quiet" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <Button onClick={() => setConfirming(crypto.randomUUID())} disabled={short} data-testid="store-buy" aria-label={`Buy ${item.title} for ${item.cost} points`}>
                Buy
              </Button>
              <Button variant="quiet" onClick={() => archive.mutate({ id: item.id })} disabled={archive.isPending} aria-label={`Archive ${item.title}`}>
                Archive
              </Button>
            </>
          )}
        </div>
      </div>
      {short && !confirming ? <p className="text-xs text-[var(--muted)]">{item.cost - balance} more points to go.</p> : null}
      {buy.isSuccess ? (
        <p className="text-sm" role="status" data-testid="store-bought">
          Enjoy it — {item.title} is yours.
        </p>
      ) : null}
      <ErrorNote error={buy.error ?? archive.error} />
    </li>
  );
}

export function StorePanel({ balance }: { balance: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const items = useQuery(trpc.rewards.store.list.queryOptions());
  const purchases = useQuery(trpc.rewards.purchases.queryOptions({ limit: 10 }));
  const [title, setTitle] = useState("");
  const [cost, setCost] = useState("");
  const [note, setNote] = useState("");
  const create = useMutation(
    trpc.rewards.store.create.mutationOptions({
      onSuccess: () => {
        setTitle("");
        setCost("");
        setNote("");
        return queryClient.invalidateQueries({ queryKey: trpc.rewards.store.pathKey() });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ title, cost: Number(cost), note: note || undefined });
  }

  return (
    <section aria-labelledby="store-heading" className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4" data-testid="store">
      <h2 id="store-heading" className="text-lg font-semibold">
        Your reward store
      </h2>
      <p className="text-sm text-[var(--muted)]">Name the treats that are worth it to you and what they cost; buy them with the points you earn.</p>
      <form onSubmit={submit} className="grid gap-2 sm:grid-cols-[2fr_1fr] sm:items-end" data-testid="store-add">
        <Field id="store-title" label="Reward" placeholder="30 min of guilt-free gaming" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} required />
        <Field id="store-cost" label="Cost in points" type="number" inputMode="numeric" min={1} max={100000} step={1} value={cost} onChange={(e) => setCost(e.target.value)} required />
        <Field id="store-note" label="Note (optional)" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        <Button type="submit" disabled={create.isPending} data-testid="store-add-submit">
          {create.isPending ? "Adding…" : "Add reward"}
        </Button>
      </form>
      <ErrorNote error={create.error} />
      <ErrorNote error={items.error} retry={() => void items.refetch()} />
      {items.data && items.data.length === 0 ? <p className="text-sm text-[var(--muted)]">No rewards yet — add the first one above.</p> : null}
      <ul className="flex flex-col gap-2">
        {(items.data ?? []).map((item) => (
          <StoreRow key={item.id} item={item} balance={balance} />
        ))}
      </ul>
      <h3 className="text-base font-semibold">Bought</h3>
      {purchases.data?.length ? (
        <ul className="flex flex-col gap-1 text-sm" data-testid="purchases">
          {purchases.data.map((p) => (
            <li key={p.id} className="flex justify-between gap-2">
              <span className="truncate">{p.title}</span>
              <span className="shrink-0 text-[var(--muted)]">
                −{p.cost} pts · {new Date(p.at).toLocaleDateString()}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-[var(--muted)]">Nothing bought yet.</p>
      )}
    </section>
  );
}
