"use client";
// Onboarding in four short steps — what you want help with, your zones, your working hours and
// energy, the coach's tone. Each "Next" saves that step; "Skip for now" works on every step and is
// remembered (nobody is sent back); the same flow edits the answers later, from Settings.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

type Onboarding = inferRouterOutputs<AppRouter>["onboarding"]["get"];
type Pattern = Onboarding["settings"]["energyPattern"];
type Tone = Onboarding["settings"]["coachTone"];
interface ZoneRow {
  key?: string;
  name: string;
  emoji: string | null;
  keep: boolean;
}

const STEPS = ["What you want help with", "Your zones", "Your day", "Your coach"] as const;
const patterns: { value: Pattern; label: string; hint: string }[] = [
  { value: "morning", label: "Morning", hint: "sharpest before lunch" },
  { value: "afternoon", label: "Afternoon", hint: "get going after lunch" },
  { value: "evening", label: "Evening", hint: "come alive late" },
  { value: "steady", label: "Steady", hint: "about the same all day" },
];
const tones: { value: Tone; label: string; example: string }[] = [
  { value: "gentle", label: "Gentle", example: "“No rush — one small step is plenty.”" },
  { value: "cheerful", label: "Cheerful", example: "“Ooh, nice one! What's next?”" },
  { value: "direct", label: "Direct", example: "“Next: open the doc. 10 minutes.”" },
];
const box = "min-h-11 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base";
const option = "flex cursor-pointer items-start gap-2 rounded-lg border border-[var(--line)] p-2";

function initialZones(data: Onboarding): ZoneRow[] {
  const rows: ZoneRow[] = data.zones.map((z) => ({ key: z.key, name: z.name, emoji: z.emoji, keep: true }));
  for (const d of data.defaultZones) {
    if (!rows.some((r) => r.key === d.key)) rows.push({ key: d.key, name: d.name, emoji: d.emoji, keep: false });
  }
  return rows;
}

