/**
 * @module The tasks service: tasks inside a project (optionally in a mission's milestone), scoped by
 * the access module — any project member reads and writes them. Enforces the dependency rules of
 * taskRules.ts and announces `task.*` events with the project id.
 */
import { randomUUID } from "node:crypto";
import { type Actor, inReachableProject, type ProjectAction } from "@mosaic/auth";
import {
  conflict,
  forbidden,
  invalid,
  notFound,
  type TaskCreateBody,
  type TaskStatus,
  type TaskUpdateBody,
} from "@mosaic/contracts";
import {
  isUniqueViolation,
  type MilestonesRepository,
  type Page,
  type PageRequest,
  type ProjectsRepository,
  schema,
  type TaskFilter,
  type TaskPatch,
  type TaskRow,
  type TaskSort,
  type TasksRepository,
} from "@mosaic/db";
import { brainEvent, type PublishEvent } from "./events.js";
import { presentTask } from "./missionPresenters.js";
import { requireProject } from "./projectGate.js";
import { checkDependsOn, requireDependenciesDone, taskLabel } from "./taskRules.js";

export interface TaskServiceDeps {
  projects: ProjectsRepository;
  milestones: MilestonesRepository;
  tasks: TasksRepository;
  publish: PublishEvent;
}

const access = (actor: Actor, action: ProjectAction) => inReachableProject(schema.tasks.projectId, actor, action);

/** A task inside a mission needs an id the TASKS.md export can write; derived from its uuid. */
const defaultExternalId = (id: string) => `T-${id.slice(0, 8)}`;

