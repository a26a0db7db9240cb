// Input schemas for the task workflows, shared by the tRPC router (and later the tools registry).
// Messages are written for people: the router turns each into "field: message".
import { z } from "zod";
import { MAX_TASK_DEPTH, taskPriorities, taskStatuses } from "../db/schema/tasks";

const id = z.string().uuid("Not a valid task id");
const title = z
  .string({ error: "Give the task a title" })
  .trim()
  .min(1, "Give the task a title")
  .max(500, "Keep the title under 500 characters");
const notes = z.string().max(5000, "Keep notes under 5000 characters").nullable();
const estimateMinutes = z.number().int("Use whole minutes").min(1, "At least 1 minute").max(1440, "At most 24 hours").nullable();

export const createTaskInput = z.object({
  title,
  notes: notes.optional(),
  priority: z.enum(taskPriorities).optional(),
  estimateMinutes: estimateMinutes.optional(),
  dueAt: z.date().nullable().optional(),
  parentId: id.optional(),
});

export const listTasksInput = z
  .object({
    status: z.array(z.enum(taskStatuses)).max(4).optional(),
    parentId: id.nullable().optional(),
  })
  .optional();

export const taskIdInput = z.object({ id });

export const updateTaskInput = z
  .object({
    id,
    title: title.optional(),
    notes: notes.optional(),
    status: z.enum(taskStatuses).optional(),
    priority: z.enum(taskPriorities).optional(),
    position: z.number().int().min(0).max(100_000).optional(),
    estimateMinutes: estimateMinutes.optional(),
    dueAt: z.date().nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 1, { message: "Nothing to update", path: ["id"] });

export const breakdownTaskInput = z.object({
  id,
  spiciness: z.number().int("Spiciness is a whole number").min(1, "Spiciness is 1 to 5").max(5, "Spiciness is 1 to 5").default(3),
});

export type CreateTaskInput = z.infer<typeof createTaskInput>;
export type ListTasksInput = z.infer<typeof listTasksInput>;
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;
export type BreakdownTaskInput = z.infer<typeof breakdownTaskInput>;
export { MAX_TASK_DEPTH };
