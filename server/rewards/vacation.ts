// Vacation mode: ranges of local days that never count against a streak. A range may start up to a
// week back (forgot to switch it on? it still counts) and last up to 60 days. Ending a running
// vacation keeps its past days (they stay vacation days); one that has not started is removed.
import "server-only";
import type { Db } from "../db/client";
import { deleteVacation, findVacation, insertVacation, listVacations, setVacationEnd, userTimeZone } from "../db/queries/rewards";
import type { Vacation } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { addDays, localDay } from "../time";
import type { VacationSetInput } from "./rewards-inputs";
import { safeTimeZone } from "./streak";

export const VACATION_BACKDATE_DAYS = 7;
export const VACATION_MAX_DAYS = 60;

async function today(db: Db, userId: string, now: Date): Promise<string> {
  return localDay(now.getTime(), safeTimeZone(await userTimeZone(db, userId)));
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export async function setVacation(db: Db, userId: string, input: VacationSetInput, now = new Date()): Promise<Vacation> {
  const day = await today(db, userId, now);
  if (input.startDay < addDays(day, -VACATION_BACKDATE_DAYS)) {
    throw new InvalidInputError("startDay", `A vacation can start at most ${VACATION_BACKDATE_DAYS} days back`);
  }
  if (daysBetween(input.startDay, input.endDay) + 1 > VACATION_MAX_DAYS) {
    throw new InvalidInputError("endDay", `A vacation lasts at most ${VACATION_MAX_DAYS} days; add another one after it if you need more`);
  }
  return insertVacation(db, { userId, startDay: input.startDay, endDay: input.endDay });
}

/** Ends a vacation: one that already began ends yesterday (its past days stay); a future one goes. */
export async function clearVacation(db: Db, userId: string, id: string, now = new Date()): Promise<{ removed: boolean; vacation: Vacation | null }> {
  const vacation = await findVacation(db, { userId, id });
  if (!vacation) throw new NotFoundError("Vacation");
  const day = await today(db, userId, now);
  if (vacation.startDay < day) {
    const endDay = vacation.endDay < day ? vacation.endDay : addDays(day, -1);
    return { removed: false, vacation: (await setVacationEnd(db, { userId, id, endDay })) ?? null };
  }
  await deleteVacation(db, { userId, id });
  return { removed: true, vacation: null };
}

export async function listUserVacations(db: Db, userId: string, now = new Date()) {
  const day = await today(db, userId, now);
  return (await listVacations(db, userId)).map((v) => ({ ...v, current: v.startDay <= day && day <= v.endDay, past: v.endDay < day }));
}
