// "Offline coach": shown beside a streamed answer the built-in offline coach gave, saying why.
import type { CoachInfo } from "./coach-stream";

export function OfflineBadge({ coach, testId, className = "" }: { coach: CoachInfo | null; testId: string; className?: string }) {
  if (coach?.provider !== "offline") return null;
  return (
    <span
      className={`rounded-full border border-[var(--line)] px-2 py-0.5 text-xs text-[var(--muted)] ${className}`}
      title={coach.fallback ? "The AI model didn't answer, so the built-in offline coach did." : "No AI model is configured, so the built-in offline coach answered."}
      data-testid={testId}
    >
      Offline coach
    </span>
  );
}
