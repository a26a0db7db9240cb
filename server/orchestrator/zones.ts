// Compass zones (life areas): the five defaults handed out on first read, the user's edits (rename,
// colour, emoji, target share, order, their own zones, removal), tasks tagged with a zone, and the
// balance view — how the last 7 or 30 days were shared between the zones against the targets.
import "server-only";
import {
  completedPerArea,
  deleteZone,
  findZone,
  focusMinutesPerArea,
  insertZone,
  listZones,
  maxZonePosition,
  type NewZoneFields,
  reorderZones as reorderZoneRows,
  seedZones,
  setTaskArea,
  taskCountsPerArea,
  updateZone as updateZoneRow,
  type ZonePatch,
  zonesSeeded,
} from "../db/queries/zones";
import type { Zone } from "../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { addDays, dayBounds, localDay } from "../time";
import { loadDaySettings } from "./settings";
import type { UserCtx } from "./tasks";
import type { BalanceInput, CreateZoneInput, ReorderZonesInput, TagTaskInput, UpdateZoneInput } from "./zone-inputs";

/** The five zones every account starts with; targets add up to 100 and can be changed. */
export const DEFAULT_ZONES: readonly NewZoneFields[] = [
  { key: "work", name: "Work", color: "#4f7cac", emoji: "💼", position: 0, targetShare: 40 },
  { key: "health", name: "Health", color: "#3d8b5f", emoji: "🌿", position: 1, targetShare: 20 },
  { key: "relationships", name: "Relationships", color: "#c2577a", emoji: "💛", position: 2, targetShare: 15 },
  { key: "home", name: "Home", color: "#b7863b", emoji: "🏠", position: 3, targetShare: 10 },
  { key: "growth", name: "Growth", color: "#7a5fb0", emoji: "🌱", position: 4, targetShare: 15 },
];

const PALETTE = ["#4f7cac", "#3d8b5f", "#c2577a", "#b7863b", "#7a5fb0", "#2f8f9d", "#a0522d", "#5b6bbf"];

export interface ZoneView {
  id: string;
  key: string;
  name: string;
  color: string;
  emoji: string | null;
  position: number;
  targetShare: number | null;
  /** How many tasks (and steps) carry this zone. */
  taskCount: number;
}

function view(zone: Zone, counts: Map<string, number>): ZoneView {
  return {
    id: zone.id,
    key: zone.key,
    name: zone.name,
    color: zone.color,
    emoji: zone.emoji,
    position: zone.position,
    targetShare: zone.targetShare,
    taskCount: counts.get(zone.key) ?? 0,
  };
}

/** The user's zones, handing out the defaults the first time (idempotent, safe under concurrent reads). */
export async function ensureZones(ctx: UserCtx, now = new Date()): Promise<Zone[]> {
  if (!(await zonesSeeded(ctx.db, { userId: ctx.userId }))) {
    await seedZones(ctx.db, { userId: ctx.userId, zones: [...DEFAULT_ZONES], at: now });
  }
  return listZones(ctx.db, { userId: ctx.userId });
}

export async function listUserZones(ctx: UserCtx): Promise<ZoneView[]> {
  const zones = await ensureZones(ctx);
  const counts = await taskCountsPerArea(ctx.db, { userId: ctx.userId, keys: zones.map((z) => z.key) });
  return zones.map((z) => view(z, counts));
}

/** "Side projects!" → "side-projects"; a name with no latin letters gets "zone". */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
  return slug || "zone";
}

function checkTargets(zones: Zone[], change: { id: string | null; targetShare: number | null | undefined }) {
  if (change.targetShare === undefined || change.targetShare === null) return;
  const others = zones.filter((z) => z.id !== change.id).reduce((sum, z) => sum + (z.targetShare ?? 0), 0);
  const total = others + change.targetShare;
  if (total > 100) {
    throw new InvalidInputError("targetShare", `Your targets would add up to ${total}%; keep them at 100% or less (the others take ${others}%)`);
  }
}

