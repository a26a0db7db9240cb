// The breakdown chain on the AI SDK: a mocked model's structured output, the user's memory in the
// prompt (and only theirs), the offline coach following that memory, spiciness, fallback and streaming.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useModelForTests } from "@/server/ai/providers";
import { describeStepEdit, remember } from "@/server/memory";
import { makeUser, setupTestDb } from "@/test/harness";
import { breakdownChain, breakdownMemory, BROKEN_DOWN, streamBreakdownChain } from "./breakdown";
import { resetBreakers } from "./breaker";
import type { ChainCtx } from "./run";
import { answeringModel, failingModel } from "./testing";

const harness = setupTestDb();
let ctx: ChainCtx;
let other: ChainCtx;
beforeAll(async () => {
  const db = harness.db;
  ctx = { db, userId: (await makeUser(db)).id };
  other = { db, userId: (await makeUser(db)).id };
});
afterEach(() => {
  useModelForTests(undefined);
  resetBreakers();
});

async function freshUser(): Promise<ChainCtx> {
  return { db: harness.db, userId: (await makeUser(harness.db)).id };
}

/** What the task workflows write when a user breaks a task down and then edits its steps. */
async function rememberBreakdown(c: ChainCtx, title: string, steps: string[]) {
  await remember(c.db, {
    userId: c.userId,
    tier: "long_term",
    kind: BROKEN_DOWN,
    content: `Broke "${title}" into ${steps.length} steps: ${steps.join("; ")}.`,
    data: { taskId: randomUUID(), title, steps, spiciness: 3, provider: "offline" },
  });
}
async function rememberEdit(c: ChainCtx, parentTitle: string, before: string, after: string | null, minutes?: number) {
  const event = describeStepEdit({
    step: { id: randomUUID(), parentId: randomUUID(), title: before, estimateMinutes: 5 },
    parentTitle,
    after: after === null ? null : { title: after, estimateMinutes: minutes ?? 5 },
  });
  await remember(c.db, { userId: c.userId, tier: "long_term", ...event });
}

const answer = {
  steps: [
    { title: "Open the laptop", estimateMinutes: 2 },
    { title: "Write the first heading", estimateMinutes: 10 },
    { title: "Send the draft to Sam", estimateMinutes: 5 },
  ],
  firstTinyStep: "Open the laptop",
  tip: "Timer on.",
};

