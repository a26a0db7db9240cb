"use client";
// "Break it down": one click, a 🌶 spiciness dial (1 = a few bigger steps … 5 = tiny steps), steps
// appearing as the coach writes them, Stop, and the first tiny step shown big once they're saved.
// The same, compact, on every step of the tree, so any step can be broken down again.
import type { DeepPartial } from "ai";
import { useId } from "react";
import type { BreakdownOutput } from "@/server/chains/breakdown";
import { Button } from "../ui/button";
import { type CoachInfo, type Spiciness, STEP_RANGE, useBreakdownStream, useSpiciness } from "./use-breakdown-stream";
import { OfflineBadge } from "../ui/offline-badge";

const LEVELS: { value: Spiciness; label: string }[] = [
  { value: 1, label: "a few bigger steps" },
  { value: 2, label: "bigger steps" },
  { value: 3, label: "balanced" },
  { value: 4, label: "small steps" },
  { value: 5, label: "tiny steps" },
];

/** A small chili drawn inline: emoji fonts are not on every machine, and a missing glyph shows as a box. */
function Chili() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden focusable="false" className="inline-block">
      <path d="M10.5 4.5c1.6.6 2.4 2.3 1.7 4.4-1 2.9-4.6 5.6-8.9 5.9-.6 0-.8-.6-.3-.9 3-1.7 4.6-4.2 5.1-7.2.3-1.7 1.2-2.6 2.4-2.2z" fill="#d64541" />
      <path d="M10.3 4.6c.2-1.3.9-2.3 2.2-2.9" stroke="#3d8b4f" strokeWidth="1.4" fill="none" strokeLinecap="round" />
    </svg>
  );
}

function SpicinessDial({ value, onChange, disabled }: { value: Spiciness; onChange: (v: Spiciness) => void; disabled: boolean }) {
  const name = useId();
  return (
    <fieldset className="flex flex-wrap items-center gap-2" disabled={disabled}>
      <legend className="sr-only">How small should the steps be?</legend>
      <span aria-hidden className="text-sm">
        How small?
      </span>
      <div role="radiogroup" aria-label="Spiciness: how small the steps are" className="flex overflow-hidden rounded-lg border border-[var(--line)]">
        {LEVELS.map((level) => {
          const checked = level.value === value;
          return (
            <label
              key={level.value}
              title={`${level.value}: ${level.label}`}
              data-testid={`spiciness-option-${level.value}`}
              className={`flex cursor-pointer items-center px-2 py-1.5 text-sm focus-within:outline focus-within:outline-2 focus-within:outline-[var(--accent)] ${checked ? "bg-[var(--accent)] text-[var(--accent-ink)]" : "hover:bg-[var(--line)]/40"}`}
            >
              <input
                type="radio"
                name={name}
                value={level.value}
                checked={checked}
                onChange={() => onChange(level.value)}
                className="sr-only"
                aria-label={`Spiciness ${level.value} of 5: ${level.label}`}
                data-testid={`spiciness-${level.value}`}
              />
              <span aria-hidden className="flex items-center">
                {Array.from({ length: level.value }, (_, i) => (
                  <Chili key={i} />
                ))}
              </span>
            </label>
          );
        })}
      </div>
      <span className="text-xs text-[var(--muted)]" data-testid="spiciness-label">
        {LEVELS[value - 1]?.label}
      </span>
    </fieldset>
  );
}

