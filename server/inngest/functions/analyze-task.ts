// task/created → the analysis chain estimates the task, and the estimate is stored (unless the
// user gave their own). Runs on Inngest in production and in the embedded runner otherwise.
import "server-only";
import { analysisChain } from "../../chains/analysis";
import { getDb, type Db } from "../../db/client";
import { findTask, setCoachEstimate } from "../../db/queries/tasks";
import { inngest, taskCreated, type TaskCreatedData } from "../client";

/** The slice of Inngest's `step` this logic needs; the embedded runner runs steps inline. */
export interface Steps {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
}
export const inlineSteps: Steps = { run: (_id, fn) => fn() };

/** `db` is opened lazily, inside the steps that need it (Inngest replays skip finished steps). */
export async function analyzeTask(db: () => Promise<Db>, data: TaskCreatedData, step: Steps) {
  const task = await step.run("load-task", async () => {
    const row = await findTask(await db(), { userId: data.userId, id: data.taskId });
    return row ? { title: row.title, notes: row.notes, estimateSource: row.estimateSource } : null;
  });
  if (!task) return { status: "skipped", reason: "task no longer exists" } as const;
  if (task.estimateSource === "user") return { status: "skipped", reason: "the user set an estimate" } as const;
  const analysis = await step.run("analyse", async () => {
    const { output, meta } = await analysisChain({ db: await db(), userId: data.userId }, { title: task.title, notes: task.notes });
    return { estimateMinutes: output.estimateMinutes, provider: meta.provider };
  });
  const stored = await step.run("store-estimate", async () =>
    setCoachEstimate(await db(), {
      userId: data.userId,
      id: data.taskId,
      estimateMinutes: analysis.estimateMinutes,
      source: `coach:${analysis.provider}`,
    }),
  );
  return { status: stored ? "estimated" : "skipped", estimateMinutes: analysis.estimateMinutes } as const;
}

export const analyzeTaskFunction = inngest.createFunction(
  {
    id: "analyze-task",
    triggers: [taskCreated],
    retries: 3,
    concurrency: { key: "event.data.userId", limit: 2 },
  },
  async ({ event, step }) => {
    const steps: Steps = { run: (id, fn) => step.run(id, fn) as Promise<never> };
    return analyzeTask(getDb, event.data, steps);
  },
);
