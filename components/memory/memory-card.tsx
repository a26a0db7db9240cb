"use client";
// One memory: what happened, its kind and tier, how old it is and when it expires, and "Forget"
// with a confirmation right there (forgetting cannot be undone). The page owns the forget mutation,
// so an error is still shown after the card has (optimistically) gone and come back.
import { useRef, useState } from "react";
import { Button } from "../ui/button";
import { expiresIn, kindLabel, relevance, tierLabels, timeAgo } from "./format";
import type { Memory } from "./use-memories";

export interface ForgetProps {
  onForget: (id: string) => void;
  /** The id being forgotten right now, if any. */
  forgettingId: string | null;
}

export function MemoryCard({ memory, now, distance, onForget, forgettingId }: { memory: Memory; now: Date; distance?: number } & ForgetProps) {
  const [confirming, setConfirming] = useState(false);
  const busy = forgettingId === memory.id;
  const item = useRef<HTMLLIElement>(null);
  const keep = () => {
    setConfirming(false);
    // Back to the button that opened the question, for keyboard users.
    requestAnimationFrame(() => item.current?.querySelector<HTMLButtonElement>("[data-forget]")?.focus());
  };
  const expiry = expiresIn(memory.expiresAt, now);
  const hint = distance === undefined ? null : relevance(distance);
  return (
    <li
      ref={item}
      className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3 shadow-sm"
      data-testid="memory-item"
      data-kind={memory.kind}
      data-tier={memory.tier}
    >
      <div className="flex items-start gap-3">
        <p className="min-w-0 flex-1 break-words">{memory.content}</p>
        {confirming ? null : (
          <Button
            data-forget
            variant="quiet"
            className="min-h-9 shrink-0 px-2 py-1 text-xs"
            onClick={() => setConfirming(true)}
            aria-label={`Forget: ${memory.content}`}
            data-testid="memory-forget"
          >
            Forget
          </Button>
        )}
      </div>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-[var(--muted)]">
        <span className="rounded-full border border-[var(--line)] px-2 py-0.5">{kindLabel(memory.kind)}</span>
        <span>{tierLabels[memory.tier].name}</span>
        <time dateTime={memory.createdAt.toISOString()} title={memory.createdAt.toLocaleString()}>
          {timeAgo(memory.createdAt, now)}
        </time>
        {expiry ? <span data-testid="memory-expiry">{expiry}</span> : null}
        {hint ? (
          <span data-testid="memory-relevance" title={`Cosine distance ${distance?.toFixed(3)} (0 is identical)`}>
            <span aria-hidden="true" className="tracking-tighter text-[var(--accent)]">
              {"●".repeat(hint.level)}
              {"○".repeat(3 - hint.level)}
            </span>{" "}
            {hint.label} · distance {distance?.toFixed(2)}
          </span>
        ) : null}
        {!memory.embeddingModel ? <span title="Search will find it once it is embedded">not searchable yet</span> : null}
      </p>
      {confirming ? (
        <div className="flex justify-end">
          <span className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Confirm forgetting">
            Forget this for good?
            <Button
              variant="danger"
              onClick={() => onForget(memory.id)}
              disabled={busy}
              data-testid="memory-forget-confirm"
              autoFocus
            >
              Forget it
            </Button>
            <Button variant="quiet" onClick={keep} disabled={busy}>
              Keep
            </Button>
          </span>
        </div>
      ) : null}
    </li>
  );
}
