// What the day planner takes in and gives back. Pure data: no database, no clock of its own.
import type { PlanBlock } from "../../db/schema/days";

export type { PlanBlock };
export type EnergyPattern = "morning" | "afternoon" | "evening" | "steady";
export type Priority = "low" | "medium" | "high" | "urgent";

export interface PlanStep {
  id: string;
  title: string;
  estimateMinutes: number | null;
}

export interface PlanTask {
  id: string;
  title: string;
  estimateMinutes: number | null;
  priority: Priority;
  /** ISO instant, or null. */
  dueAt: string | null;
  /** 1–5 from the coach's analysis, when known; otherwise judged from the size. */
  complexity?: number | null;
  /** The open steps still to do, next first (the smallest concrete things: leaves of the tree). */
  steps?: PlanStep[];
}

/** Something that happens at a fixed time (a meeting, the school run): the plan goes around it. */
export interface FixedEvent {
  id: string;
  title: string;
  start: string;
  end: string;
}

/** A task block the user put at a time themselves: kept there, the rest is planned around it. */
export interface PinnedBlock {
  taskId: string;
  title: string;
  start: string;
  end: string;
}

export interface DayPlanInput {
  now: Date;
  timeZone: string;
  /** The user's local day to plan, "YYYY-MM-DD"; defaults to the day `now` falls on. */
  day?: string;
  /** Working hours as minutes after local midnight (end may be 1440). */
  workday: { startMinute: number; endMinute: number };
  energyPattern: EnergyPattern;
  /** Today's check-in, 1 (very low) … 5 (great); null when the user has not said. */
  energy: number | null;
  mood: number | null;
  /** Open tasks, in the user's own order (the order breaks ties). */
  tasks: PlanTask[];
  fixedEvents?: FixedEvent[];
  pinned?: PinnedBlock[];
  /** Focus minutes already done today (finished focus sessions). */
  doneMinutes?: number;
}

export interface Overload {
  overflowMinutes: number;
  message: string;
  unplannedTaskIds: string[];
}

export interface PlanSummary {
  day: string;
  planStart: string;
  workStart: string;
  workEnd: string;
  /** The user's high-energy window inside the working hours, if their pattern has one. */
  peak: { start: string; end: string } | null;
  /** Low energy: small steps, short blocks, more breaks. */
  light: boolean;
  /** Low mood: the plan opens with one tiny, easy win. */
  tinyWin: boolean;
  focusMinutes: number;
  breakMinutes: number;
  /** One or two sentences saying how this plan was shaped, for the top of the plan. */
  headline: string;
}

export interface DayPlanResult {
  blocks: PlanBlock[];
  overload: Overload | null;
  summary: PlanSummary;
}
