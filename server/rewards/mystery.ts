// The mystery box: a weighted prize table with its odds shown, drawn from a recorded seed so every
// draw can be replayed (drawPrize is pure: the same seed and table give the same prize). The first
// box on a day you did something is free; after that a box costs MYSTERY_COST points, checked and
// spent under the user's rewards lock, once per client request id.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import {
  activeDays,
  countMysteryDraws,
  findLedgerEntry,
  findMysteryDraw,
  insertMysteryDraw,
  ledgerTotals,
  listMysteryDraws,
  lockRewards,
  updatePet,
  userTimeZone,
} from "../db/queries/rewards";
import type { MysteryDraw } from "../db/schema";
import { InvalidInputError } from "../errors";
import { dayBounds, localDay } from "../time";
import { TREAT_GROWTH } from "./pet";
import { awardPoints } from "./points";
import { FREEZE_PRIZE_KIND, safeTimeZone, STREAK_KINDS } from "./streak";

export type PrizeKind = "points" | "freeze" | "treat" | "message";

export interface PrizeDef {
  id: string;
  kind: PrizeKind;
  label: string;
  weight: number;
  amount?: number;
}

export interface PrizeTable {
  version: string;
  prizes: readonly PrizeDef[];
}

export const MYSTERY_COST = 20;

export const KIND_MESSAGES = [
  "A sticker of a sleepy cat: you're doing better than you think.",
  "A sticker of a tiny mountain: every step counts, even the small ones.",
  "A sticker of a warm mug: rest is part of the work.",
  "A sticker of a sunrise: today is a fresh page.",
  "A sticker of a snail: slow progress is still progress.",
] as const;

/** v1 of the odds. A new table gets a new version; old draws keep replaying against theirs. */
export const PRIZE_TABLES: Record<string, PrizeTable> = {
  v1: {
    version: "v1",
    prizes: [
      { id: "points-small", kind: "points", label: "10 points", weight: 35, amount: 10 },
      { id: "points-medium", kind: "points", label: "25 points", weight: 15, amount: 25 },
      { id: "points-jackpot", kind: "points", label: "60 points", weight: 3, amount: 60 },
      { id: "freeze", kind: "freeze", label: "A streak freeze", weight: 10 },
      { id: "treat", kind: "treat", label: `A pet treat (+${TREAT_GROWTH} growth)`, weight: 20, amount: TREAT_GROWTH },
      { id: "message", kind: "message", label: "A kind sticker", weight: 17 },
    ],
  },
};
export const CURRENT_ODDS = "v1";

export interface Prize {
  kind: PrizeKind;
  label: string;
  amount?: number;
  /** The table entry it came from. */
  id: string;
}

/** Two independent uniforms in [0, 1) from the seed (48 bits each of its SHA-256). */
function uniforms(seed: string): [number, number] {
  const hash = createHash("sha256").update(seed).digest();
  return [hash.readUIntBE(0, 6) / 2 ** 48, hash.readUIntBE(6, 6) / 2 ** 48];
}

/** The prize a seed draws from a table: pure and reproducible. */
export function drawPrize(seed: string, table: PrizeTable): Prize {
  const total = table.prizes.reduce((sum, p) => sum + p.weight, 0);
  const [u, v] = uniforms(seed);
  let target = u * total;
  let chosen = table.prizes[table.prizes.length - 1] as PrizeDef;
  for (const prize of table.prizes) {
    if (target < prize.weight) {
      chosen = prize;
      break;
    }
    target -= prize.weight;
  }
  const label = chosen.kind === "message" ? (KIND_MESSAGES[Math.floor(v * KIND_MESSAGES.length)] as string) : chosen.label;
  return { id: chosen.id, kind: chosen.kind, label, ...(chosen.amount !== undefined ? { amount: chosen.amount } : {}) };
}

/** The odds as the page shows them: each prize with its chance in percent. */
export function mysteryOdds(version = CURRENT_ODDS) {
  const table = PRIZE_TABLES[version];
  if (!table) throw new InvalidInputError("version", "No such odds table");
  const total = table.prizes.reduce((sum, p) => sum + p.weight, 0);
  return {
    version: table.version,
    cost: MYSTERY_COST,
    prizes: table.prizes.map((p) => ({ id: p.id, kind: p.kind, label: p.kind === "message" ? "A kind sticker with a message" : p.label, chance: Math.round((p.weight / total) * 1000) / 10 })),
  };
}

export interface DrawView {
  id: string;
  cost: number;
  free: boolean;
  prize: Prize;
  seed: string;
  oddsVersion: string;
  createdAt: Date;
}

