// Planner: what the coach has planned to do for you (next steps, reminders, the day plan, …), with
// its status, attempts and errors — retry what failed, cancel what should not happen.
import Link from "next/link";
import { redirect } from "next/navigation";
import { PlannerView } from "@/components/planner/planner-view";
import { auth } from "@/server/auth/config";

export const dynamic = "force-dynamic";

export default async function PlannerPage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-6 px-4 py-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm font-semibold tracking-wide text-[var(--accent)]">FocusForge</p>
        <h1 className="text-2xl font-semibold">Planner</h1>
        <p className="text-[var(--muted)]">What the coach has lined up for you, and how it went.</p>
        <Link href="/" className="self-start text-sm text-[var(--accent)] underline">
          Back to Today
        </Link>
      </header>
      <PlannerView />
    </main>
  );
}
