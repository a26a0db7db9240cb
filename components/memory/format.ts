// Words for the memory page: how old a memory is, when it expires, how close a search hit is, and
// friendly names for tiers and kinds. Pure functions, so they are tested without a browser.
import type { MemoryTier } from "@/server/db/schema/memory";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const tierLabels: Record<MemoryTier, { name: string; lifetime: string }> = {
  short_term: { name: "Short-term", lifetime: "kept for 1 hour" },
  working: { name: "Working", lifetime: "kept for 24 hours" },
  long_term: { name: "Long-term", lifetime: "kept until you forget it" },
};

const kindLabels: Record<string, string> = {
  "task.created": "Task added",
  "task.completed": "Task done",
  "task.deleted": "Task deleted",
  "task.broken_down": "Broken into steps",
  "task.steps_edited": "Steps edited",
  "task.insights": "Coach's take",
  "task.captured": "Captured",
  "task.next_step": "Next step",
  "preferences.updated": "Settings changed",
  "mood.logged": "Check-in",
  "coach.motivation": "Coach's nudge",
  "plan.generated": "Day plan drafted",
  "plan.accepted": "Day plan accepted",
};

/** "Task added" for task.created; unknown kinds become "Focus started" from focus.started. */
export function kindLabel(kind: string): string {
  const known = kindLabels[kind];
  if (known) return known;
  const words = kind.replace(/[._]+/g, " ").trim();
  return words ? words[0]?.toUpperCase() + words.slice(1) : kind;
}

/** "just now", "12 min ago", "3 h ago", "yesterday", "5 days ago", then the date. */
export function timeAgo(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  if (ms < MINUTE) return "just now";
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  if (ms < 2 * DAY) return "yesterday";
  if (ms < 14 * DAY) return `${Math.floor(ms / DAY)} days ago`;
  return at.toLocaleDateString(undefined, { day: "numeric", month: "short", year: at.getFullYear() === now.getFullYear() ? undefined : "numeric" });
}

/** "expires in 47 min" / "expires in 5 h"; null when it never expires. */
export function expiresIn(expiresAt: Date | null, now: Date): string | null {
  if (!expiresAt) return null;
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0) return "expiring now";
  if (ms < HOUR) return `expires in ${Math.max(1, Math.ceil(ms / MINUTE))} min`;
  return `expires in ${Math.round(ms / HOUR)} h`;
}

/**
 * How close a search hit is, from its cosine distance (0 identical … 2 opposite). The bands fit the
 * hashing embedder and OpenAI's small model alike well enough for a hint, not a score.
 */
export function relevance(distance: number): { label: string; level: 1 | 2 | 3 } {
  if (distance < 0.45) return { label: "Close match", level: 3 };
  if (distance < 0.8) return { label: "Related", level: 2 };
  return { label: "Loosely related", level: 1 };
}
