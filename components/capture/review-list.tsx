"use client";
// The review step of a capture: every task the coach found, editable (title, due date and time, life
// area) or removable, then "Save N tasks". Nothing is saved until the user says so.
import type { LifeArea } from "@/server/chains/capture";
import { Button } from "../ui/button";
import { AREA_LABELS, AREAS, type PartialCapture } from "./use-capture-stream";

export interface Draft {
  key: string;
  title: string;
  /** "YYYY-MM-DD" or "" (no due). */
  date: string;
  /** "HH:mm" or "" (any time that day). */
  time: string;
  area: LifeArea;
  notes: string | null;
  estimateMinutes: number | null;
  priority: "low" | "medium" | "high" | "urgent";
}

const DUE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/;

/** The coach's tasks as drafts; a due that is not a date (a model may say "next friday") is left empty. */
export function toDrafts(tasks: PartialCapture["tasks"], complete: boolean): Draft[] {
  return (tasks ?? [])
    .filter((t): t is NonNullable<typeof t> => Boolean(t?.title?.trim()))
    // A stopped stream may end inside a task: keep only the ones that arrived whole (area comes last).
    .filter((t) => complete || t.area !== undefined)
    .map((t, i) => {
      const due = DUE.exec(t.due ?? "");
      return {
        key: `${i}-${t.title}`,
        title: (t.title ?? "").trim(),
        date: due?.[1] ?? "",
        time: due?.[2] ?? "",
        area: AREAS.includes(t.area as LifeArea) ? (t.area as LifeArea) : "other",
        notes: t.notes ?? null,
        estimateMinutes: typeof t.estimateMinutes === "number" ? t.estimateMinutes : null,
        priority: t.priority ?? "medium",
      };
    });
}

/** What task.captureConfirm takes for a draft. */
export function toConfirm(d: Draft) {
  return {
    title: d.title.trim(),
    notes: d.notes,
    due: d.date ? (d.time ? `${d.date}T${d.time}` : d.date) : null,
    estimateMinutes: d.estimateMinutes,
    priority: d.priority,
    area: d.area,
  };
}

const input = "min-h-10 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-2 py-1 text-base";

function DraftRow({ draft, index, onChange, onRemove }: { draft: Draft; index: number; onChange: (d: Draft) => void; onRemove: () => void }) {
  const id = `capture-${index}`;
  return (
    <li className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3" data-testid="capture-review-item" data-title={draft.title}>
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-title`} className="sr-only">
          Task {index + 1} title
        </label>
        <input
          id={`${id}-title`}
          value={draft.title}
          onChange={(e) => onChange({ ...draft, title: e.target.value })}
          maxLength={500}
          aria-invalid={draft.title.trim() === "" ? true : undefined}
          className={`${input} flex-1 font-medium`}
          data-testid="capture-review-title"
        />
        <Button variant="quiet" className="min-h-9 px-2 py-1 text-xs" onClick={onRemove} aria-label={`Remove “${draft.title}”`} data-testid="capture-review-remove">
          Remove
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          <span className="text-[var(--muted)]">Due</span>
          <input type="date" value={draft.date} onChange={(e) => onChange({ ...draft, date: e.target.value, time: e.target.value ? draft.time : "" })} className={input} data-testid="capture-review-date" />
        </label>
        <label className="flex items-center gap-1">
          <span className="text-[var(--muted)]">at</span>
          <input type="time" value={draft.time} disabled={!draft.date} onChange={(e) => onChange({ ...draft, time: e.target.value })} className={input} data-testid="capture-review-time" />
        </label>
        <label className="flex items-center gap-1">
          <span className="text-[var(--muted)]">Area</span>
          <select value={draft.area} onChange={(e) => onChange({ ...draft, area: e.target.value as LifeArea })} className={input} data-testid="capture-review-area">
            {AREAS.map((a) => (
              <option key={a} value={a}>
                {AREA_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        {draft.estimateMinutes ? <span className="text-xs text-[var(--muted)]">~{draft.estimateMinutes} min</span> : null}
        {draft.priority === "high" || draft.priority === "urgent" ? (
          <span className="text-xs font-medium text-[var(--danger)]">{draft.priority === "urgent" ? "Urgent" : "High priority"}</span>
        ) : null}
      </div>
      {draft.notes ? <p className="text-xs text-[var(--muted)]">{draft.notes}</p> : null}
    </li>
  );
}

export function ReviewList({
  drafts,
  onChange,
  onSave,
  onDiscard,
  saving,
}: {
  drafts: Draft[];
  onChange: (drafts: Draft[]) => void;
  onSave: () => void;
  onDiscard: () => void;
  saving: boolean;
}) {
  const blank = drafts.some((d) => d.title.trim() === "");
  const n = drafts.length;
  return (
    <div className="flex flex-col gap-3">
      {n === 0 ? (
        <p className="text-sm text-[var(--muted)]" data-testid="capture-review-empty">
          No tasks to save. Discard this and write some more.
        </p>
      ) : (
        <p className="text-sm text-[var(--muted)]">Check these before they go on your list: fix a title, a date or an area, or remove what you don&apos;t need.</p>
      )}
      <ul className="flex flex-col gap-2" aria-label="Tasks to review" data-testid="capture-review">
        {drafts.map((draft, i) => (
          <DraftRow
            key={draft.key}
            draft={draft}
            index={i}
            onChange={(d) => onChange(drafts.map((x) => (x.key === draft.key ? d : x)))}
            onRemove={() => onChange(drafts.filter((x) => x.key !== draft.key))}
          />
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={onSave} disabled={n === 0 || blank || saving} aria-busy={saving} data-testid="capture-save">
          {saving ? "Saving…" : `Save ${n} task${n === 1 ? "" : "s"}`}
        </Button>
        <Button variant="quiet" onClick={onDiscard} disabled={saving} data-testid="capture-discard">
          Discard
        </Button>
        {blank ? <span className="text-sm text-[var(--danger)]">Every task needs a title.</span> : null}
      </div>
    </div>
  );
}
