/** @module Client-side task logic the pages share: kanban columns, progress, the dependency view, live merging. */
import type { BrainEvent, Progress, TaskStatus, TaskView } from "@mosaic/contracts";

/** Kanban column order: the flow of work, with the off-ramps (blocked, failed) after it. */
export const STATUS_ORDER: readonly TaskStatus[] = [
  "not-started",
  "in-progress",
  "needs-qa",
  "done",
  "blocked",
  "failed",
];

export const STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  "needs-qa": "Needs QA",
  done: "Done",
  blocked: "Blocked",
  failed: "Failed",
};

/** How a person names a task: its TASKS.md id when it has one, else its title. */
export const taskLabel = (task: Pick<TaskView, "externalId" | "title">): string => task.externalId ?? task.title;

/** One column per status, in STATUS_ORDER, each keeping the order the tasks came in. */
export function groupByStatus<T extends TaskView>(tasks: readonly T[]): { status: TaskStatus; tasks: T[] }[] {
  const columns = new Map<TaskStatus, T[]>(STATUS_ORDER.map((s) => [s, []]));
  for (const task of tasks) columns.get(task.status)?.push(task);
  return STATUS_ORDER.map((status) => ({ status, tasks: columns.get(status) ?? [] }));
}

/**
 * A mission's plan order: milestone by milestone (as `milestoneIds` lists them), then by position
 * inside each. The API's `sort=position` compares positions across milestones, which interleaves them.
 * Tasks outside the listed milestones go last, by position.
 */
export function planOrder<T extends TaskView>(tasks: readonly T[], milestoneIds: readonly string[]): T[] {
  const rank = new Map(milestoneIds.map((id, i) => [id, i]));
  const rankOf = (t: TaskView) => (t.milestoneId === null ? undefined : rank.get(t.milestoneId)) ?? milestoneIds.length;
  return [...tasks].sort((a, b) => rankOf(a) - rankOf(b) || a.position - b.position);
}

/** Whole percent done, rounded down so "99 of 100" never shows as 100 %; 0 for an empty milestone. */
export function percentDone(progress: Progress): number {
  if (progress.total <= 0) return 0;
  return Math.floor((progress.done / progress.total) * 100);
}

export interface DependencyRef {
  id: string;
  /** The task's label, or null when it is not among the tasks shown (another mission's task). */
  label: string | null;
  status: TaskStatus | null;
}

export interface DependencyRow {
  task: TaskView;
  /** What this task depends on; `done` ones no longer hold it back. */
  blockedBy: DependencyRef[];
  /** Tasks that depend on this one. */
  blocks: DependencyRef[];
  /** Dependencies not yet done: while any remain, the server refuses to start this task (409). */
  waitingOn: DependencyRef[];
}

const refOf = (task: TaskView): DependencyRef => ({ id: task.id, label: taskLabel(task), status: task.status });

/** For each task with any dependency relation: what blocks it and what it blocks, in the tasks' order. */
export function dependencyView(tasks: readonly TaskView[]): DependencyRow[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const dependents = new Map<string, TaskView[]>();
  for (const task of tasks) {
    for (const dep of task.dependsOn) dependents.set(dep, [...(dependents.get(dep) ?? []), task]);
  }
  const rows: DependencyRow[] = [];
  for (const task of tasks) {
    const blockedBy = task.dependsOn.map((id) => {
      const dep = byId.get(id);
      return dep ? refOf(dep) : { id, label: null, status: null };
    });
    const blocks = (dependents.get(task.id) ?? []).map(refOf);
    if (blockedBy.length === 0 && blocks.length === 0) continue;
    rows.push({ task, blockedBy, blocks, waitingOn: blockedBy.filter((d) => d.status !== "done") });
  }
  return rows;
}

/** The list filters the API applies (`GET /api/projects/:id/tasks`); the client re-checks them on live events. */
export interface TaskFilter {
  missionId?: string | undefined;
  status?: TaskStatus | undefined;
  assignee?: string | undefined;
  milestoneId?: string | undefined;
}

export function matchesFilter(task: TaskView, filter: TaskFilter): boolean {
  if (filter.missionId && task.missionId !== filter.missionId) return false;
  if (filter.status && task.status !== filter.status) return false;
  if (filter.assignee && task.assignee !== filter.assignee) return false;
  if (filter.milestoneId && task.milestoneId !== filter.milestoneId) return false;
  return true;
}

/**
 * Merges a live `task.*` event into the tasks a page shows: an update replaces the task in place
 * (or drops it when it no longer matches the filter), a new matching task is appended, a deletion
 * removes it. Events of other projects and other kinds leave the list as it was (same array).
 */
export function applyTaskEvent(
  tasks: readonly TaskView[],
  event: BrainEvent,
  projectId: string,
  filter: TaskFilter,
  parse: (data: unknown) => TaskView | null,
): readonly TaskView[] {
  if (!event.name.startsWith("task.") || event.projectId !== projectId) return tasks;
  const without = tasks.filter((t) => t.id !== event.id);
  if (event.name === "task.deleted") return without.length === tasks.length ? tasks : without;
  const task = parse(event.data);
  if (!task) return tasks;
  if (!matchesFilter(task, filter)) return without.length === tasks.length ? tasks : without;
  const at = tasks.findIndex((t) => t.id === task.id);
  if (at === -1) return [...tasks, task];
  return tasks.map((t, i) => (i === at ? task : t));
}
