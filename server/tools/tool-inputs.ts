// Input schemas for the tools (chat, MCP, tRPC mcp.call). They reuse the task and day inputs' rules
// and messages, but every one is plain JSON (dates are ISO strings), so z.toJSONSchema can describe it
// to a model. Messages are written for people; callTool turns each into "field: message".
import { z } from "zod";
import { taskPriorities, taskStatuses } from "../db/schema/tasks";
import { captureInput } from "../orchestrator/capture-inputs";
import { dayField } from "../orchestrator/day-inputs";
import { breakdownTaskInput, createTaskInput } from "../orchestrator/task-inputs";

const taskId = z.string({ error: "Give the task's id" }).uuid("Not a valid task id");
const { title, notes, estimateMinutes } = createTaskInput.shape;
const priority = z.enum(taskPriorities, { error: `Pick one of ${taskPriorities.join(", ")}` });
const status = z.enum(taskStatuses, { error: `Pick one of ${taskStatuses.join(", ")}` });
const dueAt = z.iso
  .datetime({ offset: true, error: "Give the due date as an ISO date-time, e.g. 2026-11-24T17:00:00Z" })
  .nullable();
const scale = (what: string) =>
  z
    .number({ error: `${what} is a number from 1 to 5` })
    .int(`${what} is a whole number from 1 to 5`)
    .min(1, `${what} is 1 to 5`)
    .max(5, `${what} is 1 to 5`);
const checkinNote = z.string().trim().max(500, "Keep the note under 500 characters").optional();

export const listTasksToolInput = z.object({
  status: z.array(status).max(4).optional().describe("Only tasks with these statuses; default: todo and doing"),
  parentId: taskId.optional().describe("List the steps of this task instead of the top-level tasks"),
  limit: z.number().int("Use a whole number").min(1, "At least 1").max(100, "At most 100").default(50),
});

export const taskIdToolInput = z.object({ id: taskId });

export const createTaskToolInput = z.object({
  title,
  notes: notes.optional(),
  priority: priority.optional(),
  estimateMinutes: estimateMinutes.optional().describe("Whole minutes, 1 to 1440"),
  dueAt: dueAt.optional(),
  parentId: taskId.optional().describe("Make it a step of this task"),
  breakDown: z.boolean({ error: "breakDown is true or false" }).optional().describe("Split it into steps now if the coach thinks it is too big"),
});

export const updateTaskToolInput = z
  .object({
    id: taskId,
    title: title.optional(),
    notes: notes.optional(),
    status: status.optional().describe("Use complete_task to finish a task (that awards points)"),
    priority: priority.optional(),
    estimateMinutes: estimateMinutes.optional(),
    dueAt: dueAt.optional(),
  })
  .refine((v) => Object.entries(v).some(([k, x]) => k !== "id" && x !== undefined), { message: "Nothing to update", path: ["id"] });

export const completeTaskToolInput = z.object({
  id: taskId,
  proof: z
    .string()
    .trim()
    .min(1, "Write what you did")
    .max(4000, "Keep proof under 4000 characters")
    .optional()
    .describe("What the user did, in their words (optional; checked by the coach for bonus points)"),
});

export const breakDownTaskToolInput = breakdownTaskInput;

export const captureToolInput = captureInput;

export const dayToolInput = z.object({ day: dayField.optional().describe("YYYY-MM-DD; default: today in the user's time zone") });

export const logMoodToolInput = z.object({ mood: scale("Mood"), note: checkinNote });
export const logEnergyToolInput = z.object({ energy: scale("Energy"), note: checkinNote });

export const searchMemoryToolInput = z.object({
  query: z.string({ error: "Type something to search for" }).trim().min(1, "Type something to search for").max(500, "Keep the query under 500 characters"),
  k: z.number().int("Use a whole number").min(1, "At least 1").max(20, "At most 20").default(5),
});

export const emptyToolInput = z.object({});
