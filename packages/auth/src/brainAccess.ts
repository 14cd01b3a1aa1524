/**
 * @module Access predicates for brain rows that may be personal or in a project (notes, insights)
 * and for rows that only ever belong to one user (preferences, conversations). Like access.ts,
 * each is a SQL predicate ANDed into the repository's statement, never a filter after fetching.
 *
 * Rules: a personal row (project_id null) is its owner's alone, for every action. A row in a
 * project inherits the project's rule for the action (see access.ts): every member of a team
 * reads and writes its projects' notes and insights. Preferences and conversations are the owning
 * user's only, even when a conversation names a project.
 */
import { schema } from "@mosaic/db";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { inReachableProject, type ProjectAction } from "./access.js";
import type { Actor } from "./actor.js";

const { notes, insights, preferences, conversations } = schema;

/** Personal rows of the actor, or rows in a project the actor may `action`. */
export function personalOrProjectAccess(
  projectColumn: AnyColumn,
  ownerColumn: AnyColumn,
  actor: Actor,
  action: ProjectAction,
): SQL {
  return sql`((${projectColumn} IS NULL AND ${ownerColumn} = ${actor.userId}) OR ${inReachableProject(projectColumn, actor, action)})`;
}

/** Predicate over `notes`: the notes `actor` may `action` ("read" for show/list/search, "write" for edit/delete). */
export function noteAccess(actor: Actor, action: ProjectAction): SQL {
  return personalOrProjectAccess(notes.projectId, notes.ownerUserId, actor, action);
}

/** Predicate over `insights`, with the same rule as notes. */
export function insightAccess(actor: Actor, action: ProjectAction): SQL {
  return personalOrProjectAccess(insights.projectId, insights.userId, actor, action);
}

/** Predicate over `preferences`: the actor's own. */
export function preferenceAccess(actor: Actor): SQL {
  return sql`${preferences.userId} = ${actor.userId}`;
}

/** Predicate over `conversations` (and, through them, messages): the actor's own. */
export function conversationAccess(actor: Actor): SQL {
  return sql`${conversations.userId} = ${actor.userId}`;
}
