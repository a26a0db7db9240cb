// Dates for the offline capture: finds when a captured item is due ("tomorrow 5pm", "next Friday",
// "on the 1st", "before the end of the month") with chrono-node on the user's wall clock, and the
// zone arithmetic around it (Intl only) — a due is a user-local "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm".
import * as chrono from "chrono-node";
import { canonicalTimeZone, offsetMinutes, wallClock as zoneWallClock } from "../../time";

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** The zone's canonical name, or null when Intl does not know it. */
export function validTimeZone(timeZone: string | null | undefined): string | null {
  return timeZone ? canonicalTimeZone(timeZone) : null;
}

/** The wall clock in the zone at an instant, with the weekday chrono-style rules need. */
export function wallClock(instant: number, timeZone: string): WallClock {
  const { year, month, day, hour, minute } = zoneWallClock(instant, timeZone);
  return { year, month, day, hour, minute, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

export { offsetMinutes };

const pad = (n: number) => String(n).padStart(2, "0");

export function formatDay(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A calendar day moved by n days (UTC arithmetic on the date alone, so no DST surprises). */
function shiftDay(y: number, m: number, d: number, n: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const LOCAL_DUE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/** Parses a user-local due ("2026-11-24" or "2026-11-24T17:00"); null unless it is a real calendar date and time. */
export function parseLocalDue(due: string): { year: number; month: number; day: number; hour: number | null; minute: number | null } | null {
  const m = LOCAL_DUE.exec(due.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] === undefined) return { year, month, day, hour: null, minute: null };
  const [hour, minute] = [Number(m[4]), Number(m[5])];
  if (hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
}

/**
 * The instant a user-local due means in their zone. A date without a time means the end of that day
 * (23:59), so a task due "Friday" is due later on Friday, not overdue from Friday's first minute.
 * A wall time skipped by a DST jump lands after the jump; a repeated one takes its first occurrence.
 */
export function localDueToInstant(due: string, timeZone: string): Date | null {
  const parsed = parseLocalDue(due);
  if (!parsed) return null;
  const hour = parsed.hour ?? 23;
  const minute = parsed.minute ?? 59;
  const asUtc = Date.UTC(parsed.year, parsed.month - 1, parsed.day, hour, minute);
  // The zone's offsets a day before and after cover both sides of any DST change that day.
  const candidates = [...new Set([asUtc - DAY, asUtc, asUtc + DAY].map((t) => asUtc - offsetMinutes(t, timeZone) * MINUTE))].sort((a, b) => a - b);
  const matches = (t: number) => {
    const w = wallClock(t, timeZone);
    return w.day === parsed.day && w.hour === hour && w.minute === minute;
  };
  const exact = candidates.find(matches);
  return new Date(exact ?? Math.max(...candidates));
}

/** The instant shown on the user's wall clock as a due string with a time. */
export function instantToLocalDue(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${formatDay(w.year, w.month, w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

// ----------------------------------------------------------------------------------------------
// Finding the due in a piece of text

export interface FoundDue {
  /** User-local due, or null when the text names no usable date. */
  due: string | null;
  /** [start, end) character ranges of the date words, so the title can drop them. */
  spans: Array<[number, number]>;
  /** A duration the text gives ("for 10 minutes"), which is an estimate, not a date. */
  durationMinutes: number | null;
  /** The text gave only a time ("at 3"); the day is its next occurrence. */
  timeOnly: boolean;
}

/** Shorthand people type that chrono does not read; same meaning, spelled out. */
export function expandDateShorthand(text: string): string {
  return text
    .replace(/\b(?:tmrw|tmrrw|tmw|tmr|tomoz|2moro|2morrow|tommorow|tomorow)\b/gi, "tomorrow")
    .replace(/\btues\b\.?/gi, "tuesday")
    .replace(/\bweds?\b\.?(?!\w)/gi, "wednesday")
    .replace(/\bthu(?:rs?)?\b\.?/gi, "thursday")
    .replace(/\b(tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday) eve\b/gi, "$1 evening")
    .replace(/\b(?:eod|cob|close of business|end of (?:the |to)?day)\b/gi, "end of day")
    .replace(/\b(?:eow)\b/gi, "end of the week")
    .replace(/\b(?:eom)\b/gi, "end of the month");
}

interface Found {
  index: number;
  end: number;
  date: [number, number, number] | null;
  time: [number, number] | null;
  /** An evening phrase ("tonight", "this evening"): a bare hour in it is pm. */
  evening?: boolean;
}

const FRIDAY = 5;

function shiftMonth(y: number, m: number, n: number): [number, number] {
  const t = m - 1 + n;
  return [y + Math.floor(t / 12), ((t % 12) + 12) % 12 + 1];
}

/** Phrases chrono misreads or does not know, resolved on the user's calendar. */
function ownPhrases(text: string, today: WallClock): Found[] {
  const found: Found[] = [];
  const add = (m: RegExpExecArray, date: [number, number, number], evening = false) =>
    found.push({ index: m.index, end: m.index + m[0].length, date, time: null, evening });
  const untilWeekday = (target: number, weeksAhead: number): [number, number, number] =>
    shiftDay(today.year, today.month, today.day, ((target - today.weekday + 7) % 7) + 7 * weeksAhead);
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    for (let m = re.exec(text); m; m = re.exec(text)) fn(m);
  };
  const lead = String.raw`\b(?:(?:by|before|until|till|due)\s+)?(?:the\s+)?`;
  each(new RegExp(`${lead}end of day\\b`, "gi"), (m) => add(m, [today.year, today.month, today.day]));
  // "end of the week" is Friday (chrono reads it as "the week"); on a Saturday, the next one.
  each(new RegExp(`${lead}end of (?:the |this )?(next )?(?:work ?)?week\\b`, "gi"), (m) =>
    // At the weekend this week's Friday is gone, so both mean the coming one.
    add(m, untilWeekday(FRIDAY, m[1] && today.weekday !== 6 && today.weekday !== 0 ? 1 : 0)),
  );
  each(new RegExp(`${lead}end of (?:the |this )?(next )?month\\b`, "gi"), (m) => {
    const [y, mo] = m[1] ? shiftMonth(today.year, today.month, 1) : [today.year, today.month];
    add(m, [y, mo, daysInMonth(y, mo)]);
  });
  each(new RegExp(`${lead}end of (?:the |this )?year\\b`, "gi"), (m) => add(m, [today.year, 12, 31]));
  // "on the 1st", "by the 15th", "rent due the 3rd": the next such day of a month.
  each(/\b(?:(?:(?:on|by|before|until|till|due|for)\s+)?the\s+|(?:on|by|before|until|till|due)\s+)(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi, (m) => {
    const n = Number(m[1]);
    if (n < 1 || n > 31) return;
    let [y, mo] = n < today.day ? shiftMonth(today.year, today.month, 1) : [today.year, today.month];
    for (let guard = 0; guard < 12 && n > daysInMonth(y, mo); guard++) [y, mo] = shiftMonth(y, mo, 1);
    add(m, [y, mo, n]);
  });
  // The holidays people plan around; chrono knows none of them. "Before Christmas" is the 24th.
  const yearOf = (month: number, day: number) => (month < today.month || (month === today.month && day < today.day) ? today.year + 1 : today.year);
  // Only as a date ("by Christmas", "on Christmas Day"), not as a word ("Christmas shopping").
  each(/\b(?:(before|by|until|till)|on|at|over)\s+(?:christmas|xmas)(?:\s+(eve|day))?\b|\b(?:christmas|xmas)\s+(eve|day)\b/gi, (m) => {
    const day = m[1] || (m[2] ?? m[3])?.toLowerCase() === "eve" ? 24 : 25;
    add(m, [yearOf(12, day), 12, day]);
  });
  each(/\bnew year'?s (eve|day)\b/gi, (m) => (m[1]?.toLowerCase() === "eve" ? add(m, [yearOf(12, 31), 12, 31]) : add(m, [yearOf(1, 1), 1, 1])));
  // "this morning/afternoon/evening": today (chrono gives a time of day with no day).
  each(/\bthis (morning|afternoon|evening)\b/gi, (m) => add(m, [today.year, today.month, today.day], m[1]?.toLowerCase() === "evening"));
  return found;
}

/**
 * Words chrono would take for dates that are not dates here ("parents evening", "1:1s", "morning
 * routine"): masked with same-length text so positions still line up with the original.
 */
const NOT_DATES = [
  /\bparents'? evening\b/gi,
  /\b(?:morning|evening|night|afternoon|bedtime) (?:routine|class|classes|shift|run|walk|meds|pills|tablets|yoga|stretch(?:es)?|pages|journal)\b/gi,
  /\b(?:sunday|saturday) (?:school|roast|league|lunch)\b/gi,
  /\b\d:\d(?!\d)s?\b/g,
  /\bone[- ]on[- ]ones?\b/gi,
  /\bmay (?:be|need|want|have|not|i|we|you|want)\b/gi,
];

function mask(text: string): string {
  let out = text;
  for (const re of NOT_DATES) out = out.replace(re, (m) => m.replace(/[^\p{L}\p{N}]/gu, "_").replace(/^./, "_"));
  return out;
}

type Use = "due" | "duration" | "drop" | "keep";

/** Zones where people write the month first ("12/5" = December 5). */
const MONTH_FIRST_ZONES =
  /^(?:America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Juneau|Sitka|Nome|Adak|Yakutat|Metlakatla|Menominee|Indiana|Kentucky|North_Dakota|Puerto_Rico|Toronto|Vancouver|Edmonton|Winnipeg|Halifax|Regina|St_Johns)|Pacific\/Honolulu|US\/|Asia\/Manila)/;

function dayFirstReading(r: chrono.ParsedResult, reference: chrono.ParsingReference): chrono.ParsedResult | null {
  const again = chrono.en.GB.parse(r.text, reference, { forwardDate: true })[0];
  if (!(again instanceof chrono.ParsingResult) || again.text !== r.text) return null;
  // Same words at the same place in the text; only the reading of the numbers differs.
  again.index = r.index;
  return again;
}

/** What a chrono result is: a due, a duration ("for 10 minutes"), words to drop, or words to keep. */
function classifyResult(r: chrono.ParsedResult): Use {
  const s = r.start;
  const words = r.text.toLowerCase();
  const tags = r.tags();
  const certain = (c: chrono.Component) => s.isCertain(c);
  if (tags.has("result/relativeDate") && /^for\b/.test(words)) return "duration";
  if (/^(?:now|right now)$/.test(words)) return "keep";
  // A month alone ("in March") is too vague for a due; "march"/"may" alone are more often verbs.
  if (!certain("day") && !certain("weekday") && certain("month")) return /\s/.test(words) || /^(?:jan|feb|apr|jun|jul|aug|sep|oct|nov|dec)/.test(words) ? "drop" : "keep";
  // "next month": a period, not a day.
  if (tags.has("result/relativeDate") && !certain("day") && !certain("weekday") && !certain("hour")) return "drop";
  // "in the evening", "at night": a habit's time of day, worth keeping in the title, not a deadline.
  if (!certain("day") && !certain("weekday") && !certain("hour")) return "keep";
  // Bare numbers ("3") are not times.
  if (!/[a-z]/i.test(r.text) && !/[:/.]/.test(r.text)) return "keep";
  return "due";
}

function ahead(time: [number, number], today: WallClock): boolean {
  return time[0] * 60 + time[1] > today.hour * 60 + today.minute;
}

function resolve(r: chrono.ParsedResult, timeZone: string, today: WallClock): Found {
  const s = r.start;
  const index = r.index;
  const end = r.index + r.text.length;
  const tags = r.tags();
  if (tags.has("result/relativeDateAndTime")) {
    // "in 2 hours": an instant; read it off the zone's wall clock so a DST change in between counts.
    const w = wallClock(s.date().getTime(), timeZone);
    return { index, end, date: [w.year, w.month, w.day], time: [w.hour, w.minute] };
  }
  let hour = s.isCertain("hour") ? (s.get("hour") ?? 12) : null;
  const minute = s.get("minute") ?? 0;
  const evening = /\b(?:tonight|evening|night)\b/i.test(r.text);
  // "at 3" means 15:00 to people planning a day; "at 8 tonight" means 20:00.
  if (hour !== null && !s.isCertain("meridiem") && !/\b(?:am|a\.m\.|morning)\b/i.test(r.text)) {
    if ((hour >= 1 && hour <= 7) || (evening && hour < 12)) hour += 12;
  }
  const time: [number, number] | null = hour !== null ? [hour, minute] : null;
  const dayKnown = s.isCertain("day") || s.isCertain("weekday") || tags.has("result/relativeDate");
  if (!dayKnown) return { index, end, date: null, time, evening };
  let date: [number, number, number] = [s.get("year") ?? today.year, s.get("month") ?? today.month, s.get("day") ?? today.day];
  const weekdayOnly = s.isCertain("weekday") && !s.isCertain("day");
  // A bare weekday that is today ("monday", said on a Monday) means next week's — unless the time
  // it names ("5pm", "night") is still ahead today.
  const isToday = date[0] === today.year && date[1] === today.month && date[2] === today.day;
  if (isToday && weekdayOnly && !/\b(?:this|today)\b/i.test(r.text)) {
    const implied: [number, number] | null = time ?? ([...tags].some((t) => t.startsWith("casualReference/")) ? [s.get("hour") ?? 12, minute] : null);
    if (!implied || !ahead(implied, today)) date = shiftDay(date[0], date[1], date[2], 7);
  }
  // A date already past never stays: a weekday moves a week on, a day of the year a year on.
  if (Date.UTC(date[0], date[1] - 1, date[2]) < Date.UTC(today.year, today.month - 1, today.day)) {
    if (weekdayOnly) date = shiftDay(date[0], date[1], date[2], 7);
    else if (!s.isCertain("year")) date = [date[0] + 1, date[1], date[2]];
  }
  return { index, end, date, time, evening };
}

/**
 * Finds the due date (and time) a piece of text names, as the user means it on their own calendar
 * at `now`. Ambiguous hours without am/pm ("at 3") are read as afternoon for 1–7, as people mean.
 */
export function findDue(text: string, now: number, timeZone: string): FoundDue {
  const today = wallClock(now, timeZone);
  const reference = { instant: new Date(now), timezone: offsetMinutes(now, timeZone) };
  const dayFirst = !MONTH_FIRST_ZONES.test(timeZone);
  const masked = mask(text);
  const found: Found[] = ownPhrases(masked, today);
  const own = [...found];
  const spans: Array<[number, number]> = [];
  let durationMinutes: number | null = null;

  for (const parsed of chrono.casual.parse(masked, reference, { forwardDate: true })) {
    // "5/12" is 5 December outside North America: read slash dates again day-first there.
    const r = (dayFirst && parsed.tags().has("parser/SlashDateFormatParser") && dayFirstReading(parsed, reference)) || parsed;
    const start = r.index;
    const end = start + r.text.length;
    const use = classifyResult(r);
    if (use === "keep") continue;
    if (use === "duration") {
      const minutes = Math.round((r.start.date().getTime() - now) / MINUTE);
      if (minutes > 0 && minutes <= 24 * 60) durationMinutes = minutes;
      spans.push([start, end]);
      continue;
    }
    if (use === "drop") {
      spans.push([start, end]);
      continue;
    }
    const resolved = resolve(r, timeZone, today);
    const overlapping = own.find((o) => start < o.end && end > o.index);
    if (overlapping) {
      // Our phrase owns the day ("this evening"); chrono may add the time ("… at 8").
      if (resolved.time && !overlapping.time) {
        const [h, m] = resolved.time;
        overlapping.time = [overlapping.evening && h < 12 ? h + 12 : h, m];
      }
      spans.push([start, end]);
      continue;
    }
    found.push(resolved);
  }
  for (const f of found) spans.push([f.index, f.end]);
  if (found.length === 0) return { due: null, spans, durationMinutes, timeOnly: false };
  // Several dates in one item: the first with a day wins; a lone time joins it ("Friday … at 3").
  found.sort((a, b) => a.index - b.index);
  const withDate = found.find((f) => f.date) ?? null;
  let date = withDate?.date ?? null;
  const time = withDate?.time ?? found.find((f) => f.time)?.time ?? null;
  const timeOnly = !date && time !== null;
  if (!date && time) {
    // A time alone means its next occurrence: today if still ahead, else tomorrow.
    date = ahead(time, today) ? [today.year, today.month, today.day] : shiftDay(today.year, today.month, today.day, 1);
  }
  if (!date) return { due: null, spans, durationMinutes, timeOnly };
  const day = formatDay(...date);
  return { due: time ? `${day}T${pad(time[0])}:${pad(time[1])}` : day, spans, durationMinutes, timeOnly };
}
