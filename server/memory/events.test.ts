// What other layers remember through server/memory/events: settings changes (only real changes, in
// words) and the sentences for a user's edits of a step.
import { describe, expect, it } from "vitest";
import { makeUser, setupTestDb } from "@/test/harness";
import { describeStepEdit, recall, rememberPreferencesUpdated } from ".";

const t = setupTestDb();

describe("rememberPreferencesUpdated", () => {
  it("remembers what changed, before and after, in words the coach can read", async () => {
    const user = await makeUser(t.db);
    const memory = await rememberPreferencesUpdated(t.db, {
      userId: user.id,
      before: { energyPattern: "morning", coachTone: "gentle", workdayStartMinute: 540, preferences: { focusMinutes: 25 } },
      after: { energyPattern: "evening", coachTone: "gentle", workdayStartMinute: 600, preferences: { focusMinutes: 15 } },
    });
    expect(memory?.kind).toBe("preferences.updated");
    expect(memory?.tier).toBe("long_term");
    expect(memory?.content).toBe("Changed settings: energy peak morning → evening; workday start 09:00 → 10:00; focus minutes 25 → 15.");
    expect(memory?.data).toEqual({
      changes: {
        energyPattern: { before: "morning", after: "evening" },
        workdayStartMinute: { before: 540, after: 600 },
        "preferences.focusMinutes": { before: 25, after: 15 },
      },
    });
  });

  it("remembers nothing when nothing changed; first settings count as changes from 'not set'", async () => {
    const user = await makeUser(t.db);
    expect(await rememberPreferencesUpdated(t.db, { userId: user.id, before: { coachTone: "direct" }, after: { coachTone: "direct" } })).toBeNull();
    const first = await rememberPreferencesUpdated(t.db, { userId: user.id, before: null, after: { coachTone: "cheerful" } });
    expect(first?.content).toBe("Changed settings: coach tone not set → cheerful.");
    expect(await recall(t.db, { userId: user.id, limit: 10 })).toHaveLength(1);
  });
});

describe("describeStepEdit", () => {
  const step = { id: "s1", parentId: "p1", title: "Open the laptop", estimateMinutes: 5 };

  it("words a rename, a new estimate, both, and a removal", () => {
    const renamed = describeStepEdit({ step, parentTitle: "Write the report", after: { title: "Open the report file", estimateMinutes: 5 } });
    expect(renamed).toEqual({
      kind: "task.steps_edited",
      content: 'Renamed the step "Open the laptop" to "Open the report file" in "Write the report".',
      data: {
        taskId: "s1",
        parentId: "p1",
        parentTitle: "Write the report",
        before: { title: "Open the laptop", estimateMinutes: 5 },
        after: { title: "Open the report file", estimateMinutes: 5 },
      },
    });
    expect(describeStepEdit({ step, parentTitle: "Write the report", after: { title: step.title, estimateMinutes: 15 } }).content).toBe(
      'Changed the estimate of the step "Open the laptop" in "Write the report" from 5 min to 15 min.',
    );
    expect(describeStepEdit({ step, parentTitle: null, after: { title: "Boot up", estimateMinutes: null } }).content).toBe(
      'Renamed the step "Open the laptop" to "Boot up" and changed its estimate from 5 min to no estimate.',
    );
    const removed = describeStepEdit({ step, parentTitle: "Write the report", after: null });
    expect(removed.content).toBe('Removed the step "Open the laptop" from "Write the report".');
    expect(removed.data.after).toBeNull();
  });
});
