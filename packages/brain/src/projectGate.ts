/** @module The check before putting something into a project: 404 when the actor can't see it, 403 when they can't do `action`. */
import { type Actor, type ProjectAction, projectAccess } from "@mosaic/auth";
import { forbidden, notFound } from "@mosaic/contracts";
import type { ProjectsRepository } from "@mosaic/db";

/** Resolves when `actor` may `action` project `projectId`; throws not_found / forbidden otherwise. */
export async function requireProject(
  projects: ProjectsRepository,
  actor: Actor,
  projectId: string,
  action: ProjectAction,
): Promise<void> {
  if (await projects.find(projectId, projectAccess(actor, action))) return;
  const visible = action !== "read" && (await projects.find(projectId, projectAccess(actor, "read")));
  throw visible ? forbidden(`you may not ${action} this project`) : notFound("project");
}
