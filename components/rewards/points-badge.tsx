"use client";
// The header's points badge: the spendable balance, the level (from earned XP) and streak, with the
// latest entries and a link to the rewards page on demand. Refreshed whenever a completion
// invalidates rewards.* (see components/tasks).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../trpc/client";

export function PointsBadge() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.rewards.summary.queryOptions({ latest: 5 }));
  if (!summary.data) return null;
  const { total, earned, level, streak, latest } = summary.data;
  const toNext = level.nextAt === null ? "top level" : `${level.nextAt - earned} XP to ${level.nextName}`;
  return (
    <details className="relative ml-auto text-sm" data-testid="points-badge">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-full border border-[var(--line)] px-3 py-1"
      >
        {/* The visible words are the name (WCAG 2.5.3, label in name); the hint is for screen readers. */}
        <span data-testid="points-total">{total} pts</span>
        <span className="text-[var(--muted)]" data-testid="points-level">
          Lv {level.number} · {level.name}
        </span>
        {streak.days > 0 ? (
          <span className="text-[var(--muted)]" data-testid="points-streak" title={streak.activeToday ? "Active today" : "Do one thing today to keep it going"}>
            {streak.days}-day streak
          </span>
        ) : null}
        <span className="sr-only">, show recent points</span>
      </summary>
      <div className="absolute right-0 z-10 mt-2 w-72 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3 shadow-lg">
        <div
          className="mb-2 h-2 overflow-hidden rounded-full bg-[var(--line)]"
          role="progressbar"
          aria-label={`Progress to the next level: ${toNext}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(level.progress * 100)}
        >
          <div className="h-full bg-[var(--accent)]" style={{ width: `${Math.round(level.progress * 100)}%` }} />
        </div>
        <p className="mb-2 text-xs text-[var(--muted)]">{toNext}</p>
        {latest.length === 0 ? (
          <p className="text-[var(--muted)]">Tick off a task to earn your first points.</p>
        ) : (
          <ul className="flex flex-col gap-1">
            {latest.map((entry) => (
              <li key={entry.id} className="flex justify-between gap-2">
                <span className="truncate">{entry.reason}</span>
                <span className="shrink-0 font-medium">{entry.amount > 0 ? `+${entry.amount}` : entry.amount}</span>
              </li>
            ))}
          </ul>
        )}
        <Link href="/rewards" className="mt-2 inline-block text-[var(--accent)] underline" data-testid="points-rewards-link">
          Store, streak, pet and more
        </Link>
      </div>
    </details>
  );
}
