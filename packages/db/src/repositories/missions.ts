/**
 * @module Missions (plans inside a project) and the one-transaction insert of an imported TASKS.md
 * tree. Reads and writes take an access predicate over `missions.project_id`, ANDed into the SQL.
 */
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { milestones, missions, tasks } from "../schema.js";
import type { Database } from "../store.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";
import type { NewTaskRow } from "./tasks.js";

export type MissionRow = typeof missions.$inferSelect;
export type NewMissionRow = typeof missions.$inferInsert;
export type MissionPatch = Partial<Pick<MissionRow, "title" | "goal" | "status" | "preamble" | "extraColumns">>;
export type NewMilestoneRow = typeof milestones.$inferInsert;

export interface MissionFilter {
  /** Required by the REST routes (missions are listed per project); absent only for the federated reader. */
  projectId?: string | undefined;
  status?: MissionRow["status"] | undefined;
}

/** A whole mission to insert at once: rows with their ids chosen by the caller, so links resolve. */
export interface MissionTree {
  mission: NewMissionRow & { id: string };
  milestones: Array<NewMilestoneRow & { id: string }>;
  tasks: Array<NewTaskRow & { id: string }>;
}

const ROWS_PER_INSERT = 1_000;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function missionsRepository(db: Database) {
  return {
    async create(values: NewMissionRow): Promise<MissionRow> {
      const [row] = await db.insert(missions).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    /**
     * Inserts a mission, its milestones and its tasks in one transaction: all of it or nothing
     * (a failure on the last task row leaves no mission behind).
     */
    async insertTree(tree: MissionTree): Promise<MissionRow> {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(missions).values(tree.mission).returning();
        if (!row) throw new Error("insert returned no row");
        // Chunks keep each statement under PostgreSQL's 65,535 bind parameters (a big file has
        // thousands of rows × ~17 columns); the transaction still makes them one write.
        for (const chunk of chunks(tree.milestones, ROWS_PER_INSERT)) await tx.insert(milestones).values(chunk);
        for (const chunk of chunks(tree.tasks, ROWS_PER_INSERT)) await tx.insert(tasks).values(chunk);
        return row;
      });
    },

    async find(id: string, access: SQL): Promise<MissionRow | null> {
      const [row] = await db
        .select()
        .from(missions)
        .where(and(eq(missions.id, id), access));
      return row ?? null;
    },

    async list(
      access: SQL,
      filter: MissionFilter,
      page: PageRequest,
    ): Promise<Page<MissionRow & { cursorAt: string }>> {
      const rows = await db
        .select({ mission: missions, cursorAt: cursorColumn(missions.createdAt) })
        .from(missions)
        .where(
          and(
            access,
            filter.projectId ? eq(missions.projectId, filter.projectId) : undefined,
            filter.status ? eq(missions.status, filter.status) : undefined,
            afterCursor(missions.createdAt, missions.id, page.cursor),
          ),
        )
        .orderBy(desc(missions.createdAt), desc(missions.id))
        .limit(page.limit + 1);
      return toPage(
        rows.map((r) => ({ ...r.mission, cursorAt: r.cursorAt })),
        page.limit,
      );
    },

    /** Applies `patch` when `access` allows it; null when the row is absent or not allowed. */
    async update(id: string, patch: MissionPatch, access: SQL): Promise<MissionRow | null> {
      const [row] = await db
        .update(missions)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(missions.id, id), access))
        .returning();
      return row ?? null;
    },

    /** Marks the mission changed (a milestone or task of it changed). */
    async touch(id: string): Promise<MissionRow | null> {
      const [row] = await db.update(missions).set({ updatedAt: new Date() }).where(eq(missions.id, id)).returning();
      return row ?? null;
    },

    /**
     * Deletes the mission with its milestones and tasks (FK cascade) when `access` allows it, and
     * drops those tasks from the `depends_on` of the project's other tasks — one transaction.
     */
    async delete(id: string, access: SQL): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [target] = await tx
          .select({ projectId: missions.projectId })
          .from(missions)
          .where(and(eq(missions.id, id), access))
          .for("update");
        if (!target) return false;
        const doomed = tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.missionId, id));
        await tx
          .update(tasks)
          .set({
            dependsOn: sql`array(SELECT d FROM unnest(${tasks.dependsOn}) AS d WHERE d NOT IN (SELECT id FROM ${tasks} WHERE mission_id = ${id}::uuid))`,
          })
          .where(
            and(
              eq(tasks.projectId, target.projectId),
              sql`${tasks.missionId} IS DISTINCT FROM ${id}::uuid`,
              sql`${tasks.dependsOn} && array(${doomed})`,
            ),
          );
        await tx.delete(missions).where(eq(missions.id, id));
        return true;
      });
    },

    /** The ids among `ids` that are missions of `projectId`. */
    async idsInProject(projectId: string, ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select({ id: missions.id })
        .from(missions)
        .where(and(eq(missions.projectId, projectId), inArray(missions.id, [...ids])));
      return rows.map((r) => r.id);
    },
  };
}

export type MissionsRepository = ReturnType<typeof missionsRepository>;
