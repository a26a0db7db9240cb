"use client";
// The insights page's body: a 7 / 30 / 90-day switcher and one card per chart, each with its reading
// in words. The only place Recharts is imported, so no other page ships it.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";
import { CheckinTrendChart, CompletionsChart, EstimatesChart, FocusChart, MoodVsDoneChart, ZonesChart } from "./charts";
import styles from "./insights.module.css";

const ranges = [7, 30, 90] as const;
type Range = (typeof ranges)[number];

function RangeSwitcher({ value, onChange, busy }: { value: Range; onChange: (r: Range) => void; busy: boolean }) {
  return (
    <div role="group" aria-label="Time range" className="flex self-start overflow-hidden rounded-lg border border-[var(--line)]" aria-busy={busy}>
      {ranges.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={value === r}
          onClick={() => onChange(r)}
          data-testid={`insights-range-${r}`}
          className={`min-h-10 px-3 py-2 text-sm font-medium ${value === r ? "bg-[var(--accent)] text-[var(--accent-ink)]" : "hover:bg-[var(--line)]/40"}`}
        >
          {r} days
        </button>
      ))}
    </div>
  );
}

export function InsightsView() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>(30);
  const insights = useQuery({ ...trpc.insights.overview.queryOptions({ range }), placeholderData: keepPreviousData });
  const data = insights.data;
  return (
    <div className={`flex flex-col gap-4 ${styles.palette}`} data-testid="insights">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <RangeSwitcher value={range} onChange={setRange} busy={insights.isFetching} />
        {data ? (
          <p className="text-sm text-[var(--muted)]" data-testid="insights-span" aria-live="polite">
            {data.days[0]?.label} – {data.days.at(-1)?.label} · {data.timeZone}
          </p>
        ) : null}
      </div>
      {insights.isPending ? <p className="text-[var(--muted)]">Reading your days…</p> : null}
      {insights.error ? <ErrorNote error={insights.error} retry={() => void insights.refetch()} /> : null}
      {data ? (
        <>
          <CompletionsChart data={data} />
          <FocusChart data={data} />
          <EstimatesChart data={data} />
          <MoodVsDoneChart data={data} />
          <CheckinTrendChart data={data} />
          <ZonesChart data={data} />
        </>
      ) : null}
    </div>
  );
}
