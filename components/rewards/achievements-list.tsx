"use client";
// Achievements with visible progress; unlocked ones marked, each with its goal in words.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";
import { ProgressBar } from "./progress-bar";

export function AchievementsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.rewards.achievements.queryOptions());
  // A fresh unlock may have added its bonus to the ledger: show the new balance everywhere.
  const fresh = query.data?.unlocked.length ?? 0;
  useEffect(() => {
    if (fresh > 0) void queryClient.invalidateQueries({ queryKey: trpc.rewards.summary.pathKey() });
  }, [fresh, query.dataUpdatedAt, queryClient, trpc]);
  const list = query.data?.achievements ?? [];
  const done = list.filter((a) => a.unlockedAt).length;
  return (
    <section aria-labelledby="achievements-heading" className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4">
      <h2 id="achievements-heading" className="text-lg font-semibold">
        Achievements {query.data ? <span className="text-[var(--muted)]">({done} of {list.length})</span> : null}
      </h2>
      <ErrorNote error={query.error} retry={() => void query.refetch()} />
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="achievements">
        {list.map((a) => (
          <li key={a.key} className="flex flex-col gap-1 rounded-lg border border-[var(--line)] p-3" data-testid="achievement" data-key={a.key} data-unlocked={a.unlockedAt ? "true" : "false"}>
            <p className="font-medium">
              {a.unlockedAt ? <span aria-hidden="true">🏅 </span> : null}
              {a.title}
              {a.unlockedAt ? <span className="sr-only"> (unlocked)</span> : null}
            </p>
            <p className="text-sm text-[var(--muted)]">
              {a.description}
              {a.bonus > 0 ? ` · +${a.bonus} pts` : ""}
            </p>
            <ProgressBar value={a.progress} label={`${a.title}: ${a.value} of ${a.goal}`} />
            <p className="text-xs text-[var(--muted)]">
              {a.value} / {a.goal}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
