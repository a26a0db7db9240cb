// Input schemas for task templates (template.*): save a task as one, rename, remove, start a new
// task from one. Messages are written for people: the router turns each into "field: message".
import { z } from "zod";

const id = z.uuid("Not a valid template id");
const name = z
  .string({ error: "Give the template a name" })
  .trim()
  .min(1, "Give the template a name")
  .max(200, "Keep the name under 200 characters");

export const saveTemplateInput = z.object({
  taskId: z.uuid("Not a valid task id"),
  /** Defaults to the task's title. */
  name: name.optional(),
});

export const renameTemplateInput = z.object({ id, name });

export const templateIdInput = z.object({ id });

export const startTemplateInput = z.object({
  id,
  dueAt: z.date({ error: "Give the due date as a date" }).nullable().optional(),
});

export type SaveTemplateInput = z.infer<typeof saveTemplateInput>;
export type RenameTemplateInput = z.infer<typeof renameTemplateInput>;
export type StartTemplateInput = z.infer<typeof startTemplateInput>;
