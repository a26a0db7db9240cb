// Hourly: for every user whose local workday start (user_settings.workday_start_minute in
// users.time_zone) passed within the last window, plan a `plan.daily` action for their local day —
// idempotent per day (`plan.daily:<day>`), so an overlapping run or a retry plans nothing twice.
// An Inngest cron in production; a timer of the embedded runner otherwise.
import "server-only";
import { asc, eq, gt } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { userSettings, users } from "../../db/schema";
import { log } from "../../log";
import { planActions } from "../../planner";
import { canonicalTimeZone, localDay, zonedInstant } from "../../time";
import { inngest } from "../client";
import type { Steps } from "./analyze-task";

export const DAILY_PLAN_CRON = "0 * * * *";
/** The cron's period; a minute of overlap covers timer drift (the idempotency key absorbs doubles). */
export const DAILY_PLAN_WINDOW_MS = 61 * 60_000;
const DEFAULT_START_MINUTE = 540;
const PAGE = 500;

export interface DueUser {
  userId: string;
  day: string;
}

/** Users whose workday started in (now − windowMs, now], with the local day it started on. */
export async function findUsersAtMorning(db: Db, { now, windowMs }: { now: Date; windowMs: number }): Promise<DueUser[]> {
  const due: DueUser[] = [];
  const t = now.getTime();
  let after = "";
  for (;;) {
    const page = await db
      .select({ id: users.id, timeZone: users.timeZone, start: userSettings.workdayStartMinute })
      .from(users)
      .leftJoin(userSettings, eq(userSettings.userId, users.id))
      .where(after ? gt(users.id, after) : undefined)
      .orderBy(asc(users.id))
      .limit(PAGE);
    for (const u of page) {
      const zone = canonicalTimeZone(u.timeZone) ?? "UTC";
      const start = u.start ?? DEFAULT_START_MINUTE;
      // Today's and (near midnight) yesterday's start: whichever fell inside the window.
      for (const day of new Set([localDay(t, zone), localDay(t - windowMs, zone)])) {
        const at = zonedInstant(day, start, zone);
        if (at > t - windowMs && at <= t) due.push({ userId: u.id, day });
      }
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return due;
    after = last.id;
  }
}

/** Plans each due user's `plan.daily` action; returns how many users it planned for. */
export async function planDailyPlans(db: () => Promise<Db>, step: Steps, { now, windowMs }: { now: () => Date; windowMs: number }) {
  const due = await step.run("find-users-at-morning", async () => findUsersAtMorning(await db(), { now: now(), windowMs }));
  let planned = 0;
  // A step per chunk keeps a retry from redoing the whole list (and each step small).
  for (let i = 0; i < due.length; i += 100) {
    const chunk = due.slice(i, i + 100);
    planned += await step.run(`plan-daily-${i / 100}`, async () => {
      const conn = await db();
      let n = 0;
      for (const { userId, day } of chunk) {
        try {
          await planActions(conn, userId, [
            {
              type: "task_management",
              executor: "plan.daily",
              priority: "high",
              payload: { day },
              idempotencyKey: `plan.daily:${day}`,
            },
          ]);
          n++;
        } catch (error) {
          // One user's problem must not stop everyone else's morning.
          log.error("could not plan a daily plan", { userId, day, error });
        }
      }
      return n;
    });
  }
  return { due: due.length, planned };
}

export const dailyPlanFunction = inngest.createFunction(
  { id: "daily-plan", triggers: [{ cron: DAILY_PLAN_CRON }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const steps: Steps = { run: (id, fn) => step.run(id, fn) as Promise<never> };
    return planDailyPlans(getDb, steps, { now: () => new Date(), windowMs: DAILY_PLAN_WINDOW_MS });
  },
);
