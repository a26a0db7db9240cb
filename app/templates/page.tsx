// Templates: tasks saved with their steps, to start again from.
import { TemplatesView } from "@/components/templates/templates-view";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function TemplatesPage() {
  await requireUser();
  return (
    <PageShell title="Templates" intro="Things you do again and again, ready with their steps.">
      <TemplatesView />
    </PageShell>
  );
}
