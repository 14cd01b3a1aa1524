/**
 * @module Who may see a change: the enabled users who can read a project (its owner, or its team's
 * members). Used to deliver live events only to those allowed to read them.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../store.js";

export function audienceRepository(db: Database) {
  const ids = async (query: ReturnType<typeof sql>): Promise<string[]> => {
    // Both drivers (node-postgres and PGlite) answer execute() with `{ rows }`.
    const result = (await db.execute(query)) as unknown as { rows: Array<{ id: string }> };
    return result.rows.map((r) => r.id);
  };
  return {
    /** Enabled users who can read project `projectId` (empty when it no longer exists). */
    projectReaders(projectId: string): Promise<string[]> {
      return ids(sql`
        SELECT u.id FROM users u JOIN projects p ON p.owner_user_id = u.id
         WHERE p.id = ${projectId} AND NOT u.disabled
        UNION
        SELECT u.id FROM users u
          JOIN team_members m ON m.user_id = u.id
          JOIN projects p ON p.owner_team_id = m.team_id
         WHERE p.id = ${projectId} AND NOT u.disabled`);
    },

    /** Enabled members of a team (the readers of a team project that was just deleted). */
    teamMembers(teamId: string): Promise<string[]> {
      return ids(sql`
        SELECT u.id FROM users u JOIN team_members m ON m.user_id = u.id
         WHERE m.team_id = ${teamId} AND NOT u.disabled`);
    },

    /** The user, when enabled (personal objects). */
    enabledUser(userId: string): Promise<string[]> {
      return ids(sql`SELECT id FROM users WHERE id = ${userId} AND NOT disabled`);
    },
  };
}

export type AudienceRepository = ReturnType<typeof audienceRepository>;
