"use client";
// The six insight charts (Recharts), each inside a ChartCard with its reading, a spoken summary and
// its numbers. Colours are CSS variables (insights.module.css) so both themes read well. Recharts'
// own keyboard layer is off: the chart is one image with a summary, and the table holds the figures.
import type { inferRouterOutputs } from "@trpc/server";
import {
  Bar,
  BarChart,
  type BarShapeProps,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  Rectangle,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import type { AppRouter } from "@/server/api/root";
import { ChartCard } from "./chart-card";

export type Insights = inferRouterOutputs<AppRouter>["insights"]["overview"];

const axis = { stroke: "var(--chart-axis)", tick: { fill: "var(--chart-axis)", fontSize: 12 } } as const;
const grid = <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />;
const tooltip = (
  <Tooltip
    contentStyle={{ background: "var(--panel)", border: "1px solid var(--line)", borderRadius: 8, color: "var(--ink)" }}
    labelStyle={{ color: "var(--ink)" }}
    cursor={{ fill: "var(--chart-grid)", fillOpacity: 0.4 }}
  />
);
const legend = <Legend wrapperStyle={{ color: "var(--ink)", fontSize: 12 }} />;
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const minutes = (m: number) => (m >= 60 ? `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}` : `${m} min`);
const span = (data: Insights) => `${data.days[0]?.label ?? data.from} to ${data.days.at(-1)?.label ?? data.to}`;
/** Long ranges: shorter labels on the axis, so they don't collide. */
const tickLabel = (label: string) => label.replace(/^\w+ /, "");

export function CompletionsChart({ data }: { data: Insights }) {
  const active = data.days.filter((d) => d.tasks + d.steps > 0);
  return (
    <ChartCard
      id="completions"
      title="Finished"
      reading={data.completions.reading}
      empty={active.length === 0}
      summary={`Bar chart of tasks and steps finished each day, ${span(data)}: ${count(data.completions.tasks, "task")} and ${count(data.completions.steps, "step")} in all.`}
      table={{ caption: "Tasks and steps finished per day", columns: ["Day", "Tasks", "Steps"], rows: active.map((d) => [d.label, d.tasks, d.steps]) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.days} accessibilityLayer={false} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          {grid}
          <XAxis dataKey="label" tickFormatter={tickLabel} {...axis} minTickGap={16} />
          <YAxis allowDecimals={false} {...axis} />
          {tooltip}
          {legend}
          <Bar dataKey="tasks" name="Tasks" stackId="done" fill="var(--chart-tasks)" isAnimationActive={false} />
          <Bar dataKey="steps" name="Steps" stackId="done" fill="var(--chart-steps)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function FocusChart({ data }: { data: Insights }) {
  const active = data.days.filter((d) => d.focusMinutes > 0);
  return (
    <ChartCard
      id="focus"
      title="Focus minutes"
      reading={data.focus.reading}
      empty={active.length === 0}
      summary={`Bar chart of minutes focused each day, ${span(data)}: ${minutes(data.focus.minutes)} over ${count(data.focus.daysFocused, "day")}.`}
      table={{ caption: "Minutes focused per day", columns: ["Day", "Minutes"], rows: active.map((d) => [d.label, d.focusMinutes]) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.days} accessibilityLayer={false} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          {grid}
          <XAxis dataKey="label" tickFormatter={tickLabel} {...axis} minTickGap={16} />
          <YAxis allowDecimals={false} {...axis} />
          {tooltip}
          <Bar dataKey="focusMinutes" name="Minutes focused" fill="var(--chart-focus)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function EstimatesChart({ data }: { data: Insights }) {
  const points = data.estimates.points;
  const top = Math.max(10, ...points.flatMap((p) => [p.estimateMinutes, p.actualMinutes]));
  const ratio = data.estimates.medianRatio;
  return (
    <ChartCard
      id="estimates"
      title="Planned vs actual"
      reading={data.estimates.reading}
      empty={points.length === 0}
      summary={`Scatter chart of ${count(points.length, "finished task")}, planned minutes across and actual minutes up; points above the diagonal took longer than planned.${ratio !== null ? ` Median: ${ratio}× the plan.` : ""}`}
      table={{
        caption: "Planned and actual minutes per finished task",
        columns: ["Task", "Planned (min)", "Actual (min)", "Actual ÷ planned"],
        rows: points.map((p) => [p.title, p.estimateMinutes, p.actualMinutes, `${p.ratio}×`]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 8, left: -8, bottom: 8 }}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
          <XAxis type="number" dataKey="estimateMinutes" name="Planned" unit=" min" domain={[0, top]} {...axis} />
          <YAxis type="number" dataKey="actualMinutes" name="Actual" unit=" min" domain={[0, top]} {...axis} />
          <ZAxis type="category" dataKey="title" name="Task" />
          {tooltip}
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: top, y: top }]} stroke="var(--chart-axis)" strokeDasharray="4 4" ifOverflow="hidden" />
          <Scatter data={points} name="Tasks" fill="var(--chart-focus)" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function MoodVsDoneChart({ data }: { data: Insights }) {
  const checked = data.days.filter((d) => d.checkins > 0);
  const c = data.moodVsProductivity.correlation;
  return (
    <ChartCard
      id="mood-vs-done"
      title="Energy and mood against what got done"
      reading={data.moodVsProductivity.reading}
      empty={checked.length === 0}
      summary={`Bars: tasks and steps finished on each day you checked in; lines: that day's average energy and mood (1 to 5).${c.energyDone !== null ? ` Energy and finishing move together with a correlation of ${c.energyDone}.` : ""}`}
      table={{
        caption: "Check-in days: energy, mood, finished and focus minutes",
        columns: ["Day", "Energy", "Mood", "Finished", "Focus (min)"],
        rows: checked.map((d) => [d.label, d.energy ?? "–", d.mood ?? "–", d.tasks + d.steps, d.focusMinutes]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={checked.map((d) => ({ ...d, done: d.tasks + d.steps }))} accessibilityLayer={false} margin={{ top: 8, right: 0, left: -16, bottom: 0 }}>
          {grid}
          <XAxis dataKey="label" tickFormatter={tickLabel} {...axis} minTickGap={16} />
          <YAxis yAxisId="done" allowDecimals={false} {...axis} />
          <YAxis yAxisId="scale" orientation="right" domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} {...axis} />
          {tooltip}
          {legend}
          <Bar yAxisId="done" dataKey="done" name="Finished" fill="var(--chart-tasks)" isAnimationActive={false} />
          <Line yAxisId="scale" dataKey="energy" name="Energy" stroke="var(--chart-energy)" strokeWidth={2} connectNulls isAnimationActive={false} />
          <Line yAxisId="scale" dataKey="mood" name="Mood" stroke="var(--chart-mood)" strokeWidth={2} strokeDasharray="5 3" connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function ZonesChart({ data }: { data: Insights }) {
  const rows = data.zones.rows;
  const colours = rows.map((r, i) => r.color ?? (i % 2 ? "var(--chart-steps)" : "var(--chart-tasks)"));
  const ZoneBar = (p: BarShapeProps) => <Rectangle x={p.x} y={p.y} width={p.width} height={p.height} fill={colours[p.index] ?? "var(--chart-tasks)"} />;
  return (
    <ChartCard
      id="zones"
      title="Zone balance"
      reading={data.zones.reading}
      empty={rows.every((r) => r.completions === 0 && r.focusMinutes === 0)}
      summary={`Bar chart of what you finished in each life zone: ${rows.map((r) => `${r.name} ${r.completions} (${r.share}%)`).join(", ")}.`}
      table={{
        caption: "Finished and focus minutes per zone",
        columns: ["Zone", "Finished", "Share", "Focus (min)"],
        rows: rows.map((r) => [r.name, r.completions, `${r.share}%`, r.focusMinutes]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} {...axis} />
          <YAxis type="category" dataKey="name" width={90} {...axis} />
          {tooltip}
          <Bar dataKey="completions" name="Finished" shape={ZoneBar} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function CheckinTrendChart({ data }: { data: Insights }) {
  const checked = data.days.filter((d) => d.checkins > 0);
  const { avgMood, avgEnergy } = data.checkins;
  return (
    <ChartCard
      id="checkins"
      title="Mood and energy over time"
      reading={data.checkins.reading}
      empty={checked.length === 0}
      summary={`Line chart of your daily average mood and energy (1 to 5), ${span(data)}, over ${count(checked.length, "day")} with a check-in.${avgMood !== null ? ` Average mood ${avgMood}.` : ""}${avgEnergy !== null ? ` Average energy ${avgEnergy}.` : ""}`}
      table={{
        caption: "Average mood and energy per day",
        columns: ["Day", "Mood", "Energy", "Check-ins"],
        rows: checked.map((d) => [d.label, d.mood ?? "–", d.energy ?? "–", d.checkins]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data.days} accessibilityLayer={false} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          {grid}
          <XAxis dataKey="label" tickFormatter={tickLabel} {...axis} minTickGap={16} />
          <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} {...axis} />
          {tooltip}
          {legend}
          <Line dataKey="mood" name="Mood" stroke="var(--chart-mood)" strokeWidth={2} strokeDasharray="5 3" connectNulls dot isAnimationActive={false} />
          <Line dataKey="energy" name="Energy" stroke="var(--chart-energy)" strokeWidth={2} connectNulls dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
