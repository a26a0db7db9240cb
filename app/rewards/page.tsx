// Rewards: level and XP, balance, streak with freezes and vacation, the pet, the user's own store,
// the mystery box with its odds, achievements and the latest points.
import { RewardsView } from "@/components/rewards/rewards-view";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function RewardsPage() {
  await requireUser();
  return (
    <PageShell title="Rewards" intro="What you earned, kept for good — nothing here is ever taken away.">
      <RewardsView />
    </PageShell>
  );
}
