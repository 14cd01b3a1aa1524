/** @module Teams on the wire: bodies for creating and managing teams and their members. */
import { z } from "zod";

export const TeamRole = z.enum(["owner", "admin", "member"]);
export type TeamRole = z.infer<typeof TeamRole>;

const teamName = z.string().trim().min(1).max(100);

export const TeamCreateBody = z.strictObject({ name: teamName });
export const TeamUpdateBody = z.strictObject({ name: teamName });

/** Adds an existing account (by email) to a team. */
export const TeamMemberAddBody = z.strictObject({ email: z.email().max(254), role: TeamRole.default("member") });
export type TeamMemberAddBody = z.infer<typeof TeamMemberAddBody>;

export const TeamMemberRoleBody = z.strictObject({ role: TeamRole });

export const TeamMemberParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });

/** A team as seen by one of its members: `role` is the caller's own role in it. */
export const TeamView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: TeamRole,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TeamView = z.infer<typeof TeamView>;

export const TeamMemberView = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: TeamRole,
  joinedAt: z.iso.datetime(),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

export const TeamDetailResponse = z.object({ team: TeamView, members: z.array(TeamMemberView) });
