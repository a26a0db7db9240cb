// The offline motivation coach: every template is kind (a banned list of shaming words and phrases
// never appears), short, specific (names the task or the latest win) and chosen deterministically.
import { describe, expect, it } from "vitest";
import { MAX_MESSAGE, motivationTriggers, offlineMotivation, type MotivationInput, type Slots, TEMPLATES } from "./motivation";

/** Words and phrases that shame, guilt, compare or rush. None may appear in anything the coach says. */
const SHAMING = [
  /\blazy\b/i, /\bshould(?:n't| not| have)?\b/i, /\bfail(?:ed|ure|ing)?\b/i, /\bdisappoint/i, /\bbehind\b/i,
  /\bexcuses?\b/i, /\bfinally\b/i, /\bprocrastinat/i, /\bwast(?:e|ed|ing)\b/i, /\bpathetic\b/i, /\buseless\b/i,
  /what'?s wrong/i, /\bjust do it\b/i, /\byou always\b/i, /\byou never\b/i, /\bact together\b/i,
  /not good enough/i, /\bembarrass/i, /\bashamed\b/i, /\bshame/i, /\bguilt/i, /\bwhy (?:haven't|didn't|don't) you\b/i,
  /\bsupposed to\b/i, /\bstill haven't\b/i, /\bhurry\b/i, /\bonly managed\b/i, /\bat least\b/i, /\bbroke (?:your|the) streak/i,
  /\bmissed\b/i, /\bagain\?/i, /\bc'mon\b/i, /\bcome on\b/i, /\bno more\b/i, /\bterrible\b/i, /\bslacker\b/i,
];

const shaming = (message: string) => SHAMING.filter((re) => re.test(message)).map(String);

const slotSets: Slots[] = [
  { task: "“Clean the kitchen”", win: "“Book the dentist”" },
  { task: "“Clean the kitchen”", win: null },
  { task: null, win: "“Book the dentist”" },
  { task: null, win: null },
];

describe("offline motivation templates", () => {
  it("never shame, in any template of any trigger", () => {
    for (const trigger of motivationTriggers) {
      for (const template of TEMPLATES[trigger]) {
        for (const slots of slotSets) {
          const message = template(slots);
          if (message) expect(shaming(message), message).toEqual([]);
        }
      }
    }
  });

  it("never shame in any message with any state either (extras included)", () => {
    const tasks = [undefined, "Clean the kitchen", "File my taxes", "x".repeat(300)];
    for (const trigger of motivationTriggers) {
      for (const taskTitle of tasks) {
        for (const mood of [undefined, 1, 3, 5]) {
          for (const energy of [undefined, 1, 5]) {
            for (const streakDays of [undefined, 0, 1, 4]) {
              for (const completedToday of [undefined, 0, 3]) {
                const input: MotivationInput = { trigger, taskTitle, mood, energy, streakDays, completedToday, recentWins: ["Book the dentist"] };
                const { message } = offlineMotivation(input);
                expect(shaming(message), message).toEqual([]);
                expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE);
                expect(message.length).toBeGreaterThan(20);
              }
            }
          }
        }
      }
    }
  });

  it("catches shaming words when they are there (the check can fail)", () => {
    expect(shaming("You should have finally done it, lazy.")).toHaveLength(3);
  });

  it("names the task, or else what the user finished recently", () => {
    for (const trigger of motivationTriggers) {
      expect(offlineMotivation({ trigger, taskTitle: "Clean the kitchen" }).message).toContain("“Clean the kitchen”");
      expect(offlineMotivation({ trigger, recentWins: ["Book the dentist"] }).message).toContain("“Book the dentist”");
    }
  });

  it("is deterministic, and varies with the input", () => {
    const input: MotivationInput = { trigger: "completed", taskTitle: "Clean the kitchen", streakDays: 3 };
    expect(offlineMotivation(input)).toEqual(offlineMotivation(input));
    const messages = new Set(
      ["Clean the kitchen", "File my taxes", "Call mum", "Do laundry", "Write the report", "Book the dentist"].map(
        (taskTitle) => offlineMotivation({ trigger: "completed", taskTitle }).message.replace(/“[^”]+”/, "…"),
      ),
    );
    expect(messages.size).toBeGreaterThanOrEqual(3);
  });

  it("mentions a streak only when it encourages, and today's count after a completion", () => {
    expect(offlineMotivation({ trigger: "completed", taskTitle: "Do laundry", streakDays: 5 }).message).toMatch(/5 days/);
    expect(offlineMotivation({ trigger: "completed", taskTitle: "Do laundry", streakDays: 0 }).message).not.toMatch(/streak|days in a row/i);
    expect(offlineMotivation({ trigger: "completed", taskTitle: "Do laundry", completedToday: 4 }).message).toMatch(/4 things done today/);
  });

  it("suggests something small when energy or mood is low, or when stuck", () => {
    for (const trigger of ["low_energy", "low_mood", "stuck"] as const) {
      for (const taskTitle of ["Clean the kitchen", "Write the report", undefined]) {
        expect(offlineMotivation({ trigger, taskTitle }).message).toMatch(/small|tiny|smallest|two minutes|five minutes|5-minute|ten minutes|one line|rest|easy|light/i);
      }
    }
  });

  it("handles an unknown trigger as a check-in", () => {
    const message = offlineMotivation({ trigger: "nonsense" as never, taskTitle: "Call mum" }).message;
    expect(message).toContain("“Call mum”");
  });
});