export async function createZone(ctx: UserCtx, input: CreateZoneInput): Promise<ZoneView> {
  const zones = await ensureZones(ctx);
  if (zones.some((z) => z.name.toLowerCase() === input.name.toLowerCase())) {
    throw new InvalidInputError("name", `You already have a zone called “${input.name}”`);
  }
  checkTargets(zones, { id: null, targetShare: input.targetShare });
  if (zones.length >= 50) throw new InvalidInputError("name", "At most 50 zones");
  const base = slugOf(input.name);
  const taken = new Set(zones.map((z) => z.key));
  const position = (await maxZonePosition(ctx.db, { userId: ctx.userId })) + 1;
  // A key freed by a removed zone may come back; a race on the same key just tries the next suffix.
  for (let n = 1; n < 100; n++) {
    const key = n === 1 ? base : `${base.slice(0, 36)}-${n}`;
    if (taken.has(key)) continue;
    const zone = await insertZone(ctx.db, {
      userId: ctx.userId,
      fields: {
        key,
        name: input.name,
        color: input.color ?? PALETTE[zones.length % PALETTE.length] ?? "#4f7cac",
        emoji: input.emoji ?? null,
        position,
        targetShare: input.targetShare ?? null,
      },
    });
    if (zone) return view(zone, new Map());
    taken.add(key);
  }
  throw new InvalidInputError("name", "Pick a different name for this zone");
}

export async function updateZone(ctx: UserCtx, input: UpdateZoneInput): Promise<ZoneView> {
  const zones = await ensureZones(ctx);
  const current = zones.find((z) => z.id === input.id);
  if (!current) throw new NotFoundError("Zone");
  if (input.name !== undefined && zones.some((z) => z.id !== input.id && z.name.toLowerCase() === input.name?.toLowerCase())) {
    throw new InvalidInputError("name", `You already have a zone called “${input.name}”`);
  }
  checkTargets(zones, { id: input.id, targetShare: input.targetShare });
  const patch: ZonePatch = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.color !== undefined) patch.color = input.color;
  if (input.emoji !== undefined) patch.emoji = input.emoji;
  if (input.targetShare !== undefined) patch.targetShare = input.targetShare;
  const zone = await updateZoneRow(ctx.db, { userId: ctx.userId, id: input.id, patch });
  if (!zone) throw new NotFoundError("Zone");
  const counts = await taskCountsPerArea(ctx.db, { userId: ctx.userId, keys: [zone.key] });
  return view(zone, counts);
}

/** Removes a zone; its tasks lose the tag (they are not deleted). */
export async function removeZone(ctx: UserCtx, id: string): Promise<{ id: string; key: string; untagged: number }> {
  const removed = await deleteZone(ctx.db, { userId: ctx.userId, id });
  if (!removed) throw new NotFoundError("Zone");
  return { id, key: removed.zone.key, untagged: removed.untagged };
}

export async function reorderZones(ctx: UserCtx, input: ReorderZonesInput): Promise<ZoneView[]> {
  const zones = await ensureZones(ctx);
  const mine = new Set(zones.map((z) => z.id));
  if (input.ids.some((id) => !mine.has(id))) throw new NotFoundError("Zone");
  // Zones left out keep their relative order after the ones given.
  const rest = zones.filter((z) => !input.ids.includes(z.id)).map((z) => z.id);
  await reorderZoneRows(ctx.db, { userId: ctx.userId, ids: [...input.ids, ...rest] });
  return listUserZones(ctx);
}

/** Tags a task with one of the user's zones (by key), or clears the tag. */
export async function tagTask(ctx: UserCtx, input: TagTaskInput) {
  if (input.key !== null) {
    const zones = await ensureZones(ctx);
    if (!zones.some((z) => z.key === input.key)) throw new InvalidInputError("key", `You have no zone “${input.key}”`);
  }
  const task = await setTaskArea(ctx.db, { userId: ctx.userId, taskId: input.taskId, area: input.key });
  if (!task) throw new NotFoundError("Task");
  return { id: task.id, area: task.area };
}

