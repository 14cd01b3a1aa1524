/**
 * @module The task form's values: a draft of strings as the inputs hold them, and the request body
 * made from it — every filled field for a new task, only the changed ones for an edit (an emptied
 * optional field becomes null, which clears it).
 */
import type { TaskCreateBody, TaskPriority, TaskStatus, TaskUpdateBody, TaskView } from "@mosaic/contracts";

export interface TaskDraft {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  assignee: string;
  estimate: string;
  dueDate: string;
  branch: string;
  issue: string;
  notes: string;
  externalId: string;
  /** "" = no milestone. */
  milestoneId: string;
  dependsOn: string[];
}

/** Text fields the API takes as null when empty. */
const NULLABLE = ["assignee", "estimate", "dueDate", "branch", "issue", "notes", "externalId", "milestoneId"] as const;

export function draftOf(task?: TaskView, defaults: { milestoneId?: string } = {}): TaskDraft {
  return {
    title: task?.title ?? "",
    description: task?.description ?? "",
    status: task?.status ?? "not-started",
    priority: task?.priority ?? "normal",
    assignee: task?.assignee ?? "",
    estimate: task?.estimate ?? "",
    dueDate: task?.dueDate ?? "",
    branch: task?.branch ?? "",
    issue: task?.issue ?? "",
    notes: task?.notes ?? "",
    externalId: task?.externalId ?? "",
    milestoneId: task?.milestoneId ?? defaults.milestoneId ?? "",
    dependsOn: [...(task?.dependsOn ?? [])],
  };
}

const clean = (value: string) => {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
};

/** The body for `POST /api/projects/:id/tasks`: the title and whatever else was filled in. */
export function createBody(draft: TaskDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { title: draft.title, status: draft.status, priority: draft.priority };
  if (draft.description.trim()) body.description = draft.description;
  for (const key of NULLABLE) {
    const value = clean(draft[key]);
    if (value !== null) body[key] = value;
  }
  if (draft.dependsOn.length) body.dependsOn = draft.dependsOn;
  return body;
}

/** The body for `PATCH /api/tasks/:id`: only what differs from `task`; empty when nothing changed. */
export function updateBody(draft: TaskDraft, task: TaskView): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (draft.title !== task.title) body.title = draft.title;
  if (draft.description !== task.description) body.description = draft.description;
  if (draft.status !== task.status) body.status = draft.status;
  if (draft.priority !== task.priority) body.priority = draft.priority;
  for (const key of NULLABLE) {
    const value = clean(draft[key]);
    if (value !== task[key]) body[key] = value;
  }
  const deps = [...draft.dependsOn].sort().join(",");
  if (deps !== [...task.dependsOn].sort().join(",")) body.dependsOn = draft.dependsOn;
  return body;
}

export type TaskBody = TaskCreateBody | TaskUpdateBody;
