"use client";
// The running session: a big timer computed from the server's times (corrected for this device's
// clock), screen-reader updates once a minute, the break screen, park-a-thought, and finish early /
// save / cancel. When a phase ends the page says so, and a browser notification rings if allowed.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { clockText, minutesText, phaseAt, type PhaseName } from "./format";
import { notify } from "./notify";
import { NotifyButton } from "./notify-button";
import type { CurrentSession, FinishResult } from "./types";

/** This device's clock, ticking once a second, shifted to the server's. */
function useServerNow(serverNow: Date, receivedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now + (serverNow.getTime() - receivedAt);
}

const reminderState: Record<string, string> = {
  pending: "waiting",
  ready: "waiting",
  running: "sending",
  succeeded: "sent to your coach notes",
  failed: "could not be sent",
  cancelled: "cancelled",
};
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** The server-side reminders (planned actions): when each one rings and whether it went out. */
function Reminders({ reminders }: { reminders: CurrentSession["reminders"] }) {
  return (
    <p className="text-xs text-[var(--muted)]" data-testid="focus-reminders">
      Reminders:{" "}
      {reminders
        .map((r) => `${r.kind === "focus-end" ? "end of focus" : "end of break"} at ${clock.format(r.at)} (${r.status ? (reminderState[r.status] ?? r.status) : "scheduled"})`)
        .join(" · ")}
    </p>
  );
}

const phaseMessage: Record<Exclude<PhaseName, "focus">, (s: CurrentSession) => { title: string; body: string }> = {
  break: (s) => ({
    title: "Focus time is up",
    body: s.breakMinutes > 0 ? `Take your ${minutesText(s.breakMinutes)} break: stand up, stretch, drink some water.` : "Well done. Save your session.",
  }),
  done: () => ({ title: "Break's over", body: "Save this session, then start the next one when you're ready." }),
};

function ParkThought({ session }: { session: CurrentSession }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState("");
  const park = useMutation(
    trpc.focus.park.mutationOptions({
      onSuccess: () => {
        setText("");
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.focus.current.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.focus.parked.queryKey() }),
        ]);
      },
    }),
  );
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-2">
      <h3 id={`${id}-h`} className="font-semibold">
        Park a thought
      </h3>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) park.mutate({ id: session.id, text });
        }}
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={`${id}-in`} className="text-sm text-[var(--muted)]">
            Something popped up? Write it down and get back to it later.
          </label>
          <input
            id={`${id}-in`}
            value={text}
            maxLength={500}
            onChange={(e) => setText(e.target.value)}
            className="min-h-11 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
            data-testid="focus-park-input"
          />
        </div>
        <Button type="submit" variant="quiet" disabled={park.isPending || !text.trim()} data-testid="focus-park">
          Park it
        </Button>
      </form>
      <ErrorNote error={park.error} />
      {session.distractions.length > 0 ? (
        <ul className="flex flex-col gap-1 text-sm" aria-label="Parked thoughts in this session" data-testid="focus-parked-now">
          {session.distractions.map((d, i) => (
            <li key={`${d.at}-${i}`} className="rounded-md bg-[var(--line)]/30 px-2 py-1">
              {d.text}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function SessionPanel({ session, receivedAt, onFinished }: { session: CurrentSession; receivedAt: number; onFinished: (r: FinishResult) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const now = useServerNow(session.serverNow, receivedAt);
  const { phase, secondsLeft } = phaseAt(session, now);
  const [taskDone, setTaskDone] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);

  // Ring on a change of phase seen on this page (not on a reload that lands mid-break).
  const seen = useRef<PhaseName>(phase);
  useEffect(() => {
    if (seen.current === phase) return;
    seen.current = phase;
    if (phase !== "focus") {
      const m = phaseMessage[phase](session);
      notify(m.title, m.body);
    }
  }, [phase, session]);

  const refreshAll = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.focus.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() }),
    ]);
  const finish = useMutation(
    trpc.focus.finish.mutationOptions({
      onSuccess: (result) => {
        onFinished(result);
        return refreshAll();
      },
    }),
  );
  const cancel = useMutation(trpc.focus.cancel.mutationOptions({ onSuccess: () => refreshAll() }));

  const minutesLeft = Math.ceil(secondsLeft / 60);
  const spoken =
    phase === "focus"
      ? `${minutesText(minutesLeft)} of focus left`
      : phase === "break"
        ? `Break: ${minutesText(minutesLeft)} left`
        : "Session over. Save it when you're ready.";
  const heading = phase === "focus" ? "Focusing" : phase === "break" ? "Break time" : "Session over";
  const message = phase === "focus" ? null : phaseMessage[phase](session);

  return (
    <section
      aria-labelledby={`${id}-h`}
      className="flex flex-col gap-5 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4"
      data-testid="focus-session"
      data-phase={phase}
      data-session-id={session.id}
    >
      <div className="flex flex-col gap-1">
        <h2 id={`${id}-h`} className="text-lg font-semibold">
          {heading}
          {session.taskTitle ? <span className="font-normal text-[var(--muted)]"> · {session.taskTitle}</span> : null}
        </h2>
        {session.ritual ? <p className="text-sm text-[var(--muted)]">Ritual: {session.ritual}</p> : null}
      </div>

      {message ? (
        <div role="status" className="rounded-lg border border-[var(--accent)] p-3" data-testid="focus-phase-message">
          <p className="font-semibold">{message.title}</p>
          <p className="text-sm">{message.body}</p>
        </div>
      ) : null}

      <div className="flex flex-col items-center gap-1">
        {/* The digits change every second, so they are hidden from screen readers; the line below speaks once a minute. */}
        <p aria-hidden="true" className="font-mono text-6xl font-semibold tabular-nums sm:text-7xl" data-testid="focus-timer">
          {phase === "done" ? "0:00" : clockText(secondsLeft)}
        </p>
        <p aria-live="polite" className="text-sm text-[var(--muted)]" data-testid="focus-timer-words">
          {spoken}
        </p>
        <p className="text-xs text-[var(--muted)]">
          {session.plannedMinutes} min focus · {session.breakMinutes} min break
        </p>
      </div>

      <NotifyButton />
      <Reminders reminders={session.reminders} />

      <ParkThought session={session} />

      <div className="flex flex-col gap-3 border-t border-[var(--line)] pt-4">
        {session.taskId && session.taskTitle ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="h-5 w-5" checked={taskDone} onChange={(e) => setTaskDone(e.target.checked)} data-testid="focus-task-done" />
            I finished “{session.taskTitle}” — tick it off too
          </label>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => finish.mutate({ id: session.id, taskDone })} disabled={finish.isPending || cancel.isPending} data-testid="focus-finish">
            {phase === "focus" ? "Finish early" : "Save session"}
          </Button>
          {confirmCancel ? (
            <span role="group" aria-label="Confirm cancel" className="flex flex-wrap items-center gap-2 text-sm">
              Cancel without counting these minutes?
              <Button variant="danger" onClick={() => cancel.mutate({ id: session.id })} disabled={cancel.isPending} data-testid="focus-cancel-confirm">
                Cancel session
              </Button>
              <Button variant="quiet" onClick={() => setConfirmCancel(false)}>
                Keep going
              </Button>
            </span>
          ) : (
            <Button variant="quiet" onClick={() => setConfirmCancel(true)} data-testid="focus-cancel">
              Cancel
            </Button>
          )}
        </div>
        <ErrorNote error={finish.error ?? cancel.error} />
      </div>
    </section>
  );
}