export async function getZone(ctx: UserCtx, id: string): Promise<ZoneView> {
  const zone = await findZone(ctx.db, { userId: ctx.userId, id });
  if (!zone) throw new NotFoundError("Zone");
  return view(zone, await taskCountsPerArea(ctx.db, { userId: ctx.userId, keys: [zone.key] }));
}

export interface BalanceRow {
  key: string | null;
  name: string;
  color: string;
  emoji: string | null;
  targetShare: number | null;
  completed: number;
  focusMinutes: number;
  /** Percent of the period's effort (focus minutes when there are any, else completed tasks). */
  share: number;
}

export interface ZoneBalance {
  days: number;
  from: string;
  to: string;
  basis: "focus" | "tasks";
  totalCompleted: number;
  totalFocusMinutes: number;
  zones: BalanceRow[];
  /** Work with no zone (or an area that is not one of the user's zones). */
  untagged: BalanceRow;
  reading: string;
}

/** Whole percentages that add up to exactly 100 (largest remainders), or all 0 when nothing. */
export function percentages(values: number[]): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  if (total <= 0) return values.map(() => 0);
  const raw = values.map((v) => (v / total) * 100);
  const floors = raw.map(Math.floor);
  let left = 100 - floors.reduce((s, v) => s + v, 0);
  const order = raw.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

/** One sentence: which zone took most, and which fell furthest below its target. */
export function balanceReading(rows: BalanceRow[], untagged: BalanceRow, args: { days: number; basis: ZoneBalance["basis"]; total: number }): string {
  const period = args.days === 7 ? "week" : "month";
  const measure = args.basis === "focus" ? "focus time" : "finished tasks";
  if (args.total === 0) {
    return `Nothing finished in the last ${args.days} days yet — your balance shows up as you complete tasks.`;
  }
  if (untagged.share >= 50) {
    return `${untagged.share}% of your ${period}'s ${measure} has no zone yet — tag tasks with a zone to see your balance.`;
  }
  const top = [...rows].sort((a, b) => b.share - a.share)[0];
  if (!top || top.share === 0) return `Your ${period} has no zone yet — tag tasks with a zone to see your balance.`;
  let sentence = `${top.name} took ${top.share}% of your ${period}'s ${measure}`;
  const short = rows
    .filter((r) => r !== top && r.targetShare !== null && r.targetShare - r.share >= 10)
    .sort((a, b) => (b.targetShare ?? 0) - b.share - ((a.targetShare ?? 0) - a.share))[0];
  if (short) return `${sentence}; ${short.name} ${short.share}% — below the ${short.targetShare}% you wanted.`;
  if (top.targetShare !== null && top.share - top.targetShare >= 10) return `${sentence} — more than the ${top.targetShare}% you wanted.`;
  if (rows.some((r) => r.targetShare !== null)) sentence += " — close to the balance you wanted";
  return `${sentence}.`;
}

