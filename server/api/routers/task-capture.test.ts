// task.capture and task.captureConfirm through the real router on a real database: the preview reads
// dates on the user's own clock, nothing is saved until confirm, confirm saves the reviewed list with
// the right instants in the user's zone (across DST) in one go, and bad input names the field.
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { ZodError } from "zod";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useEmbeddingModelForTests, useModelForTests } from "@/server/ai/providers";
import { resetBreakers } from "@/server/chains/breaker";
import { answeringModel } from "@/server/chains/testing";
import { type Db } from "@/server/db/client";
import { plannedActions, users } from "@/server/db/schema";
import { recall } from "@/server/memory";
import { callerFor, makeUser, rejects, setupTestDb } from "@/test/harness";
import { MockEmbeddingModelV3 } from "ai/test";

const t = setupTestDb();
let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;

/** The fields a validation error names (over HTTP they lead the message as "tasks.0.due: …"). */
function fieldsOf(error: TRPCError): string[] {
  return error.cause instanceof ZodError ? error.cause.issues.map((i) => i.path.join(".")) : [];
}

async function inZone(db: Db, userId: string, timeZone: string) {
  await db.update(users).set({ timeZone }).where(eq(users.id, userId));
}

beforeAll(async () => {
  alice = await makeUser(t.db, "Alice");
  bob = await makeUser(t.db, "Bob");
  await inZone(t.db, alice.id, "America/New_York");
});
afterEach(() => {
  useModelForTests(undefined);
  useEmbeddingModelForTests(undefined);
  resetBreakers();
});