function Flow({ data, returnTo }: { data: Onboarding; returnTo: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [goals, setGoals] = useState<string[]>(data.goals);
  const [goalNote, setGoalNote] = useState(data.goalNote);
  const [zones, setZones] = useState<ZoneRow[]>(() => initialZones(data));
  const [newZone, setNewZone] = useState("");
  const [start, setStart] = useState(data.settings.workdayStart);
  const [end, setEnd] = useState(data.settings.workdayEnd === "24:00" ? "23:59" : data.settings.workdayEnd);
  const [pattern, setPattern] = useState<Pattern>(data.settings.energyPattern);
  const [tone, setTone] = useState<Tone>(data.settings.coachTone);
  const leave = async () => {
    await queryClient.invalidateQueries();
    router.push(returnTo);
    router.refresh();
  };
  const save = useMutation(trpc.onboarding.save.mutationOptions());
  const skip = useMutation(trpc.onboarding.skip.mutationOptions({ onSuccess: leave }));
  const busy = save.isPending || skip.isPending;
  const last = step === STEPS.length - 1;

  function payload() {
    if (step === 0) return { goals: goals as Onboarding["goals"], goalNote };
    if (step === 1) return { zones: zones.filter((z) => z.keep).map((z) => ({ ...(z.key ? { key: z.key } : {}), name: z.name, emoji: z.emoji })) };
    if (step === 2) {
      // Only what changed, so an untouched 24:00 end is not rewritten as the input's 23:59.
      const settings = {
        ...(start !== data.settings.workdayStart ? { workdayStart: start } : {}),
        ...(end !== data.settings.workdayEnd && !(end === "23:59" && data.settings.workdayEnd === "24:00") ? { workdayEnd: end } : {}),
        ...(pattern !== data.settings.energyPattern ? { energyPattern: pattern } : {}),
      };
      return Object.keys(settings).length ? { settings } : null;
    }
    return { ...(tone !== data.settings.coachTone ? { settings: { coachTone: tone } } : {}), finish: true };
  }

  function next() {
    const input = payload();
    if (!input) {
      setStep((s) => s + 1);
      return;
    }
    save.mutate(input, {
      onSuccess: () => {
        if (last) void leave();
        else setStep((s) => s + 1);
      },
    });
  }

  return (
    <div className="flex flex-col gap-5" data-testid="onboarding">
      <p className="text-sm text-[var(--muted)]" aria-live="polite" data-testid="onboarding-progress">
        Step {step + 1} of {STEPS.length}: {STEPS[step]}
      </p>
      <form
        className="flex flex-col gap-4 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4"
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
        aria-labelledby="onboarding-step-heading"
      >
        <h2 id="onboarding-step-heading" className="text-lg font-semibold">
          {STEPS[step]}
        </h2>

        {step === 0 ? (
          <>
            <fieldset className="flex flex-col gap-2" data-testid="onboarding-goals">
              <legend className="text-sm font-medium">What would you like FocusForge to help with? Pick any.</legend>
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                {data.goalOptions.map((g) => (
                  <label key={g.key} className={option}>
                    <input
                      type="checkbox"
                      checked={goals.includes(g.key)}
                      onChange={(e) => setGoals((cur) => (e.target.checked ? [...cur, g.key] : cur.filter((k) => k !== g.key)))}
                      className="mt-1 accent-[var(--accent)]"
                    />
                    <span>{g.label}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-col gap-1">
              <label htmlFor="onboarding-note" className="text-sm font-medium">
                Anything else, in your own words? (optional)
              </label>
              <textarea id="onboarding-note" value={goalNote} onChange={(e) => setGoalNote(e.target.value)} maxLength={500} rows={3} className={box} data-testid="onboarding-note" />
            </div>
          </>
        ) : null}

        {step === 1 ? (
          <>
            <p className="text-sm text-[var(--muted)]">The parts of life you want to keep in balance. Tick the ones you want, rename any, or add your own. You can change them any time on the Zones page.</p>
            <ul className="flex flex-col gap-2" data-testid="onboarding-zones">
              {zones.map((z, i) => (
                <li key={z.key ?? `new-${i}`} className="flex flex-wrap items-center gap-2" data-testid="onboarding-zone" data-key={z.key ?? ""}>
                  <input
                    id={`onboarding-zone-keep-${i}`}
                    type="checkbox"
                    checked={z.keep}
                    onChange={(e) => setZones((cur) => cur.map((r, j) => (j === i ? { ...r, keep: e.target.checked } : r)))}
                    className="size-5 accent-[var(--accent)]"
                    aria-label={`Use the zone ${z.name || "without a name"}`}
                    data-testid="onboarding-zone-keep"
                  />
                  <span aria-hidden="true" className="w-6 text-center">
                    {z.emoji}
                  </span>
                  <input
                    value={z.name}
                    onChange={(e) => setZones((cur) => cur.map((r, j) => (j === i ? { ...r, name: e.target.value } : r)))}
                    maxLength={40}
                    aria-label={`Name of zone ${i + 1}`}
                    className={`${box} min-w-0 flex-1`}
                    data-testid="onboarding-zone-name"
                  />
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap items-end gap-2">
              <div className="flex min-w-40 flex-1 flex-col gap-1">
                <label htmlFor="onboarding-zone-new" className="text-sm font-medium">
                  Add your own zone
                </label>
                <input id="onboarding-zone-new" value={newZone} onChange={(e) => setNewZone(e.target.value)} maxLength={40} placeholder="e.g. Music" className={box} data-testid="onboarding-zone-new" />
              </div>
              <Button
                variant="quiet"
                onClick={() => {
                  if (!newZone.trim()) return;
                  setZones((cur) => [...cur, { name: newZone.trim(), emoji: null, keep: true }]);
                  setNewZone("");
                }}
                data-testid="onboarding-zone-add"
              >
                Add
              </Button>
            </div>
          </>
        ) : null}

        {step === 2 ? (
          <>
            <div className="grid grid-cols-2 gap-3">
              <div className="flex flex-col gap-1">
                <label htmlFor="onboarding-start" className="text-sm font-medium">
                  I usually start at
                </label>
                <input id="onboarding-start" type="time" value={start} onChange={(e) => setStart(e.target.value)} required className={box} data-testid="onboarding-start" />
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor="onboarding-end" className="text-sm font-medium">
                  and stop at
                </label>
                <input id="onboarding-end" type="time" value={end} onChange={(e) => setEnd(e.target.value)} required className={box} data-testid="onboarding-end" />
              </div>
            </div>
            <fieldset className="flex flex-col gap-2" data-testid="onboarding-pattern">
              <legend className="text-sm font-medium">When is your energy highest?</legend>
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                {patterns.map((p) => (
                  <label key={p.value} className={option}>
                    <input type="radio" name="onboarding-pattern" checked={pattern === p.value} onChange={() => setPattern(p.value)} className="mt-1 accent-[var(--accent)]" />
                    <span>
                      <span className="font-medium">{p.label}</span> <span className="text-sm text-[var(--muted)]">· {p.hint}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          </>
        ) : null}

        {step === 3 ? (
          <fieldset className="flex flex-col gap-2" data-testid="onboarding-tone">
            <legend className="text-sm font-medium">How should the coach talk to you?</legend>
            {tones.map((t) => (
              <label key={t.value} className={option}>
                <input type="radio" name="onboarding-tone" checked={tone === t.value} onChange={() => setTone(t.value)} className="mt-1 accent-[var(--accent)]" />
                <span>
                  <span className="font-medium">{t.label}</span> <span className="text-sm text-[var(--muted)]">{t.example}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}

        {/* Names the field ("zones: Keep at least one zone"), for every step alike. */}
        <ErrorNote error={save.error ?? skip.error} />
        <div className="flex flex-wrap items-center gap-2">
          {step > 0 ? (
            <Button variant="quiet" onClick={() => setStep((s) => s - 1)} disabled={busy} data-testid="onboarding-back">
              Back
            </Button>
          ) : null}
          <Button type="submit" disabled={busy} data-testid="onboarding-next">
            {save.isPending ? "Saving…" : last ? "Finish" : "Next"}
          </Button>
          <Button variant="quiet" className="ml-auto" onClick={() => skip.mutate()} disabled={busy} data-testid="onboarding-skip">
            Skip for now
          </Button>
        </div>
      </form>
    </div>
  );
}

export function OnboardingFlow({ returnTo }: { returnTo: string }) {
  const trpc = useTRPC();
  const onboarding = useQuery({ ...trpc.onboarding.get.queryOptions(), staleTime: Infinity });
  if (onboarding.isPending) return <p className="text-[var(--muted)]">Loading…</p>;
  if (onboarding.error) return <ErrorNote error={onboarding.error} retry={() => void onboarding.refetch()} />;
  return <Flow data={onboarding.data} returnTo={returnTo} />;
}
