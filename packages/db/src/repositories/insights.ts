/** @module Memory insights. Same shape of access as notes: personal, or shared through a project. */
import { and, desc, eq, type SQL } from "drizzle-orm";
import { insights } from "../schema.js";
import type { Database } from "../store.js";
import type { EmbeddingValue } from "./notes.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

export interface InsightRecord {
  id: string;
  userId: string;
  projectId: string | null;
  text: string;
  category: string;
  source: string;
  provenance: Record<string, unknown>;
  embeddingModel: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface InsightFilter {
  category?: string | undefined;
  projectId?: string | undefined;
}

const columns = {
  id: insights.id,
  userId: insights.userId,
  projectId: insights.projectId,
  text: insights.text,
  category: insights.category,
  source: insights.source,
  provenance: insights.provenance,
  embeddingModel: insights.embeddingModel,
  createdAt: insights.createdAt,
  updatedAt: insights.updatedAt,
};

type InsightFields = Pick<InsightRecord, "text" | "category" | "source" | "provenance">;

export function insightsRepository(db: Database) {
  return {
    async create(
      input: InsightFields & { userId: string; projectId: string | null } & EmbeddingValue,
    ): Promise<InsightRecord> {
      const [row] = await db.insert(insights).values(input).returning(columns);
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async find(id: string, access: SQL): Promise<InsightRecord | null> {
      const [row] = await db
        .select(columns)
        .from(insights)
        .where(and(eq(insights.id, id), access));
      return row ?? null;
    },

    async list(
      access: SQL,
      filter: InsightFilter,
      page: PageRequest,
    ): Promise<Page<InsightRecord & { cursorAt: string }>> {
      const rows = await db
        .select({ ...columns, cursorAt: cursorColumn(insights.createdAt) })
        .from(insights)
        .where(
          and(
            access,
            filter.category ? eq(insights.category, filter.category) : undefined,
            filter.projectId ? eq(insights.projectId, filter.projectId) : undefined,
            afterCursor(insights.createdAt, insights.id, page.cursor),
          ),
        )
        .orderBy(desc(insights.createdAt), desc(insights.id))
        .limit(page.limit + 1);
      return toPage(rows, page.limit);
    },

    async update(
      id: string,
      patch: Partial<InsightFields & EmbeddingValue>,
      access: SQL,
    ): Promise<InsightRecord | null> {
      const [row] = await db
        .update(insights)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(insights.id, id), access))
        .returning(columns);
      return row ?? null;
    },

    async delete(id: string, access: SQL): Promise<InsightRecord | null> {
      const [row] = await db
        .delete(insights)
        .where(and(eq(insights.id, id), access))
        .returning(columns);
      return row ?? null;
    },
  };
}

export type InsightsRepository = ReturnType<typeof insightsRepository>;
