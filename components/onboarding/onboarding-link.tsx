"use client";
// Settings → "Getting started": what the user told onboarding (goals, zones), with links to change
// the answers (the onboarding flow again) or the zones.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";

export function OnboardingSettings() {
  const trpc = useTRPC();
  const onboarding = useQuery(trpc.onboarding.get.queryOptions());
  const data = onboarding.data;
  const goals = data ? data.goalOptions.filter((g) => data.goals.includes(g.key)).map((g) => g.label) : [];
  return (
    <section aria-labelledby="onboarding-settings-heading" className="flex flex-col gap-2 rounded-xl border border-[var(--line)] p-4" data-testid="settings-onboarding">
      <h2 id="onboarding-settings-heading" className="text-lg font-semibold">
        Getting started answers
      </h2>
      <ErrorNote error={onboarding.error} retry={() => void onboarding.refetch()} />
      {data ? (
        <p className="text-sm text-[var(--muted)]">
          {goals.length || data.goalNote ? `You wanted help with: ${[...goals, ...(data.goalNote ? [`“${data.goalNote}”`] : [])].join(", ")}.` : "You haven't said what you want help with yet."}{" "}
          Zones: {data.zones.map((z) => z.name).join(", ") || "none"}.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3 text-sm">
        <Link href="/onboarding?from=settings" className="text-[var(--accent)] underline" data-testid="settings-onboarding-edit">
          {data?.status === "done" ? "Change your answers" : "Finish getting started"}
        </Link>
        <Link href="/zones" className="text-[var(--accent)] underline">
          Edit your zones
        </Link>
      </div>
    </section>
  );
}
