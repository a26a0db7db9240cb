"use client";
// Level and XP (earned points, never lowered by spending) beside the spendable balance.
import type { Summary } from "./types";
import { ProgressBar } from "./progress-bar";

export function LevelCard({ summary }: { summary: Summary }) {
  const { level, earned, balance } = summary;
  const toNext = level.nextAt === null ? "Top level reached" : `${level.nextAt - earned} XP to ${level.nextName}`;
  return (
    <section aria-labelledby="level-heading" className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4" data-testid="level-card">
      <h2 id="level-heading" className="text-lg font-semibold">
        Level <span data-testid="rewards-level">{level.number} · {level.name}</span>
      </h2>
      <ProgressBar value={level.progress} label={`Progress to the next level: ${toNext}`} testId="xp-bar" />
      <p className="text-sm text-[var(--muted)]">
        <span data-testid="rewards-xp">{earned} XP</span> earned · {toNext}
      </p>
      <p className="text-base">
        Balance: <strong data-testid="rewards-balance">{balance} pts</strong>{" "}
        <span className="text-sm text-[var(--muted)]">to spend in your store — spending never lowers your level.</span>
      </p>
    </section>
  );
}
