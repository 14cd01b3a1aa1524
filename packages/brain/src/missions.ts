/**
 * @module The missions service: plans inside a project, their ordered milestones, and TASKS.md
 * import/export. Every query is scoped by the access module (reading a mission needs project read,
 * editing it and its milestones project write, deleting it project manage). Not reachable → 404;
 * reachable but not allowed → 403.
 */
import { type Actor, inReachableProject, type ProjectAction } from "@mosaic/auth";
import { conflict, forbidden, invalid, notFound } from "@mosaic/contracts";
import {
  isUniqueViolation,
  type MilestonePatch,
  type MilestoneRow,
  type MilestonesRepository,
  type MissionFilter,
  type MissionPatch,
  type MissionRow,
  type MissionsRepository,
  type Page,
  type PageRequest,
  type ProjectsRepository,
  schema,
  type TaskRow,
  type TasksRepository,
} from "@mosaic/db";
import { brainEvent, type PublishEvent } from "./events.js";
import { presentMission } from "./missionPresenters.js";
import { createMissionTransfer } from "./missionTransfer.js";
import { requireProject } from "./projectGate.js";

export interface MissionServiceDeps {
  projects: ProjectsRepository;
  missions: MissionsRepository;
  milestones: MilestonesRepository;
  tasks: TasksRepository;
  publish: PublishEvent;
}

/** A mission with everything `GET /api/missions/:id` shows. */
export interface MissionTreeRows {
  mission: MissionRow;
  milestones: MilestoneRow[];
  tasks: TaskRow[];
}

const access = (actor: Actor, action: ProjectAction) => inReachableProject(schema.missions.projectId, actor, action);

