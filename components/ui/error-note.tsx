"use client";
// Shows an error in words, with a retry when one makes sense. Errors are never swallowed.
import { errorMessage } from "../trpc/client";
import { Button } from "./button";

export function ErrorNote({ error, retry }: { error: unknown; retry?: () => void }) {
  if (!error) return null;
  return (
    <div role="alert" className="flex items-center justify-between gap-3 rounded-lg border border-[var(--danger)] p-3 text-sm text-[var(--danger)]" data-testid="error-note">
      <span>{errorMessage(error)}</span>
      {retry ? (
        <Button variant="quiet" onClick={retry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
