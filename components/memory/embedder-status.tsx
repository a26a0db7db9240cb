"use client";
// Which embedder turns memories into vectors for search, and how many memories it has not reached yet.
import type { MemoryStatus } from "./use-memories";

export function EmbedderStatus({ status }: { status: MemoryStatus | undefined }) {
  if (!status) return null;
  const who =
    status.provider === "hash"
      ? "the built-in offline embedder (word matching; nothing leaves this server)"
      : `${status.modelId} (${status.provider === "openai" ? "OpenAI-compatible API" : "test model"})`;
  return (
    <p className="text-sm text-[var(--muted)]" data-testid="embedder-status" data-provider={status.provider}>
      Search uses {who}, {status.dimensions} dimensions.{" "}
      {status.pending > 0 ? (
        <span data-testid="embedder-pending">
          {status.pending} {status.pending === 1 ? "memory is" : "memories are"} still being prepared for search.
        </span>
      ) : (
        <span>Everything is searchable.</span>
      )}
    </p>
  );
}
