"use client";
// "Forget everything": a modal dialog asks first (a second, deliberate click), then deletes every
// memory of the user. The native <dialog> gives focus trapping and Escape to cancel.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

export function ForgetAll({ total }: { total: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const forgetAll = useMutation(
    trpc.memory.forgetAll.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.memory.pathKey() }),
    }),
  );
  return (
    <section aria-labelledby="forget-all-heading" className="flex flex-col gap-2 rounded-xl border border-[var(--danger)]/40 p-4">
      <h2 id="forget-all-heading" className="font-semibold">
        Forget everything
      </h2>
      <p className="text-sm text-[var(--muted)]">
        The coach starts over with no memory of you. Your tasks stay; only what it remembers goes.
      </p>
      <Button
        variant="danger"
        className="self-start"
        disabled={total === 0}
        onClick={() => {
          forgetAll.reset();
          dialog.current?.showModal();
        }}
        data-testid="memory-forget-all"
      >
        Forget all {total > 0 ? `${total} memories` : "memories"}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="forget-all-title"
        aria-describedby="forget-all-desc"
        className="m-auto max-w-md rounded-2xl border border-[var(--line)] bg-[var(--panel)] p-5 text-[var(--ink)] shadow-lg backdrop:bg-black/50"
        data-testid="memory-forget-all-dialog"
      >
        <h3 id="forget-all-title" className="text-lg font-semibold">
          Forget everything the coach remembers?
        </h3>
        <p id="forget-all-desc" className="mt-2 text-sm">
          This deletes all {total} memories for good, including what shapes your breakdowns and plans. It cannot be undone.
        </p>
        <ErrorNote error={forgetAll.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="quiet" onClick={() => dialog.current?.close()} autoFocus data-testid="memory-forget-all-cancel">
            Keep my memories
          </Button>
          <Button variant="danger" onClick={() => forgetAll.mutate(undefined, { onSuccess: () => dialog.current?.close() })} disabled={forgetAll.isPending} data-testid="memory-forget-all-confirm">
            {forgetAll.isPending ? "Forgetting…" : "Yes, forget everything"}
          </Button>
        </div>
      </dialog>
    </section>
  );
}
