/** @module Rows → wire shapes for accounts, tokens and teams: the one place a DB row becomes JSON. */
import type { TeamMemberView, TeamView, TokenView, UserView } from "@mosaic/contracts";
import type { TeamMemberRow, TeamRole, TeamRow, TokenRow, UserRow } from "@mosaic/db";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function presentUser(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdAt: iso(row.createdAt),
  };
}

export function presentToken(row: TokenRow): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    expiresAt: isoOrNull(row.expiresAt),
    lastUsedAt: isoOrNull(row.lastUsedAt),
    revokedAt: isoOrNull(row.revokedAt),
    createdAt: iso(row.createdAt),
  };
}

export function presentTeam(team: TeamRow, role: TeamRole): TeamView {
  return { id: team.id, name: team.name, role, createdAt: iso(team.createdAt), updatedAt: iso(team.updatedAt) };
}

export function presentMember(row: TeamMemberRow): TeamMemberView {
  return { userId: row.userId, email: row.email, name: row.name, role: row.role, joinedAt: iso(row.createdAt) };
}
