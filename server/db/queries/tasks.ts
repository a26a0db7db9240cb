// Task queries. Every one takes the owner's user id and filters by it: a task id of another user
// behaves exactly like an id that does not exist.
import "server-only";
import { and, asc, eq, inArray, isNull, max, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { MAX_TASK_DEPTH, type Task, type TaskPriority, type TaskStatus, tasks } from "../schema";

export interface TaskNode extends Task {
  steps: TaskNode[];
}

export async function listTasks(
  db: Db,
  args: { userId: string; parentId?: string | null; status?: TaskStatus[]; limit?: number },
): Promise<Task[]> {
  const filters = [
    eq(tasks.userId, args.userId),
    args.parentId ? eq(tasks.parentId, args.parentId) : isNull(tasks.parentId),
  ];
  if (args.status?.length) filters.push(inArray(tasks.status, args.status));
  return db
    .select()
    .from(tasks)
    .where(and(...filters))
    .orderBy(asc(tasks.position), asc(tasks.createdAt))
    .limit(args.limit ?? 500);
}

/** How many direct steps each of these tasks has, and how many of them are done. */
export async function stepCounts(db: Db, args: { userId: string; parentIds: string[] }) {
  if (args.parentIds.length === 0) return new Map<string, { total: number; done: number }>();
  const rows = await db
    .select({
      parentId: tasks.parentId,
      total: sql<number>`count(*)::int`,
      done: sql<number>`(count(*) filter (where ${tasks.status} = 'done'))::int`,
    })
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), inArray(tasks.parentId, args.parentIds)))
    .groupBy(tasks.parentId);
  return new Map(rows.map((r) => [r.parentId as string, { total: Number(r.total), done: Number(r.done) }]));
}

export async function findTask(db: Db, args: { userId: string; id: string }): Promise<Task | undefined> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, args.userId), eq(tasks.id, args.id)))
    .limit(1);
  return row;
}

/** All descendants of a task, level by level (at most MAX_TASK_DEPTH queries), as a tree. */
export async function findTaskTree(db: Db, args: { userId: string; id: string }): Promise<TaskNode | undefined> {
  const root = await findTask(db, args);
  if (!root) return undefined;
  const byId = new Map<string, TaskNode>([[root.id, { ...root, steps: [] }]]);
  let frontier = [root.id];
  for (let level = root.depth; level < MAX_TASK_DEPTH && frontier.length; level++) {
    const children = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.userId, args.userId), inArray(tasks.parentId, frontier)))
      .orderBy(asc(tasks.position), asc(tasks.createdAt));
    frontier = [];
    for (const child of children) {
      const node: TaskNode = { ...child, steps: [] };
      byId.set(child.id, node);
      byId.get(child.parentId as string)?.steps.push(node);
      frontier.push(child.id);
    }
  }
  return byId.get(root.id);
}

/** Titles from the top-level task down to (not including) this one. */
export async function ancestorTitles(db: Db, args: { userId: string; task: Task }): Promise<string[]> {
  const titles: string[] = [];
  let parentId = args.task.parentId;
  while (parentId && titles.length < MAX_TASK_DEPTH) {
    const parent = await findTask(db, { userId: args.userId, id: parentId });
    if (!parent) break;
    titles.unshift(parent.title);
    parentId = parent.parentId;
  }
  return titles;
}

async function nextPosition(db: Db, userId: string, parentId: string | null): Promise<number> {
  const [row] = await db
    .select({ max: max(tasks.position) })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), parentId ? eq(tasks.parentId, parentId) : isNull(tasks.parentId)));
  return (row?.max ?? -1) + 1;
}

export interface NewTaskFields {
  title: string;
  notes?: string | null;
  priority?: TaskPriority;
  estimateMinutes?: number | null;
  estimateSource?: string | null;
  dueAt?: Date | null;
  /** Life area (work, health, …); null when unknown. */
  area?: string | null;
}

