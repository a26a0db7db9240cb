"use client";
// Data hooks for the memory page: the types it shows, a clock that moves the ages on, and forgetting
// one memory optimistically (it leaves the list and the search results at once; back on failure).
import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "../trpc/client";

type Outputs = inferRouterOutputs<AppRouter>["memory"];
export type ListPage = Outputs["list"];
export type Memory = ListPage["items"][number];
export type SearchHit = Outputs["search"][number];
export type MemoryStatus = Outputs["status"];

/** The current time, refreshed every `everyMs`, so "12 min ago" does not go stale on screen. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function useForgetMemory() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.memory.forget.mutationOptions({
      onMutate: async ({ id }) => {
        await queryClient.cancelQueries({ queryKey: trpc.memory.pathKey() });
        const snapshot = [
          ...queryClient.getQueriesData({ queryKey: trpc.memory.list.pathKey() }),
          ...queryClient.getQueriesData({ queryKey: trpc.memory.search.pathKey() }),
        ];
        queryClient.setQueriesData<InfiniteData<ListPage>>({ queryKey: trpc.memory.list.pathKey() }, (data) =>
          data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((m) => m.id !== id) })) } : data,
        );
        queryClient.setQueriesData<SearchHit[]>({ queryKey: trpc.memory.search.pathKey() }, (data) => data?.filter((hit) => hit.id !== id));
        return { snapshot };
      },
      onError: (_error, _input, context) => {
        context?.snapshot.forEach(([key, data]) => queryClient.setQueryData(key, data));
      },
      // Returning the promise keeps the mutation pending until lists and counts are fresh.
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.memory.pathKey() }),
    }),
  );
}
