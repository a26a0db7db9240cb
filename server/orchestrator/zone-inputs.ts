// Input schemas for compass zones (zone.*): create, edit, reorder, remove, tag a task, the balance
// view. Messages are written for people: the router turns each into "field: message".
import { z } from "zod";

const id = z.uuid("Not a valid zone id");
export const zoneName = z
  .string({ error: "Give the zone a name" })
  .trim()
  .min(1, "Give the zone a name")
  .max(40, "Keep the name under 40 characters");
export const zoneColor = z
  .string({ error: "Pick a colour" })
  .regex(/^#[0-9a-fA-F]{6}$/, "Give the colour as #rrggbb, e.g. #3d6b57")
  .transform((c) => c.toLowerCase());
export const zoneEmoji = z
  .string()
  .trim()
  .max(16, "Use one emoji (or a short symbol)")
  .refine((e) => !/[<>]/.test(e), "Use one emoji (or a short symbol)")
  .transform((e) => (e === "" ? null : e))
  .nullable();
export const zoneTarget = z
  .number({ error: "The target is a percentage from 0 to 100" })
  .int("Use a whole percentage")
  .min(0, "The target is 0 to 100%")
  .max(100, "The target is 0 to 100%")
  .nullable();
/** A zone's key as tasks.area holds it: a short lowercase slug. */
export const zoneKey = z
  .string({ error: "Not a zone" })
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Not a zone key (lowercase letters, digits and dashes)");

export const createZoneInput = z.object({
  name: zoneName,
  color: zoneColor.optional(),
  emoji: zoneEmoji.optional(),
  targetShare: zoneTarget.optional(),
});

export const updateZoneInput = z
  .object({
    id,
    name: zoneName.optional(),
    color: zoneColor.optional(),
    emoji: zoneEmoji.optional(),
    targetShare: zoneTarget.optional(),
  })
  .refine((v) => Object.keys(v).length > 1, { message: "Nothing to update", path: ["id"] });

export const zoneIdInput = z.object({ id });

export const reorderZonesInput = z.object({
  ids: z
    .array(id, { error: "Give the zones in their new order" })
    .min(1, "Give the zones in their new order")
    .max(50, "At most 50 zones")
    .refine((ids) => new Set(ids).size === ids.length, "Each zone only once"),
});

export const tagTaskInput = z.object({
  taskId: z.uuid("Not a valid task id"),
  /** The zone's key, or null to untag. */
  key: zoneKey.nullable(),
});

export const balanceInput = z
  .object({
    days: z.union([z.literal(7), z.literal(30)], { error: "Pick 7 or 30 days" }).default(7),
  })
  .default({ days: 7 });

export type CreateZoneInput = z.infer<typeof createZoneInput>;
export type UpdateZoneInput = z.infer<typeof updateZoneInput>;
export type ReorderZonesInput = z.infer<typeof reorderZonesInput>;
export type TagTaskInput = z.infer<typeof tagTaskInput>;
export type BalanceInput = z.infer<typeof balanceInput>;
