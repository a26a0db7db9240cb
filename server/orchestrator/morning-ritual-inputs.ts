// Input schema for the morning ritual (ritual.*): an intention, today's energy and a top three of
// open tasks. Messages are written for people: the router turns each into "field: message".
import { z } from "zod";

export const saveRitualInput = z.object({
  intention: z
    .string({ error: "Write your intention as text" })
    .trim()
    .max(300, "Keep the intention under 300 characters")
    .nullable()
    .optional(),
  energy: z
    .number({ error: "Energy is a number from 1 to 5" })
    .int("Energy is a whole number from 1 to 5")
    .min(1, "Energy is 1 to 5")
    .max(5, "Energy is 1 to 5")
    .nullable()
    .optional(),
  topTaskIds: z
    .array(z.uuid("Not a valid task id"), { error: "Pick up to three tasks" })
    .max(3, "Pick at most three tasks")
    .refine((ids) => new Set(ids).size === ids.length, "Pick each task only once")
    .default([]),
  /** Re-plan today right away (the default), so the plan follows the ritual. */
  replan: z.boolean({ error: "replan is true or false" }).default(true),
});

export type SaveRitualInput = z.infer<typeof saveRitualInput>;
