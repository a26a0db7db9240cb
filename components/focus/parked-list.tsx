"use client";
// Thoughts parked during sessions that are not tasks yet: turn a session's thoughts into tasks in one
// click (they then appear on Today and the coach sizes them up).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

export function ParkedList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const parked = useQuery(trpc.focus.parked.queryOptions());
  const capture = useMutation(
    trpc.focus.captureParked.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.focus.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() }),
        ]),
    }),
  );
  const items = parked.data ?? [];
  if (parked.data && items.length === 0 && !capture.data) return null;
  const bySession = new Map<string, typeof items>();
  for (const p of items) bySession.set(p.sessionId, [...(bySession.get(p.sessionId) ?? []), p]);
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-2" data-testid="focus-parked">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        Parked thoughts
      </h2>
      <ErrorNote error={parked.error ?? capture.error} retry={parked.error ? () => void parked.refetch() : undefined} />
      {capture.data ? (
        <p role="status" className="text-sm" data-testid="focus-captured">
          Added {capture.data.tasks.length} task{capture.data.tasks.length === 1 ? "" : "s"} to your list.
        </p>
      ) : null}
      {[...bySession.entries()].map(([sessionId, thoughts]) => (
        <div key={sessionId} className="flex flex-col gap-2 rounded-lg border border-[var(--line)] p-2">
          <p className="text-xs text-[var(--muted)]">During {thoughts[0]?.taskTitle ? `“${thoughts[0].taskTitle}”` : "a free session"}</p>
          <ul className="flex list-disc flex-col gap-1 pl-5 text-sm">
            {thoughts.map((t) => (
              <li key={`${t.sessionId}-${t.index}`} data-testid="focus-parked-item">
                {t.text}
              </li>
            ))}
          </ul>
          <Button variant="quiet" className="self-start" onClick={() => capture.mutate({ id: sessionId })} disabled={capture.isPending} data-testid="focus-capture-parked">
            Make {thoughts.length === 1 ? "it a task" : `these ${thoughts.length} tasks`}
          </Button>
        </div>
      ))}
    </section>
  );
}
