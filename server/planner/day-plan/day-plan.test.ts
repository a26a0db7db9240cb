// The day planner on fixtures: an ordinary day, a low-energy day, a low-mood day, an overfull day,
// an overdue task, a fixed event in the middle, an evening person, and days when the clocks change.
import { describe, expect, it } from "vitest";
import { planDay } from ".";
import { formatDuration } from "../../time";
import { clock, expectWellFormed, minutes, monday, ordinaryTasks, tasksOf } from "./fixtures";
import type { PlanTask } from "./types";

describe("an ordinary day", () => {
  const plan = planDay(monday());

  it("fits everything into the working hours, from 9:00, with nothing overlapping", () => {
    expectWellFormed(plan.blocks);
    expect(plan.overload).toBeNull();
    expect(clock(plan.blocks[0]!.start)).toBe("9:00");
    for (const b of plan.blocks) {
      expect(Date.parse(b.start)).toBeGreaterThanOrEqual(Date.parse("2026-11-23T08:00:00Z"));
      expect(Date.parse(b.end)).toBeLessThanOrEqual(Date.parse("2026-11-23T16:00:00Z"));
    }
    const planned = new Map<string, number>();
    for (const b of tasksOf(plan.blocks)) planned.set(b.taskId!, (planned.get(b.taskId!) ?? 0) + minutes(b));
    expect(Object.fromEntries(planned)).toEqual({ report: 120, slides: 90, sam: 10, kitchen: 30, dentist: 15 });
  });

  it("puts the hardest work in the morning peak and says why", () => {
    const first = plan.blocks[0]!;
    expect(first).toMatchObject({ kind: "task", taskId: "report" });
    expect(first.why).toContain("hardest work");
    expect(first.why).toContain("high-energy morning");
    const slides = tasksOf(plan.blocks).find((b) => b.taskId === "slides")!;
    expect(Date.parse(slides.start)).toBeLessThan(Date.parse("2026-11-23T11:00:00Z")); // before noon in Berlin
    expect(plan.summary.headline).toContain("high-energy morning (9:00–12:00)");
  });

  it("breaks up focus: no stretch of work longer than 50 minutes, and a longer break after about 2 hours", () => {
    let stretch = 0;
    for (const b of plan.blocks) {
      stretch = b.kind === "task" ? stretch + minutes(b) : 0;
      expect(stretch).toBeLessThanOrEqual(55);
    }
    expect(plan.blocks.filter((b) => b.kind === "break").length).toBeGreaterThanOrEqual(4);
    expect(plan.blocks.some((b) => b.kind === "break" && minutes(b) === 15)).toBe(true);
  });

  it("shows the next step of a task that has steps", () => {
    expect(tasksOf(plan.blocks).find((b) => b.taskId === "kitchen")?.why).toContain("Start with: Fill the sink with hot water");
  });

  it("is deterministic", () => {
    expect(planDay(monday())).toEqual(plan);
  });
});

describe("a low-energy day", () => {
  const plan = planDay(monday({ energy: 2 }));
  const normal = planDay(monday());

  it("is a lighter plan that says so", () => {
    expect(plan.summary.light).toBe(true);
    expect(plan.summary.headline).toMatch(/^Low energy today, so this is a lighter plan/);
    expect(plan.summary.focusMinutes).toBeLessThan(normal.summary.focusMinutes / 2);
    expect(plan.overload).toBeNull();
  });

  it("plans the next small steps instead of whole tasks, in blocks of at most 25 minutes", () => {
    const blocks = tasksOf(plan.blocks);
    for (const b of blocks) expect(minutes(b)).toBeLessThanOrEqual(25);
    expect(blocks.map((b) => b.taskId)).toEqual(expect.arrayContaining(["kitchen-1", "kitchen-2"]));
    expect(blocks.map((b) => b.taskId)).not.toContain("kitchen");
    expect(blocks.map((b) => b.taskId)).not.toContain("kitchen-3"); // 5 + 15 + 10 would be over 25
    expect(blocks.find((b) => b.taskId === "kitchen-2")?.why).toContain("just the next small step of “Clean the kitchen”");
    expect(blocks.find((b) => b.taskId === "report")?.why).toContain("just 25 minutes on it");
    for (const b of blocks) expect(b.why).toContain("Low energy today");
  });

  it("has more breaks: none of its work stretches past 25 minutes", () => {
    let stretch = 0;
    for (const b of plan.blocks) {
      stretch = b.kind === "task" ? stretch + minutes(b) : 0;
      expect(stretch).toBeLessThanOrEqual(25);
    }
    expect(plan.blocks.filter((b) => b.kind === "break").every((b) => b.why?.includes("rest is part of the plan"))).toBe(true);
  });
});

