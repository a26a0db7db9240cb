// Hooks other layers call to record what the user did, in words the coach can read later. Task
// events are written by server/orchestrator/tasks.ts; settings changes come through here.
import "server-only";
import type { Db } from "../db/client";
import { log } from "../log";
import type { MemoryItem } from "./rows";
import { remember } from "./store";

const settingLabels: Record<string, string> = {
  workdayStartMinute: "workday start",
  workdayEndMinute: "workday end",
  energyPattern: "energy peak",
  coachTone: "coach tone",
  timeZone: "time zone",
};

function show(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "not set";
  if ((key === "workdayStartMinute" || key === "workdayEndMinute") && typeof value === "number") {
    return `${String(Math.floor(value / 60)).padStart(2, "0")}:${String(value % 60).padStart(2, "0")}`;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Nested `preferences` (onboarding answers…) are compared one key deep, as "preferences.goal". */
function flatten(settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key === "preferences" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) out[`preferences.${inner}`] = v;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Remembers a change of the user's settings/preferences (kind `preferences.updated`, long-term) when
 * something actually changed; pass the fields before and after the save (only keys present in
 * `after` are compared). Returns the memory, or null when nothing changed. Never throws: a failure
 * to remember is logged and must not fail the user's save.
 */
export async function rememberPreferencesUpdated(
  db: Db,
  input: { userId: string; before: Record<string, unknown> | null; after: Record<string, unknown>; now?: Date },
): Promise<MemoryItem | null> {
  const before = flatten(input.before ?? {});
  const after = flatten(input.after);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (key === "updatedAt" || key === "userId") continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) changes[key] = { before: before[key] ?? null, after: value ?? null };
  }
  const keys = Object.keys(changes);
  if (keys.length === 0) return null;
  const parts = keys.map((key) => {
    const label = settingLabels[key] ?? key.replace(/^preferences\./, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    const change = changes[key];
    return `${label} ${show(key, change?.before)} → ${show(key, change?.after)}`;
  });
  try {
    return await remember(db, {
      userId: input.userId,
      tier: "long_term",
      kind: "preferences.updated",
      content: `Changed settings: ${parts.join("; ")}.`,
      data: { changes },
      now: input.now,
    });
  } catch (error) {
    log.error("could not remember a settings change", { error });
    return null;
  }
}

/** How a step looked before or after the user's edit. */
export interface StepSnapshot {
  title: string;
  estimateMinutes: number | null;
}

function minutes(value: number | null): string {
  return value === null ? "no estimate" : `${value} min`;
}

/**
 * The memory for a user's edit of a step — renamed, re-estimated, or removed (`after: null`) — as
 * kind `task.steps_edited` with data `{ taskId, parentId, parentTitle, before, after }`. The
 * breakdown chain reads these to size and word the next breakdown the way this user edits them.
 */
export function describeStepEdit(input: {
  step: StepSnapshot & { id: string; parentId: string | null };
  parentTitle: string | null;
  after: StepSnapshot | null;
}): { kind: "task.steps_edited"; content: string; data: Record<string, unknown> } {
  const before: StepSnapshot = { title: input.step.title, estimateMinutes: input.step.estimateMinutes };
  const { after } = input;
  const where = input.parentTitle ? ` in "${input.parentTitle}"` : "";
  let content: string;
  if (!after) {
    content = `Removed the step "${before.title}"${input.parentTitle ? ` from "${input.parentTitle}"` : ""}.`;
  } else {
    const renamed = after.title !== before.title;
    const reestimated = after.estimateMinutes !== before.estimateMinutes;
    const estimate = `from ${minutes(before.estimateMinutes)} to ${minutes(after.estimateMinutes)}`;
    if (renamed && reestimated) content = `Renamed the step "${before.title}" to "${after.title}"${where} and changed its estimate ${estimate}.`;
    else if (renamed) content = `Renamed the step "${before.title}" to "${after.title}"${where}.`;
    else content = `Changed the estimate of the step "${before.title}"${where} ${estimate}.`;
  }
  return {
    kind: "task.steps_edited",
    content,
    data: { taskId: input.step.id, parentId: input.step.parentId, parentTitle: input.parentTitle, before, after },
  };
}
