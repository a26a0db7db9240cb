"use client";
// The user's conversations with the coach: open one, start a new one, rename or delete (after a
// confirm). Newest activity first.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";

function Row({
  id,
  title,
  active,
  onOpen,
  onDeleted,
}: {
  id: string;
  title: string;
  active: boolean;
  onOpen: (id: string) => void;
  onDeleted: (id: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "rename" | "confirm">("view");
  const [draft, setDraft] = useState(title);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.conversation.list.queryKey() });
  const rename = useMutation(
    trpc.conversation.rename.mutationOptions({
      onSuccess: () => {
        setMode("view");
        void refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.conversation.delete.mutationOptions({
      onSuccess: () => {
        onDeleted(id);
        void refresh();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ id, title: draft });
  };

  return (
    <li className={`flex flex-col gap-1 rounded-lg border px-2 py-1 ${active ? "border-[var(--accent)]" : "border-[var(--line)]"}`} data-testid="conversation-item">
      {mode === "rename" ? (
        <form onSubmit={submit} className="flex flex-col gap-1">
          <label htmlFor={`rename-${id}`} className="text-xs font-medium">
            New title
          </label>
          <input
            id={`rename-${id}`}
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            className="min-h-9 rounded border border-[var(--line)] bg-[var(--panel)] px-2 text-sm"
            data-testid="conversation-rename-input"
          />
          <div className="flex gap-1">
            <Button type="submit" disabled={rename.isPending || !draft.trim()} data-testid="conversation-rename-save">
              Save
            </Button>
            <Button variant="quiet" onClick={() => setMode("view")}>
              Cancel
            </Button>
          </div>
          <ErrorNote error={rename.error} />
        </form>
      ) : (
        <button
          type="button"
          onClick={() => onOpen(id)}
          aria-current={active ? "page" : undefined}
          className="min-h-9 truncate text-left text-sm font-medium"
          data-testid="conversation-open"
        >
          {title}
        </button>
      )}
      {mode === "view" ? (
        <div className="flex gap-2 text-xs">
          <button type="button" className="text-[var(--muted)] underline" onClick={() => { setDraft(title); setMode("rename"); }} aria-label={`Rename “${title}”`} data-testid="conversation-rename">
            Rename
          </button>
          <button type="button" className="text-[var(--danger)] underline" onClick={() => setMode("confirm")} aria-label={`Delete “${title}”`} data-testid="conversation-delete">
            Delete
          </button>
        </div>
      ) : null}
      {mode === "confirm" ? (
        <div role="group" aria-label="Confirm delete" className="flex flex-col gap-1 text-xs">
          <p>Delete this conversation for good?</p>
          <div className="flex gap-1">
            <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ id })} data-testid="conversation-delete-confirm">
              Delete
            </Button>
            <Button variant="quiet" onClick={() => setMode("view")}>
              Keep
            </Button>
          </div>
          <ErrorNote error={remove.error} />
        </div>
      ) : null}
    </li>
  );
}

export function ConversationList({
  activeId,
  onOpen,
  onNew,
  onDeleted,
}: {
  activeId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onDeleted: (id: string) => void;
}) {
  const trpc = useTRPC();
  const list = useQuery(trpc.conversation.list.queryOptions());
  return (
    <nav aria-labelledby="conversations-heading" className="flex flex-col gap-2" data-testid="conversation-list">
      <div className="flex items-center justify-between gap-2">
        <h2 id="conversations-heading" className="text-lg font-semibold">
          Conversations
        </h2>
        <Button variant="quiet" onClick={onNew} data-testid="conversation-new">
          New
        </Button>
      </div>
      <ErrorNote error={list.error} retry={() => void list.refetch()} />
      {list.data && list.data.length === 0 ? <p className="text-sm text-[var(--muted)]">No conversations yet.</p> : null}
      <ul className="flex flex-col gap-1">
        {list.data?.map((c) => (
          <Row key={c.id} id={c.id} title={c.title} active={c.id === activeId} onOpen={onOpen} onDeleted={onDeleted} />
        ))}
      </ul>
    </nav>
  );
}
