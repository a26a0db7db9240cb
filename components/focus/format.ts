// Small pure helpers for the focus page: the timer's digits, minutes in words, the phase at a moment
// (the same rule as the server's focusPhase), and "estimated 20, took 35".

export type PhaseName = "focus" | "break" | "done";

/** "24:59" (or "1:04:59" past an hour). */
export function clockText(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export function minutesText(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The phase of a running session at `now` (ms): focus until endsAt, then the break, then done. */
export function phaseAt(session: { endsAt: Date; breakMinutes: number }, now: number): { phase: PhaseName; secondsLeft: number } {
  const end = session.endsAt.getTime();
  const breakEnd = end + session.breakMinutes * 60_000;
  if (now < end) return { phase: "focus", secondsLeft: Math.ceil((end - now) / 1000) };
  if (now < breakEnd) return { phase: "break", secondsLeft: Math.ceil((breakEnd - now) / 1000) };
  return { phase: "done", secondsLeft: 0 };
}

/** "estimated 20 min, took 35 min" — or just what is known; null when nothing is. */
export function estimateVsActual(estimate: number | null, actual: number | null): string | null {
  if (actual === null) return null;
  return estimate !== null ? `estimated ${estimate} min, took ${actual} min` : `took ${actual} min`;
}
