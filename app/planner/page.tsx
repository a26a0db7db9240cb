// Planner: what the coach has planned to do for you (next steps, reminders, the day plan, …), with
// its status, attempts and errors — retry what failed, cancel what should not happen.
import { PlannerView } from "@/components/planner/planner-view";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function PlannerPage() {
  await requireUser();
  return (
    <PageShell title="Planner" intro="What the coach has lined up for you, and how it went." backToToday>
      <PlannerView />
    </PageShell>
  );
}
