"use client";
// Add a fixed event to today's plan (a meeting, the school run): the plan is laid out around it.
import { useState } from "react";
import { Button } from "../ui/button";
import type { EditPlan } from "./types";

const input = "min-h-10 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2";

export function AddEvent({ edit, busy }: { edit: EditPlan; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [start, setStart] = useState("12:00");
  const [end, setEnd] = useState("13:00");

  if (!open) {
    return (
      <Button variant="quiet" onClick={() => setOpen(true)} data-testid="plan-add-event">
        Add a fixed event
      </Button>
    );
  }
  return (
    <form
      className="flex flex-col gap-2 rounded-xl border border-[var(--line)] p-3"
      aria-label="Add a fixed event"
      onSubmit={(e) => {
        e.preventDefault();
        edit({ op: "addEvent", title, start, end }, () => {
          setTitle("");
          setOpen(false);
        });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="event-title" className="text-sm font-medium">
          What is it?
        </label>
        <input id="event-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} className={input} data-testid="event-title" />
      </div>
      <div className="flex flex-wrap gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          From
          <input type="time" required value={start} onChange={(e) => setStart(e.target.value)} className={input} data-testid="event-start" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          To
          <input type="time" required value={end} onChange={(e) => setEnd(e.target.value)} className={input} data-testid="event-end" />
        </label>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy} data-testid="event-save">
          Add to the plan
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
