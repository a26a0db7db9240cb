// Insights over the last 7, 30 or 90 days in the user's time zone: completions, focus minutes,
// estimate accuracy, mood and energy against what got done, zone balance and check-in trends — the
// numbers for each chart, and a one-line reading of them in words (or what is still missing).
import "server-only";
import { checkinsByDay, completionsByDay, estimatePairs, focusMinutesByDay, zoneBalance } from "../db/queries/insights";
import { addDays, dayBounds, formatDate, formatDuration, localDay } from "../time";
import type { InsightRange, InsightsInput } from "./insights-inputs";
import { loadDaySettings } from "./settings";
import type { UserCtx } from "./tasks";

/** Days with an energy check-in before mood and energy are set against what got done. */
export const MIN_CORRELATION_DAYS = 5;
/** Days with a check-in before a trend is read. */
export const MIN_TREND_DAYS = 3;
/** Finished tasks with an estimate and a measured time before their accuracy is read. */
export const MIN_ESTIMATES = 3;
/** At most this many planned-vs-actual pairs are read (the newest). */
export const MAX_ESTIMATE_PAIRS = 200;

export interface InsightDay {
  day: string;
  /** "Mon 23 Nov" in the user's zone. */
  label: string;
  tasks: number;
  steps: number;
  focusMinutes: number;
  /** Averages of that day's check-ins, one decimal; null without one. */
  mood: number | null;
  energy: number | null;
  checkins: number;
}

export interface EstimatePoint {
  id: string;
  title: string;
  estimateMinutes: number;
  actualMinutes: number;
  /** actual ÷ estimate, two decimals. */
  ratio: number;
}

export interface ZoneShare {
  key: string | null;
  name: string;
  color: string | null;
  completions: number;
  focusMinutes: number;
  /** Share of all completions in the range, 0–100. */
  share: number;
}

export interface Insights {
  range: InsightRange;
  timeZone: string;
  from: string;
  to: string;
  days: InsightDay[];
  completions: { tasks: number; steps: number; reading: string };
  focus: { minutes: number; daysFocused: number; reading: string };
  estimates: { points: EstimatePoint[]; medianRatio: number | null; reading: string };
  moodVsProductivity: {
    /** Pearson correlation across days with a check-in, or null when there are too few days. */
    correlation: { energyDone: number | null; moodDone: number | null; energyFocus: number | null };
    /** Average finished (tasks + steps) a day on days with energy 4–5 and on the others. */
    highEnergyAvg: number | null;
    lowEnergyAvg: number | null;
    daysWithCheckins: number;
    reading: string;
  };
  zones: { rows: ZoneShare[]; reading: string };
  checkins: { daysWithCheckins: number; avgMood: number | null; avgEnergy: number | null; reading: string };
}

// ───────────────────────────── small numbers helpers ─────────────────────────────

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Pearson's r, or null with fewer than `min` pairs or when either side never changes. */
export function correlation(pairs: [number, number][], min = MIN_CORRELATION_DAYS): number | null {
  if (pairs.length < min) return null;
  const mx = mean(pairs.map((p) => p[0]));
  const my = mean(pairs.map((p) => p[1]));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return round(sxy / Math.sqrt(sxx * syy), 2);
}

/** "2×", "1.5×". */
const times = (r: number) => `${r >= 2 ? round(r, 1).toString().replace(/\.0$/, "") : round(r, 1).toFixed(1)}×`;
const moreDays = (n: number) => `Not enough data yet — ${plural(n, "more day")} of check-ins and this chart fills in.`;
const rangeWords = (range: InsightRange) => `the last ${range} days`;

// ───────────────────────────── readings ─────────────────────────────

