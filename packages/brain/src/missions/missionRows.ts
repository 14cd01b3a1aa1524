/**
 * @module TASKS.md ↔ database rows, both ways, as pure functions. The file's `description` cell is
 * the task's title and `agent` its assignee; empty optional cells are nulls in the database.
 */
import type { MilestoneRow, MissionRow, MissionTree, TaskRow } from "@mosaic/db";
import type { TasksMd, TasksMdTask } from "./tasksMdTypes.js";

export const UNTITLED_MISSION = "Untitled mission";

export interface TreeOptions {
  projectId: string;
  createdBy: string;
  status: MissionRow["status"];
  /** Makes a row id; injected so tests are deterministic. */
  newId(): string;
}

const orNull = (value: string) => (value === "" ? null : value);

/**
 * The rows of an imported mission. Task ids are made first, so `depends_on` (external ids, which
 * the parser already checked all exist in the file) resolves to task uuids in the same pass.
 */
export function tasksMdToTree(file: TasksMd, options: TreeOptions): MissionTree {
  const missionId = options.newId();
  const taskIds = new Map<string, string>();
  for (const milestone of file.milestones) {
    for (const task of milestone.tasks) taskIds.set(task.id, options.newId());
  }
  const resolve = (externalId: string) => {
    const id = taskIds.get(externalId);
    if (!id) throw new Error(`depends_on names ${externalId}, which the parser should have rejected`);
    return id;
  };
  const milestones: MissionTree["milestones"] = [];
  const tasks: MissionTree["tasks"] = [];
  for (const milestone of file.milestones) {
    const milestoneId = options.newId();
    milestones.push({
      id: milestoneId,
      missionId,
      ordinal: milestone.ordinal,
      externalId: milestone.externalId,
      title: milestone.title,
      goal: milestone.goal ?? "",
      description: milestone.description,
    });
    for (const [position, task] of milestone.tasks.entries()) {
      tasks.push({
        id: resolve(task.id),
        projectId: options.projectId,
        missionId,
        milestoneId,
        externalId: task.id,
        title: task.description,
        status: task.status,
        assignee: orNull(task.agent),
        dependsOn: task.dependsOn.map(resolve),
        estimate: orNull(task.estimate),
        branch: orNull(task.branch),
        issue: orNull(task.issue),
        notes: orNull(task.notes),
        position,
        extra: task.extra,
        createdBy: options.createdBy,
      });
    }
  }
  return {
    mission: {
      id: missionId,
      projectId: options.projectId,
      title: file.mission.title ?? UNTITLED_MISSION,
      goal: file.mission.goal ?? "",
      status: options.status,
      preamble: file.mission.preamble,
      extraColumns: file.extraColumns,
      createdBy: options.createdBy,
    },
    milestones,
    tasks,
  };
}

/** The id a task goes by in the file: its external id, or one derived from its uuid (stable). */
export function fileTaskId(task: Pick<TaskRow, "id" | "externalId">): string {
  return task.externalId ?? `T-${task.id.slice(0, 8)}`;
}

/**
 * The TASKS.md value of a stored mission. `tasks` are the mission's, in file order. Dependencies
 * on tasks outside the mission can't be written (the format names tasks of the same file) and are
 * left out; a task's long `description` and its priority and due date have no column either.
 */
export function treeToTasksMd(
  mission: MissionRow,
  milestones: readonly MilestoneRow[],
  tasks: readonly TaskRow[],
): TasksMd {
  const inMission = new Map(tasks.map((t) => [t.id, fileTaskId(t)]));
  const toFileTask = (task: TaskRow): TasksMdTask => ({
    id: fileTaskId(task),
    status: task.status,
    description: task.title,
    issue: task.issue ?? "",
    agent: task.assignee ?? "",
    branch: task.branch ?? "",
    dependsOn: task.dependsOn.flatMap((id) => {
      const fileId = inMission.get(id);
      return fileId === undefined ? [] : [fileId];
    }),
    estimate: task.estimate ?? "",
    notes: task.notes ?? "",
    // hasOwn: a column named like an Object.prototype member (`constructor`) is data, not a method.
    extra: Object.fromEntries(
      mission.extraColumns.map((name) => [name, Object.hasOwn(task.extra, name) ? (task.extra[name] ?? "") : ""]),
    ),
  });
  return {
    mission: { title: mission.title, goal: mission.goal === "" ? null : mission.goal, preamble: mission.preamble },
    milestones: milestones.map((m) => ({
      ordinal: m.ordinal,
      title: m.title,
      externalId: m.externalId ?? `M${m.ordinal}`,
      goal: m.goal === "" ? null : m.goal,
      description: m.description,
      tasks: tasks.filter((t) => t.milestoneId === m.id).map(toFileTask),
    })),
    extraColumns: mission.extraColumns,
  };
}
