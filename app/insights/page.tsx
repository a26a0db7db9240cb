// Insights: how the last 7, 30 or 90 days went — finished work, focus, estimates, mood and energy,
// zones — each chart with a one-line reading in words. The charts are a client component of this
// page only, so Recharts never ships with Today.
import { InsightsView } from "@/components/insights/insights-view";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function InsightsPage() {
  await requireUser();
  return (
    <PageShell title="Insights" intro="What your days looked like, in charts and in plain words. No judgement — just patterns.">
      <InsightsView />
    </PageShell>
  );
}