export function completionsReading(days: InsightDay[], range: InsightRange): string {
  const tasks = days.reduce((s, d) => s + d.tasks, 0);
  const steps = days.reduce((s, d) => s + d.steps, 0);
  if (tasks + steps === 0) return `Nothing finished in ${rangeWords(range)} yet — tick off one small step and this chart starts.`;
  const best = days.reduce((b, d) => (d.tasks + d.steps > b.tasks + b.steps ? d : b));
  const what = [tasks ? plural(tasks, "task") : null, steps ? plural(steps, "step") : null].filter(Boolean).join(" and ");
  const active = days.filter((d) => d.tasks + d.steps > 0).length;
  if (active === 1) return `You finished ${what} in ${rangeWords(range)}, all on ${best.label}.`;
  return `You finished ${what} in ${rangeWords(range)}; your best day was ${best.label} with ${best.tasks + best.steps}.`;
}

export function focusReading(days: InsightDay[], range: InsightRange): string {
  const minutes = days.reduce((s, d) => s + d.focusMinutes, 0);
  const focused = days.filter((d) => d.focusMinutes > 0);
  if (minutes === 0) return `No focus sessions in ${rangeWords(range)} — start one on a task and your minutes show up here.`;
  if (focused.length === 1) return `You focused ${formatDuration(minutes)} in ${rangeWords(range)}, all on ${focused[0]?.label}.`;
  return `You focused ${formatDuration(minutes)} in ${rangeWords(range)}: about ${formatDuration(Math.round(minutes / focused.length))} on each of the ${focused.length} days you focused.`;
}

export function estimatesReading(points: EstimatePoint[]): { medianRatio: number | null; reading: string } {
  if (points.length < MIN_ESTIMATES) {
    const missing = MIN_ESTIMATES - points.length;
    return {
      medianRatio: points.length ? round(median(points.map((p) => p.actualMinutes / p.estimateMinutes)) as number, 2) : null,
      reading: `Not enough data yet — finish ${plural(missing, "more task")} with an estimate and tracked time (a focus session) and this chart fills in.`,
    };
  }
  const r = median(points.map((p) => p.actualMinutes / p.estimateMinutes)) as number;
  const medianRatio = round(r, 2);
  const of = `(median of ${points.length})`;
  if (r >= 1.1) {
    return { medianRatio, reading: `Your estimates run ${Math.round((r - 1) * 100)}% short: tasks take ${times(r)} what you plan ${of}.` };
  }
  if (r <= 0.9) {
    return { medianRatio, reading: `You're faster than you think: tasks take ${round(r, 1).toFixed(1)}× what you plan, ${Math.round((1 - r) * 100)}% under ${of}.` };
  }
  return { medianRatio, reading: `Your estimates are on the mark: tasks take about what you plan (${round(r, 1).toFixed(1)}×, ${of.slice(1, -1)}).` };
}

export function moodVsProductivity(days: InsightDay[]): Insights["moodVsProductivity"] {
  const withEnergy = days.filter((d) => d.energy !== null);
  const withMood = days.filter((d) => d.mood !== null);
  const done = (d: InsightDay) => d.tasks + d.steps;
  const daysWithCheckins = days.filter((d) => d.checkins > 0).length;
  const correlations = {
    energyDone: correlation(withEnergy.map((d) => [d.energy as number, done(d)])),
    moodDone: correlation(withMood.map((d) => [d.mood as number, done(d)])),
    energyFocus: correlation(withEnergy.map((d) => [d.energy as number, d.focusMinutes])),
  };
  const high = withEnergy.filter((d) => Math.round(d.energy as number) >= 4);
  const low = withEnergy.filter((d) => Math.round(d.energy as number) < 4);
  const highEnergyAvg = high.length ? round(mean(high.map(done))) : null;
  const lowEnergyAvg = low.length ? round(mean(low.map(done))) : null;
  const base = { correlation: correlations, highEnergyAvg, lowEnergyAvg, daysWithCheckins };
  if (withEnergy.length < MIN_CORRELATION_DAYS) return { ...base, reading: moreDays(MIN_CORRELATION_DAYS - withEnergy.length) };
  if (high.length < 2 || low.length < 2) {
    const side = high.length >= 2 ? "4 or 5" : "3 or lower";
    return { ...base, reading: `Your energy has mostly been ${side} — a few days on the other side and this comparison fills in.` };
  }
  const h = mean(high.map(done));
  const l = mean(low.map(done));
  const perDay = (n: number) => `${round(n).toString()} a day`;
  if (h === 0 && l === 0) return { ...base, reading: "Nothing finished on your check-in days yet — finish a step and this comparison fills in." };
  if (l === 0) return { ...base, reading: `You finish more on days your energy is 4 or 5: ${perDay(h)}, against none on lower-energy days.` };
  const ratio = h / l;
  if (ratio >= 1.2) return { ...base, reading: `You finish about ${times(ratio)} more on days your energy is 4 or 5 (${perDay(h)} against ${perDay(l)}).` };
  if (ratio <= 1 / 1.2) return { ...base, reading: `You finish as much or more on lower-energy days (${perDay(l)} against ${perDay(h)}) — small steps work for you.` };
  return { ...base, reading: `You get about the same done whatever your energy (around ${perDay((h + l) / 2)}) — low-energy days count too.` };
}

