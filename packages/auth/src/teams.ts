/**
 * @module Teams: create, rename, delete, members and their roles. A non-member gets 404 for a team
 * (its existence is not revealed); a member without the role for an action gets 403.
 *
 * Rules: owner — everything, incl. delete and granting `owner`; admin — rename, add/remove/re-role
 * members and admins (never owners, never grant `owner`); member — read, leave. The last owner can
 * neither leave nor be demoted or removed (409): a team always has an owner.
 */
import { conflict, forbidden, notFound } from "@mosaic/contracts";
import type {
  LockedTeam,
  Page,
  PageRequest,
  TeamMemberRow,
  TeamRole,
  TeamRow,
  TeamsRepository,
  UsersRepository,
} from "@mosaic/db";
import type { Actor } from "./actor.js";

export interface TeamWithRole {
  team: TeamRow;
  role: TeamRole;
}

const managers: readonly TeamRole[] = ["owner", "admin"];

export function createTeamService(deps: { teams: TeamsRepository; users: UsersRepository }) {
  /** Runs `fn` with the team locked and the actor's role in it; a non-member gets 404. */
  function asMember<T>(actor: Actor, teamId: string, fn: (t: LockedTeam, role: TeamRole) => Promise<T>): Promise<T> {
    return deps.teams.inTeamTransaction(teamId, async (t) => {
      const role = t ? await t.roleOf(actor.userId) : null;
      if (!t || !role) throw notFound("team");
      return fn(t, role);
    });
  }

  function requireManager(role: TeamRole, what: string): void {
    if (!managers.includes(role)) throw forbidden(`only a team owner or admin can ${what}`);
  }

  /** An admin may act on members and admins only, and may not hand out `owner`. */
  function requireRank(actorRole: TeamRole, targetRole: TeamRole | null, newRole: TeamRole | null): void {
    if (actorRole === "owner") return;
    if (targetRole === "owner" || newRole === "owner") throw forbidden("only a team owner can manage owners");
  }

  async function guardLastOwner(t: LockedTeam, targetRole: TeamRole, what: string): Promise<void> {
    if (targetRole === "owner" && (await t.ownerCount()) <= 1) {
      throw conflict(`the team's last owner can't ${what} — make someone else an owner first`);
    }
  }

  return {
    async create(actor: Actor, name: string): Promise<TeamWithRole> {
      return { team: await deps.teams.create(name, actor.userId), role: "owner" };
    },

    list(actor: Actor, page: PageRequest): Promise<Page<TeamRow & { role: TeamRole; cursorAt: string }>> {
      return deps.teams.listForMember(actor.userId, page);
    },

    async get(actor: Actor, teamId: string): Promise<TeamWithRole & { members: TeamMemberRow[] }> {
      const found = await deps.teams.findForMember(teamId, actor.userId);
      if (!found) throw notFound("team");
      return { ...found, members: await deps.teams.members(teamId) };
    },

    rename(actor: Actor, teamId: string, name: string): Promise<TeamWithRole> {
      return asMember(actor, teamId, async (t, role) => {
        requireManager(role, "rename the team");
        return { team: await t.rename(name), role };
      });
    },

    remove(actor: Actor, teamId: string): Promise<void> {
      return asMember(actor, teamId, async (t, role) => {
        if (role !== "owner") throw forbidden("only a team owner can delete the team");
        await t.deleteTeam();
      });
    },

    /** Adds an existing account; returns the members after the change. */
    async addMember(actor: Actor, teamId: string, input: { email: string; role: TeamRole }): Promise<TeamMemberRow[]> {
      // Looked up before the transaction: on PGlite (one connection) a query outside an open
      // transaction would wait for it forever.
      const user = await deps.users.findByEmail(input.email);
      await asMember(actor, teamId, async (t, role) => {
        requireManager(role, "add members");
        requireRank(role, null, input.role);
        if (!user) throw notFound("account with that email");
        if (!(await t.addMember(user.id, input.role))) throw conflict("already a member of this team");
      });
      return deps.teams.members(teamId);
    },

    /** Changes a member's role; returns the members after the change. */
    async setRole(actor: Actor, teamId: string, userId: string, newRole: TeamRole): Promise<TeamMemberRow[]> {
      await asMember(actor, teamId, async (t, role) => {
        requireManager(role, "change roles");
        const target = await t.roleOf(userId);
        if (!target) throw notFound("team member");
        requireRank(role, target, newRole);
        if (newRole !== "owner") await guardLastOwner(t, target, "be demoted");
        await t.setRole(userId, newRole);
      });
      return deps.teams.members(teamId);
    },

    /** Removes a member; removing yourself is leaving (allowed for any role but the last owner). */
    removeMember(actor: Actor, teamId: string, userId: string): Promise<void> {
      return asMember(actor, teamId, async (t, role) => {
        const target = userId === actor.userId ? role : await t.roleOf(userId);
        if (!target) throw notFound("team member");
        if (userId !== actor.userId) {
          requireManager(role, "remove members");
          requireRank(role, target, null);
        }
        await guardLastOwner(t, target, userId === actor.userId ? "leave" : "be removed");
        await t.removeMember(userId);
      });
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
