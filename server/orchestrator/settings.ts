// The user's settings for their day: time zone, working hours, energy pattern and coach tone.
// Stored as minutes after midnight, shown and edited as "HH:mm".
import "server-only";
import type { Db } from "../db/client";
import { findSettings, saveSettings, type SettingsPatch } from "../db/queries/days";
import type { EnergyPattern } from "../planner/day-plan";
import { canonicalTimeZone, formatMinuteOfDay } from "../time";
import { InvalidInputError, NotFoundError } from "../errors";
import { rememberPreferencesUpdated } from "../memory";
import { minuteOf, type UpdateSettingsInput } from "./day-inputs";
import type { UserCtx } from "./tasks";

export interface DaySettings {
  timeZone: string;
  workdayStartMinute: number;
  workdayEndMinute: number;
  energyPattern: EnergyPattern;
  coachTone: "gentle" | "cheerful" | "direct";
  onboardedAt: Date | null;
}

/** The settings a plan is built from; defaults (9–17, morning, gentle) until the user changes them. */
export async function loadDaySettings(db: Db, userId: string): Promise<DaySettings> {
  const row = await findSettings(db, { userId });
  if (!row) throw new NotFoundError("User");
  return {
    timeZone: canonicalTimeZone(row.timeZone) ?? "UTC",
    workdayStartMinute: row.settings?.workdayStartMinute ?? 540,
    workdayEndMinute: row.settings?.workdayEndMinute ?? 1020,
    energyPattern: row.settings?.energyPattern ?? "morning",
    coachTone: row.settings?.coachTone ?? "gentle",
    onboardedAt: row.settings?.onboardedAt ?? null,
  };
}

function view(s: DaySettings) {
  return {
    timeZone: s.timeZone,
    workdayStart: formatMinuteOfDay(s.workdayStartMinute),
    workdayEnd: formatMinuteOfDay(s.workdayEndMinute),
    energyPattern: s.energyPattern,
    coachTone: s.coachTone,
    onboardedAt: s.onboardedAt,
  };
}
export type SettingsView = ReturnType<typeof view>;

export async function getSettings(ctx: UserCtx): Promise<SettingsView> {
  return view(await loadDaySettings(ctx.db, ctx.userId));
}

export async function updateSettings(ctx: UserCtx, input: UpdateSettingsInput): Promise<SettingsView> {
  const current = await loadDaySettings(ctx.db, ctx.userId);
  const start = input.workdayStart !== undefined ? minuteOf(input.workdayStart) : current.workdayStartMinute;
  const end = input.workdayEnd !== undefined ? minuteOf(input.workdayEnd) : current.workdayEndMinute;
  // One side may change alone, so the order is checked against what is stored too.
  if (end <= start) {
    const field = input.workdayEnd !== undefined ? "workdayEnd" : "workdayStart";
    throw new InvalidInputError(field, `Your working day has to end after it starts (now ${formatMinuteOfDay(start)}–${formatMinuteOfDay(end)})`);
  }
  const patch: SettingsPatch = {};
  if (input.workdayStart !== undefined) patch.workdayStartMinute = start;
  if (input.workdayEnd !== undefined) patch.workdayEndMinute = end;
  if (input.energyPattern) patch.energyPattern = input.energyPattern;
  if (input.coachTone) patch.coachTone = input.coachTone;
  const timeZone = input.timeZone ? (canonicalTimeZone(input.timeZone) ?? undefined) : undefined;
  await saveSettings(ctx.db, { userId: ctx.userId, patch, timeZone });
  // Remembered so the coach knows, e.g., that the user moved their day later (never fails the save).
  await rememberPreferencesUpdated(ctx.db, {
    userId: ctx.userId,
    before: {
      timeZone: current.timeZone,
      workdayStartMinute: current.workdayStartMinute,
      workdayEndMinute: current.workdayEndMinute,
      energyPattern: current.energyPattern,
      coachTone: current.coachTone,
    },
    after: { ...patch, ...(timeZone ? { timeZone } : {}) },
  });
  return getSettings(ctx);
}
