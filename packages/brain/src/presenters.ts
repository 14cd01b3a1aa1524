/** @module Brain rows → wire shapes: the one place a project row becomes JSON. */
import type { ProjectView } from "@mosaic/contracts";
import type { ProjectRow } from "@mosaic/db";

export function presentProject(row: ProjectRow): ProjectView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    // The check constraint guarantees exactly one owner column is set.
    owner: row.ownerTeamId
      ? { kind: "team", teamId: row.ownerTeamId }
      : { kind: "user", userId: row.ownerUserId ?? "" },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
