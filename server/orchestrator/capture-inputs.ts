// Input schemas for capture: the text to read (task.capture, POST /api/capture) and the reviewed list to
// save (task.captureConfirm). Messages are written for people; the router turns each into "field: message".
import { z } from "zod";
import { parseLocalDue } from "../ai/offline/capture-dates";
import { taskPriorities } from "../db/schema/tasks";
import { LIFE_AREAS, MAX_CAPTURED_TASKS } from "../ai/offline/capture";

export const MAX_CAPTURE_CHARS = 8000;

export const captureInput = z.object({
  text: z
    .string({ error: "Paste or type what is on your mind" })
    .trim()
    .min(1, "Paste or type what is on your mind")
    .max(MAX_CAPTURE_CHARS, `Keep it under ${MAX_CAPTURE_CHARS} characters`),
});

const due = z
  .string()
  .trim()
  .refine((v) => parseLocalDue(v) !== null, 'Use a real date as "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm"')
  .nullable();

export const capturedTaskInput = z.object({
  title: z
    .string({ error: "Give the task a title" })
    .trim()
    .min(1, "Give the task a title")
    .max(500, "Keep the title under 500 characters"),
  notes: z.string().trim().max(5000, "Keep notes under 5000 characters").nullable().optional(),
  /** On the user's own wall clock; saved as the instant it means in their time zone. */
  due: due.optional(),
  estimateMinutes: z.number().int("Use whole minutes").min(1, "At least 1 minute").max(1440, "At most 24 hours").nullable().optional(),
  priority: z.enum(taskPriorities).optional(),
  area: z.enum(LIFE_AREAS).nullable().optional(),
});

export const captureConfirmInput = z.object({
  tasks: z
    .array(capturedTaskInput)
    .min(1, "Keep at least one task to save")
    .max(MAX_CAPTURED_TASKS, `Save at most ${MAX_CAPTURED_TASKS} tasks at once`),
});

export type CaptureInput = z.infer<typeof captureInput>;
export type CapturedTaskInput = z.infer<typeof capturedTaskInput>;
export type CaptureConfirmInput = z.infer<typeof captureConfirmInput>;
