"use client";
// The focus page: the running session (from the server, so a reload or another tab shows the same
// timer) or the start form; what the last finished session earned and unlocked; parked thoughts, today's
// minutes and the history.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { UnlockedAchievements } from "../rewards/unlocked-achievements";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { FocusStats } from "./focus-stats";
import { estimateVsActual } from "./format";
import { HistoryList } from "./history-list";
import { ParkedList } from "./parked-list";
import { SessionPanel } from "./session-panel";
import { StartForm } from "./start-form";
import type { FinishResult } from "./types";

function Finished({ result, onClose }: { result: FinishResult; onClose: () => void }) {
  const { session, points, task, completion, achievements } = result;
  const took = task ? estimateVsActual(task.estimateMinutes, task.actualMinutes) : null;
  return (
    <section role="status" className="flex flex-col gap-2 rounded-xl border border-[var(--accent)] bg-[var(--panel)] p-4" data-testid="focus-finished">
      <h2 className="text-lg font-semibold">Session saved</h2>
      <p>
        You focused {session.actualMinutes ?? 0} min{task ? ` on “${task.title}”` : ""}.{" "}
        {points.awarded > 0 ? <strong data-testid="focus-points">+{points.awarded} focus points</strong> : null}
      </p>
      {took ? <p className="text-sm text-[var(--muted)]" data-testid="focus-took">{`“${task?.title}”: ${took} so far.`}</p> : null}
      {completion?.newlyCompleted ? <p className="text-sm">Task ticked off: +{completion.points.awarded} points.</p> : null}
      <UnlockedAchievements achievements={achievements} />
      {completion?.motivation ? <p className="text-sm italic">{completion.motivation.message}</p> : null}
      <Button variant="quiet" className="self-start" onClick={onClose}>
        Start another
      </Button>
    </section>
  );
}

export function FocusView({ initialTaskId }: { initialTaskId: string | null }) {
  const trpc = useTRPC();
  // Looks again now and then, so a session finished in another tab doesn't linger here.
  const current = useQuery({ ...trpc.focus.current.queryOptions(), refetchInterval: 60_000 });
  const [finished, setFinished] = useState<FinishResult | null>(null);

  return (
    <div className="flex flex-col gap-8">
      <ErrorNote error={current.error} retry={() => void current.refetch()} />
      {current.isPending ? <p className="text-[var(--muted)]">Loading your session…</p> : null}
      {current.data ? (
        <SessionPanel key={current.data.id} session={current.data} receivedAt={current.dataUpdatedAt} onFinished={setFinished} />
      ) : finished ? (
        <Finished result={finished} onClose={() => setFinished(null)} />
      ) : current.data === null ? (
        <StartForm initialTaskId={initialTaskId} />
      ) : null}
      <ParkedList />
      <FocusStats />
      <HistoryList />
    </div>
  );
}
