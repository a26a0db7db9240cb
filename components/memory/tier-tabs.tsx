"use client";
// Tabs for All / Short-term / Working / Long-term, with counts. Arrow keys, Home and End move
// between tabs (the WAI-ARIA tabs pattern, selection follows focus).
import { useRef, type KeyboardEvent } from "react";
import type { MemoryTier } from "@/server/db/schema/memory";
import { tierLabels } from "./format";

export type TierTab = MemoryTier | "all";
const order: TierTab[] = ["all", "short_term", "working", "long_term"];

export function TierTabs({
  value,
  onChange,
  counts,
  panelId,
}: {
  value: TierTab;
  onChange: (tab: TierTab) => void;
  counts: Record<MemoryTier, number> | undefined;
  panelId: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const total = counts ? counts.short_term + counts.working + counts.long_term : undefined;
  const move = (e: KeyboardEvent, index: number) => {
    const next =
      e.key === "ArrowRight" ? (index + 1) % order.length
      : e.key === "ArrowLeft" ? (index - 1 + order.length) % order.length
      : e.key === "Home" ? 0
      : e.key === "End" ? order.length - 1
      : null;
    if (next === null) return;
    e.preventDefault();
    const tab = order[next];
    if (tab) onChange(tab);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label="Memory tiers" className="flex flex-wrap gap-1 border-b border-[var(--line)]">
      {order.map((tab, index) => {
        const selected = tab === value;
        const count = tab === "all" ? total : counts?.[tab];
        return (
          <button
            key={tab}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`memory-tab-${tab}`}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(tab)}
            onKeyDown={(e) => move(e, index)}
            title={tab === "all" ? "Every memory, newest first" : tierLabels[tab].lifetime}
            data-testid={`memory-tab-${tab}`}
            className={`-mb-px min-h-10 rounded-t-lg border-b-2 px-3 py-2 text-sm font-medium ${
              selected ? "border-[var(--accent)] text-[var(--ink)]" : "border-transparent text-[var(--muted)] hover:text-[var(--ink)]"
            }`}
          >
            {tab === "all" ? "All" : tierLabels[tab].name}
            {count !== undefined ? <span className="ml-1 text-[var(--muted)]">({count})</span> : null}
          </button>
        );
      })}
    </div>
  );
}
