"use client";
// The latest ledger entries: what was earned and spent, newest first.
import type { Summary } from "./types";

export function LedgerList({ entries }: { entries: Summary["latest"] }) {
  return (
    <section aria-labelledby="ledger-heading" className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4">
      <h2 id="ledger-heading" className="text-lg font-semibold">
        Recent points
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-[var(--muted)]">Tick off a task to earn your first points.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm" data-testid="ledger-list">
          {entries.map((e) => (
            <li key={e.id} className="flex justify-between gap-3">
              <span className="truncate">{e.reason}</span>
              <span className="shrink-0 font-medium">{e.amount > 0 ? `+${e.amount}` : e.amount === 0 ? "·" : e.amount}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
