// What tools answer with: small, plain JSON objects (ISO strings for dates, ids to chain calls with),
// never database rows with everything in them, embeddings or images.
import "server-only";
import type { TaskNode } from "../db/queries/tasks";
import type { Task } from "../db/schema";

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export interface TaskView {
  id: string;
  title: string;
  notes: string | null;
  status: Task["status"];
  priority: Task["priority"];
  estimateMinutes: number | null;
  actualMinutes: number | null;
  area: string | null;
  dueAt: string | null;
  completedAt: string | null;
  parentId: string | null;
  createdAt: string;
}

export interface TaskTreeView extends TaskView {
  steps: TaskTreeView[];
}

/** Notes are cut: a tool answer goes back into a model's context. */
const NOTES_MAX = 1000;

export function taskView(task: Task): TaskView {
  return {
    id: task.id,
    title: task.title,
    notes: task.notes && task.notes.length > NOTES_MAX ? `${task.notes.slice(0, NOTES_MAX)}…` : task.notes,
    status: task.status,
    priority: task.priority,
    estimateMinutes: task.estimateMinutes,
    actualMinutes: task.actualMinutes,
    area: task.area,
    dueAt: iso(task.dueAt),
    completedAt: iso(task.completedAt),
    parentId: task.parentId,
    createdAt: task.createdAt.toISOString(),
  };
}

export function taskTreeView(node: TaskNode): TaskTreeView {
  return { ...taskView(node), steps: node.steps.map(taskTreeView) };
}

export { iso };