function drawView(draw: MysteryDraw): DrawView {
  return {
    id: draw.id,
    cost: draw.cost,
    free: draw.cost === 0,
    prize: { ...draw.prize, kind: draw.prize.kind as PrizeKind, id: PRIZE_TABLES[draw.oddsVersion] ? replayDraw(draw).id : "" },
    seed: draw.seed,
    oddsVersion: draw.oddsVersion,
    createdAt: draw.createdAt,
  };
}

async function hasFreeBox(db: Db, userId: string, now: Date, timeZone: string): Promise<boolean> {
  const today = localDay(now.getTime(), timeZone);
  const { start } = dayBounds(today, timeZone);
  const days = await activeDays(db, { userId, kinds: STREAK_KINDS, timeZone, since: new Date(start) });
  if (!days.includes(today)) return false;
  return (await countMysteryDraws(db, { userId, cost: 0, since: new Date(start) })) === 0;
}

export async function mysteryStatus(db: Db, userId: string, now = new Date()) {
  const timeZone = safeTimeZone(await userTimeZone(db, userId));
  const [free, totals] = await Promise.all([hasFreeBox(db, userId, now, timeZone), ledgerTotals(db, userId)]);
  return { ...mysteryOdds(), freeAvailable: free, balance: totals.balance };
}

/**
 * Opens a box once per request id: a repeat of the same request returns the same draw. Free when it
 * is the first box on a day with activity, else MYSTERY_COST points (a clear error when short).
 */
export async function openMysteryBox(db: Db, userId: string, requestId: string, now = new Date()): Promise<DrawView & { balance: number }> {
  const timeZone = safeTimeZone(await userTimeZone(db, userId));
  const openKey = `mystery.open:${requestId}`;
  const drawId = await db.transaction(async (tx) => {
    await lockRewards(tx, userId);
    const previous = await findLedgerEntry(tx, { userId, idempotencyKey: openKey });
    if (previous) return String(previous.data?.drawId ?? "");
    const free = await hasFreeBox(tx, userId, now, timeZone);
    const cost = free ? 0 : MYSTERY_COST;
    const { balance } = await ledgerTotals(tx, userId);
    if (balance < cost) {
      throw new InvalidInputError("cost", `A box costs ${cost} points and you have ${balance} — ${cost - balance} to go. Your first box is free on any day you finish something.`);
    }
    const seed = randomBytes(16).toString("hex");
    const prize = drawPrize(seed, PRIZE_TABLES[CURRENT_ODDS] as PrizeTable);
    const draw = await insertMysteryDraw(tx, {
      userId,
      seed,
      oddsVersion: CURRENT_ODDS,
      cost,
      prize: { kind: prize.kind, label: prize.label, ...(prize.amount !== undefined ? { amount: prize.amount } : {}) },
      createdAt: now,
    });
    await awardPoints(tx, {
      userId,
      amount: -cost,
      kind: "mystery.open",
      reason: free ? "Opened today's free mystery box" : "Opened a mystery box",
      sourceId: draw.id,
      idempotencyKey: openKey,
      data: { drawId: draw.id, free },
    });
    const prizeKey = `mystery.prize:${draw.id}`;
    if (prize.kind === "points" && prize.amount) {
      await awardPoints(tx, { userId, amount: prize.amount, kind: "mystery.prize", reason: `Mystery box: ${prize.label}`, sourceId: draw.id, idempotencyKey: prizeKey });
    } else if (prize.kind === "freeze") {
      await awardPoints(tx, { userId, amount: 0, kind: FREEZE_PRIZE_KIND, reason: "Mystery box: a streak freeze", sourceId: draw.id, idempotencyKey: prizeKey });
    } else if (prize.kind === "treat" && prize.amount) {
      await updatePet(tx, userId, { growthDelta: prize.amount });
      await awardPoints(tx, { userId, amount: 0, kind: "pet.treat", reason: "Mystery box: a treat for your pet", sourceId: draw.id, idempotencyKey: prizeKey });
    }
    return draw.id;
  });
  const draw = await findMysteryDraw(db, { userId, id: drawId });
  if (!draw) throw new Error("mystery draw missing after open");
  const { balance } = await ledgerTotals(db, userId);
  return { ...drawView(draw), balance };
}

export async function mysteryHistory(db: Db, userId: string, limit: number): Promise<DrawView[]> {
  return (await listMysteryDraws(db, { userId, limit })).map(drawView);
}

/** Replays a recorded draw: the prize its seed and odds version give (it must equal the stored one). */
export function replayDraw(draw: { seed: string; oddsVersion: string }): Prize {
  const table = PRIZE_TABLES[draw.oddsVersion];
  if (!table) throw new Error(`unknown odds version ${draw.oddsVersion}`);
  return drawPrize(draw.seed, table);
}