/** The steps so far, as they stream in, with a progress bar and Stop. */
function StreamingSteps({
  partial,
  spiciness,
  streaming,
  stop,
}: {
  partial: DeepPartial<BreakdownOutput> | undefined;
  spiciness: Spiciness;
  streaming: boolean;
  stop: () => void;
}) {
  const steps = (partial?.steps ?? []).filter((s) => s?.title);
  const [, most] = STEP_RANGE[spiciness];
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-dashed border-[var(--line)] p-3" data-testid="breakdown-streaming">
      <div className="flex items-center gap-3">
        <progress className="h-2 flex-1 accent-[var(--accent)]" max={most} value={steps.length ? Math.min(steps.length, most) : undefined} aria-label="Steps written so far" />
        <span className="text-xs text-[var(--muted)]" aria-live="polite">
          {streaming ? (steps.length ? `${steps.length} step${steps.length === 1 ? "" : "s"} so far…` : "Thinking…") : "Saving…"}
        </span>
        {streaming ? (
          <Button variant="quiet" className="min-h-8 px-2 py-1 text-xs" onClick={stop} data-testid="breakdown-stop">
            Stop
          </Button>
        ) : null}
      </div>
      <ol className="flex list-decimal flex-col gap-1 pl-5 text-sm text-[var(--muted)]">
        {steps.map((s, i) => (
          <li key={i} data-testid="streamed-step">
            {s?.title}
            {s?.estimateMinutes ? <span className="text-xs"> · {s.estimateMinutes} min</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Result({ saved, coach }: { saved: BreakdownOutput; coach: CoachInfo | null }) {
  return (
    <div className="flex flex-col gap-1 rounded-lg bg-[var(--accent)]/10 p-3" role="status">
      <p className="text-sm">
        <span className="font-semibold">Start here:</span>{" "}
        <span className="text-base font-medium" data-testid="first-tiny-step">
          {saved.firstTinyStep}
        </span>
      </p>
      {saved.tip ? (
        <p className="text-xs text-[var(--muted)]" data-testid="breakdown-tip">
          {saved.tip}
        </p>
      ) : null}
      <OfflineBadge coach={coach} testId="breakdown-offline-badge" className="self-start" />
    </div>
  );
}

/** The full panel under a task: dial, button, live steps, result. */
export function BreakdownPanel({ taskId, userId, hasSteps }: { taskId: string; userId: string; hasSteps: boolean }) {
  const [spiciness, setSpiciness] = useSpiciness(userId);
  const run = useBreakdownStream(taskId);
  return (
    <section className="flex flex-col gap-2" aria-label="Break it down">
      <div className="flex flex-wrap items-center gap-2">
        <SpicinessDial value={spiciness} onChange={setSpiciness} disabled={run.busy} />
        <Button onClick={() => run.start(spiciness)} disabled={run.busy} aria-busy={run.busy} data-testid="task-breakdown">
          {run.busy ? "Breaking it down…" : hasSteps ? "Break it down again" : "Break it down"}
        </Button>
      </div>
      {run.partial || run.busy ? <StreamingSteps partial={run.partial} spiciness={spiciness} streaming={run.streaming} stop={run.stop} /> : null}
      {run.saved && !run.busy ? <Result saved={run.saved} coach={run.coach} /> : null}
      {run.stopped && !run.busy ? (
        <p className="text-sm text-[var(--muted)]" role="status" data-testid="breakdown-stopped">
          Stopped. Nothing was changed.
        </p>
      ) : null}
      {run.error ? (
        <p role="alert" className="text-sm text-[var(--danger)]" data-testid="breakdown-error">
          {run.error}
        </p>
      ) : null}
    </section>
  );
}

/** The compact version on each step: breaks that step down at the user's chosen spiciness. */
export function StepBreakdown({ stepId, userId, title }: { stepId: string; userId: string; title: string }) {
  const [spiciness] = useSpiciness(userId);
  const run = useBreakdownStream(stepId);
  return (
    <>
      <Button
        variant="quiet"
        className="min-h-8 px-2 py-1 text-xs"
        disabled={run.busy}
        aria-busy={run.busy}
        onClick={() => run.start(spiciness)}
        aria-label={`Break “${title}” down into smaller steps`}
        data-testid="step-breakdown"
      >
        {run.busy ? "Splitting…" : "Break down"}
      </Button>
      {run.partial || run.busy || run.error || run.saved ? (
        <div className="basis-full">
          {run.partial || run.busy ? <StreamingSteps partial={run.partial} spiciness={spiciness} streaming={run.streaming} stop={run.stop} /> : null}
          {run.saved && !run.busy ? (
            <p className="text-xs text-[var(--muted)]">
              Start with: <span data-testid="step-first-tiny-step">{run.saved.firstTinyStep}</span> <OfflineBadge coach={run.coach} testId="breakdown-offline-badge" className="self-start" />
            </p>
          ) : null}
          {run.error ? (
            <p role="alert" className="text-xs text-[var(--danger)]" data-testid="breakdown-error">
              {run.error}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
