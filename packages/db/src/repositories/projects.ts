/**
 * @module Projects. Every read and write takes an access predicate (from @mosaic/auth's access module)
 * that is ANDed into the SQL, so rows the actor may not reach are never fetched or changed.
 */
import { and, desc, eq, type SQL } from "drizzle-orm";
import { projects } from "../schema.js";
import type { Database } from "../store.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectStatus = ProjectRow["status"];

export interface ProjectFilter {
  status?: ProjectStatus | undefined;
  teamId?: string | undefined;
}

export function projectsRepository(db: Database) {
  return {
    async create(input: {
      name: string;
      description: string;
      ownerUserId: string | null;
      ownerTeamId: string | null;
    }): Promise<ProjectRow> {
      const [row] = await db.insert(projects).values(input).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async find(id: string, access: SQL): Promise<ProjectRow | null> {
      const [row] = await db
        .select()
        .from(projects)
        .where(and(eq(projects.id, id), access));
      return row ?? null;
    },

    async list(
      access: SQL,
      filter: ProjectFilter,
      page: PageRequest,
    ): Promise<Page<ProjectRow & { cursorAt: string }>> {
      const rows = await db
        .select({ project: projects, cursorAt: cursorColumn(projects.createdAt) })
        .from(projects)
        .where(
          and(
            access,
            filter.status ? eq(projects.status, filter.status) : undefined,
            filter.teamId ? eq(projects.ownerTeamId, filter.teamId) : undefined,
            afterCursor(projects.createdAt, projects.id, page.cursor),
          ),
        )
        .orderBy(desc(projects.createdAt), desc(projects.id))
        .limit(page.limit + 1);
      return toPage(
        rows.map((r) => ({ ...r.project, cursorAt: r.cursorAt })),
        page.limit,
      );
    },

    /** Applies `patch` when `access` allows it; null when the row is absent or not allowed. */
    async update(
      id: string,
      patch: Partial<Pick<ProjectRow, "name" | "description" | "status">>,
      access: SQL,
    ): Promise<ProjectRow | null> {
      const [row] = await db
        .update(projects)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(projects.id, id), access))
        .returning();
      return row ?? null;
    },

    /** Deletes when `access` allows it; false when the row is absent or not allowed. */
    async delete(id: string, access: SQL): Promise<boolean> {
      const rows = await db
        .delete(projects)
        .where(and(eq(projects.id, id), access))
        .returning({ id: projects.id });
      return rows.length > 0;
    },
  };
}

export type ProjectsRepository = ReturnType<typeof projectsRepository>;
