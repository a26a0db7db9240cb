// Wall clock ↔ instant in an IANA time zone with Intl alone (no tz library), correct across DST.
// Shared by the day planner, capture dates, streaks, token budgets and the eval.
import "server-only";

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The zone's canonical name, or null when Intl does not know it. */
export function canonicalTimeZone(timeZone: string): string | null {
  if (!timeZone || timeZone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function wallClock(instant: number, timeZone: string): WallClock {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at an instant, in minutes (east of Greenwich is positive). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond) / MINUTE);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The user's calendar day ("YYYY-MM-DD") at an instant. */
export function localDay(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Minutes after local midnight at an instant (the wall clock, so 0–1439). */
export function localMinute(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return w.hour * 60 + w.minute;
}

export function parseDay(day: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return { year, month, day: date };
}

export function addDays(day: string, days: number): string {
  const d = parseDay(day);
  if (!d) throw new RangeError(`not a day: ${day}`);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * The instant at `minute` minutes after midnight of `day` on the zone's wall clock (1440 is the
 * next midnight). A wall time skipped by a DST jump lands after the jump (02:30 → 03:30, as
 * Temporal's "compatible"); a repeated one takes its first occurrence.
 */
export function zonedInstant(day: string, minute: number, timeZone: string): number {
  const d = parseDay(day);
  if (!d) throw new RangeError(`not a day: ${day}`);
  const asUtc = Date.UTC(d.year, d.month - 1, d.day, 0, minute);
  const first = asUtc - offsetMinutes(asUtc, timeZone) * MINUTE;
  const second = asUtc - offsetMinutes(first, timeZone) * MINUTE;
  if (first === second) return first;
  const target = new Date(asUtc);
  const matches = (t: number) => {
    const w = wallClock(t, timeZone);
    return w.hour === target.getUTCHours() && w.minute === target.getUTCMinutes() && w.day === target.getUTCDate();
  };
  const both = [first, second].sort((a, b) => a - b) as [number, number];
  const valid = both.filter(matches);
  return valid.length ? (valid[0] as number) : both[1];
}

/** Local midnight to the next local midnight (23 or 25 hours on a DST day). */
export function dayBounds(day: string, timeZone: string): { start: number; end: number } {
  return { start: zonedInstant(day, 0, timeZone), end: zonedInstant(addDays(day, 1), 0, timeZone) };
}

export function formatClock(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.hour}:${pad(w.minute)}`;
}

export function formatMinuteOfDay(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** "45 min", "1 h", "2 h 15 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function formatDate(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(instant);
}