function trendWords(name: string, values: number[]): string | null {
  if (values.length < MIN_TREND_DAYS) return null;
  const half = Math.floor(values.length / 2);
  const first = mean(values.slice(0, half));
  const second = mean(values.slice(values.length - half));
  const diff = second - first;
  if (diff >= 0.3) return `your ${name} has been rising (${round(first).toFixed(1)} → ${round(second).toFixed(1)})`;
  if (diff <= -0.3) return `your ${name} has dipped (${round(first).toFixed(1)} → ${round(second).toFixed(1)})`;
  return `your ${name} has been steady around ${round(mean(values)).toFixed(1)}`;
}

export function checkinReading(days: InsightDay[]): Insights["checkins"] {
  const withAny = days.filter((d) => d.checkins > 0);
  const moods = days.flatMap((d) => (d.mood === null ? [] : [d.mood]));
  const energies = days.flatMap((d) => (d.energy === null ? [] : [d.energy]));
  const avgMood = moods.length ? round(mean(moods)) : null;
  const avgEnergy = energies.length ? round(mean(energies)) : null;
  const base = { daysWithCheckins: withAny.length, avgMood, avgEnergy };
  if (withAny.length < MIN_TREND_DAYS) return { ...base, reading: moreDays(MIN_TREND_DAYS - withAny.length) };
  const parts = [trendWords("mood", moods), trendWords("energy", energies)].filter((p): p is string => p !== null);
  if (parts.length === 0) return { ...base, reading: moreDays(MIN_TREND_DAYS - Math.max(moods.length, energies.length)) };
  const text = parts.join(", and ");
  const gently = parts.some((p) => p.includes("dipped")) ? " — go gently with yourself" : "";
  return { ...base, reading: `${text.charAt(0).toUpperCase()}${text.slice(1)}${gently}.` };
}

const zoneName = (key: string | null, name: string | null) =>
  name ?? (key === null ? "No zone" : `${key.charAt(0).toUpperCase()}${key.slice(1)}`);

