"use client";
// Picks the compass zone of one task (or none): a labelled native select, saved on change.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";

type Zone = inferRouterOutputs<AppRouter>["zone"]["list"][number];

export function TaskZonePicker({ taskId, title, area, zones }: { taskId: string; title: string; area: string | null; zones?: Zone[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fetched = useQuery({ ...trpc.zone.list.queryOptions(), enabled: zones === undefined });
  const list = zones ?? fetched.data ?? [];
  const tag = useMutation(
    trpc.zone.tagTask.mutationOptions({
      onSuccess: () =>
        Promise.all([queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.zone.pathKey() })]),
    }),
  );
  // An area from the coach that is not one of the user's zones shows as itself until changed.
  const unknown = area !== null && !list.some((z) => z.key === area);
  return (
    <span className="flex flex-col gap-1">
      <select
        aria-label={`Zone of “${title}”`}
        value={area ?? ""}
        disabled={tag.isPending || (zones === undefined && fetched.isPending)}
        onChange={(e) => tag.mutate({ taskId, key: e.target.value === "" ? null : e.target.value })}
        className="min-h-10 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-2 py-1 text-sm"
        data-testid="task-zone"
      >
        <option value="">No zone</option>
        {unknown ? <option value={area}>{area}</option> : null}
        {list.map((z) => (
          <option key={z.key} value={z.key}>
            {z.emoji ? `${z.emoji} ` : ""}
            {z.name}
          </option>
        ))}
      </select>
      <ErrorNote error={tag.error} />
    </span>
  );
}