describe("a low-mood day", () => {
  it("opens with one tiny, easy win", () => {
    const plan = planDay(monday({ mood: 1 }));
    const first = plan.blocks[0]!;
    expect(first).toMatchObject({ kind: "task", taskId: "sam" });
    expect(minutes(first)).toBeLessThanOrEqual(15);
    expect(first.why).toContain("tiny, easy win");
    expect(plan.summary.tinyWin).toBe(true);
    expect(plan.summary.headline).toContain("one tiny, easy win");
  });

  it("when every task is big, opens with just ten minutes of the easiest one", () => {
    const big: PlanTask[] = [
      { id: "essay", title: "Write the essay", estimateMinutes: 180, priority: "high", dueAt: null },
      { id: "garage", title: "Sort the garage", estimateMinutes: 60, priority: "low", dueAt: null },
    ];
    const plan = planDay(monday({ mood: 2, tasks: big }));
    expect(plan.blocks[0]).toMatchObject({ taskId: "garage", title: "Sort the garage" });
    expect(minutes(plan.blocks[0]!)).toBe(10);
    expect(plan.blocks.find((b) => b.taskId === "garage" && b.start !== plan.blocks[0]!.start)?.title).toBe("Sort the garage (continued)");
  });
});

describe("an overfull day", () => {
  const extra: PlanTask[] = Array.from({ length: 6 }, (_, i) => ({
    id: `extra-${i}`,
    title: `Extra job ${i + 1}`,
    estimateMinutes: 60,
    priority: i < 3 ? "low" : "medium",
    dueAt: null,
  }));
  const plan = planDay(monday({ tasks: [...ordinaryTasks, ...extra] }));

  it("warns how much is over and names what did not fit, least urgent first out", () => {
    expectWellFormed(plan.blocks);
    expect(plan.overload).not.toBeNull();
    const overload = plan.overload!;
    const plannedMinutes = tasksOf(plan.blocks).reduce((s, b) => s + minutes(b), 0);
    expect(overload.overflowMinutes).toBe(265 + 360 - plannedMinutes);
    expect(overload.unplannedTaskIds).toEqual(expect.arrayContaining(["extra-0", "extra-1", "extra-2", "dentist"]));
    expect(overload.unplannedTaskIds).not.toContain("report");
    expect(overload.unplannedTaskIds).not.toContain("slides");
    expect(overload.overflowMinutes).toBeGreaterThanOrEqual(180);
    expect(overload.message).toContain(`about ${formatDuration(overload.overflowMinutes)} more than your working hours (09:00–17:00)`);
    expect(overload.message).toContain("“Book the dentist”");
    expect(overload.message).toMatch(/move them to tomorrow/);
    expect(overload.message).toContain("isn't a failure");
    // The working day is used to (within a few minutes of) its end before anything is declared over.
    expect(Date.parse(plan.blocks.at(-1)!.end)).toBeGreaterThanOrEqual(Date.parse("2026-11-23T15:50:00Z"));
  });

  it("says the day is over, kindly, when the working hours have passed", () => {
    const late = planDay(monday({ now: new Date("2026-11-23T17:30:00Z") }));
    expect(tasksOf(late.blocks)).toHaveLength(0);
    expect(late.overload?.unplannedTaskIds).toHaveLength(ordinaryTasks.length);
    expect(late.overload?.message).toMatch(/^Your working hours \(09:00–17:00\) are over for today/);
    expect(late.summary.headline).toBe("Your working hours are over for today.");
  });
});

describe("deadlines", () => {
  const tasks: PlanTask[] = [
    ...ordinaryTasks,
    { id: "tax", title: "File the tax form", estimateMinutes: 30, priority: "low", dueAt: "2026-11-21T17:00:00Z" },
    { id: "bank", title: "Call the bank", estimateMinutes: 20, priority: "low", dueAt: "2026-11-23T14:00:00Z" },
  ];

  it("schedules an overdue task first, in the next free slot, then what is due today", () => {
    const plan = planDay(monday({ now: new Date("2026-11-23T09:12:00Z"), tasks }));
    const [first, second] = tasksOf(plan.blocks);
    expect(first).toMatchObject({ taskId: "tax" });
    expect(clock(first!.start)).toBe("10:15"); // 10:12 rounded up to the next 5 minutes
    expect(first!.why).toContain("Overdue (it was due Sat 21 Nov)");
    expect(second).toMatchObject({ taskId: "bank" });
    expect(second!.why).toContain("Due today at 15:00");
  });

  it("a task estimated by nobody still gets a default 30 minutes", () => {
    const plan = planDay(monday({ tasks: [{ id: "x", title: "Think about the garden", estimateMinutes: null, priority: "medium", dueAt: null }] }));
    expect(tasksOf(plan.blocks).map(minutes)).toEqual([30]);
  });
});

