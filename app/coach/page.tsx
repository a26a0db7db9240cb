// The coach chat: talk to the coach, which acts on your tasks through the same tools as everywhere
// else. /coach?c=<id> opens a conversation.
import type { Metadata } from "next";
import { CoachView } from "@/components/coach/coach-view";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Coach · FocusForge" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CoachPage({ searchParams }: { searchParams: Promise<{ c?: string | string[] }> }) {
  await requireUser();
  const { c } = await searchParams;
  const id = typeof c === "string" && UUID.test(c) ? c : null;
  return (
    <PageShell title="Coach" intro="Talk it through. The coach can add, break down, plan and log for you — and asks before deleting anything." backToToday wide>
      <CoachView initialId={id} />
    </PageShell>
  );
}
