// Settings: the user's day (time zone, working hours, energy pattern, coach tone) and coach usage.
import { AiUsage } from "@/components/settings/ai-usage";
import { ApiKeys } from "@/components/settings/api-keys";
import { OnboardingSettings } from "@/components/onboarding/onboarding-link";
import { ProfileForm } from "@/components/settings/profile-form";
import { PageShell } from "@/components/ui/page-shell";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requireUser();
  return (
    <PageShell title="Settings" backToToday>
      <ProfileForm />
      <OnboardingSettings />
      <AiUsage />
      <ApiKeys />
    </PageShell>
  );
}
