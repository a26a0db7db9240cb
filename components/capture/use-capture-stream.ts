"use client";
// Streams a capture from POST /api/capture with experimental_useObject: the tasks the coach reads out
// of a brain dump appear as they are written, who answered comes from the response headers, and Stop
// cancels the request (keeping what arrived so far). Nothing is saved here.
import { experimental_useObject as useObject } from "@ai-sdk/react";
import type { DeepPartial } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { type CoachInfo, streamErrorMessage } from "../ui/coach-stream";
import type { CaptureOutput, LifeArea } from "@/server/chains/capture";

/** The life areas, in the order the review list offers them (server/chains/capture.ts has the same). */
export const AREAS = ["work", "health", "relationships", "home", "growth", "admin", "other"] as const satisfies readonly LifeArea[];
export const AREA_LABELS: Record<LifeArea, string> = {
  work: "Work",
  health: "Health",
  relationships: "Relationships",
  home: "Home",
  growth: "Growth",
  admin: "Admin",
  other: "Other",
};

// The shape the route streams; checked again here when the stream ends.
const captureSchema: z.ZodType<CaptureOutput> = z.object({
  tasks: z.array(
    z.object({
      title: z.string(),
      notes: z.string().nullable(),
      due: z.string().nullable(),
      estimateMinutes: z.number().nullable(),
      priority: z.enum(["low", "medium", "high", "urgent"]),
      area: z.enum(AREAS),
    }),
  ),
});

export type PartialCapture = DeepPartial<CaptureOutput>;

export type { CoachInfo };

export function useCaptureStream(onDone: (result: { tasks: PartialCapture["tasks"]; complete: boolean }) => void) {
  const [coach, setCoach] = useState<CoachInfo | null>(null);

  const fetchAndRead: typeof fetch = useCallback(async (input, init) => {
    const response = await fetch(input, init);
    if (response.ok) setCoach({ provider: response.headers.get("x-coach-provider") ?? "", fallback: response.headers.get("x-coach-fallback") === "true" });
    return response;
  }, []);

  const latest = useRef<PartialCapture | undefined>(undefined);
  const stream = useObject({
    api: "/api/capture",
    schema: captureSchema,
    fetch: fetchAndRead,
    // A list that does not quite fit the schema (a model's odd field) still goes to review, as streamed.
    onFinish: ({ object }) => onDone({ tasks: object?.tasks ?? latest.current?.tasks, complete: true }),
  });
  useEffect(() => {
    latest.current = stream.object;
  }, [stream.object]);

  return {
    start: (text: string) => {
      setCoach(null);
      stream.clear();
      stream.submit({ text });
    },
    /** Cancels the request; what arrived so far goes to review. */
    stop: () => {
      stream.stop();
      onDone({ tasks: stream.object?.tasks, complete: false });
    },
    reset: stream.clear,
    partial: stream.object,
    streaming: stream.isLoading,
    coach,
    error: streamErrorMessage(stream.error, "The coach stopped part-way. Please try again."),
  };
}