/** Inserts a task (or a step under `parent`, which the caller has already loaded for this user). */
export async function insertTask(
  db: Db,
  args: { userId: string; parent?: Task | null; fields: NewTaskFields },
): Promise<Task> {
  const parent = args.parent ?? null;
  const position = await nextPosition(db, args.userId, parent?.id ?? null);
  const [row] = await db
    .insert(tasks)
    .values({
      userId: args.userId,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      position,
      title: args.fields.title,
      notes: args.fields.notes ?? null,
      priority: args.fields.priority ?? parent?.priority ?? "medium",
      estimateMinutes: args.fields.estimateMinutes ?? null,
      estimateSource: args.fields.estimateMinutes != null ? (args.fields.estimateSource ?? "user") : null,
      dueAt: args.fields.dueAt ?? null,
      area: args.fields.area ?? null,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Inserts several steps under one parent, in order, in one statement. */
export async function insertSteps(
  db: Db,
  args: { userId: string; parent: Task; steps: { title: string; estimateMinutes: number }[]; estimateSource: string },
): Promise<Task[]> {
  if (args.steps.length === 0) return [];
  const start = await nextPosition(db, args.userId, args.parent.id);
  return db
    .insert(tasks)
    .values(
      args.steps.map((s, i) => ({
        userId: args.userId,
        parentId: args.parent.id,
        depth: args.parent.depth + 1,
        position: start + i,
        title: s.title,
        priority: args.parent.priority,
        estimateMinutes: s.estimateMinutes,
        estimateSource: args.estimateSource,
      })),
    )
    .returning();
}

export interface TaskPatch {
  title?: string;
  notes?: string | null;
  status?: TaskStatus;
  priority?: TaskPriority;
  position?: number;
  estimateMinutes?: number | null;
  estimateSource?: string | null;
  dueAt?: Date | null;
}

export async function updateTask(db: Db, args: { userId: string; id: string; patch: TaskPatch }): Promise<Task | undefined> {
  const patch: Partial<typeof tasks.$inferInsert> = { ...args.patch };
  if (args.patch.status) patch.completedAt = args.patch.status === "done" ? new Date() : null;
  const [row] = await db
    .update(tasks)
    .set(patch)
    .where(and(eq(tasks.userId, args.userId), eq(tasks.id, args.id)))
    .returning();
  return row;
}

/** Sets the coach's estimate unless the user has given their own. */
export async function setCoachEstimate(
  db: Db,
  args: { userId: string; id: string; estimateMinutes: number; source: string },
): Promise<boolean> {
  const rows = await db
    .update(tasks)
    .set({ estimateMinutes: args.estimateMinutes, estimateSource: args.source })
    .where(
      and(
        eq(tasks.userId, args.userId),
        eq(tasks.id, args.id),
        sql`(${tasks.estimateSource} is null or ${tasks.estimateSource} <> 'user')`,
      ),
    )
    .returning({ id: tasks.id });
  return rows.length > 0;
}

/** Marks a task and every open step below it done, in one transaction. */
export async function completeTaskTree(db: Db, args: { userId: string; id: string; at: Date }) {
  return db.transaction(async (tx) => {
    const tree = await findTaskTree(tx, args);
    if (!tree) return undefined;
    const ids: string[] = [];
    const walk = (n: TaskNode) => {
      if (n.status !== "done") ids.push(n.id);
      n.steps.forEach(walk);
    };
    walk(tree);
    if (ids.length) {
      await tx
        .update(tasks)
        .set({ status: "done", completedAt: args.at })
        .where(and(eq(tasks.userId, args.userId), inArray(tasks.id, ids)));
    }
    return { task: { ...tree, status: "done" as const, completedAt: tree.completedAt ?? args.at }, completedIds: ids };
  });
}

/** Deletes a task with all its steps, in one transaction; returns how many rows went. */
export async function deleteTaskTree(db: Db, args: { userId: string; id: string }): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    const tree = await findTaskTree(tx, args);
    if (!tree) return undefined;
    const ids: string[] = [];
    const walk = (n: TaskNode) => {
      ids.push(n.id);
      n.steps.forEach(walk);
    };
    walk(tree);
    await tx.delete(tasks).where(and(eq(tasks.userId, args.userId), inArray(tasks.id, ids)));
    return ids.length;
  });
}

/**
 * Before a fresh breakdown: removes the task's steps that are still to do and have no steps of
 * their own. Done steps, and steps the user has broken down further, are kept.
 */
export async function deleteUntouchedSteps(db: Db, args: { userId: string; parentId: string }): Promise<void> {
  const child = alias(tasks, "child");
  await db
    .delete(tasks)
    .where(
      and(
        eq(tasks.userId, args.userId),
        eq(tasks.parentId, args.parentId),
        ne(tasks.status, "done"),
        notExists(db.select({ one: sql`1` }).from(child).where(eq(child.parentId, tasks.id))),
      ),
    );
}
