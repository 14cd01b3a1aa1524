/** @module Mission, milestone and task rows → wire shapes: the one place those rows become JSON. */
import type { MilestoneView, MissionDetailView, MissionView, Progress, TaskView } from "@mosaic/contracts";
import type { MilestoneRow, MissionRow, TaskRow } from "@mosaic/db";

export function presentMission(row: MissionRow): MissionView {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    goal: row.goal,
    status: row.status,
    preamble: row.preamble,
    extraColumns: row.extraColumns,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentMilestone(row: MilestoneRow): MilestoneView {
  return {
    id: row.id,
    missionId: row.missionId,
    ordinal: row.ordinal,
    externalId: row.externalId,
    title: row.title,
    goal: row.goal,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTask(row: TaskRow): TaskView {
  return {
    id: row.id,
    projectId: row.projectId,
    missionId: row.missionId,
    milestoneId: row.milestoneId,
    externalId: row.externalId,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    assignee: row.assignee,
    dependsOn: row.dependsOn,
    estimate: row.estimate,
    branch: row.branch,
    issue: row.issue,
    notes: row.notes,
    dueDate: row.dueDate,
    position: row.position,
    extra: row.extra,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function progressOf(tasks: readonly TaskRow[]): Progress {
  return { done: tasks.filter((t) => t.status === "done").length, total: tasks.length };
}

/** The mission with its milestones in order, done/total per milestone and overall, and its tasks. */
export function presentMissionDetail(
  mission: MissionRow,
  milestones: readonly MilestoneRow[],
  tasks: readonly TaskRow[],
): MissionDetailView {
  return {
    ...presentMission(mission),
    progress: progressOf(tasks),
    milestones: milestones.map((m) => ({
      ...presentMilestone(m),
      progress: progressOf(tasks.filter((t) => t.milestoneId === m.id)),
    })),
    tasks: tasks.map(presentTask),
  };
}
