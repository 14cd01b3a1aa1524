/**
 * @module Milestones: the ordered sections of a mission. They inherit the mission's project, so
 * access predicates are over `missions.project_id`, joined in the same statement.
 */
import { and, asc, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import { milestones, missions, tasks } from "../schema.js";
import type { Database } from "../store.js";

export type MilestoneRow = typeof milestones.$inferSelect;
export type MilestonePatch = Partial<Pick<MilestoneRow, "title" | "goal" | "description" | "externalId">>;

/** A milestone with the project it lives in (via its mission). */
export type LocatedMilestone = MilestoneRow & { projectId: string };

export type MilestoneDeletion = "deleted" | "absent" | "has-tasks";

export function milestonesRepository(db: Database) {
  /** `access` is over missions.project_id: only milestones of reachable missions match. */
  const reachable = (access: SQL) =>
    sql`${milestones.missionId} IN (SELECT ${missions.id} FROM ${missions} WHERE ${access})`;

  return {
    /** Every milestone of a mission, by ordinal. */
    listForMission(missionId: string): Promise<MilestoneRow[]> {
      return db.select().from(milestones).where(eq(milestones.missionId, missionId)).orderBy(asc(milestones.ordinal));
    },

    async find(id: string, access: SQL): Promise<LocatedMilestone | null> {
      const [row] = await db
        .select({ milestone: milestones, projectId: missions.projectId })
        .from(milestones)
        .innerJoin(missions, eq(missions.id, milestones.missionId))
        .where(and(eq(milestones.id, id), access));
      return row ? { ...row.milestone, projectId: row.projectId } : null;
    },

    /**
     * Appends a milestone (ordinal = last + 1, in the same statement) to a mission `access`
     * reaches; `externalId` null means `M<ordinal>`. Null when the mission isn't reachable.
     */
    async append(
      missionId: string,
      values: { title: string; goal: string; description: string; externalId: string | null },
      access: SQL,
    ): Promise<MilestoneRow | null> {
      const next = sql`(SELECT coalesce(max(${milestones.ordinal}), 0) + 1 FROM ${milestones} WHERE ${milestones.missionId} = ${missionId}::uuid)`;
      const [mission] = await db
        .select({ id: missions.id })
        .from(missions)
        .where(and(eq(missions.id, missionId), access));
      if (!mission) return null;
      const [row] = await db
        .insert(milestones)
        .values({
          missionId,
          ordinal: next,
          title: values.title,
          goal: values.goal,
          description: values.description,
          externalId: values.externalId ?? sql`'M' || ${next}::text`,
        })
        .returning();
      return row ?? null;
    },

    /** Applies `patch` when `access` allows it; null when the row is absent or not allowed. */
    async update(id: string, patch: MilestonePatch, access: SQL): Promise<MilestoneRow | null> {
      const [row] = await db
        .update(milestones)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(milestones.id, id), reachable(access)))
        .returning();
      return row ?? null;
    },

    /** Deletes an empty milestone; one that still holds tasks is kept ("has-tasks"). */
    async delete(id: string, access: SQL): Promise<MilestoneDeletion> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ id: milestones.id })
          .from(milestones)
          .where(and(eq(milestones.id, id), reachable(access)))
          .for("update");
        if (!row) return "absent";
        const [held] = await tx.select({ n: count() }).from(tasks).where(eq(tasks.milestoneId, id));
        if ((held?.n ?? 0) > 0) return "has-tasks";
        await tx.delete(milestones).where(eq(milestones.id, id));
        return "deleted";
      });
    },

    /**
     * Sets ordinals 1..n in the order of `ids`, which must be exactly the mission's milestones
     * ("mismatch" otherwise, nothing changed); "absent" when `access` doesn't reach the mission.
     * One transaction with the mission row locked, going through negative ordinals because the
     * unique (mission, ordinal) index is checked row by row.
     */
    async reorder(
      missionId: string,
      ids: readonly string[],
      access: SQL,
    ): Promise<"reordered" | "absent" | "mismatch"> {
      return db.transaction(async (tx) => {
        const [mission] = await tx
          .select({ id: missions.id })
          .from(missions)
          .where(and(eq(missions.id, missionId), access))
          .for("update");
        if (!mission) return "absent";
        const current = await tx
          .select({ id: milestones.id })
          .from(milestones)
          .where(eq(milestones.missionId, missionId));
        const known = new Set(current.map((r) => r.id));
        if (current.length !== ids.length || !ids.every((id) => known.has(id))) return "mismatch";
        await tx
          .update(milestones)
          .set({ ordinal: sql`-${milestones.ordinal}` })
          .where(eq(milestones.missionId, missionId));
        for (const [index, id] of ids.entries()) {
          await tx
            .update(milestones)
            .set({ ordinal: index + 1, updatedAt: new Date() })
            .where(and(eq(milestones.id, id), eq(milestones.missionId, missionId)));
        }
        return "reordered";
      });
    },

    /** The milestones among `ids` in missions of `projectId`, with their mission. */
    async inProject(projectId: string, ids: readonly string[]): Promise<Array<{ id: string; missionId: string }>> {
      if (ids.length === 0) return [];
      return db
        .select({ id: milestones.id, missionId: milestones.missionId })
        .from(milestones)
        .innerJoin(missions, eq(missions.id, milestones.missionId))
        .where(and(eq(missions.projectId, projectId), inArray(milestones.id, [...ids])));
    },
  };
}

export type MilestonesRepository = ReturnType<typeof milestonesRepository>;
