// The rewards procedures' inputs (zod): store items, purchases, the mystery box, the pet and
// vacations. Messages name what to fix; the tRPC error formatter prefixes them with the field.
import { z } from "zod";
import { parseDay } from "../time";

const id = (what: string) => z.uuid(`Not a valid ${what} id`);
const day = z
  .string()
  .trim()
  .refine((d) => parseDay(d) !== null, "Use a date like 2026-11-23");

export const rewardsSummaryInput = z
  .object({ latest: z.number().int("Use a whole number").min(0).max(50, "At most 50 entries").default(10) })
  .default({ latest: 10 });

const title = z.string().trim().min(1, "Give the reward a name").max(120, "At most 120 characters");
const cost = z.number().int("Use a whole number of points").min(1, "A reward costs at least 1 point").max(100_000, "At most 100000 points");
const note = z.string().trim().max(500, "At most 500 characters");

export const storeListInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });
export const storeCreateInput = z.object({ title, cost, note: note.optional() });
export const storeUpdateInput = z
  .object({ id: id("reward"), title: title.optional(), cost: cost.optional(), note: note.nullable().optional() })
  .refine((v) => v.title !== undefined || v.cost !== undefined || v.note !== undefined, { message: "Nothing to update", path: [] });
export const storeArchiveInput = z.object({ id: id("reward"), archived: z.boolean().default(true) });
/** requestId: made once per click by the client, so a retried request buys once. */
export const storeBuyInput = z.object({ id: id("reward"), requestId: id("request") });
export const historyInput = z
  .object({ limit: z.number().int("Use a whole number").min(1, "At least 1").max(100, "At most 100").default(20) })
  .default({ limit: 20 });

export const mysteryOpenInput = z.object({ requestId: id("request") });

export const petRenameInput = z.object({ name: z.string().trim().min(1, "Give your pet a name").max(40, "At most 40 characters") });
export const petCareInput = z.object({ action: z.enum(["pat"], "The only care action is pat").default("pat") }).default({ action: "pat" });

export const vacationSetInput = z
  .object({ startDay: day, endDay: day })
  .refine((v) => v.startDay <= v.endDay, { message: "The vacation has to end on or after its first day", path: ["endDay"] });
export const vacationClearInput = z.object({ id: id("vacation") });

export type StoreCreateInput = z.infer<typeof storeCreateInput>;
export type StoreUpdateInput = z.infer<typeof storeUpdateInput>;
export type VacationSetInput = z.infer<typeof vacationSetInput>;
