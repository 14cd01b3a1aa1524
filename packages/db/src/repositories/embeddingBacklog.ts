/**
 * @module Rows whose embedding is missing or was made by another model than the configured one:
 * what the background re-embedder works through. System work, not a user's request, so there is
 * no access predicate; nothing here returns rows to a client.
 */
import { type AnyColumn, and, asc, count, eq, type SQL, sql } from "drizzle-orm";
import { insights, notes } from "../schema.js";
import type { Database } from "../store.js";

export type EmbeddedTable = "notes" | "insights";

/** A row to re-embed: `parts` are the texts the service joins (note title and body; insight text). */
export interface StaleRow {
  id: string;
  parts: string[];
  /** updated_at as Postgres text (microseconds kept): the write is skipped if the row changed since. */
  stamp: string;
}

const TABLES = { notes, insights } as const;

/** NULL (never embedded, or the embedder failed at write time) counts as "another model". */
function notEmbeddedBy(column: AnyColumn, model: string): SQL {
  return sql`${column} IS DISTINCT FROM ${model}`;
}

export function embeddingBacklogRepository(db: Database) {
  return {
    /** How many rows of `table` are not embedded by `model`. */
    async count(table: EmbeddedTable, model: string): Promise<number> {
      const t = TABLES[table];
      const [row] = await db.select({ n: count() }).from(t).where(notEmbeddedBy(t.embeddingModel, model));
      return Number(row?.n ?? 0);
    },

    /** Up to `limit` rows not embedded by `model`, oldest change first (so a failing row can't starve the rest forever). */
    async stale(table: EmbeddedTable, model: string, limit: number): Promise<StaleRow[]> {
      const stamp = sql<string>`${TABLES[table].updatedAt}::text`;
      if (table === "notes") {
        const rows = await db
          .select({ id: notes.id, title: notes.title, body: notes.body, stamp })
          .from(notes)
          .where(notEmbeddedBy(notes.embeddingModel, model))
          .orderBy(asc(notes.updatedAt), asc(notes.id))
          .limit(limit);
        return rows.map((r) => ({ id: r.id, parts: [r.title, r.body], stamp: r.stamp }));
      }
      const rows = await db
        .select({ id: insights.id, text: insights.text, stamp })
        .from(insights)
        .where(notEmbeddedBy(insights.embeddingModel, model))
        .orderBy(asc(insights.updatedAt), asc(insights.id))
        .limit(limit);
      return rows.map((r) => ({ id: r.id, parts: [r.text], stamp: r.stamp }));
    },

    /**
     * Stores a new embedding unless the row changed after it was read (then the edit's own embedding,
     * or the next round, wins). updated_at is left alone: re-embedding is not an edit.
     */
    async store(table: EmbeddedTable, row: StaleRow, embedding: number[], model: string): Promise<boolean> {
      const t = TABLES[table];
      const done = await db
        .update(t)
        .set({ embedding, embeddingModel: model })
        .where(and(eq(t.id, row.id), sql`${t.updatedAt} = ${row.stamp}::timestamptz`))
        .returning({ id: t.id });
      return done.length > 0;
    },
  };
}

export type EmbeddingBacklogRepository = ReturnType<typeof embeddingBacklogRepository>;
