"use client";
// "Brain dump" on Today: paste or type everything on your mind (or an email), press Capture, watch the
// coach pull tasks out of it one by one (Stop any time), review and edit them, then save them all.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { type Draft, ReviewList, toConfirm, toDrafts } from "./review-list";
import { type PartialCapture, useCaptureStream } from "./use-capture-stream";
import { OfflineBadge } from "../ui/offline-badge";

const MAX_CHARS = 8000;

/** The tasks so far, as they stream in. */
function Streaming({ partial, stop }: { partial: PartialCapture | undefined; stop: () => void }) {
  const tasks = (partial?.tasks ?? []).filter((t) => t?.title);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <p role="status" aria-live="polite" className="text-sm text-[var(--muted)]" data-testid="capture-progress">
          Reading your text… {tasks.length} task{tasks.length === 1 ? "" : "s"} so far
        </p>
        <Button variant="quiet" onClick={stop} data-testid="capture-stop">
          Stop
        </Button>
      </div>
      <div className="h-1 overflow-hidden rounded bg-[var(--line)]" aria-hidden>
        <div className="h-full w-1/3 animate-pulse rounded bg-[var(--accent)]" />
      </div>
      <ul className="flex flex-col gap-1" data-testid="capture-streaming">
        {tasks.map((t, i) => (
          <li key={i} className="rounded-lg border border-dashed border-[var(--line)] px-3 py-2 text-sm" data-testid="capture-streaming-item">
            {t?.title}
            {t?.due ? <span className="ml-2 text-xs text-[var(--muted)]">due {t.due.replace("T", " ")}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CapturePanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const textId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const stream = useCaptureStream(({ tasks, complete }) => setDrafts(toDrafts(tasks, complete)));
  const confirm = useMutation(
    trpc.task.captureConfirm.mutationOptions({
      onSuccess: async ({ tasks }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
        setSaved(tasks.length);
        setDrafts(null);
        setText("");
        stream.reset();
      },
    }),
  );

  const capture = () => {
    if (!text.trim() || stream.streaming) return;
    setSaved(null);
    setDrafts(null);
    confirm.reset();
    stream.start(text);
  };

  return (
    <section aria-labelledby={`${textId}-heading`} className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3 shadow-sm" data-testid="brain-dump">
      <div className="flex items-center justify-between gap-2">
        <h2 id={`${textId}-heading`} className="text-lg font-semibold">
          Brain dump
        </h2>
        <div className="flex items-center gap-2">
          <OfflineBadge coach={stream.coach} testId="capture-offline-badge" />
          <Button
            variant="quiet"
            aria-expanded={open}
            aria-controls={`${textId}-panel`}
            aria-label={open ? "Close the brain dump" : "Open the brain dump"}
            onClick={() => setOpen((v) => !v)}
            data-testid="brain-dump-toggle"
          >
            {open ? "Close" : "Open"}
          </Button>
        </div>
      </div>
      {saved !== null && !open ? (
        <p role="status" className="text-sm text-[var(--muted)]" data-testid="capture-saved">
          Saved {saved} task{saved === 1 ? "" : "s"} to your list.
        </p>
      ) : null}
      {open ? (
        <div id={`${textId}-panel`} className="flex flex-col gap-3">
          {drafts === null ? (
            <form
              className="flex flex-col gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                capture();
              }}
            >
              <label htmlFor={textId} className="text-sm text-[var(--muted)]">
                Everything on your mind, or a pasted email. The coach pulls out the tasks; you check them before they are saved.
              </label>
              <textarea
                id={textId}
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) capture();
                }}
                rows={5}
                maxLength={MAX_CHARS}
                disabled={stream.streaming}
                placeholder="e.g. call mom tomorrow at 5pm, buy milk and eggs, the report is due friday…"
                className="rounded-xl border border-[var(--line)] bg-[var(--bg)] px-3 py-2 text-base"
                data-testid="capture-text"
              />
              {stream.streaming ? (
                <Streaming partial={stream.partial} stop={stream.stop} />
              ) : (
                <div className="flex items-center gap-2">
                  <Button type="submit" disabled={!text.trim()} data-testid="capture-submit">
                    Capture
                  </Button>
                  <span className="text-xs text-[var(--muted)]">
                    {text.length > MAX_CHARS * 0.9 ? `${text.length}/${MAX_CHARS} characters` : "Ctrl+Enter works too"}
                  </span>
                </div>
              )}
              {stream.error ? (
                <p role="alert" className="rounded-lg border border-[var(--danger)] p-3 text-sm text-[var(--danger)]" data-testid="capture-error">
                  {stream.error}
                </p>
              ) : null}
            </form>
          ) : (
            <ReviewList
              drafts={drafts}
              onChange={setDrafts}
              saving={confirm.isPending}
              onSave={() => {
                if (drafts.length) confirm.mutate({ tasks: drafts.map(toConfirm) });
              }}
              onDiscard={() => {
                setDrafts(null);
                stream.reset();
              }}
            />
          )}
          <ErrorNote error={confirm.error} />
          {saved !== null && drafts === null && !stream.streaming ? (
            <p role="status" className="text-sm text-[var(--muted)]" data-testid="capture-saved">
              Saved {saved} task{saved === 1 ? "" : "s"} to your list.
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
