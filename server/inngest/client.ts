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

export type JobEvent = { name: "task/created"; data: TaskCreatedData };

export async function sendEvent(event: JobEvent): Promise<void> {
  if (modes.jobs === "inngest") {
    await inngest.send(taskCreated.create(event.data));
    return;
  }
  dispatchEmbedded(event.name, event.data);
}
