/**
 * @module The access module: who may reach which project, as SQL predicates ANDed into queries
 * (never a filter after fetching). Used by every project read and write, and by anything that
 * lives inside a project (it inherits the project's visibility through `inReachableProject`).
 *
 * Rules:
 *  - read:   the project is the actor's personal project, or belongs to a team they are in (any role).
 *  - write:  same as read — every team member edits a team's projects.
 *  - manage: create in a team, archive, unarchive, delete — personal owner, or team `owner`/`admin`.
 * A project the actor can't read is answered 404 (its existence is not revealed); one they can
 * read but not write/manage is 403.
 */
import { schema, type TeamRole } from "@mosaic/db";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { Actor } from "./actor.js";

const { projects, teamMembers } = schema;

export type ProjectAction = "read" | "write" | "manage";

const TEAM_ROLES: Record<ProjectAction, readonly TeamRole[]> = {
  read: ["owner", "admin", "member"],
  write: ["owner", "admin", "member"],
  manage: ["owner", "admin"],
};

/** True when a team member with `role` may do `action` on the team's projects. */
export function teamRoleAllows(role: TeamRole, action: ProjectAction): boolean {
  return TEAM_ROLES[action].includes(role);
}

function teamsWhere(actor: Actor, action: ProjectAction): SQL {
  const roles = TEAM_ROLES[action];
  return sql`SELECT ${teamMembers.teamId} FROM ${teamMembers} WHERE ${teamMembers.userId} = ${actor.userId} AND ${teamMembers.role} IN (${sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  )})`;
}

/** Predicate over the `projects` table: the rows `actor` may `action`. */
export function projectAccess(actor: Actor, action: ProjectAction): SQL {
  return sql`(${projects.ownerUserId} = ${actor.userId} OR ${projects.ownerTeamId} IN (${teamsWhere(actor, action)}))`;
}

/** Predicate for rows inside projects: `column` (a project id) names a project `actor` may `action`. */
export function inReachableProject(column: AnyColumn, actor: Actor, action: ProjectAction): SQL {
  return sql`${column} IN (SELECT ${projects.id} FROM ${projects} WHERE ${projectAccess(actor, action)})`;
}
