// Onboarding a new account: what they want help with (goals + their own words), their zones, working
// hours and energy pattern, and the coach's tone. Each step saves on its own; "Skip for now" is
// remembered so nobody is sent back; everything stays editable later (Settings links here).
import "server-only";
import { markOnboarded, mergePreferences, readPreferences } from "../db/queries/onboarding";
import { log } from "../log";
import { remember } from "../memory";
import { GOALS, type GoalKey, goalKeys, type SaveOnboardingInput } from "./onboarding-inputs";
import { getSettings, type SettingsView, updateSettings } from "./settings";
import type { UserCtx } from "./tasks";
import { applyZoneChoice, DEFAULT_ZONES, listUserZones, type ZoneView } from "./zones";

export interface OnboardingView {
  /** new: never finished nor skipped; skipped: "Skip for now"; done: finished at least once. */
  status: "new" | "skipped" | "done";
  onboardedAt: Date | null;
  skippedAt: string | null;
  goals: GoalKey[];
  goalNote: string;
  goalOptions: { key: GoalKey; label: string }[];
  zones: ZoneView[];
  defaultZones: { key: string; name: string; emoji: string | null; color: string }[];
  settings: SettingsView;
}

export async function getOnboarding(ctx: UserCtx): Promise<OnboardingView> {
  const [prefs, settings, zones] = await Promise.all([readPreferences(ctx.db, { userId: ctx.userId }), getSettings(ctx), listUserZones(ctx)]);
  const goals = Array.isArray(prefs.goals) ? prefs.goals.filter((g): g is GoalKey => (goalKeys as readonly string[]).includes(String(g))) : [];
  const skippedAt = typeof prefs.onboardingSkippedAt === "string" ? prefs.onboardingSkippedAt : null;
  return {
    status: settings.onboardedAt ? "done" : skippedAt ? "skipped" : "new",
    onboardedAt: settings.onboardedAt,
    skippedAt,
    goals,
    goalNote: typeof prefs.goalNote === "string" ? prefs.goalNote : "",
    goalOptions: GOALS.map((g) => ({ key: g.key, label: g.label })),
    zones,
    defaultZones: DEFAULT_ZONES.map((z) => ({ key: z.key, name: z.name, emoji: z.emoji, color: z.color })),
    settings,
  };
}

export async function saveOnboarding(ctx: UserCtx, input: SaveOnboardingInput, now = new Date()): Promise<OnboardingView> {
  if (input.settings) await updateSettings(ctx, input.settings);
  if (input.zones) await applyZoneChoice(ctx, input.zones);
  if (input.goals !== undefined || input.goalNote !== undefined) {
    const values: Record<string, unknown> = {};
    if (input.goals !== undefined) values.goals = input.goals;
    if (input.goalNote !== undefined) values.goalNote = input.goalNote;
    await mergePreferences(ctx.db, { userId: ctx.userId, values });
    const labels = (input.goals ?? []).map((k) => GOALS.find((g) => g.key === k)?.label.toLowerCase()).filter(Boolean);
    const words = [labels.length ? labels.join(", ") : null, input.goalNote ? `in their words: “${input.goalNote}”` : null].filter(Boolean);
    if (words.length) {
      try {
        await remember(ctx.db, { userId: ctx.userId, tier: "long_term", kind: "onboarding.goals", content: `Wants help with: ${words.join("; ")}.`, data: { goals: input.goals ?? null }, now });
      } catch (error) {
        log.error("could not remember onboarding goals", { error });
      }
    }
  }
  if (input.finish) await markOnboarded(ctx.db, { userId: ctx.userId, at: now });
  return getOnboarding(ctx);
}

/** "Skip for now": remembered, so the user is never sent back; they can still finish later. */
export async function skipOnboarding(ctx: UserCtx, now = new Date()): Promise<OnboardingView> {
  await mergePreferences(ctx.db, { userId: ctx.userId, values: { onboardingSkippedAt: now.toISOString() } });
  return getOnboarding(ctx);
}
