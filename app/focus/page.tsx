// Focus: a Pomodoro session on a task or step (?task=<id> from a task's "Focus" link) — the coach's
// ritual first, a timer the server keeps (it survives reloads), parked thoughts, breaks, history.
import { FocusView } from "@/components/focus/focus-view";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function FocusPage({ searchParams }: { searchParams: Promise<{ task?: string | string[] }> }) {
  await requireUser();
  const task = (await searchParams).task;
  const taskId = typeof task === "string" && UUID.test(task) ? task : null;
  return (
    <PageShell title="Focus" intro="One thing at a time. Park stray thoughts; the timer keeps running even if you close the tab.">
      <FocusView initialTaskId={taskId} />
    </PageShell>
  );
}
