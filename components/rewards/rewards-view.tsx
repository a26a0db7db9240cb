"use client";
// The rewards page: level and balance, streak with freezes and vacation, the pet, the store, the
// mystery box, achievements and the latest points.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";
import { AchievementsList } from "./achievements-list";
import { LedgerList } from "./ledger-list";
import { LevelCard } from "./level-card";
import { MysteryBox } from "./mystery-box";
import { PetCard } from "./pet-card";
import { StorePanel } from "./store-panel";
import { StreakCard } from "./streak-card";

export function RewardsView() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.rewards.summary.queryOptions({ latest: 15 }));
  return (
    <div className="flex flex-col gap-4" data-testid="rewards-view">
      <ErrorNote error={summary.error} retry={() => void summary.refetch()} />
      {summary.data ? <LevelCard summary={summary.data} /> : <p className="text-sm text-[var(--muted)]">Loading your rewards…</p>}
      <StreakCard />
      <PetCard />
      <StorePanel balance={summary.data?.balance ?? 0} />
      <MysteryBox />
      <AchievementsList />
      {summary.data ? <LedgerList entries={summary.data.latest} /> : null}
    </div>
  );
}
