// Settings: the user's day (time zone, working hours, energy pattern, coach tone) and coach usage.
import Link from "next/link";
import { redirect } from "next/navigation";
import { AiUsage } from "@/components/settings/ai-usage";
import { ProfileForm } from "@/components/settings/profile-form";
import { auth } from "@/server/auth/config";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-6 px-4 py-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm font-semibold tracking-wide text-[var(--accent)]">FocusForge</p>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <Link href="/" className="self-start text-sm text-[var(--accent)] underline">
          Back to Today
        </Link>
      </header>
      <ProfileForm />
      <AiUsage />
    </main>
  );
}
