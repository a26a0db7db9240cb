// reminder/scheduled → sleep until the reminder's time (durably, on Inngest), then plan a
// `notification.reminder` action, which the run-action function executes. Embedded, the same event
// plans the action straight away with its run-at at the reminder's time; the runner waits for it.
// The reminder's key makes it happen once, however often the event is sent.
import "server-only";
import { getDb, type Db } from "../../db/client";
import { planActions } from "../../planner";
import { inngest, type ReminderScheduledData, reminderScheduled } from "../client";

/** Plans the reminder's action (idempotent per user and key); returns its id and status. */
export async function planReminder(db: Db, data: ReminderScheduledData, runAt?: Date) {
  const [action] = await planActions(db, data.userId, [
    {
      type: "notification",
      executor: "notification.reminder",
      priority: "high",
      payload: { message: data.message, ...(data.taskId ? { taskId: data.taskId } : {}) },
      runAt,
      idempotencyKey: `reminder:${data.key}`,
    },
  ]);
  if (!action) throw new Error("planActions returned nothing for the reminder");
  return { actionId: action.id, status: action.status };
}

export interface ReminderSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleepUntil(id: string, at: string): Promise<void>;
}

export async function remind(db: () => Promise<Db>, data: ReminderScheduledData, step: ReminderSteps) {
  await step.sleepUntil("wait-until-remind-at", data.remindAt);
  return step.run("plan-reminder", async () => planReminder(await db(), data));
}

export const reminderFunction = inngest.createFunction(
  { id: "reminder", triggers: [reminderScheduled], retries: 3 },
  async ({ event, step }) => {
    const steps: ReminderSteps = {
      run: (id, fn) => step.run(id, fn) as Promise<never>,
      sleepUntil: (id, at) => step.sleepUntil(id, at),
    };
    return remind(getDb, event.data, steps);
  },
);