export function createTaskService(deps: TaskServiceDeps) {
  async function refusal(actor: Actor, taskId: string, what: string): Promise<never> {
    const visible = await deps.tasks.find(taskId, access(actor, "read"));
    throw visible ? forbidden(`you can't ${what}`) : notFound("task");
  }

  function announce(name: "task.created" | "task.updated", actor: Actor, row: TaskRow): TaskRow {
    deps.publish(
      brainEvent(name, { id: row.id, projectId: row.projectId, actorId: actor.userId, data: presentTask(row) }),
    );
    return row;
  }

  /** Where `milestoneId` puts a task: that milestone and its mission (null: no mission). */
  async function placement(projectId: string, milestoneId: string | null) {
    if (milestoneId === null) return { missionId: null, milestoneId: null };
    const [found] = await deps.milestones.inProject(projectId, [milestoneId]);
    if (!found) {
      throw invalid("milestoneId is not a milestone of this project", [
        { path: "body.milestoneId", message: "no such milestone in this project" },
      ]);
    }
    return { missionId: found.missionId, milestoneId };
  }

  /** Runs a task write, turning a clash on the (mission, external id) index into a 409. */
  async function uniqueExternalId<T>(externalId: string | null | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err, "tasks_mission_external_id_unique")) {
        throw conflict(`this mission already has a task with id ${externalId ?? "(the default id)"}`);
      }
      throw err;
    }
  }

  /**
   * Applies a patch. Moving into a milestone moves the task into its mission; `dependsOn` must
   * name tasks of the same project without a cycle; becoming (or staying, with new
   * dependencies) `in-progress` needs every dependency done, else 409 naming the blockers.
   */
  async function updateTask(props: { actor: Actor; taskId: string; patch: TaskUpdateBody }): Promise<TaskRow> {
    const { actor, taskId, patch } = props;
    const current = await deps.tasks.find(taskId, access(actor, "read"));
    if (!current) throw notFound("task");
    const changes: TaskPatch = Object.fromEntries(
      Object.entries(patch).filter(([key, v]) => v !== undefined && key !== "milestoneId"),
    );
    if (patch.milestoneId !== undefined) Object.assign(changes, await placement(current.projectId, patch.milestoneId));
    const missionId = changes.missionId !== undefined ? changes.missionId : current.missionId;
    const externalId = changes.externalId !== undefined ? changes.externalId : current.externalId;
    if (missionId && externalId === null) changes.externalId = defaultExternalId(current.id);
    if (patch.dependsOn) await checkDependsOn(deps.tasks, current.projectId, patch.dependsOn, current.id);
    const status = changes.status ?? current.status;
    const dependsOn = changes.dependsOn ?? current.dependsOn;
    const mustCheck = patch.status === "in-progress" || (patch.dependsOn !== undefined && status === "in-progress");
    const row = await uniqueExternalId(changes.externalId ?? externalId, () =>
      deps.tasks.transaction(async (t) => {
        if (mustCheck) {
          const label = taskLabel({
            externalId: changes.externalId ?? externalId,
            title: changes.title ?? current.title,
          });
          await requireDependenciesDone(t, { projectId: current.projectId, label }, dependsOn);
        }
        return t.update(taskId, changes, access(actor, "write"));
      }),
    );
    return announce("task.updated", actor, row ?? (await refusal(actor, taskId, "edit this task")));
  }

  return {
    /** Creates a task in a project the actor may write (in a milestone's mission when one is given). */
    async createTask(props: { actor: Actor; projectId: string; input: TaskCreateBody }): Promise<TaskRow> {
      const { actor, projectId, input } = props;
      await requireProject(deps.projects, actor, projectId, "write", "create tasks");
      const id = randomUUID();
      const place = await placement(projectId, input.milestoneId ?? null);
      const dependsOn = input.dependsOn ?? [];
      await checkDependsOn(deps.tasks, projectId, dependsOn, null);
      const externalId = input.externalId ?? (place.missionId ? defaultExternalId(id) : null);
      const position = input.position ?? (place.milestoneId ? await deps.tasks.nextPosition(place.milestoneId) : 0);
      const row = await uniqueExternalId(externalId, () =>
        deps.tasks.transaction(async (t) => {
          if (input.status === "in-progress") {
            await requireDependenciesDone(t, { projectId, label: externalId ?? `"${input.title}"` }, dependsOn);
          }
          return t.create({
            ...input,
            id,
            projectId,
            ...place,
            externalId,
            dependsOn,
            position,
            createdBy: actor.userId,
          });
        }),
      );
      return announce("task.created", actor, row);
    },

    /** The project's tasks, filtered and sorted. An unreachable project is a 404, not an empty list. */
    async listTasks(props: {
      actor: Actor;
      projectId: string;
      filter: Omit<TaskFilter, "projectId">;
      sort: TaskSort;
      page: PageRequest;
    }): Promise<Page<TaskRow & { sortValue: string }>> {
      const { actor, projectId } = props;
      // The list query carries the read predicate itself: any row it returns proves the project is
      // readable, so the project check (one more round trip) runs only to tell an empty page from a 404.
      const page = await deps.tasks.list(access(actor, "read"), { ...props.filter, projectId }, props.sort, props.page);
      if (page.items.length === 0) await requireProject(deps.projects, actor, projectId, "read", "read tasks");
      return page;
    },

    /** Every task the actor can read, across projects (`GET /api/tasks`). */
    listAllTasks(props: {
      actor: Actor;
      filter: TaskFilter;
      sort: TaskSort;
      page: PageRequest;
    }): Promise<Page<TaskRow & { sortValue: string }>> {
      return deps.tasks.list(access(props.actor, "read"), props.filter, props.sort, props.page);
    },

    async showTask(props: { actor: Actor; taskId: string }): Promise<TaskRow> {
      const row = await deps.tasks.find(props.taskId, access(props.actor, "read"));
      if (!row) throw notFound("task");
      return row;
    },

    updateTask,

    /** Changes only the status (the kanban move); same rules as updateTask. */
    moveTask(props: { actor: Actor; taskId: string; status: TaskStatus }): Promise<TaskRow> {
      return updateTask({ actor: props.actor, taskId: props.taskId, patch: { status: props.status } });
    },

    /** Deletes the task and removes it from its dependents' `dependsOn`. */
    async deleteTask(props: { actor: Actor; taskId: string }): Promise<void> {
      const { actor, taskId } = props;
      const before = await deps.tasks.find(taskId, access(actor, "write"));
      if (!before || !(await deps.tasks.delete(taskId, access(actor, "write")))) {
        await refusal(actor, taskId, "delete this task");
        return;
      }
      deps.publish(
        brainEvent("task.deleted", {
          id: taskId,
          projectId: before.projectId,
          actorId: actor.userId,
          data: presentTask(before),
        }),
      );
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
