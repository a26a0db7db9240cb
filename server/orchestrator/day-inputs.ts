// Input schemas for the day: settings, check-ins and the day plan (plan.*), shared by the tRPC
// routers. Messages are written for people: the router turns each into "field: message".
import { z } from "zod";
import { coachTones, energyPatterns } from "../db/schema/days";
import { canonicalTimeZone, parseDay } from "../time";

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:mm" → minutes after midnight; "24:00" only where the end of a day is meant. */
export function minuteOf(value: string): number {
  if (value === "24:00") return 1440;
  const m = HHMM.exec(value);
  if (!m) throw new RangeError(`not a time: ${value}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const clockTime = (what: string) => z.string({ error: `Give ${what} as HH:mm` }).regex(HHMM, `Give ${what} as HH:mm, e.g. 09:00`);
const endTime = (what: string) =>
  z.string({ error: `Give ${what} as HH:mm` }).refine((v) => v === "24:00" || HHMM.test(v), `Give ${what} as HH:mm, e.g. 17:30`);

export const timeZoneField = z
  .string({ error: "Pick a time zone" })
  .trim()
  .min(1, "Pick a time zone")
  .max(64, "That is not a time zone")
  .refine((tz) => canonicalTimeZone(tz) !== null, "Not a time zone we know; use a name like Europe/Berlin or America/New_York");

export const updateSettingsInput = z
  .object({
    timeZone: timeZoneField.optional(),
    workdayStart: clockTime("the start of your working day").optional(),
    workdayEnd: endTime("the end of your working day").optional(),
    energyPattern: z.enum(energyPatterns, { error: "Pick morning, afternoon, evening or steady" }).optional(),
    coachTone: z.enum(coachTones, { error: "Pick gentle, cheerful or direct" }).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to update" })
  .refine((v) => !v.workdayStart || !v.workdayEnd || minuteOf(v.workdayEnd) > minuteOf(v.workdayStart), {
    message: "Your working day has to end after it starts",
    path: ["workdayEnd"],
  });

const scale = (what: string) =>
  z
    .number({ error: `${what} is a number from 1 to 5` })
    .int(`${what} is a whole number from 1 to 5`)
    .min(1, `${what} is 1 to 5`)
    .max(5, `${what} is 1 to 5`);

export const logMoodInput = z
  .object({
    mood: scale("Mood").optional(),
    energy: scale("Energy").optional(),
    note: z.string().trim().max(500, "Keep the note under 500 characters").optional(),
  })
  .refine((v) => v.mood !== undefined || v.energy !== undefined, { message: "Pick a mood or an energy level (1 to 5)", path: ["mood"] });

export const listMoodInput = z
  .object({ limit: z.number().int().min(1, "At least 1").max(100, "At most 100").default(30) })
  .default({ limit: 30 });

export const dayField = z
  .string()
  .refine((d) => parseDay(d) !== null, "Give the day as YYYY-MM-DD");

export const dayInput = z.object({ day: dayField.optional() }).default({});

const blockRef = {
  day: dayField.optional(),
  /** Position of the block in the plan the client saw, and its start, so a stale edit is caught. */
  index: z.number().int().min(0, "Not a block of this plan").max(500, "Not a block of this plan"),
  blockStart: z.iso.datetime({ error: "Not a block start", offset: true }),
};

export const editDayPlanInput = z.discriminatedUnion(
  "op",
  [
    z.object({ op: z.literal("move"), ...blockRef, start: clockTime("the new start") }),
    z.object({
      op: z.literal("resize"),
      ...blockRef,
      minutes: z.number().int("Use whole minutes").min(5, "At least 5 minutes").max(480, "At most 8 hours"),
    }),
    z.object({ op: z.literal("remove"), ...blockRef }),
    z
      .object({
        op: z.literal("addEvent"),
        day: dayField.optional(),
        title: z.string({ error: "Give the event a name" }).trim().min(1, "Give the event a name").max(200, "Keep the name under 200 characters"),
        start: clockTime("the start"),
        end: endTime("the end"),
      })
      .refine((v) => !HHMM.test(v.start) || minuteOf(v.end) > minuteOf(v.start), { message: "The event has to end after it starts", path: ["end"] }),
  ],
  { error: "Say what to change: move, resize, remove or addEvent" },
);

export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;
export type LogMoodInput = z.infer<typeof logMoodInput>;
export type ListMoodInput = z.infer<typeof listMoodInput>;
export type DayInput = z.infer<typeof dayInput>;
export type EditDayPlanInput = z.infer<typeof editDayPlanInput>;
