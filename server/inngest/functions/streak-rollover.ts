// Hourly: the streak rollover at each user's local midnight — every user whose local yesterday is not
// recorded yet (those whose midnight just passed, and any left behind while the server was down) gets
// their finished days written to streak_days, each user's work in its own step. Idempotent per day
// (primary key), so a retry, an overlapping run or the embedded timer next to Inngest writes nothing
// twice. An Inngest cron in production; a timer of the embedded runner otherwise.
import "server-only";
import { getDb, type Db } from "../../db/client";
import { log } from "../../log";
import { findUsersDueForRollover, rolloverUser } from "../../rewards";
import { inngest } from "../client";
import type { Steps } from "./analyze-task";

export const STREAK_ROLLOVER_CRON = "5 * * * *";
/** The embedded runner's timer: every 15 minutes (days already written are skipped). */
export const STREAK_ROLLOVER_EVERY_MS = 15 * 60_000;
/** At most this many steps per run: beyond it, users share a step. */
const MAX_STEPS = 400;

export async function rollOverStreaks(db: () => Promise<Db>, step: Steps, now: () => Date = () => new Date()) {
  // The instant is fixed inside the first step, so every replay of this run uses the same one.
  const found = await step.run("find-users-past-midnight", async () => {
    const at = now();
    return { at: at.toISOString(), due: await findUsersDueForRollover(await db(), at) };
  });
  const at = new Date(found.at);
  const due = found.due;
  const size = Math.max(1, Math.ceil(due.length / MAX_STEPS));
  let users = 0;
  let days = 0;
  for (let i = 0; i < due.length; i += size) {
    const group = due.slice(i, i + size);
    const id = size === 1 ? `rollover-${group[0]?.userId}` : `rollover-${i / size}`;
    const done = await step.run(id, async () => {
      const conn = await db();
      let written = 0;
      let ok = 0;
      for (const user of group) {
        try {
          written += (await rolloverUser(conn, user.userId, { now: at, timeZone: user.timeZone })).written;
          ok++;
        } catch (error) {
          // One user's problem must not stop everyone else's rollover; the next run retries them.
          log.error("streak rollover failed for a user", { userId: user.userId, error });
        }
      }
      return { written, ok };
    });
    users += done.ok;
    days += done.written;
  }
  return { due: due.length, users, days };
}

export const streakRolloverFunction = inngest.createFunction(
  { id: "streak-rollover", triggers: [{ cron: STREAK_ROLLOVER_CRON }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const steps: Steps = { run: (id, fn) => step.run(id, fn) as Promise<never> };
    return rollOverStreaks(getDb, steps);
  },
);
