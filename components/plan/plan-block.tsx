"use client";
// One block of the day plan: its time, what it is and why it sits there; a task or event can be
// moved to another time or taken out of today.
import { useState } from "react";
import { Button } from "../ui/button";
import { clockTime, duration, minutesBetween } from "./format";
import type { Block, EditPlan } from "./types";

const kindStyle: Record<Block["kind"], string> = {
  task: "border-[var(--line)] bg-[var(--panel)]",
  break: "border-dashed border-[var(--line)] bg-transparent text-[var(--muted)]",
  event: "border-[var(--accent)] bg-[var(--panel)]",
};

export function PlanBlock({
  block,
  index,
  timeZone,
  done,
  edit,
  busy,
}: {
  block: Block;
  index: number;
  timeZone: string;
  done: boolean;
  edit: EditPlan;
  busy: boolean;
}) {
  const [moving, setMoving] = useState(false);
  const [start, setStart] = useState(() => clockTime(block.start, timeZone));
  const range = `${clockTime(block.start, timeZone)}–${clockTime(block.end, timeZone)}`;
  const editable = block.kind !== "break";
  const ref = { index, blockStart: block.start };

  return (
    <li
      className={`flex flex-col gap-1 rounded-xl border p-3 ${kindStyle[block.kind]}`}
      data-testid="plan-block"
      data-kind={block.kind}
      data-title={block.title}
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-mono text-sm tabular-nums" data-testid="plan-block-time">
          <time dateTime={block.start}>{range}</time>
        </span>
        <span className={`min-w-0 flex-1 break-words font-medium ${done ? "text-[var(--muted)] line-through" : ""}`}>
          {block.kind === "event" ? <span className="sr-only">Fixed event: </span> : null}
          {block.title}
          {done ? <span className="sr-only"> (done)</span> : null}
        </span>
        <span className="text-xs text-[var(--muted)]">{duration(minutesBetween(block.start, block.end))}</span>
      </div>
      {block.why ? (
        <p className="text-sm text-[var(--muted)]" data-testid="plan-block-why">
          {block.why}
        </p>
      ) : null}
      {editable ? (
        moving ? (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              edit({ op: "move", ...ref, start }, () => setMoving(false));
            }}
          >
            <label className="flex flex-col gap-1 text-sm">
              New start
              <input
                type="time"
                required
                value={start}
                onChange={(e) => setStart(e.target.value)}
                className="min-h-9 rounded-md border border-[var(--line)] bg-[var(--panel)] px-2"
                data-testid="plan-block-start"
              />
            </label>
            <Button type="submit" disabled={busy} data-testid="plan-block-move-save">
              Move
            </Button>
            <Button variant="quiet" onClick={() => setMoving(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          <div className="flex gap-2">
            <Button
              variant="quiet"
              className="min-h-8 px-2 py-1 text-xs"
              onClick={() => setMoving(true)}
              disabled={busy}
              aria-label={`Move “${block.title}” to another time`}
              data-testid="plan-block-move"
            >
              Move
            </Button>
            <Button
              variant="quiet"
              className="min-h-8 px-2 py-1 text-xs"
              onClick={() => edit({ op: "remove", ...ref })}
              disabled={busy}
              aria-label={block.kind === "event" ? `Remove the event “${block.title}”` : `Not today: “${block.title}”`}
              data-testid="plan-block-remove"
            >
              {block.kind === "event" ? "Remove" : "Not today"}
            </Button>
          </div>
        )
      ) : null}
    </li>
  );
}
