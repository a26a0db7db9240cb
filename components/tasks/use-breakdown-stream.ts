"use client";
// Streams "Break it down" for one task or step from POST /api/tasks/:id/breakdown with
// experimental_useObject: partial steps as they arrive, who answered (response headers), Stop, and a
// refresh of the task tree once the server has saved the steps. Also the spiciness the user last chose.
import { experimental_useObject as useObject } from "@ai-sdk/react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState, useSyncExternalStore } from "react";
import { z } from "zod";
import { type CoachInfo, streamErrorMessage } from "../ui/coach-stream";
import type { BreakdownOutput } from "@/server/chains/breakdown";
import { useTRPC } from "../trpc/client";

// The shape the route streams (server/chains/breakdown.ts); checked again here when the stream ends.
const breakdownSchema: z.ZodType<BreakdownOutput> = z.object({
  steps: z.array(z.object({ title: z.string(), estimateMinutes: z.number() })),
  firstTinyStep: z.string(),
  tip: z.string(),
});

export type Spiciness = 1 | 2 | 3 | 4 | 5;

/** How many steps each spiciness asks for, for the progress bar. */
export const STEP_RANGE: Record<Spiciness, readonly [number, number]> = { 1: [3, 4], 2: [4, 6], 3: [5, 8], 4: [6, 10], 5: [8, 12] };

export type { CoachInfo };

export function useBreakdownStream(taskId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [coach, setCoach] = useState<CoachInfo | null>(null);
  const [saved, setSaved] = useState<BreakdownOutput | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [stopped, setStopped] = useState(false);

  const fetchAndRead: typeof fetch = useCallback(async (input, init) => {
    const response = await fetch(input, init);
    if (response.ok) setCoach({ provider: response.headers.get("x-coach-provider") ?? "", fallback: response.headers.get("x-coach-fallback") === "true" });
    return response;
  }, []);

  const stream = useObject({
    api: `/api/tasks/${taskId}/breakdown`,
    schema: breakdownSchema,
    fetch: fetchAndRead,
    onFinish: async ({ object }) => {
      if (!object) return;
      // The server saved the steps before ending the stream; show them in the tree, then drop the preview.
      setRefreshing(true);
      try {
        await queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
        setSaved(object);
      } finally {
        setRefreshing(false);
      }
    },
  });

  const start = (spiciness: Spiciness) => {
    setSaved(null);
    setCoach(null);
    setStopped(false);
    stream.submit({ spiciness });
  };

  // Stop aborts the request; the server then saves nothing, so the task keeps the steps it had.
  const stop = () => {
    stream.stop();
    setStopped(true);
  };

  return {
    start,
    stop,
    stopped,
    /** Steps so far while streaming (and until the saved tree has been fetched). */
    partial: stream.isLoading || refreshing ? stream.object : undefined,
    streaming: stream.isLoading,
    busy: stream.isLoading || refreshing,
    saved,
    coach,
    error: streamErrorMessage(stream.error, "The coach stopped part-way. Nothing was saved; please try again."),
  };
}

// ─────────────────────────── the spiciness the user last chose ───────────────────────────

const listeners = new Set<() => void>();
const storageKey = (userId: string) => `focusforge:spiciness:${userId}`;

export function readSpiciness(userId: string): Spiciness {
  if (typeof window === "undefined") return 3;
  const n = Number(window.localStorage.getItem(storageKey(userId)));
  return n >= 1 && n <= 5 && Number.isInteger(n) ? (n as Spiciness) : 3;
}

/** The user's spiciness, kept in this browser per user and shared by every dial on the page. */
export function useSpiciness(userId: string): [Spiciness, (value: Spiciness) => void] {
  const value = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => readSpiciness(userId),
    () => 3 as Spiciness,
  );
  const set = useCallback(
    (next: Spiciness) => {
      window.localStorage.setItem(storageKey(userId), String(next));
      listeners.forEach((listener) => listener());
    },
    [userId],
  );
  return [value, set];
}
