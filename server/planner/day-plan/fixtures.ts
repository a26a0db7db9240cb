// Day-plan fixtures shared by the planner's tests: one ordinary Monday of open tasks in Berlin.
import "server-only";
import type { DayPlanInput, PlanBlock, PlanTask } from "./types";

export const berlinMonday = "2026-11-23";

export const ordinaryTasks: PlanTask[] = [
  { id: "report", title: "Write the quarterly report", estimateMinutes: 120, priority: "high", dueAt: null },
  { id: "sam", title: "Reply to Sam's email", estimateMinutes: 10, priority: "medium", dueAt: null },
  { id: "dentist", title: "Book the dentist", estimateMinutes: 15, priority: "low", dueAt: null },
  {
    id: "kitchen",
    title: "Clean the kitchen",
    estimateMinutes: 45,
    priority: "medium",
    dueAt: null,
    steps: [
      { id: "kitchen-1", title: "Fill the sink with hot water", estimateMinutes: 5 },
      { id: "kitchen-2", title: "Wash the dishes", estimateMinutes: 15 },
      { id: "kitchen-3", title: "Wipe the counters", estimateMinutes: 10 },
    ],
  },
  { id: "slides", title: "Prepare the slides", estimateMinutes: 90, priority: "high", dueAt: null },
];

/** 08:30 in Berlin on a Monday; working hours 9–17; a morning person who has not checked in. */
export function monday(overrides: Partial<DayPlanInput> = {}): DayPlanInput {
  return {
    now: new Date("2026-11-23T07:30:00Z"),
    timeZone: "Europe/Berlin",
    workday: { startMinute: 9 * 60, endMinute: 17 * 60 },
    energyPattern: "morning",
    energy: null,
    mood: null,
    tasks: ordinaryTasks,
    ...overrides,
  };
}

export const minutes = (b: PlanBlock) => (Date.parse(b.end) - Date.parse(b.start)) / 60_000;
export const tasksOf = (blocks: PlanBlock[]) => blocks.filter((b) => b.kind === "task");

/** Wall-clock "H:MM" of an ISO instant in a zone, for readable assertions. */
export function clock(iso: string, timeZone = "Europe/Berlin"): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", minute: "2-digit", hourCycle: "h23" }).format(Date.parse(iso));
}

/** Every block ends after it starts and none overlaps the next (fixed events may overlap each other). */
export function expectWellFormed(blocks: PlanBlock[]): void {
  const planned = blocks;
  for (const b of planned) {
    if (!(Date.parse(b.end) > Date.parse(b.start))) throw new Error(`block ${b.title} ends before it starts`);
  }
  for (let i = 1; i < planned.length; i++) {
    const prev = planned[i - 1] as PlanBlock;
    const cur = planned[i] as PlanBlock;
    if (prev.kind === "event" && cur.kind === "event") continue;
    if (Date.parse(cur.start) < Date.parse(prev.end)) throw new Error(`“${cur.title}” overlaps “${prev.title}”`);
  }
}
