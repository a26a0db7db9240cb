// Breakdowns learn from the user, end to end through the router: break a task down, edit its steps
// (rename, re-estimate, remove — remembered by the task workflows), and the next breakdown of a
// similar task follows those edits. Another user's breakdowns are unaffected.
import { describe, expect, it } from "vitest";
import { callerFor, makeUser, setupTestDb } from "@/test/harness";

const t = setupTestDb();

describe("breakdown shaped by the user's own edits", () => {
  it("leaves out removed steps, uses renamed wording and re-estimated times next time", async () => {
    const user = await makeUser(t.db);
    const api = callerFor(t.db, user);
    const first = await api.task.create({ title: "Clean the kitchen" });
    const { task: tree } = await api.task.breakdown({ id: first.id, spiciness: 5 });
    const find = (title: string) => {
      const step = tree.steps.find((s) => s.title === title);
      if (!step) throw new Error(`the offline coach no longer suggests "${title}"`);
      return step;
    };
    await api.task.delete({ id: find("Mop the kitchen floor").id });
    await api.task.update({ id: find("Sweep the kitchen floor").id, title: "Hoover the kitchen floor" });
    await api.task.update({ id: find("Wipe down the kitchen counters and the hob").id, estimateMinutes: 4 });

    const next = await api.task.create({ title: "Clean the kitchen after the party" });
    const { task: shaped, tip } = await api.task.breakdown({ id: next.id, spiciness: 5 });
    const titles = shaped.steps.map((s) => s.title);
    expect(titles.filter((s) => /\bmop\b/i.test(s))).toEqual([]);
    expect(titles).toContain("Hoover the kitchen floor");
    expect(titles).not.toContain("Sweep the kitchen floor");
    expect(shaped.steps.find((s) => s.title === "Wipe down the kitchen counters and the hob")?.estimateMinutes).toBe(4);
    expect(tip).toMatch(/as you did last time/);

    // Someone else breaking down the same task gets the coach's usual plan.
    const other = callerFor(t.db, await makeUser(t.db));
    const theirs = await other.task.create({ title: "Clean the kitchen after the party" });
    const { task: usual } = await other.task.breakdown({ id: theirs.id, spiciness: 5 });
    expect(usual.steps.map((s) => s.title)).toContain("Mop the kitchen floor");
  });
});
