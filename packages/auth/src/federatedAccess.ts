/**
 * @module Access predicates for federated reads: the subject user's native read access (access.ts,
 * brainAccess.ts) intersected with a grant's reach — team-owned projects (`include_teams`) and
 * personal ones (`include_personal`: the subject's personal projects and their personal notes and
 * insights). Like every predicate here, it is ANDed into the repository's one SQL statement.
 */
import { schema } from "@mosaic/db";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { projectAccess } from "./access.js";
import type { Actor } from "./actor.js";

const { projects, missions, tasks, notes, insights } = schema;

/** Which kinds of data a grant reaches; both false reaches nothing. */
export interface FederatedReach {
  teams: boolean;
  personal: boolean;
}

export type FederatedTable = "projects" | "missions" | "tasks" | "notes" | "memory";

/** Projects the subject may read, narrowed to the owner kinds the grant reaches (over `projects`). */
function reachableProjects(subject: Actor, reach: FederatedReach): SQL {
  const owners: SQL[] = [];
  if (reach.teams) owners.push(sql`${projects.ownerTeamId} IS NOT NULL`);
  if (reach.personal) owners.push(sql`${projects.ownerUserId} IS NOT NULL`);
  if (owners.length === 0) return sql`FALSE`;
  return sql`(${projectAccess(subject, "read")} AND (${sql.join(owners, sql` OR `)}))`;
}

function inReachedProject(column: AnyColumn, subject: Actor, reach: FederatedReach): SQL {
  return sql`${column} IN (SELECT ${projects.id} FROM ${projects} WHERE ${reachableProjects(subject, reach)})`;
}

/** Personal rows (no project) of the subject when the grant reaches personal data, or rows in reached projects. */
function personalOrReached(projectColumn: AnyColumn, ownerColumn: AnyColumn, subject: Actor, reach: FederatedReach) {
  const inProject = inReachedProject(projectColumn, subject, reach);
  if (!reach.personal) return inProject;
  return sql`((${projectColumn} IS NULL AND ${ownerColumn} = ${subject.userId}) OR ${inProject})`;
}

/** The predicate over `table` of the rows a grant with `reach` lets its peer read as `subject`. */
export function federatedReadAccess(table: FederatedTable, subject: Actor, reach: FederatedReach): SQL {
  switch (table) {
    case "projects":
      return reachableProjects(subject, reach);
    case "missions":
      return inReachedProject(missions.projectId, subject, reach);
    case "tasks":
      return inReachedProject(tasks.projectId, subject, reach);
    case "notes":
      return personalOrReached(notes.projectId, notes.ownerUserId, subject, reach);
    case "memory":
      return personalOrReached(insights.projectId, insights.userId, subject, reach);
  }
}

/**
 * Matches every row. Only for the federation audit's "missing or out of scope?" question, asked
 * after the scoped read already answered 404 — never to serve data.
 */
export function everyRowForAudit(): SQL {
  return sql`TRUE`;
}
