"use client";
// The user's memories of one tier (or all), newest first, optionally of one kind, a page at a time.
import { useInfiniteQuery } from "@tanstack/react-query";
import type { MemoryTier } from "@/server/db/schema/memory";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { MemoryCard, type ForgetProps } from "./memory-card";

const PAGE = 20;

export function MemoryList({ tier, kind, now, ...forget }: { tier?: MemoryTier; kind?: string; now: Date } & ForgetProps) {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.memory.list.infiniteQueryOptions({ tier, kind, limit: PAGE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="flex flex-col gap-2">
      {list.isPending ? <p className="text-[var(--muted)]">Loading memories…</p> : null}
      <ErrorNote error={list.error} retry={() => void list.refetch()} />
      {list.data && items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-[var(--line)] p-4 text-[var(--muted)]" data-testid="memory-empty">
          Nothing here. {tier === "short_term" ? "Short-term memories fade after an hour." : "As you add, finish and edit tasks, the coach keeps notes here."}
        </p>
      ) : null}
      <ul className="flex flex-col gap-2" data-testid="memory-list" aria-busy={list.isFetching}>
        {items.map((memory) => (
          <MemoryCard key={memory.id} memory={memory} now={now} {...forget} />
        ))}
      </ul>
      {list.hasNextPage ? (
        <Button variant="quiet" className="self-center" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="memory-more">
          {list.isFetchingNextPage ? "Loading…" : "Show older memories"}
        </Button>
      ) : null}
    </div>
  );
}
