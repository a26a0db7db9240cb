"use client";
// Settings → "Your day": time zone, working hours, when your energy is highest, and how the coach
// talks to you. Only what changed is sent; a bad value comes back with the field named.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useMemo, useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

type Settings = inferRouterOutputs<AppRouter>["settings"]["get"];

const patterns = [
  { value: "morning", label: "Morning", hint: "sharpest before lunch" },
  { value: "afternoon", label: "Afternoon", hint: "get going after lunch" },
  { value: "evening", label: "Evening", hint: "come alive late" },
  { value: "steady", label: "Steady", hint: "about the same all day" },
] as const;
const tones = [
  { value: "gentle", label: "Gentle", hint: "soft and patient" },
  { value: "cheerful", label: "Cheerful", hint: "upbeat, a little playful" },
  { value: "direct", label: "Direct", hint: "short and to the point" },
] as const;

const field = "min-h-11 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base";

function Choice<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  options: readonly { value: T; label: string; hint: string }[];
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <fieldset className="flex flex-col gap-2" data-testid={`settings-${name}`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex cursor-pointer items-start gap-2 rounded-lg border border-[var(--line)] p-2">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} className="mt-1 accent-[var(--accent)]" />
            <span>
              <span className="font-medium">{o.label}</span> <span className="text-sm text-[var(--muted)]">· {o.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Lives above the form, so "Saved." survives the form starting again from the saved values. */
function useSave() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.settings.get.queryKey(), data);
        // Working hours and energy shape the day plan: let Today fetch it fresh.
        void queryClient.invalidateQueries({ queryKey: trpc.plan.pathKey() });
      },
    }),
  );
}

function Form({ initial, save }: { initial: Settings; save: ReturnType<typeof useSave> }) {
  // A type=time input can't show 24:00; the day's last minute stands in for midnight until edited.
  const shownEnd = initial.workdayEnd === "24:00" ? "23:59" : initial.workdayEnd;
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [start, setStart] = useState(initial.workdayStart);
  const [end, setEnd] = useState(shownEnd);
  const [energyPattern, setEnergyPattern] = useState(initial.energyPattern);
  const [coachTone, setCoachTone] = useState(initial.coachTone);
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []), []);
  const deviceZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const changes = {
    ...(timeZone !== initial.timeZone ? { timeZone } : {}),
    ...(start !== initial.workdayStart ? { workdayStart: start } : {}),
    ...(end !== shownEnd ? { workdayEnd: end } : {}),
    ...(energyPattern !== initial.energyPattern ? { energyPattern } : {}),
    ...(coachTone !== initial.coachTone ? { coachTone } : {}),
  };
  const dirty = Object.keys(changes).length > 0;

  return (
    <form
      className="flex flex-col gap-5 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty && !save.isPending) save.mutate(changes);
      }}
      data-testid="profile-form"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="settings-time-zone" className="text-sm font-medium">
          Time zone
        </label>
        <input
          id="settings-time-zone"
          list="settings-time-zones"
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          className={field}
          data-testid="settings-time-zone"
        />
        <datalist id="settings-time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {deviceZone && deviceZone !== timeZone ? (
          <Button variant="quiet" className="self-start" onClick={() => setTimeZone(deviceZone)}>
            Use this device&rsquo;s zone ({deviceZone})
          </Button>
        ) : null}
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Working hours</legend>
        <div className="flex flex-wrap gap-3">
          <label className="flex flex-col gap-1 text-sm">
            Start
            <input type="time" required value={start} onChange={(e) => setStart(e.target.value)} className={field} data-testid="settings-workday-start" />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            End
            <input type="time" required value={end} onChange={(e) => setEnd(e.target.value)} className={field} data-testid="settings-workday-end" />
          </label>
        </div>
        <p className="text-sm text-[var(--muted)]">Your day plan fits inside these hours and warns you when it can&rsquo;t.</p>
      </fieldset>

      <Choice name="energy-pattern" legend="When is your energy highest?" options={patterns} value={energyPattern} onChange={setEnergyPattern} />
      <Choice name="coach-tone" legend="How should the coach talk to you?" options={tones} value={coachTone} onChange={setCoachTone} />

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!dirty || save.isPending} aria-busy={save.isPending} data-testid="settings-save">
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        {save.isSuccess && !dirty ? (
          <span role="status" className="text-sm text-[var(--accent)]" data-testid="settings-saved">
            Saved.
          </span>
        ) : null}
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}

export function ProfileForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const save = useSave();
  return (
    <section aria-labelledby="profile-heading" className="flex flex-col gap-3">
      <h2 id="profile-heading" className="text-lg font-semibold">
        Your day
      </h2>
      {settings.isPending ? <p className="text-[var(--muted)]">Loading your settings…</p> : null}
      <ErrorNote error={settings.error} retry={() => void settings.refetch()} />
      {/* Keyed by the saved values, so the form starts again from what the server holds after a save. */}
      {settings.data ? <Form key={JSON.stringify(settings.data)} initial={settings.data} save={save} /> : null}
    </section>
  );
}
