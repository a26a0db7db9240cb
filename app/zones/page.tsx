// Zones: the user's life areas (compass zones) — edit them, tag tasks, and see the balance of the
// last 7 or 30 days against the targets.
import { ZonesView } from "@/components/zones/zones-view";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function ZonesPage() {
  await requireUser();
  return (
    <PageShell title="Zones" intro="The parts of your life, and how your time is shared between them.">
      <ZonesView />
    </PageShell>
  );
}
