// Input schemas for onboarding (onboarding.*): what the user wants help with, their zones, working
// hours and energy pattern, coach tone — every part optional, so each step can be saved or skipped.
import { z } from "zod";
import { updateSettingsInput } from "./day-inputs";
import { zoneEmoji, zoneKey, zoneName } from "./zone-inputs";

/** What people can ask FocusForge to help with (multi-select), besides their own words. */
export const GOALS = [
  { key: "start", label: "Getting started on things" },
  { key: "focus", label: "Staying focused" },
  { key: "overwhelm", label: "Feeling less overwhelmed" },
  { key: "time", label: "Knowing how long things take" },
  { key: "routines", label: "Building routines" },
  { key: "balance", label: "Balancing work and the rest of life" },
  { key: "remember", label: "Remembering what I meant to do" },
] as const;
export const goalKeys = GOALS.map((g) => g.key) as [(typeof GOALS)[number]["key"], ...(typeof GOALS)[number]["key"][]];
export type GoalKey = (typeof goalKeys)[number];

export const saveOnboardingInput = z
  .object({
    goals: z
      .array(z.enum(goalKeys, { error: "Pick from the list" }), { error: "Pick from the list" })
      .max(GOALS.length, "Pick from the list")
      .refine((g) => new Set(g).size === g.length, "Pick each one only once")
      .optional(),
    goalNote: z.string({ error: "Write it as text" }).trim().max(500, "Keep it under 500 characters").optional(),
    zones: z
      .array(z.object({ key: zoneKey.optional(), name: zoneName, emoji: zoneEmoji.optional() }), { error: "Pick your zones" })
      .min(1, "Keep at least one zone")
      .max(20, "At most 20 zones")
      .optional(),
    /** Working hours, energy pattern, coach tone, time zone — the same rules as Settings. */
    settings: updateSettingsInput.optional(),
    /** The last step: marks onboarding done. */
    finish: z.boolean({ error: "finish is true or false" }).default(false),
  })
  .refine((v) => Object.entries(v).some(([k, x]) => x !== undefined && (k !== "finish" || x === true)), { message: "Nothing to save", path: ["goals"] });

export type SaveOnboardingInput = z.infer<typeof saveOnboardingInput>;