describe("fixed events", () => {
  const lunch = { id: "lunch", title: "Lunch with Ana", start: "2026-11-23T10:30:00Z", end: "2026-11-23T11:30:00Z" };

  it("keeps a fixed event where it is and plans around it", () => {
    const plan = planDay(monday({ fixedEvents: [lunch] }));
    expectWellFormed(plan.blocks);
    expect(plan.blocks.find((b) => b.kind === "event")).toMatchObject({ title: "Lunch with Ana", start: lunch.start, end: lunch.end });
    const before = tasksOf(plan.blocks).filter((b) => Date.parse(b.end) <= Date.parse(lunch.start));
    const after = tasksOf(plan.blocks).filter((b) => Date.parse(b.start) >= Date.parse(lunch.end));
    expect(before.length + after.length).toBe(tasksOf(plan.blocks).length);
    expect(before.length).toBeGreaterThan(0);
    expect(clock(after[0]!.start)).toBe("12:30");
    expect(plan.overload).toBeNull();
  });

  it("keeps a block the user moved and plans only the rest of that task", () => {
    const pinned = [{ taskId: "report", title: "Write the quarterly report", start: "2026-11-23T14:00:00Z", end: "2026-11-23T15:00:00Z" }];
    const plan = planDay(monday({ pinned }));
    expectWellFormed(plan.blocks);
    const report = tasksOf(plan.blocks).filter((b) => b.taskId === "report");
    expect(report.reduce((s, b) => s + minutes(b), 0)).toBe(120);
    expect(report.find((b) => b.start === pinned[0]!.start)?.why).toContain("You put this here");
  });
});

describe("an evening person", () => {
  it("keeps the hardest task for the evening and warms up with lighter ones", () => {
    const plan = planDay(
      monday({
        energyPattern: "evening",
        workday: { startMinute: 10 * 60, endMinute: 20 * 60 },
        tasks: [
          { id: "essay", title: "Write the essay", estimateMinutes: 120, priority: "high", dueAt: null },
          ...ordinaryTasks.filter((t) => ["sam", "dentist"].includes(t.id)),
        ],
      }),
    );
    expectWellFormed(plan.blocks);
    const essay = tasksOf(plan.blocks).filter((b) => b.taskId === "essay");
    expect(clock(essay[0]!.start)).toBe("17:00");
    expect(essay[0]!.why).toContain("high-energy evening");
    const sam = tasksOf(plan.blocks).find((b) => b.taskId === "sam")!;
    expect(clock(sam.start)).toBe("10:00");
    expect(sam.why).toContain("warm up before your high-energy evening");
  });

  it("with working hours that miss the evening, uses the last third of the working day", () => {
    const plan = planDay(monday({ energyPattern: "evening", workday: { startMinute: 7 * 60, endMinute: 16 * 60 } }));
    expect(plan.summary.peak).toEqual({ start: "2026-11-23T12:00:00.000Z", end: "2026-11-23T15:00:00.000Z" });
  });
});

describe("days when the clocks change (New York)", () => {
  const ny = { timeZone: "America/New_York", energyPattern: "steady" as const };

  it("starts at 9:00 local on the day clocks spring forward", () => {
    const before = planDay(monday({ ...ny, day: "2026-03-07", now: new Date("2026-03-07T05:00:00Z") }));
    const after = planDay(monday({ ...ny, day: "2026-03-08", now: new Date("2026-03-07T05:00:00Z") }));
    expect(before.blocks[0]!.start).toBe("2026-03-07T14:00:00.000Z");
    expect(after.blocks[0]!.start).toBe("2026-03-08T13:00:00.000Z");
    expect(clock(after.blocks[0]!.start, ny.timeZone)).toBe("9:00");
  });

  it("an hour more fits between midnight and six on the night clocks fall back", () => {
    const night = { ...ny, workday: { startMinute: 0, endMinute: 6 * 60 }, now: new Date("2026-10-30T12:00:00Z") };
    const tasks: PlanTask[] = [{ id: "long", title: "Night shift paperwork", estimateMinutes: 360, priority: "medium", dueAt: null }];
    const fallBack = planDay({ ...monday(night), day: "2026-11-01", tasks });
    const ordinary = planDay({ ...monday(night), day: "2026-11-02", tasks });
    expect(fallBack.overload).toBeNull();
    expect(tasksOf(fallBack.blocks).reduce((s, b) => s + minutes(b), 0)).toBe(360);
    expect(ordinary.overload?.overflowMinutes).toBeGreaterThanOrEqual(30);
    expect(Date.parse(fallBack.summary.workEnd) - Date.parse(fallBack.summary.workStart)).toBe(7 * 3_600_000);
  });
});
