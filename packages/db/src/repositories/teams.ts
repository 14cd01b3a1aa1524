/** @module Teams and their members. Membership changes run with the team row locked, one at a time. */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { teamMembers, teams, users } from "../schema.js";
import type { Database } from "../store.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

export type TeamRow = typeof teams.$inferSelect;
export type TeamRole = (typeof teamMembers.$inferSelect)["role"];

export interface TeamMemberRow {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
  createdAt: Date;
}

/** Operations on one team inside a transaction that holds its row lock (see `inTeamTransaction`). */
export interface LockedTeam {
  team: TeamRow;
  roleOf(userId: string): Promise<TeamRole | null>;
  ownerCount(): Promise<number>;
  /** False when the user is already a member (nothing changes). */
  addMember(userId: string, role: TeamRole): Promise<boolean>;
  setRole(userId: string, role: TeamRole): Promise<void>;
  removeMember(userId: string): Promise<void>;
  rename(name: string): Promise<TeamRow>;
  deleteTeam(): Promise<void>;
}

export function teamsRepository(db: Database) {
  return {
    /** Creates a team with `ownerId` as its first owner, atomically. */
    async create(name: string, ownerId: string): Promise<TeamRow> {
      return db.transaction(async (tx) => {
        const [team] = await tx.insert(teams).values({ name }).returning();
        if (!team) throw new Error("insert returned no row");
        await tx.insert(teamMembers).values({ teamId: team.id, userId: ownerId, role: "owner" });
        return team;
      });
    },

    /** Teams `userId` belongs to, with their role in each (membership is the visibility rule). */
    async listForMember(
      userId: string,
      page: PageRequest,
    ): Promise<Page<TeamRow & { role: TeamRole; cursorAt: string }>> {
      const rows = await db
        .select({ team: teams, role: teamMembers.role, cursorAt: cursorColumn(teams.createdAt) })
        .from(teams)
        .innerJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, userId)))
        .where(afterCursor(teams.createdAt, teams.id, page.cursor))
        .orderBy(desc(teams.createdAt), desc(teams.id))
        .limit(page.limit + 1);
      return toPage(
        rows.map((r) => ({ ...r.team, role: r.role, cursorAt: r.cursorAt })),
        page.limit,
      );
    },

    /** The team and `userId`'s role in it; null when the team doesn't exist or they aren't in it. */
    async findForMember(teamId: string, userId: string): Promise<{ team: TeamRow; role: TeamRole } | null> {
      const [row] = await db
        .select({ team: teams, role: teamMembers.role })
        .from(teams)
        .innerJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, userId)))
        .where(eq(teams.id, teamId));
      return row ?? null;
    },

    async members(teamId: string): Promise<TeamMemberRow[]> {
      return db
        .select({
          userId: users.id,
          email: users.email,
          name: users.name,
          role: teamMembers.role,
          createdAt: teamMembers.createdAt,
        })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(eq(teamMembers.teamId, teamId))
        .orderBy(asc(teamMembers.createdAt), asc(users.id));
    },

    /**
     * Runs `fn` in a transaction holding the team's row lock (null team: it doesn't exist). Rules
     * such as "a team keeps at least one owner" are checked inside, so two owners leaving at once
     * can't both succeed. `fn` must use only the LockedTeam operations: on PGlite (one connection)
     * any other query would wait for this transaction forever.
     */
    async inTeamTransaction<T>(teamId: string, fn: (team: LockedTeam | null) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) => {
        const [team] = await tx.select().from(teams).where(eq(teams.id, teamId)).for("update");
        if (!team) return fn(null);
        const member = (userId: string) => and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId));
        const locked: LockedTeam = {
          team,
          async roleOf(userId) {
            const [row] = await tx.select({ role: teamMembers.role }).from(teamMembers).where(member(userId));
            return row?.role ?? null;
          },
          async ownerCount() {
            const [row] = await tx
              .select({ n: count() })
              .from(teamMembers)
              .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.role, "owner")));
            return row?.n ?? 0;
          },
          async addMember(userId, role) {
            const rows = await tx
              .insert(teamMembers)
              .values({ teamId, userId, role })
              .onConflictDoNothing()
              .returning({ userId: teamMembers.userId });
            return rows.length > 0;
          },
          async setRole(userId, role) {
            await tx.update(teamMembers).set({ role, updatedAt: new Date() }).where(member(userId));
          },
          async removeMember(userId) {
            await tx.delete(teamMembers).where(member(userId));
          },
          async rename(name) {
            const [row] = await tx
              .update(teams)
              .set({ name, updatedAt: sql`now()` })
              .where(eq(teams.id, teamId))
              .returning();
            return row ?? team;
          },
          async deleteTeam() {
            await tx.delete(teams).where(eq(teams.id, teamId));
          },
        };
        return fn(locked);
      });
    },
  };
}

export type TeamsRepository = ReturnType<typeof teamsRepository>;
