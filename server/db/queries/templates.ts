// Task-template queries: list, find, save, rename, delete, and starting a new task from one (the
// task and its whole step tree inserted level by level, and the template's use count bumped, in
// one transaction). Every query filters by the owner's user id.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, max, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type Task, type TaskTemplate, taskTemplates, type TemplateStep, tasks } from "../schema";

export type NewTemplateFields = Pick<TaskTemplate, "name" | "title" | "notes" | "priority" | "area" | "estimateMinutes" | "steps">;

export async function listTemplates(db: Db, args: { userId: string; limit?: number }): Promise<TaskTemplate[]> {
  return db
    .select()
    .from(taskTemplates)
    .where(eq(taskTemplates.userId, args.userId))
    .orderBy(desc(taskTemplates.updatedAt), desc(taskTemplates.id))
    .limit(args.limit ?? 200);
}

export async function findTemplate(db: Db, args: { userId: string; id: string }): Promise<TaskTemplate | undefined> {
  const [row] = await db
    .select()
    .from(taskTemplates)
    .where(and(eq(taskTemplates.userId, args.userId), eq(taskTemplates.id, args.id)))
    .limit(1);
  return row;
}

export async function insertTemplate(db: Db, args: { userId: string; fields: NewTemplateFields }): Promise<TaskTemplate> {
  const [row] = await db
    .insert(taskTemplates)
    .values({ ...args.fields, userId: args.userId })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function renameTemplate(db: Db, args: { userId: string; id: string; name: string }): Promise<TaskTemplate | undefined> {
  const [row] = await db
    .update(taskTemplates)
    .set({ name: args.name })
    .where(and(eq(taskTemplates.userId, args.userId), eq(taskTemplates.id, args.id)))
    .returning();
  return row;
}

export async function deleteTemplate(db: Db, args: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .delete(taskTemplates)
    .where(and(eq(taskTemplates.userId, args.userId), eq(taskTemplates.id, args.id)))
    .returning({ id: taskTemplates.id });
  return rows.length > 0;
}

/**
 * A new top-level task from a template, with every step of its tree (one insert per level, so a
 * step's parent always exists first), and the template's use count + 1 — all or nothing.
 */
export async function startFromTemplate(
  db: Db,
  args: { userId: string; id: string; dueAt: Date | null; shape: (steps: unknown) => TemplateStep[] },
): Promise<{ task: Task; stepCount: number; template: TaskTemplate } | undefined> {
  return db.transaction(async (tx) => {
    const [template] = await tx
      .update(taskTemplates)
      .set({ useCount: sql`${taskTemplates.useCount} + 1` })
      .where(and(eq(taskTemplates.userId, args.userId), eq(taskTemplates.id, args.id)))
      .returning();
    if (!template) return undefined;
    const [last] = await tx
      .select({ max: max(tasks.position) })
      .from(tasks)
      .where(and(eq(tasks.userId, args.userId), isNull(tasks.parentId)));
    const [task] = await tx
      .insert(tasks)
      .values({
        userId: args.userId,
        parentId: null,
        depth: 0,
        position: (last?.max ?? -1) + 1,
        title: template.title,
        notes: template.notes,
        priority: template.priority as Task["priority"],
        estimateMinutes: template.estimateMinutes,
        estimateSource: template.estimateMinutes != null ? "user" : null,
        area: template.area,
        dueAt: args.dueAt,
      })
      .returning();
    if (!task) throw new Error("insert returned no row");
    let level: { parentId: string; steps: TemplateStep[] }[] = [{ parentId: task.id, steps: args.shape(template.steps) }];
    let stepCount = 0;
    for (let depth = 1; level.length > 0; depth++) {
      const rows: (typeof tasks.$inferInsert)[] = [];
      const next: typeof level = [];
      for (const { parentId, steps } of level) {
        steps.forEach((step, position) => {
          const id = randomUUID();
          rows.push({
            id,
            userId: args.userId,
            parentId,
            depth,
            position,
            title: step.title,
            priority: task.priority,
            estimateMinutes: step.estimateMinutes ?? null,
            estimateSource: step.estimateMinutes != null ? "user" : null,
          });
          if (step.steps?.length) next.push({ parentId: id, steps: step.steps });
        });
      }
      if (rows.length) await tx.insert(tasks).values(rows);
      stepCount += rows.length;
      level = next;
    }
    return { task, stepCount, template };
  });
}
