"use client";
// Start a focus session: pick a task (and one of its steps, if you like), a preset (25/5, 50/10 or
// your own), and the ritual the coach suggests from your past sessions and today's energy — yours
// to accept or edit. If another tab already started one, offer to end it and start this one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { Field } from "../ui/field";

type TaskNode = inferRouterOutputs<AppRouter>["task"]["get"];

const PRESETS = [
  { id: "25/5", label: "25 min focus / 5 min break", focusMinutes: 25, breakMinutes: 5 },
  { id: "50/10", label: "50 min focus / 10 min break", focusMinutes: 50, breakMinutes: 10 },
] as const;
type PresetId = (typeof PRESETS)[number]["id"] | "custom";

/** Open steps under a task, depth first, with their nesting for the label. */
function openSteps(node: TaskNode, depth = 1): { id: string; title: string; depth: number }[] {
  return node.steps.flatMap((s) => (s.status === "done" || s.status === "archived" ? [] : [{ id: s.id, title: s.title, depth }, ...openSteps(s, depth + 1)]));
}

function isConflict(error: unknown): boolean {
  return (error as { data?: { code?: string } } | null)?.data?.code === "CONFLICT";
}

export function StartForm({ initialTaskId }: { initialTaskId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const initial = useQuery({ ...trpc.task.get.queryOptions({ id: initialTaskId ?? "" }), enabled: Boolean(initialTaskId) });
  const list = useQuery(trpc.task.list.queryOptions({ status: ["todo", "doing"] }));
  // The link may point at a step: then the parent is the task and the step is preselected.
  const linked = initial.data;
  const [taskChoice, setTaskChoice] = useState<string | null>(null);
  const [stepChoice, setStepChoice] = useState<string | null>(null);
  const taskId = taskChoice ?? (linked ? (linked.parentId ?? linked.id) : "");
  const stepId = stepChoice ?? (linked?.parentId && taskChoice === null ? linked.id : "");
  const tree = useQuery({ ...trpc.task.get.queryOptions({ id: taskId }), enabled: Boolean(taskId) });
  const steps = tree.data ? openSteps(tree.data) : [];
  const target = stepId || taskId || undefined;

  const [preset, setPreset] = useState<PresetId | null>(null);
  const [custom, setCustom] = useState({ focus: "30", break: "5" });
  const advice = useQuery(trpc.focus.suggestRitual.queryOptions({ taskId: target }));
  const [ritualEdit, setRitualEdit] = useState<string | null>(null);
  const ritual = ritualEdit ?? advice.data?.ritual ?? "";
  const suggestedPreset = advice.data ? PRESETS.find((p) => p.focusMinutes === advice.data.preset.focusMinutes)?.id : undefined;
  const chosen: PresetId = preset ?? suggestedPreset ?? "25/5";
  const minutes =
    chosen === "custom"
      ? { focusMinutes: Number(custom.focus), breakMinutes: Number(custom.break) }
      : { focusMinutes: PRESETS.find((p) => p.id === chosen)!.focusMinutes, breakMinutes: PRESETS.find((p) => p.id === chosen)!.breakMinutes };

  const start = useMutation(
    trpc.focus.start.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.focus.pathKey() }),
    }),
  );
  const submit = (endRunning: boolean) =>
    start.mutate({ taskId: target, ...minutes, ritual: ritual.trim() || undefined, ...(endRunning ? { endRunning } : {}) });

  const topTasks = list.data ?? [];
  const linkedMissing = linked && !linked.parentId && !topTasks.some((t) => t.id === linked.id);
  const linkedParentMissing = linked?.parentId && !topTasks.some((t) => t.id === linked.parentId);

  return (
    <form
      aria-labelledby={`${id}-h`}
      className="flex flex-col gap-5 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
      data-testid="focus-start-form"
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        Start a session
      </h2>
      <ErrorNote error={initial.error} />

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-task`} className="text-sm font-medium">
          What will you focus on?
        </label>
        <select
          id={`${id}-task`}
          value={taskId}
          onChange={(e) => {
            setTaskChoice(e.target.value);
            setStepChoice("");
          }}
          className="min-h-11 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
          data-testid="focus-task"
        >
          <option value="">Nothing in particular</option>
          {linkedMissing ? <option value={linked.id}>{linked.title}</option> : null}
          {linkedParentMissing && linked.parentId ? <option value={linked.parentId}>The task of “{linked.title}”</option> : null}
          {topTasks.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
      </div>

      {taskId && steps.length > 0 ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-step`} className="text-sm font-medium">
            Just one step?
          </label>
          <select
            id={`${id}-step`}
            value={stepId}
            onChange={(e) => setStepChoice(e.target.value)}
            className="min-h-11 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
            data-testid="focus-step"
          >
            <option value="">The whole task</option>
            {steps.map((s) => (
              <option key={s.id} value={s.id}>
                {"– ".repeat(s.depth)}
                {s.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">How long?</legend>
        {[...PRESETS, { id: "custom" as const, label: "My own lengths" }].map((p) => (
          <label key={p.id} className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${id}-preset`} value={p.id} checked={chosen === p.id} onChange={() => setPreset(p.id)} className="h-4 w-4" data-testid={`focus-preset-${p.id}`} />
            {p.label}
            {p.id === suggestedPreset && advice.data?.energy !== "unknown" ? <span className="text-xs text-[var(--muted)]">(suits today’s energy)</span> : null}
          </label>
        ))}
        {chosen === "custom" ? (
          <div className="grid grid-cols-2 gap-3">
            <Field id={`${id}-focus`} label="Focus minutes (5–180)" type="number" inputMode="numeric" min={5} max={180} value={custom.focus} onChange={(e) => setCustom((c) => ({ ...c, focus: e.target.value }))} data-testid="focus-custom-focus" />
            <Field id={`${id}-break`} label="Break minutes (0–60)" type="number" inputMode="numeric" min={0} max={60} value={custom.break} onChange={(e) => setCustom((c) => ({ ...c, break: e.target.value }))} data-testid="focus-custom-break" />
          </div>
        ) : null}
      </fieldset>

      <div className="flex flex-col gap-2">
        <label htmlFor={`${id}-ritual`} className="text-sm font-medium">
          Your ritual before you start
        </label>
        {advice.data ? (
          <p className="text-sm text-[var(--muted)]" data-testid="focus-ritual-why">
            The coach suggests this: {advice.data.why}
          </p>
        ) : advice.isPending ? (
          <p className="text-sm text-[var(--muted)]">The coach is thinking of a ritual…</p>
        ) : null}
        <textarea
          id={`${id}-ritual`}
          value={ritual}
          maxLength={500}
          rows={2}
          onChange={(e) => setRitualEdit(e.target.value)}
          className="rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
          data-testid="focus-ritual"
        />
        {advice.data && advice.data.alternatives.length > 0 ? (
          <div className="flex flex-wrap gap-2" role="group" aria-label="Other rituals">
            {advice.data.alternatives.map((alt) => (
              <Button key={alt} variant="quiet" className="min-h-9 px-2 py-1 text-xs" onClick={() => setRitualEdit(alt)}>
                Use: {alt}
              </Button>
            ))}
          </div>
        ) : null}
        <ErrorNote error={advice.error} retry={() => void advice.refetch()} />
      </div>

      <Button type="submit" className="self-start text-base" disabled={start.isPending} data-testid="focus-start">
        {start.isPending ? "Starting…" : `Start ${minutes.focusMinutes || "?"}-minute focus`}
      </Button>
      <ErrorNote error={start.error} />
      {isConflict(start.error) ? (
        <Button variant="quiet" className="self-start" onClick={() => submit(true)} disabled={start.isPending} data-testid="focus-end-and-start">
          End the running one and start this
        </Button>
      ) : null}
    </form>
  );
}