describe("breakdownChain", () => {
  it("returns the model's structured steps, validated by the schema", async () => {
    const model = answeringModel(answer);
    useModelForTests(model);
    const { output, meta } = await breakdownChain(ctx, { title: "Write the report", spiciness: 3 });
    expect(output.steps).toEqual(answer.steps);
    expect(meta).toMatchObject({ provider: "test", fallback: false });
    const prompt = JSON.stringify(model.doGenerateCalls[0]?.prompt);
    expect(prompt).toContain("Write the report");
    expect(prompt).toContain("Spiciness: 3 (give 5-8 steps)");
  });

  it("puts the user's similar past breakdowns and step edits in the prompt, as data — and no one else's", async () => {
    const me = await freshUser();
    await rememberBreakdown(me, "Clean the kitchen", ["Fill the sink", "Wash the dishes", "Mop the kitchen floor"]);
    await rememberEdit(me, "Clean the kitchen", "Mop the kitchen floor", null);
    await rememberEdit(me, "Clean the kitchen", "Wash the dishes", "Load the dishwasher");
    await rememberBreakdown(me, "File my taxes", ["Find the tax login", "Gather the payslips"]);
    await rememberBreakdown(other, "Clean the kitchen", ["Scrub the oven with the secret recipe"]);

    const model = answeringModel(answer);
    useModelForTests(model);
    await breakdownChain(me, { title: "Clean the kitchen before the party", spiciness: 2 });
    const prompt = JSON.stringify(model.doGenerateCalls[0]?.prompt);
    expect(prompt).toContain("history with similar tasks");
    expect(prompt).toContain("Fill the sink"); // their past breakdown
    expect(prompt).toMatch(/deleted\\+":\\+"Mop the kitchen floor/); // their deletion
    expect(prompt).toMatch(/renamedTo\\+":\\+"Load the dishwasher/); // their wording
    expect(prompt).not.toContain("Gather the payslips"); // not similar
    expect(prompt).not.toContain("secret recipe"); // another user's memory
  });

  it("sends no history for a user without any", async () => {
    const model = answeringModel(answer);
    useModelForTests(model);
    await breakdownChain(await freshUser(), { title: "Clean the kitchen", spiciness: 3 });
    expect(JSON.stringify(model.doGenerateCalls[0]?.prompt)).not.toContain("history with similar tasks");
  });

  it("offline: does not suggest again a step the user deleted from a similar breakdown", async () => {
    const me = await freshUser();
    const before = await breakdownChain(me, { title: "Clean the kitchen", spiciness: 5 });
    expect(before.meta.provider).toBe("offline");
    expect(before.output.steps.map((s) => s.title)).toContain("Mop the kitchen floor");

    await rememberBreakdown(me, "Clean the kitchen", before.output.steps.map((s) => s.title));
    await rememberEdit(me, "Clean the kitchen", "Mop the kitchen floor", null);
    await rememberEdit(me, "Clean the kitchen", "Sweep the kitchen floor", "Hoover the kitchen floor");
    await rememberEdit(me, "Clean the kitchen", "Wipe down the kitchen counters and the hob", "Wipe down the kitchen counters and the hob", 9);
    const after = await breakdownChain(me, { title: "Clean the kitchen tonight", spiciness: 5 });
    const titles = after.output.steps.map((s) => s.title);
    expect(titles.filter((t) => /\bmop\b/i.test(t))).toEqual([]);
    expect(titles).toContain("Hoover the kitchen floor");
    expect(after.output.steps.find((s) => s.title === "Wipe down the kitchen counters and the hob")?.estimateMinutes).toBe(9);
    expect(after.output.tip).toMatch(/left out/i);

    // Another user's breakdown of the same task is not shaped by this user's edits.
    const theirs = await breakdownChain(other, { title: "Clean the kitchen tonight", spiciness: 5 });
    expect(theirs.output.steps.map((s) => s.title)).toContain("Mop the kitchen floor");
  });

  it("reads memory by meaning and by kind, one entry per task", async () => {
    const me = await freshUser();
    const taskId = randomUUID();
    const versions = [
      { steps: ["Old step one", "Old step two"], now: new Date(Date.now() - 60_000) },
      { steps: ["New step one", "New step two"], now: new Date() },
    ];
    for (const { steps, now } of versions) {
      await remember(me.db, {
        now,
        userId: me.userId,
        tier: "long_term",
        kind: BROKEN_DOWN,
        content: `Broke "Plan the garden party" into 2 steps: ${steps.join("; ")}.`,
        data: { taskId, title: "Plan the garden party", steps },
      });
    }
    const memory = await breakdownMemory(me, "Plan the garden party");
    expect(memory.past).toHaveLength(1);
    expect(memory.past?.[0]?.steps).toEqual(["New step one", "New step two"]);
  });

  it("follows the spiciness: 1 gives 3–4 bigger steps, 5 gives 8–12 tiny ones", async () => {
    const mild = await breakdownChain(ctx, { title: "Write the quarterly report", spiciness: 1 });
    const hot = await breakdownChain(ctx, { title: "Write the quarterly report", spiciness: 5 });
    expect(mild.output.steps.length).toBeGreaterThanOrEqual(3);
    expect(mild.output.steps.length).toBeLessThanOrEqual(4);
    expect(hot.output.steps.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...hot.output.steps.map((s) => s.estimateMinutes))).toBeLessThanOrEqual(10);
    const avg = (steps: { estimateMinutes: number }[]) => steps.reduce((sum, s) => sum + s.estimateMinutes, 0) / steps.length;
    expect(avg(hot.output.steps)).toBeLessThan(avg(mild.output.steps));
  });

  it("falls back to the offline coach when the model's output breaks the schema", async () => {
    useModelForTests(answeringModel({ steps: [{ title: "Do it all", estimateMinutes: 300 }] }));
    const { output, meta } = await breakdownChain(ctx, { title: "Clean the kitchen", spiciness: 3 });
    expect(meta).toMatchObject({ provider: "offline", fallback: true });
    expect(output.steps.length).toBeGreaterThanOrEqual(3);
    expect(output.steps.every((s) => s.estimateMinutes <= 25)).toBe(true);
  });

  it("falls back to the offline coach when the model errors", async () => {
    useModelForTests(failingModel());
    const { output, meta } = await breakdownChain(ctx, { title: "Do laundry", spiciness: 5 });
    expect(meta.fallback).toBe(true);
    expect(output.steps.length).toBeGreaterThanOrEqual(8);
  });
});

describe("streamBreakdownChain", () => {
  it("streams the steps one by one, in order, ending with the whole validated answer", async () => {
    const stream = await streamBreakdownChain(ctx, { title: "Move to a new flat", spiciness: 4 });
    expect(stream.meta.provider).toBe("offline");
    const counts: number[] = [];
    const firstTitles: string[] = [];
    for await (const partial of stream.partialOutputStream) {
      counts.push(partial.steps?.length ?? 0);
      if (partial.steps?.[0]?.title) firstTitles.push(partial.steps[0].title);
    }
    expect(new Set(counts).size).toBeGreaterThan(3); // steps arrive one by one
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // and only ever grow
    const final = await stream.output;
    expect(final.steps.length).toBe(counts[counts.length - 1]);
    expect(new Set(firstTitles)).toEqual(new Set([final.steps[0]?.title])); // an early step never changes
    expect(final.steps.some((s) => /box/i.test(s.title))).toBe(true);
  });

  it("streams a model's answer with the memory-shaped prompt", async () => {
    const me = await freshUser();
    await rememberEdit(me, "Write the report", "Email the boss", null);
    const model = answeringModel(answer);
    useModelForTests(model);
    const stream = await streamBreakdownChain(me, { title: "Write the report", spiciness: 3 });
    expect(stream.meta).toMatchObject({ provider: "test", fallback: false });
    expect((await stream.output).steps).toEqual(answer.steps);
    expect(JSON.stringify(model.doStreamCalls[0]?.prompt)).toContain("Email the boss");
  });
});