describe("task.capture (preview)", () => {
  it("reads a brain dump into tasks with dues on the user's clock, and saves nothing", async () => {
    const api = callerFor(t.db, alice);
    const before = (await api.task.list()).length;
    const preview = await api.task.capture({ text: "call mom tomorrow at 5pm, also buy milk and eggs, and the report is due friday" });
    expect(preview.coach.provider).toBe("offline");
    expect(preview.timeZone).toBe("America/New_York");
    expect(preview.tasks.map((x) => x.title)).toEqual(["Call mom", "Buy milk and eggs", "Finish the report"]);
    expect(preview.tasks[0]?.due).toMatch(/^\d{4}-\d{2}-\d{2}T17:00$/);
    expect(preview.tasks[2]?.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${preview.tasks[2]?.due}T12:00:00Z`).getUTCDay()).toBe(5); // a Friday
    expect((await api.task.list()).length).toBe(before);
  });

  it("passes a model's answer through, dropping a due that is not a date", async () => {
    useModelForTests(
      answeringModel({
        tasks: [
          { title: "Send Ana the slides", notes: null, due: "2026-11-31", estimateMinutes: 10, priority: "high", area: "work" },
          { title: "Water the plants", notes: null, due: "2026-11-25", estimateMinutes: 5, priority: "low", area: "home" },
        ],
      }),
    );
    const preview = await callerFor(t.db, alice).task.capture({ text: "slides and plants" });
    expect(preview.coach.provider).toBe("test");
    expect(preview.tasks.map((x) => [x.title, x.due])).toEqual([
      ["Send Ana the slides", null],
      ["Water the plants", "2026-11-25"],
    ]);
  });

  it("bad input is BAD_REQUEST naming the field; signed out is UNAUTHORIZED", async () => {
    const api = callerFor(t.db, alice);
    for (const text of ["   ", "x".repeat(8001), 42 as unknown as string]) {
      const error = await rejects(api.task.capture({ text }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(fieldsOf(error)).toEqual(["text"]);
    }
    expect((await rejects(callerFor(t.db, null).task.capture({ text: "call mom" }))).code).toBe("UNAUTHORIZED");
  });
});

describe("task.captureConfirm", () => {
  it("saves the reviewed list in one go, each due the instant it means in the user's zone (across DST)", async () => {
    const api = callerFor(t.db, alice);
    const { tasks } = await api.task.captureConfirm({
      tasks: [
        // New York changes to daylight time on 8 March 2026: 09:00 is 14:00Z the day before and 13:00Z after.
        { title: "Call the vet", due: "2026-03-07T09:00", area: "home", priority: "high", estimateMinutes: 10 },
        { title: "Take the dog to the vet", due: "2026-03-08T09:00", area: "home" },
        { title: "Finish the report", due: "2026-11-27", area: "work", notes: "From the brain dump" },
        { title: "Buy milk and eggs", due: null },
      ],
    });
    expect(tasks.map((x) => x.title)).toEqual(["Call the vet", "Take the dog to the vet", "Finish the report", "Buy milk and eggs"]);
    expect(tasks.map((x) => x.dueAt?.toISOString() ?? null)).toEqual([
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-11-28T04:59:00.000Z", // a date alone: due by 23:59 that day in New York
      null,
    ]);
    expect(tasks.map((x) => x.area)).toEqual(["home", "home", "work", null]);
    expect(tasks[0]).toMatchObject({ priority: "high", estimateMinutes: 10, estimateSource: "coach:capture" });
    expect(tasks[2]?.notes).toBe("From the brain dump");
    expect(tasks[3]).toMatchObject({ priority: "medium", estimateMinutes: null });

    const listed = await api.task.list();
    for (const saved of tasks) expect(listed.some((x) => x.id === saved.id)).toBe(true);
    const [memory] = await recall(t.db, { userId: alice.id, kind: "task.captured", limit: 1 });
    expect(memory?.content).toBe('Captured 4 tasks: "Call the vet", "Take the dog to the vet", "Finish the report", "Buy milk and eggs".');
  });

  it("uses the zone the user has now, and UTC for a zone this runtime does not know", async () => {
    const carol = await makeUser(t.db, "Carol");
    await inZone(t.db, carol.id, "Asia/Kolkata");
    const api = callerFor(t.db, carol);
    const [a] = (await api.task.captureConfirm({ tasks: [{ title: "Pay rent", due: "2026-12-01T10:00" }] })).tasks;
    expect(a?.dueAt?.toISOString()).toBe("2026-12-01T04:30:00.000Z");
    await inZone(t.db, carol.id, "Mars/Olympus_Mons");
    const [b] = (await api.task.captureConfirm({ tasks: [{ title: "Pay rent", due: "2026-12-01T10:00" }] })).tasks;
    expect(b?.dueAt?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("plans embedding the capture's memory when the embedder is down, and still saves", async () => {
    useEmbeddingModelForTests(
      new MockEmbeddingModelV3({
        doEmbed: async () => {
          throw new Error("embeddings unavailable");
        },
      }),
    );
    const dave = await makeUser(t.db, "Dave");
    const { tasks } = await callerFor(t.db, dave).task.captureConfirm({ tasks: [{ title: "Book flights" }] });
    expect(tasks).toHaveLength(1);
    const [memory] = await recall(t.db, { userId: dave.id, kind: "task.captured", limit: 1 });
    expect(memory?.embeddingModel).toBeNull();
    const planned = await t.db.select().from(plannedActions).where(eq(plannedActions.userId, dave.id));
    expect(planned.map((p) => [p.executor, p.idempotencyKey])).toEqual([["memory.embed", `memory.embed:${memory?.id}`]]);
  });

  it("saves only for the signed-in user: another user can't see or touch the tasks", async () => {
    const { tasks } = await callerFor(t.db, alice).task.captureConfirm({ tasks: [{ title: "Alice's captured secret" }] });
    const id = tasks[0]?.id ?? "";
    const api = callerFor(t.db, bob);
    expect((await rejects(api.task.get({ id }))).code).toBe("NOT_FOUND");
    expect((await rejects(api.task.update({ id, title: "stolen" }))).code).toBe("NOT_FOUND");
    expect((await api.task.list()).some((x) => x.id === id)).toBe(false);
    expect((await rejects(callerFor(t.db, null).task.captureConfirm({ tasks: [{ title: "x" }] }))).code).toBe("UNAUTHORIZED");
  });

  const bad: [string, unknown, string][] = [
    ["no tasks", { tasks: [] }, "tasks"],
    ["too many tasks", { tasks: Array.from({ length: 31 }, (_, i) => ({ title: `Task ${i}` })) }, "tasks"],
    ["empty title", { tasks: [{ title: "  " }] }, "tasks.0.title"],
    ["huge title", { tasks: [{ title: "x".repeat(501) }] }, "tasks.0.title"],
    ["not a date", { tasks: [{ title: "ok" }, { title: "ok", due: "next friday" }] }, "tasks.1.due"],
    ["impossible date", { tasks: [{ title: "ok", due: "2026-02-30" }] }, "tasks.0.due"],
    ["bad area", { tasks: [{ title: "ok", area: "hobbies" }] }, "tasks.0.area"],
    ["bad priority", { tasks: [{ title: "ok", priority: "asap" }] }, "tasks.0.priority"],
    ["bad estimate", { tasks: [{ title: "ok", estimateMinutes: 0 }] }, "tasks.0.estimateMinutes"],
  ];
  for (const [name, input, field] of bad) {
    it(`bad input (${name}) is BAD_REQUEST naming ${field}, and saves nothing`, async () => {
      const api = callerFor(t.db, bob);
      const before = (await api.task.list()).length;
      const error = await rejects(api.task.captureConfirm(input as never));
      expect(error.code).toBe("BAD_REQUEST");
      expect(fieldsOf(error)).toContain(field);
      expect((await api.task.list()).length).toBe(before);
    });
  }
});