/** Completed tasks and focus minutes per zone over the last 7 or 30 local days, against the targets. */
export async function zoneBalance(ctx: UserCtx, input: BalanceInput, now = new Date()): Promise<ZoneBalance> {
  const [zones, settings] = await Promise.all([ensureZones(ctx, now), loadDaySettings(ctx.db, ctx.userId)]);
  const today = localDay(now.getTime(), settings.timeZone);
  const from = new Date(dayBounds(addDays(today, -(input.days - 1)), settings.timeZone).start);
  const to = new Date(now.getTime() + 1);
  const [completed, minutes] = await Promise.all([
    completedPerArea(ctx.db, { userId: ctx.userId, from, to }),
    focusMinutesPerArea(ctx.db, { userId: ctx.userId, from, to }),
  ]);
  const keys = new Set(zones.map((z) => z.key));
  const sumOther = (m: Map<string | null, number>) => [...m].filter(([k]) => k === null || !keys.has(k)).reduce((s, [, v]) => s + v, 0);
  const totalFocusMinutes = [...minutes.values()].reduce((s, v) => s + v, 0);
  const totalCompleted = [...completed.values()].reduce((s, v) => s + v, 0);
  const basis: ZoneBalance["basis"] = totalFocusMinutes > 0 ? "focus" : "tasks";
  const rows: BalanceRow[] = zones.map((z) => ({
    key: z.key,
    name: z.name,
    color: z.color,
    emoji: z.emoji,
    targetShare: z.targetShare,
    completed: completed.get(z.key) ?? 0,
    focusMinutes: minutes.get(z.key) ?? 0,
    share: 0,
  }));
  const untagged: BalanceRow = {
    key: null,
    name: "No zone",
    color: "#8a8f98",
    emoji: null,
    targetShare: null,
    completed: sumOther(completed),
    focusMinutes: sumOther(minutes),
    share: 0,
  };
  const all = [...rows, untagged];
  const shares = percentages(all.map((r) => (basis === "focus" ? r.focusMinutes : r.completed)));
  all.forEach((r, i) => {
    r.share = shares[i] ?? 0;
  });
  const total = basis === "focus" ? totalFocusMinutes : totalCompleted;
  return {
    days: input.days,
    from: from.toISOString(),
    to: now.toISOString(),
    basis,
    totalCompleted,
    totalFocusMinutes,
    zones: rows,
    untagged,
    reading: balanceReading(rows, untagged, { days: input.days, basis, total }),
  };
}

export interface ZoneChoice {
  /** An existing zone's key (or a default's, to bring it back); absent for a new zone. */
  key?: string;
  name: string;
  emoji?: string | null;
}

/**
 * Onboarding's "your zones": the zones to keep, renamed, in order, plus new ones. Zones left out are
 * removed (their tasks untagged). All in one transaction.
 */
export async function applyZoneChoice(ctx: UserCtx, choice: ZoneChoice[]): Promise<ZoneView[]> {
  const seen = new Set<string>();
  choice.forEach((z, i) => {
    const name = z.name.toLowerCase();
    if (seen.has(name)) throw new InvalidInputError(`zones.${i}.name`, `“${z.name}” is there twice`);
    seen.add(name);
  });
  const current = await ensureZones(ctx);
  const byKey = new Map(current.map((z) => [z.key, z]));
  const defaults = new Map(DEFAULT_ZONES.map((z) => [z.key, z]));
  choice.forEach((z, i) => {
    if (z.key !== undefined && !byKey.has(z.key) && !defaults.has(z.key)) throw new InvalidInputError(`zones.${i}.key`, `You have no zone “${z.key}”`);
  });
  await ctx.db.transaction(async (tx) => {
    const kept = new Set(choice.flatMap((z) => (z.key ? [z.key] : [])));
    for (const zone of current) {
      if (!kept.has(zone.key)) await deleteZone(tx, { userId: ctx.userId, id: zone.id });
    }
    const taken = new Set(choice.flatMap((z) => (z.key ? [z.key] : [])));
    for (const [position, z] of choice.entries()) {
      const existing = z.key ? byKey.get(z.key) : undefined;
      const patch = { name: z.name, position, ...(z.emoji !== undefined ? { emoji: z.emoji } : {}) };
      if (existing) {
        await updateZoneRow(tx, { userId: ctx.userId, id: existing.id, patch });
        continue;
      }
      const fallback = z.key ? defaults.get(z.key) : undefined;
      let key = z.key ?? slugOf(z.name);
      for (let n = 2; !z.key && taken.has(key); n++) key = `${slugOf(z.name).slice(0, 36)}-${n}`;
      taken.add(key);
      await insertZone(tx, {
        userId: ctx.userId,
        fields: {
          key,
          name: z.name,
          color: fallback?.color ?? PALETTE[position % PALETTE.length] ?? "#4f7cac",
          emoji: z.emoji !== undefined ? z.emoji : (fallback?.emoji ?? null),
          position,
          targetShare: fallback?.targetShare ?? null,
        },
      });
    }
  });
  return listUserZones(ctx);
}