export function createMissionService(deps: MissionServiceDeps) {
  /** After a scoped write matched nothing: 403 when the actor can see the mission, else 404. */
  async function refusal(actor: Actor, missionId: string, what: string): Promise<never> {
    const visible = await deps.missions.find(missionId, access(actor, "read"));
    throw visible ? forbidden(`you can't ${what}`) : notFound("mission");
  }

  async function milestoneRefusal(actor: Actor, milestoneId: string, what: string): Promise<never> {
    const visible = await deps.milestones.find(milestoneId, access(actor, "read"));
    throw visible ? forbidden(`you can't ${what}`) : notFound("milestone");
  }

  function announce(name: "mission.created" | "mission.updated", actor: Actor, row: MissionRow): MissionRow {
    deps.publish(
      brainEvent(name, { id: row.id, projectId: row.projectId, actorId: actor.userId, data: presentMission(row) }),
    );
    return row;
  }

  /** A milestone changed: the mission is marked updated and announced. */
  async function milestoneChanged(actor: Actor, missionId: string): Promise<void> {
    const mission = await deps.missions.touch(missionId);
    if (mission) announce("mission.updated", actor, mission);
  }

  /** Runs a milestone write, turning a clash on the (mission, external id) index into a 409. */
  async function uniqueMilestoneId<T>(externalId: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err, "milestones_mission_external_id_unique")) {
        throw conflict(`this mission already has a milestone with id ${externalId ?? "(the default id)"}`);
      }
      throw err;
    }
  }

  async function loadTree(mission: MissionRow): Promise<MissionTreeRows> {
    const [milestones, tasks] = [
      await deps.milestones.listForMission(mission.id),
      await deps.tasks.listForMission(mission.id),
    ];
    return { mission, milestones, tasks };
  }

  return {
    /** Creates an empty mission in a project the actor may write. */
    async createMission(props: {
      actor: Actor;
      projectId: string;
      input: { title: string; goal: string; status: MissionRow["status"]; preamble: string };
    }): Promise<MissionRow> {
      const { actor, projectId, input } = props;
      await requireProject(deps.projects, actor, projectId, "write", "create missions");
      const row = await deps.missions.create({ ...input, projectId, createdBy: actor.userId });
      return announce("mission.created", actor, row);
    },

    /** The project's missions, newest first. An unreachable project is a 404, not an empty list. */
    async listMissions(props: {
      actor: Actor;
      projectId: string;
      filter: Omit<MissionFilter, "projectId">;
      page: PageRequest;
    }): Promise<Page<MissionRow & { cursorAt: string }>> {
      const { actor, projectId } = props;
      await requireProject(deps.projects, actor, projectId, "read", "read missions");
      return deps.missions.list(access(actor, "read"), { ...props.filter, projectId }, props.page);
    },

    /** The mission, its milestones in order and its tasks in file order. */
    async showMission(props: { actor: Actor; missionId: string }): Promise<MissionTreeRows> {
      const mission = await deps.missions.find(props.missionId, access(props.actor, "read"));
      if (!mission) throw notFound("mission");
      return loadTree(mission);
    },

    async updateMission(props: { actor: Actor; missionId: string; patch: MissionPatch }): Promise<MissionRow> {
      const { actor, missionId } = props;
      const changes = Object.fromEntries(Object.entries(props.patch).filter(([, v]) => v !== undefined));
      const row = await deps.missions.update(missionId, changes, access(actor, "write"));
      return announce("mission.updated", actor, row ?? (await refusal(actor, missionId, "edit this mission")));
    },

    /** Deletes the mission with its milestones and tasks: the project's owner or a team owner/admin. */
    async deleteMission(props: { actor: Actor; missionId: string }): Promise<void> {
      const { actor, missionId } = props;
      const before = await deps.missions.find(missionId, access(actor, "manage"));
      if (!before || !(await deps.missions.delete(missionId, access(actor, "manage")))) {
        await refusal(actor, missionId, "delete this mission (a project owner or team owner/admin can)");
        return;
      }
      deps.publish(
        brainEvent("mission.deleted", {
          id: missionId,
          projectId: before.projectId,
          actorId: actor.userId,
          data: presentMission(before),
        }),
      );
    },

    /** Appends a milestone; its external id defaults to `M<ordinal>`. */
    async addMilestone(props: {
      actor: Actor;
      missionId: string;
      input: { title: string; goal: string; description: string; externalId?: string | undefined };
    }): Promise<MilestoneRow> {
      const { actor, missionId, input } = props;
      const row = await uniqueMilestoneId(input.externalId, () =>
        deps.milestones.append(missionId, { ...input, externalId: input.externalId ?? null }, access(actor, "write")),
      );
      if (!row) return refusal(actor, missionId, "add milestones to this mission");
      await milestoneChanged(actor, missionId);
      return row;
    },

    async updateMilestone(props: { actor: Actor; milestoneId: string; patch: MilestonePatch }): Promise<MilestoneRow> {
      const { actor, milestoneId } = props;
      const changes = Object.fromEntries(Object.entries(props.patch).filter(([, v]) => v !== undefined));
      const row = await uniqueMilestoneId(props.patch.externalId ?? undefined, () =>
        deps.milestones.update(milestoneId, changes, access(actor, "write")),
      );
      if (!row) return milestoneRefusal(actor, milestoneId, "edit this milestone");
      await milestoneChanged(actor, row.missionId);
      return row;
    },

    /** Sets the milestones' order; `milestoneIds` must list every milestone of the mission once. */
    async reorderMilestones(props: {
      actor: Actor;
      missionId: string;
      milestoneIds: string[];
    }): Promise<MilestoneRow[]> {
      const { actor, missionId } = props;
      const outcome = await deps.milestones.reorder(missionId, props.milestoneIds, access(actor, "write"));
      if (outcome === "absent") return refusal(actor, missionId, "reorder this mission's milestones");
      if (outcome === "mismatch") {
        throw invalid("the new order must list every milestone of the mission exactly once", [
          { path: "body.milestoneIds", message: "not exactly this mission's milestones" },
        ]);
      }
      await milestoneChanged(actor, missionId);
      return deps.milestones.listForMission(missionId);
    },

    /** Deletes an empty milestone; one that still holds tasks is a 409 (move or delete them first). */
    async deleteMilestone(props: { actor: Actor; milestoneId: string }): Promise<void> {
      const { actor, milestoneId } = props;
      const before = await deps.milestones.find(milestoneId, access(actor, "write"));
      const outcome = before ? await deps.milestones.delete(milestoneId, access(actor, "write")) : "absent";
      if (outcome === "has-tasks") throw conflict("the milestone still holds tasks; move or delete them first");
      if (!before || outcome === "absent") return milestoneRefusal(actor, milestoneId, "delete this milestone");
      await milestoneChanged(actor, before.missionId);
    },

    ...createMissionTransfer({ ...deps, access, loadTree, announce }),
  };
}

export type MissionService = ReturnType<typeof createMissionService>;
