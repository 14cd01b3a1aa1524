/**
 * @module The projects service: personal or team-owned projects, every query scoped by the access
 * module's predicates (see @mosaic/auth access.ts for the rules). Not reachable → 404; reachable but
 * not allowed → 403.
 */
import { type Actor, projectAccess, teamRoleAllows } from "@mosaic/auth";
import { forbidden, notFound } from "@mosaic/contracts";
import type { Page, PageRequest, ProjectFilter, ProjectRow, ProjectsRepository, TeamsRepository } from "@mosaic/db";
import { brainEvent, type PublishEvent } from "./events.js";
import { presentProject } from "./presenters.js";

export interface ProjectServiceDeps {
  projects: ProjectsRepository;
  teams: TeamsRepository;
  publish: PublishEvent;
}

export function createProjectService(deps: ProjectServiceDeps) {
  /** After a scoped write matched nothing: 403 when the actor can see the project, else 404. */
  async function refusal(actor: Actor, id: string, what: string): Promise<never> {
    const visible = await deps.projects.find(id, projectAccess(actor, "read"));
    throw visible ? forbidden(`only the project's owner or a team owner/admin can ${what}`) : notFound("project");
  }

  function announce(name: "project.created" | "project.updated", actor: Actor, row: ProjectRow): ProjectRow {
    deps.publish(brainEvent(name, { id: row.id, projectId: row.id, actorId: actor.userId, data: presentProject(row) }));
    return row;
  }

  async function setStatus(actor: Actor, id: string, status: ProjectRow["status"]): Promise<ProjectRow> {
    const row = await deps.projects.update(id, { status }, projectAccess(actor, "manage"));
    return announce(
      "project.updated",
      actor,
      row ?? (await refusal(actor, id, status === "archived" ? "archive it" : "unarchive it")),
    );
  }

  return {
    /** Creates a personal project, or a team project when `teamId` is given (team owner/admin only). */
    async create(actor: Actor, input: { name: string; description: string; teamId?: string | undefined }) {
      if (input.teamId) {
        const membership = await deps.teams.findForMember(input.teamId, actor.userId);
        if (!membership) throw notFound("team");
        if (!teamRoleAllows(membership.role, "manage")) {
          throw forbidden("only a team owner or admin can create the team's projects");
        }
      }
      const row = await deps.projects.create({
        name: input.name,
        description: input.description,
        ownerUserId: input.teamId ? null : actor.userId,
        ownerTeamId: input.teamId ?? null,
      });
      return announce("project.created", actor, row);
    },

    list(actor: Actor, filter: ProjectFilter, page: PageRequest): Promise<Page<ProjectRow & { cursorAt: string }>> {
      return deps.projects.list(projectAccess(actor, "read"), filter, page);
    },

    async get(actor: Actor, id: string): Promise<ProjectRow> {
      const row = await deps.projects.find(id, projectAccess(actor, "read"));
      if (!row) throw notFound("project");
      return row;
    },

    async update(
      actor: Actor,
      id: string,
      patch: { name?: string | undefined; description?: string | undefined },
    ): Promise<ProjectRow> {
      const changes: { name?: string; description?: string } = {};
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.description !== undefined) changes.description = patch.description;
      const row = await deps.projects.update(id, changes, projectAccess(actor, "write"));
      return announce("project.updated", actor, row ?? (await refusal(actor, id, "edit it")));
    },

    archive(actor: Actor, id: string): Promise<ProjectRow> {
      return setStatus(actor, id, "archived");
    },

    unarchive(actor: Actor, id: string): Promise<ProjectRow> {
      return setStatus(actor, id, "active");
    },

    async remove(actor: Actor, id: string): Promise<void> {
      // The audience of a deletion is computed before the rows that define it are gone.
      const before = await deps.projects.find(id, projectAccess(actor, "manage"));
      if (!before || !(await deps.projects.delete(id, projectAccess(actor, "manage")))) {
        await refusal(actor, id, "delete it");
        return;
      }
      deps.publish(
        brainEvent("project.deleted", { id, projectId: id, actorId: actor.userId, data: presentProject(before) }),
      );
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
