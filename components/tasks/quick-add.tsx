"use client";
// Quick add: type a task, press Enter. The text stays in the box if saving fails.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";

export function QuickAdd() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const create = useMutation(
    trpc.task.create.mutationOptions({
      onSuccess: () => {
        setTitle("");
        void queryClient.invalidateQueries({ queryKey: trpc.task.list.queryKey() });
      },
    }),
  );
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim() && !create.isPending) create.mutate({ title });
      }}
    >
      <label htmlFor="quick-add" className="text-sm font-medium">
        Add a task
      </label>
      <input
        id="quick-add"
        data-testid="quick-add"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder="What's on your mind? Press Enter to add"
        maxLength={500}
        aria-busy={create.isPending}
        className="min-h-12 rounded-xl border border-[var(--line)] bg-[var(--panel)] px-4 py-3 text-base shadow-sm"
        autoComplete="off"
      />
      <ErrorNote error={create.error} />
    </form>
  );
}