export function zonesReading(rows: { key: string | null; name: string | null; color: string | null; completions: number; focusMinutes: number }[]): Insights["zones"] {
  const total = rows.reduce((s, r) => s + r.completions, 0);
  const shares: ZoneShare[] = rows.map((r) => ({
    key: r.key,
    name: zoneName(r.key, r.name),
    color: r.color,
    completions: r.completions,
    focusMinutes: r.focusMinutes,
    share: total ? Math.round((r.completions / total) * 100) : 0,
  }));
  const visible = shares.filter((r) => r.key !== null || r.completions > 0 || r.focusMinutes > 0);
  if (total === 0) {
    const minutes = shares.reduce((s, r) => s + r.focusMinutes, 0);
    if (minutes === 0) return { rows: visible, reading: "Nothing finished in a zone yet — give tasks a life area and your balance shows up here." };
    const top = shares.reduce((b, r) => (r.focusMinutes > b.focusMinutes ? r : b));
    return { rows: visible, reading: `Nothing finished yet, but most focus went to ${top.name} (${formatDuration(top.focusMinutes)}).` };
  }
  const ranked = [...shares].filter((r) => r.completions > 0).sort((a, b) => b.completions - a.completions);
  const top = ranked[0] as ZoneShare;
  if (top.key === null) {
    return { rows: visible, reading: `${top.share}% of what you finished has no zone — tag tasks with a life area to see your balance.` };
  }
  const next = ranked.find((r) => r !== top && r.key !== null);
  const empty = shares.filter((r) => r.key !== null && r.completions === 0 && r.focusMinutes === 0).map((r) => r.name);
  const lead = next ? `Most of what you finished was ${top.name} (${top.share}%), then ${next.name} (${next.share}%)` : `${top.share}% of what you finished was ${top.name}`;
  const rest = empty.length ? `; nothing in ${empty.slice(0, 3).join(", ")} yet` : "";
  return { rows: visible, reading: `${lead}${rest}.` };
}

// ───────────────────────────── the workflow ─────────────────────────────

export async function getInsights(ctx: UserCtx, input: InsightsInput, now = new Date()): Promise<Insights> {
  const { timeZone } = await loadDaySettings(ctx.db, ctx.userId);
  const range = input.range;
  const to = localDay(now.getTime(), timeZone);
  const from = addDays(to, -(range - 1));
  const args = { userId: ctx.userId, from: new Date(dayBounds(from, timeZone).start), to: new Date(dayBounds(to, timeZone).end), timeZone };
  const [done, focus, moods, pairs, zones] = await Promise.all([
    completionsByDay(ctx.db, args),
    focusMinutesByDay(ctx.db, args),
    checkinsByDay(ctx.db, args),
    estimatePairs(ctx.db, { ...args, limit: MAX_ESTIMATE_PAIRS }),
    zoneBalance(ctx.db, args),
  ]);
  const doneBy = new Map(done.map((r) => [r.day, r]));
  const focusBy = new Map(focus.map((r) => [r.day, r]));
  const moodBy = new Map(moods.map((r) => [r.day, r]));
  const days: InsightDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const c = moodBy.get(day);
    days.push({
      day,
      label: formatDate(dayBounds(day, timeZone).start + 12 * 3_600_000, timeZone),
      tasks: doneBy.get(day)?.tasks ?? 0,
      steps: doneBy.get(day)?.steps ?? 0,
      focusMinutes: focusBy.get(day)?.minutes ?? 0,
      mood: c?.mood == null ? null : round(c.mood),
      energy: c?.energy == null ? null : round(c.energy),
      checkins: c?.count ?? 0,
    });
  }
  const points: EstimatePoint[] = pairs.map((p) => ({
    id: p.id,
    title: p.title,
    estimateMinutes: p.estimateMinutes,
    actualMinutes: p.actualMinutes,
    ratio: round(p.actualMinutes / p.estimateMinutes, 2),
  }));
  const minutes = days.reduce((s, d) => s + d.focusMinutes, 0);
  return {
    range,
    timeZone,
    from,
    to,
    days,
    completions: { tasks: days.reduce((s, d) => s + d.tasks, 0), steps: days.reduce((s, d) => s + d.steps, 0), reading: completionsReading(days, range) },
    focus: { minutes, daysFocused: days.filter((d) => d.focusMinutes > 0).length, reading: focusReading(days, range) },
    estimates: { points, ...estimatesReading(points) },
    moodVsProductivity: moodVsProductivity(days),
    zones: zonesReading(zones),
    checkins: checkinReading(days),
  };
}
