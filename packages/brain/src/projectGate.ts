/** @module The project checks that come before creating anything inside a project (missions, tasks…). */
import { type Actor, type ProjectAction, projectAccess } from "@mosaic/auth";
import { forbidden, notFound } from "@mosaic/contracts";
import type { ProjectRow, ProjectsRepository } from "@mosaic/db";

/**
 * The project when `actor` may `action` it. Otherwise 404 when they can't even read it (its
 * existence isn't revealed), 403 when they can read it but not `action` it.
 */
export async function requireProject(
  projects: ProjectsRepository,
  actor: Actor,
  projectId: string,
  action: ProjectAction,
  what?: string,
): Promise<ProjectRow> {
  const row = await projects.find(projectId, projectAccess(actor, action));
  if (row) return row;
  if (action !== "read" && (await projects.find(projectId, projectAccess(actor, "read")))) {
    throw forbidden(`you can't ${what ?? action} in this project`);
  }
  throw notFound("project");
}
