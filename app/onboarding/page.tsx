// Onboarding: a new account's first questions (help wanted, zones, working hours and energy, coach
// tone) — skippable on every step; reached again from Settings to change the answers.
import { OnboardingFlow } from "@/components/onboarding/onboarding-flow";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function OnboardingPage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  const user = await requireUser();
  const fromSettings = (await searchParams).from === "settings";
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-6 px-4 py-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm font-semibold tracking-wide text-[var(--accent)]">FocusForge</p>
        <h1 className="text-2xl font-semibold">{fromSettings ? "Your answers" : `Welcome, ${user.name ?? "there"}`}</h1>
        <p className="text-[var(--muted)]">
          {fromSettings ? "Change anything you told us when you started." : "Four quick questions so the coach fits you. Skip any time — you can answer later in Settings."}
        </p>
      </header>
      <OnboardingFlow returnTo={fromSettings ? "/settings" : "/"} />
    </main>
  );
}
