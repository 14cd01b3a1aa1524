/**
 * @module TASKS.md import and export of missions. Import parses the whole file first (every problem
 * reported by line, nothing written), then inserts the mission, milestones and tasks in one
 * transaction. Export writes the canonical form, so export → import → export is byte-stable.
 */
import { randomUUID } from "node:crypto";
import type { Actor, inReachableProject, ProjectAction } from "@mosaic/auth";
import { notFound } from "@mosaic/contracts";
import type { MilestoneRow, MissionRow, MissionsRepository, ProjectsRepository, TaskRow } from "@mosaic/db";
import { tasksMdToTree, treeToTasksMd } from "./missions/missionRows.js";
import { parseTasksMdOrThrow, serializeTasksMd } from "./missions/tasksMd.js";
import { requireProject } from "./projectGate.js";

export interface MissionTransferDeps {
  projects: ProjectsRepository;
  missions: MissionsRepository;
  access(actor: Actor, action: ProjectAction): ReturnType<typeof inReachableProject>;
  loadTree(mission: MissionRow): Promise<{ mission: MissionRow; milestones: MilestoneRow[]; tasks: TaskRow[] }>;
  announce(name: "mission.created", actor: Actor, row: MissionRow): MissionRow;
}

export function createMissionTransfer(deps: MissionTransferDeps) {
  return {
    /**
     * Imports a TASKS.md file as a new mission of the project, all or nothing. A malformed file is
     * a `validation_error` listing every problem as `line.N`; unknown columns are kept (the
     * mission's `extraColumns`, each task's `extra`); `depends_on` ids become task uuids. Statuses
     * are taken as written — the file is a snapshot of a plan, so the in-progress rule applies to
     * later changes, not to the import.
     */
    async importMission(props: {
      actor: Actor;
      projectId: string;
      markdown: string;
      status?: MissionRow["status"] | undefined;
    }) {
      const { actor, projectId } = props;
      await requireProject(deps.projects, actor, projectId, "write", "import missions");
      const file = parseTasksMdOrThrow(props.markdown);
      const tree = tasksMdToTree(file, {
        projectId,
        createdBy: actor.userId,
        status: props.status ?? "active",
        newId: randomUUID,
      });
      const mission = await deps.missions.insertTree(tree);
      deps.announce("mission.created", actor, mission);
      return deps.loadTree(mission);
    },

    /** The mission as canonical TASKS.md markdown. */
    async exportMission(props: {
      actor: Actor;
      missionId: string;
    }): Promise<{ mission: MissionRow; markdown: string }> {
      const mission = await deps.missions.find(props.missionId, deps.access(props.actor, "read"));
      if (!mission) throw notFound("mission");
      const tree = await deps.loadTree(mission);
      return { mission, markdown: serializeTasksMd(treeToTasksMd(tree.mission, tree.milestones, tree.tasks)) };
    },
  };
}
