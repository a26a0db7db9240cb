"use client";
// After a task is ticked: what it earned, any achievement it unlocked, a word from the coach, and "Add proof (+bonus)" — text,
// a link or a photo — with the checker's verdict and reason. Ticking never waits for proof; proof only
// adds a bonus. The last result per task lives in a tiny store, because a ticked task moves from the
// To-do list to Done (a fresh component) and the feedback must still be there.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useState, useSyncExternalStore } from "react";
import type { AppRouter } from "@/server/api/root";
import { UnlockedAchievements } from "../rewards/unlocked-achievements";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

type CompleteResult = inferRouterOutputs<AppRouter>["task"]["complete"];
type ProofKind = "text" | "link" | "image";

const MAX_IMAGE_BYTES = 1.5 * 1024 * 1024;
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

const results = new Map<string, CompleteResult>();
const listeners = new Set<() => void>();

/** Keeps the latest completion result of a task for the feedback below it. */
export function rememberCompletion(taskId: string, result: CompleteResult): void {
  results.set(taskId, result);
  listeners.forEach((listener) => listener());
}

function useCompletion(taskId: string): CompleteResult | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => results.get(taskId),
    () => undefined,
  );
}

const verdictText = { accepted: "Proof accepted", needs_more: "Needs a bit more", rejected: "Proof not accepted" } as const;

function Feedback({ result }: { result: CompleteResult }) {
  const { validation, points, motivation, proofNote, achievements } = result;
  const bonus = validation?.verdict === "accepted" && points.awarded > 0;
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-1 rounded-lg bg-[var(--line)]/30 p-3 text-sm" data-testid="completion-feedback">
      {validation ? (
        <p data-testid="proof-verdict" data-verdict={validation.verdict}>
          <strong>{verdictText[validation.verdict]}</strong>
          {validation.provider === "offline" ? <span className="text-[var(--muted)]"> · offline coach</span> : null}
          {" — "}
          <span data-testid="proof-reason">{validation.reason}</span>
        </p>
      ) : null}
      {proofNote ? <p>{proofNote}</p> : null}
      <p data-testid="points-earned">
        {points.awarded > 0 ? `+${points.awarded} points${bonus ? " (with the proof bonus)" : ""}` : "No new points this time"}
        {` · ${points.total} in total`}
      </p>
      <UnlockedAchievements achievements={achievements} />
      {motivation ? (
        <p className="text-[var(--muted)]" data-testid="motivation">
          {motivation.message}
        </p>
      ) : null}
    </div>
  );
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("Could not read the file"));
    reader.readAsDataURL(file);
  });
}

function ProofDialog({ taskId, title, onClose }: { taskId: string; title: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<ProofKind>("text");
  const [text, setText] = useState("");
  const [link, setLink] = useState("");
  const [caption, setCaption] = useState("");
  const [image, setImage] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const complete = useMutation(
    trpc.task.complete.mutationOptions({
      onSuccess: async (result) => {
        rememberCompletion(taskId, result);
        onClose();
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() }),
        ]);
      },
    }),
  );

  const onFile = async (file: File | undefined) => {
    setImage(null);
    setFileError(null);
    if (!file) return;
    if (!IMAGE_TYPES.includes(file.type)) return setFileError("Choose a PNG, JPEG or WebP image.");
    if (file.size > MAX_IMAGE_BYTES) return setFileError("That image is over 1.5 MB. Try a smaller one or a screenshot.");
    try {
      setImage(await readAsDataUrl(file));
    } catch {
      setFileError("That file couldn't be read. Try another one.");
    }
  };

  const proof =
    kind === "text"
      ? text.trim() && { kind, value: text }
      : kind === "link"
        ? link.trim() && { kind, value: link.trim(), caption: caption.trim() || undefined }
        : image && { kind, value: image, caption: caption.trim() || undefined };

  return (
    <form
      className="flex flex-col gap-3 rounded-lg border border-[var(--line)] p-3"
      aria-label={`Add proof for “${title}”`}
      data-testid="proof-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (proof && !complete.isPending) complete.mutate({ id: taskId, proof });
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="mb-1 font-medium">Proof is optional and earns bonus points. What do you have?</legend>
        {(["text", "link", "image"] as const).map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`proof-kind-${k}`} />
            {k === "text" ? "A few words" : k === "link" ? "A link" : "A photo"}
          </label>
        ))}
      </fieldset>
      {kind === "text" ? (
        <label className="flex flex-col gap-1 text-sm">
          What did you do? Details help: how long, how much, what exactly.
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={4000}
            rows={3}
            autoFocus
            className="rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
            data-testid="proof-text"
          />
        </label>
      ) : null}
      {kind === "link" ? (
        <label className="flex flex-col gap-1 text-sm">
          Link to the result (https://…)
          <input
            type="url"
            value={link}
            onChange={(e) => setLink(e.target.value)}
            placeholder="https://"
            maxLength={2000}
            autoFocus
            className="min-h-11 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
            data-testid="proof-link"
          />
        </label>
      ) : null}
      {kind === "image" ? (
        <label className="flex flex-col gap-1 text-sm">
          A photo or screenshot (PNG, JPEG or WebP, up to 1.5 MB)
          <input type="file" accept={IMAGE_TYPES.join(",")} onChange={(e) => void onFile(e.target.files?.[0])} data-testid="proof-image" />
        </label>
      ) : null}
      {fileError ? (
        <p role="alert" className="text-sm text-[var(--danger)]">
          {fileError}
        </p>
      ) : null}
      {kind !== "text" ? (
        <label className="flex flex-col gap-1 text-sm">
          Caption (optional): what does it show?
          <input
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
            maxLength={500}
            className="min-h-11 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
            data-testid="proof-caption"
          />
        </label>
      ) : null}
      <ErrorNote error={complete.error} />
      <div className="flex gap-2">
        <Button type="submit" disabled={!proof || complete.isPending} aria-busy={complete.isPending} data-testid="proof-submit">
          {complete.isPending ? "Checking…" : "Send proof"}
        </Button>
        <Button variant="quiet" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Under a task: the latest completion feedback, and the way to add proof for a bonus. */
export function CompletionFeedback({ task }: { task: { id: string; title: string } }) {
  const result = useCompletion(task.id);
  const [open, setOpen] = useState(false);
  // Closing the form puts focus back on the button that opened it.
  const [returnFocus, setReturnFocus] = useState(false);
  const close = () => {
    setOpen(false);
    setReturnFocus(true);
  };
  const proofDone = result?.validation?.verdict === "accepted";
  return (
    <div className="mt-2 flex flex-col gap-2">
      {result ? <Feedback result={result} /> : null}
      {open ? (
        <ProofDialog taskId={task.id} title={task.title} onClose={close} />
      ) : proofDone ? null : (
        <div>
          <Button autoFocus={returnFocus} variant="quiet" className="min-h-8 px-2 py-1 text-xs" onClick={() => setOpen(true)} data-testid="add-proof">
            Add proof (+bonus)
          </Button>
        </div>
      )}
    </div>
  );
}
