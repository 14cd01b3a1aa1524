/** @module The kanban's pure logic: columns in board order, the visible window at a width, live events applied to a task list. */
import { type BrainEvent, type TaskStatus, TaskView } from "@mosaic/contracts";

/** Board order follows a task's life, not the enum's order: failed last, next to done. */
export const COLUMNS: readonly TaskStatus[] = ["not-started", "in-progress", "blocked", "needs-qa", "done", "failed"];

/** The narrowest a column may get before the board shows fewer columns and scrolls with ←/→. */
export const MIN_COLUMN_WIDTH = 24;

export function tasksByStatus(tasks: readonly TaskView[]): Record<TaskStatus, TaskView[]> {
  const groups = Object.fromEntries(COLUMNS.map((s) => [s, [] as TaskView[]])) as Record<TaskStatus, TaskView[]>;
  for (const task of tasks) groups[task.status].push(task);
  for (const status of COLUMNS)
    groups[status].sort((a, b) => a.position - b.position || a.title.localeCompare(b.title));
  return groups;
}

/** How many columns fit side by side in `width` terminal columns (at least one). */
export function visibleColumnCount(width: number): number {
  return Math.max(1, Math.min(COLUMNS.length, Math.floor(width / MIN_COLUMN_WIDTH)));
}

/** The first visible column so that `focus` is inside a window of `count`, moving the window as little as possible. */
export function windowStart(previousStart: number, focus: number, count: number): number {
  if (focus < previousStart) return focus;
  if (focus >= previousStart + count) return focus - count + 1;
  return Math.min(previousStart, Math.max(0, COLUMNS.length - count));
}

/** The status one column left (-1) or right (+1) of `status`, or undefined at the board's edge. */
export function neighbourStatus(status: TaskStatus, step: -1 | 1): TaskStatus | undefined {
  return COLUMNS[COLUMNS.indexOf(status) + step];
}

/**
 * Applies a `task.*` event from /api/ws to the tasks of the open project. Events carry the task as
 * the REST API presents it, so the board never re-fetches for a single change; anything that does
 * not parse is ignored rather than trusted.
 */
export function applyTaskEvent(tasks: readonly TaskView[], projectId: string, event: BrainEvent): TaskView[] {
  if (!event.name.startsWith("task.") || event.projectId !== projectId) return [...tasks];
  if (event.name === "task.deleted") return tasks.filter((t) => t.id !== event.id);
  const parsed = TaskView.safeParse(event.data);
  if (!parsed.success || parsed.data.projectId !== projectId) return [...tasks];
  const task = parsed.data;
  const existing = tasks.find((t) => t.id === task.id);
  // An event that arrives after a newer state we already hold (our own move's answer) must not undo it.
  if (existing && existing.updatedAt > task.updatedAt) return [...tasks];
  return existing ? tasks.map((t) => (t.id === task.id ? task : t)) : [...tasks, task];
}

/** Cuts `text` to `width` characters with an ellipsis, so a long title never wraps a card. */
export function fit(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (width <= 0) return "";
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(0, width - 1))}…`;
}
