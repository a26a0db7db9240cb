// Input schemas for focus sessions (start, finish, cancel, park a thought, capture parked thoughts,
// history, ritual suggestion), shared by the `focus` router and the tools registry. Messages are
// written for people; the router turns each into "field: message".
import { z } from "zod";

const sessionId = z.uuid("Not a valid session id");

/** The presets the page offers; anything else in range is "custom". */
export const FOCUS_PRESETS = [
  { id: "25/5", focusMinutes: 25, breakMinutes: 5 },
  { id: "50/10", focusMinutes: 50, breakMinutes: 10 },
] as const;

export const startFocusInput = z.object({
  /** A task or a step (steps are tasks with a parent); none for a free session. */
  taskId: z.uuid("Not a valid task id").optional(),
  focusMinutes: z
    .number({ error: "Give the focus length in minutes" })
    .int("Use whole minutes")
    .min(5, "Focus for at least 5 minutes")
    .max(180, "Focus for at most 180 minutes")
    .default(25),
  breakMinutes: z
    .number({ error: "Give the break length in minutes" })
    .int("Use whole minutes")
    .min(0, "The break can't be negative")
    .max(60, "Keep the break under an hour")
    .default(5),
  ritual: z.string().trim().max(500, "Keep the ritual under 500 characters").optional(),
  /** When a session is already running: finish it (its real minutes count) and start this one. */
  endRunning: z.boolean().optional(),
});

export const focusSessionIdInput = z.object({ id: sessionId });

export const finishFocusInput = z.object({
  id: sessionId,
  /** Also tick the session's task (or step) off. */
  taskDone: z.boolean().optional(),
});

export const parkThoughtInput = z.object({
  id: sessionId,
  text: z
    .string({ error: "Write the thought down" })
    .trim()
    .min(1, "Write the thought down")
    .max(500, "Keep the thought under 500 characters"),
});

/** Turns a session's parked thoughts into tasks: all of them, unless `indexes` picks some. */
export const captureParkedInput = z.object({
  id: sessionId,
  indexes: z.array(z.number().int().min(0).max(199)).max(200).optional(),
});

export const focusHistoryInput = z
  .object({
    limit: z.number().int().min(1, "At least 1").max(100, "At most 100").default(20),
    /** The `nextCursor` of the previous page. */
    cursor: z.iso.datetime({ offset: true, error: "Not a valid cursor" }).optional(),
    taskId: z.uuid("Not a valid task id").optional(),
  })
  .default({ limit: 20 });

export const suggestRitualInput = z
  .object({
    taskId: z.uuid("Not a valid task id").optional(),
  })
  .default({});

export type StartFocusInput = z.input<typeof startFocusInput>;
export type FinishFocusInput = z.infer<typeof finishFocusInput>;
export type ParkThoughtInput = z.infer<typeof parkThoughtInput>;
export type CaptureParkedInput = z.infer<typeof captureParkedInput>;
export type FocusHistoryInput = z.infer<typeof focusHistoryInput>;
