/** @module Tasks on the wire: bodies, the list query (filters and sort) and the task view. */
import { z } from "zod";
import { PageQuery } from "./pagination.js";
import { boundedText, requiredTitle } from "./text.js";

export const TaskStatus = z.enum(["not-started", "in-progress", "done", "blocked", "failed", "needs-qa"]);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TaskPriority = z.enum(["low", "normal", "high", "urgent"]);
export type TaskPriority = z.infer<typeof TaskPriority>;

/** Limits shared by bodies; the TASKS.md importer is bounded by the body limit instead. */
export const TASK_LIMITS = {
  title: 500,
  description: 20_000,
  shortField: 200,
  notes: 5_000,
  externalId: 100,
  dependsOn: 100,
} as const;

/**
 * An external id (`FED-M3-04`): TASKS.md lists them comma-separated in `depends_on`, so no
 * whitespace and no commas.
 */
export const TaskExternalId = boundedText(TASK_LIMITS.externalId).regex(/^[^\s,]+$/u, {
  message: "an id has no spaces or commas",
});

const short = boundedText(TASK_LIMITS.shortField);
/** A calendar date, `YYYY-MM-DD`. */
export const DueDate = z.iso.date();

const dependsOn = z
  .array(z.uuid())
  .max(TASK_LIMITS.dependsOn)
  .refine((ids) => new Set(ids).size === ids.length, { message: "names a task twice" });

const editable = {
  title: requiredTitle(TASK_LIMITS.title),
  description: boundedText(TASK_LIMITS.description),
  status: TaskStatus,
  priority: TaskPriority,
  /** A user name or an agent name (free text). */
  assignee: short.nullable(),
  /** Ids of tasks in the same project that must be done before this one can be in progress. */
  dependsOn,
  estimate: boundedText(50).nullable(),
  branch: short.nullable(),
  issue: short.nullable(),
  notes: boundedText(TASK_LIMITS.notes).nullable(),
  dueDate: DueDate.nullable(),
  externalId: TaskExternalId.nullable(),
  /** Put the task in this milestone (and so in its mission); null takes it out of any mission. */
  milestoneId: z.uuid().nullable(),
  position: z.number().int().min(0).max(1_000_000),
};

/**
 * Strict: `projectId` comes from the path and `createdBy` from the caller; those and any other
 * unknown field (`ownerUserId`, `userId`, `role`…) are a 400, never applied.
 */
export const TaskCreateBody = z.strictObject({
  ...editable,
  description: editable.description.optional(),
  status: editable.status.optional(),
  priority: editable.priority.optional(),
  assignee: editable.assignee.optional(),
  dependsOn: editable.dependsOn.optional(),
  estimate: editable.estimate.optional(),
  branch: editable.branch.optional(),
  issue: editable.issue.optional(),
  notes: editable.notes.optional(),
  dueDate: editable.dueDate.optional(),
  externalId: editable.externalId.optional(),
  milestoneId: editable.milestoneId.optional(),
  position: editable.position.optional(),
});
export type TaskCreateBody = z.infer<typeof TaskCreateBody>;

export const TaskUpdateBody = z
  .strictObject({
    title: editable.title.optional(),
    description: editable.description.optional(),
    status: editable.status.optional(),
    priority: editable.priority.optional(),
    assignee: editable.assignee.optional(),
    dependsOn: editable.dependsOn.optional(),
    estimate: editable.estimate.optional(),
    branch: editable.branch.optional(),
    issue: editable.issue.optional(),
    notes: editable.notes.optional(),
    dueDate: editable.dueDate.optional(),
    externalId: editable.externalId.optional(),
    milestoneId: editable.milestoneId.optional(),
    position: editable.position.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "nothing to update" });
export type TaskUpdateBody = z.infer<typeof TaskUpdateBody>;

/** `POST /api/tasks/:id/move`: the kanban drag. */
export const TaskMoveBody = z.strictObject({ status: TaskStatus });
export type TaskMoveBody = z.infer<typeof TaskMoveBody>;

export const TaskSortKey = z.enum(["created", "updated", "priority", "due", "position"]);
export type TaskSortKey = z.infer<typeof TaskSortKey>;

/** Strict like every list query: an unknown filter or sort key is a 400. */
export const TaskListQuery = PageQuery.extend({
  status: TaskStatus.optional(),
  assignee: short.optional(),
  missionId: z.uuid().optional(),
  milestoneId: z.uuid().optional(),
  /** Full-text search over the external id, title, description and notes (websearch syntax). */
  q: boundedText(200).trim().min(1).optional(),
  /** Default `created`. */
  sort: TaskSortKey.optional(),
  /** Default: `desc` for created/updated/priority, `asc` for due (soonest first) and position. */
  order: z.enum(["asc", "desc"]).optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

/** `GET /api/tasks`: every task the caller can read, across projects; the same filters plus `projectId`. */
export const AllTaskListQuery = TaskListQuery.extend({ projectId: z.uuid().optional() });
export type AllTaskListQuery = z.infer<typeof AllTaskListQuery>;

export const TaskView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  missionId: z.uuid().nullable(),
  milestoneId: z.uuid().nullable(),
  externalId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  status: TaskStatus,
  priority: TaskPriority,
  assignee: z.string().nullable(),
  dependsOn: z.array(z.uuid()),
  estimate: z.string().nullable(),
  branch: z.string().nullable(),
  issue: z.string().nullable(),
  notes: z.string().nullable(),
  dueDate: z.string().nullable(),
  position: z.number().int(),
  /** Values of the mission's extra TASKS.md columns, by column name. */
  extra: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TaskView = z.infer<typeof TaskView>;
