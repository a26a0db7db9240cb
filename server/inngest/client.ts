// The one Inngest client and the typed events. `sendEvent` goes to Inngest when it is configured
// (INNGEST_EVENT_KEY, or INNGEST_DEV=1 with a dev server); otherwise to the in-process runner,
// which executes the very same function logic.
import "server-only";
import { eventType, Inngest } from "inngest";
import { z } from "zod";
import { env, modes } from "../env";
import { dispatchEmbedded } from "./embedded";

export const inngest = new Inngest({
  id: "focusforge",
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  isDev: env.INNGEST_DEV || undefined,
  baseUrl: env.INNGEST_BASE_URL,
});

const taskCreatedData = z.object({ userId: z.string().min(1), taskId: z.string().uuid() });
export type TaskCreatedData = z.infer<typeof taskCreatedData>;
export const taskCreated = eventType("task/created", { schema: taskCreatedData });

/** memory/embed: embed the user's new memories; memory/reembed: bring all of them to the current model. */
const memoryJobData = z.object({ userId: z.string().min(1) });
export type MemoryJobData = z.infer<typeof memoryJobData>;
export const memoryEmbed = eventType("memory/embed", { schema: memoryJobData });
export const memoryReembed = eventType("memory/reembed", { schema: memoryJobData });

/** planner/action.ready: a planned action may run now (or at its run-at); priority 0 critical … 4 background. */
const actionReadyData = z.object({
  actionId: z.string().uuid(),
  userId: z.string().min(1),
  priority: z.number().int().min(0).max(4),
});
export type ActionReadyData = z.infer<typeof actionReadyData>;
export const actionReady = eventType("planner/action.ready", { schema: actionReadyData });

/** reminder/scheduled: remind the user at `remindAt`; `key` makes the reminder happen once. */
const reminderScheduledData = z.object({
  userId: z.string().min(1),
  key: z.string().min(1).max(200),
  remindAt: z.iso.datetime({ offset: true }),
  message: z.string().min(1).max(500),
  taskId: z.string().uuid().optional(),
});
export type ReminderScheduledData = z.infer<typeof reminderScheduledData>;
export const reminderScheduled = eventType("reminder/scheduled", { schema: reminderScheduledData });

/** `id` makes Inngest drop a duplicate of the same event sent within 24 hours. */
export type JobEvent =
  | { name: "task/created"; data: TaskCreatedData; id?: string }
  | { name: "memory/embed" | "memory/reembed"; data: MemoryJobData; id?: string }
  | { name: "planner/action.ready"; data: ActionReadyData; id?: string }
  | { name: "reminder/scheduled"; data: ReminderScheduledData; id?: string };

export async function sendEvent(event: JobEvent): Promise<void> {
  await sendEvents([event]);
}

/** Sends several events in one request to Inngest (or hands each to the in-process runner). */
export async function sendEvents(events: JobEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (modes.jobs === "inngest") {
    await inngest.send(events.map(({ name, data, id }) => (id ? { name, data, id } : { name, data })));
    return;
  }
  for (const event of events) dispatchEmbedded(event.name, event.data);
}
