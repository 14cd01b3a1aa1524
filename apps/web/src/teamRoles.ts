/** @module Which member controls a caller gets on a team page, mirroring docs/ACCESS.md's team table. */
import type { TeamMemberView, TeamRole } from "@mosaic/contracts";

const ROLES: readonly TeamRole[] = ["owner", "admin", "member"];

/** Owners may hand out every role; admins every role but owner, and they can't touch owners. */
export function assignableRoles(callerRole: TeamRole): readonly TeamRole[] {
  if (callerRole === "owner") return ROLES;
  if (callerRole === "admin") return ["admin", "member"];
  return [];
}

export function canEditMember(callerRole: TeamRole, member: TeamMemberView): boolean {
  return callerRole === "owner" || (callerRole === "admin" && member.role !== "owner");
}
