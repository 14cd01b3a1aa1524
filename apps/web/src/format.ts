/** @module Display helpers shared by pages: dates and owner labels. */
import type { ProjectView, TeamView } from "@mosaic/contracts";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const formatDate = (iso: string): string => dateFormat.format(new Date(iso));
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids in URLs are UUIDs; anything else is a page that cannot exist (no request needed). */
export const isUuid = (value: string): boolean => UUID.test(value);

/** "Personal" or the team's name ("a team" when the caller's team list doesn't hold it yet). */
export function ownerLabel(project: ProjectView, teams: readonly TeamView[]): string {
  if (project.owner.kind === "user") return "Personal";
  const { teamId } = project.owner;
  return teams.find((t) => t.id === teamId)?.name ?? "a team";
}

/** Whether the caller may archive, unarchive or delete: personal projects are their own (the list only holds those). */
export function canManageProject(project: ProjectView, teams: readonly TeamView[]): boolean {
  if (project.owner.kind === "user") return true;
  const { teamId } = project.owner;
  const role = teams.find((t) => t.id === teamId)?.role;
  return role === "owner" || role === "admin";
}
