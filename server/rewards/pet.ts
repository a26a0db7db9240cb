// The pet: a companion that grows with completed focus (the ledger's focus minutes) and care (a pat
// once a day, treats from the mystery box, kept in pets.growth). It never dies and never shrinks; its
// mood follows recent activity but at worst it is sleepy and misses you.
import "server-only";
import type { Db } from "../db/client";
import { ensurePet, focusMinutesTotal, lastEntryAt, lockRewards, updatePet, userTimeZone } from "../db/queries/rewards";
import type { Pet } from "../db/schema";
import { localDay } from "../time";
import { safeTimeZone, STREAK_KINDS } from "./streak";

export interface PetStageDef {
  index: number;
  key: string;
  name: string;
  /** Growth at which this stage starts. */
  at: number;
}

export const PET_STAGES: readonly PetStageDef[] = [
  { index: 0, key: "egg", name: "Egg", at: 0 },
  { index: 1, key: "hatchling", name: "Hatchling", at: 30 },
  { index: 2, key: "cub", name: "Cub", at: 120 },
  { index: 3, key: "explorer", name: "Explorer", at: 300 },
  { index: 4, key: "companion", name: "Companion", at: 600 },
  { index: 5, key: "elder", name: "Wise elder", at: 1200 },
];

/** Growth a daily pat and a mystery-box treat give. */
export const PAT_GROWTH = 5;
export const TREAT_GROWTH = 15;

export interface PetStage extends PetStageDef {
  nextAt: number | null;
  nextName: string | null;
  /** 0..1 of the way to the next stage (1 at the last). */
  progress: number;
}

/** The stage for a growth total; negative or fractional growth is treated as its whole, non-negative part. */
export function petStage(growth: number): PetStage {
  const g = Math.max(0, Math.floor(Number.isFinite(growth) ? growth : 0));
  let index = 0;
  for (const s of PET_STAGES) if (g >= s.at) index = s.index;
  const stage = PET_STAGES[index] as PetStageDef;
  const next = PET_STAGES[index + 1];
  const progress = next ? (g - stage.at) / (next.at - stage.at) : 1;
  return { ...stage, nextAt: next?.at ?? null, nextName: next?.name ?? null, progress: Math.round(progress * 1000) / 1000 };
}

export type PetMood = "happy" | "content" | "calm" | "sleepy";

/** Mood from hours since the last activity or care (null: never). Never worse than sleepy. */
export function petMood(args: { name: string; stageIndex: number; hoursSinceActivity: number | null; caredToday: boolean }): { mood: PetMood; text: string } {
  const { name } = args;
  const h = args.hoursSinceActivity;
  if (args.stageIndex === 0) {
    if (args.caredToday || (h !== null && h < 24)) return { mood: "happy", text: `${name}'s egg is warm and wiggling — something is growing in there.` };
    return { mood: "calm", text: `${name}'s egg rests quietly. A little focus time will help it hatch.` };
  }
  if (args.caredToday || (h !== null && h < 24)) return { mood: "happy", text: `${name} is bouncing around, happy to see you.` };
  if (h !== null && h < 72) return { mood: "content", text: `${name} is curled up, content.` };
  if (h !== null && h < 24 * 7) return { mood: "calm", text: `${name} is resting calmly, waiting for you.` };
  return { mood: "sleepy", text: `${name} is sleepy and misses you — one small thing would wake them up.` };
}

export interface PetView {
  name: string;
  species: string;
  growth: number;
  focusMinutes: number;
  care: number;
  stage: PetStage;
  mood: PetMood;
  moodText: string;
  canCare: boolean;
}

function view(pet: Pet, focusMinutes: number, now: Date, timeZone: string, lastActivity: Date | null): PetView {
  const growth = focusMinutes + pet.growth;
  const stage = petStage(growth);
  const today = localDay(now.getTime(), timeZone);
  const caredToday = pet.lastCaredAt !== null && localDay(pet.lastCaredAt.getTime(), timeZone) === today;
  const hours = lastActivity ? Math.max(0, (now.getTime() - lastActivity.getTime()) / 3_600_000) : null;
  const mood = petMood({ name: pet.name, stageIndex: stage.index, hoursSinceActivity: hours, caredToday });
  return {
    name: pet.name,
    species: pet.species,
    growth,
    focusMinutes,
    care: pet.growth,
    stage,
    mood: mood.mood,
    moodText: mood.text,
    canCare: !caredToday,
  };
}

async function zoneOf(db: Db, userId: string, timeZone?: string): Promise<string> {
  return safeTimeZone(timeZone ?? (await userTimeZone(db, userId)));
}

export async function getPet(db: Db, userId: string, options: { now?: Date; timeZone?: string } = {}): Promise<PetView> {
  const now = options.now ?? new Date();
  const timeZone = await zoneOf(db, userId, options.timeZone);
  const [pet, minutes, last] = await Promise.all([
    ensurePet(db, userId),
    focusMinutesTotal(db, userId),
    lastEntryAt(db, { userId, kinds: STREAK_KINDS }),
  ]);
  return view(pet, minutes, now, timeZone, last);
}

export async function renamePet(db: Db, userId: string, name: string, now = new Date()): Promise<PetView> {
  await ensurePet(db, userId);
  await updatePet(db, userId, { name });
  return getPet(db, userId, { now });
}

/** A pat, once per local day; a second pat the same day changes nothing and says so kindly. */
export async function carePet(db: Db, userId: string, now = new Date()): Promise<{ cared: boolean; message: string; pet: PetView }> {
  const timeZone = await zoneOf(db, userId);
  const today = localDay(now.getTime(), timeZone);
  const result = await db.transaction(async (tx) => {
    const pet = await lockRewards(tx, userId);
    if (pet.lastCaredAt && localDay(pet.lastCaredAt.getTime(), timeZone) === today) {
      return { cared: false, message: `${pet.name} already had a pat today and is still purring. Come back tomorrow.` };
    }
    await updatePet(tx, userId, { growthDelta: PAT_GROWTH, lastCaredAt: now });
    return { cared: true, message: `${pet.name} leans into the pat. +${PAT_GROWTH} growth.` };
  });
  return { ...result, pet: await getPet(db, userId, { now, timeZone }) };
}
