/**
 * @module Notes. Every read and write takes an access predicate (from @mosaic/auth's brainAccess)
 * ANDed into the SQL. The embedding itself is written but never read back here: it is only used
 * inside search queries, so rows stay small on the wire between database and gateway.
 */
import { and, arrayContains, desc, eq, isNull, type SQL } from "drizzle-orm";
import { notes } from "../schema.js";
import type { Database } from "../store.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

/** A note as services see it: everything but the vector and the generated search document. */
export interface NoteRecord {
  id: string;
  projectId: string | null;
  ownerUserId: string;
  title: string;
  body: string;
  tags: string[];
  embeddingModel: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NoteFilter {
  projectId?: string | undefined;
  tag?: string | undefined;
  /** Only the personal notes (no project) of this user. */
  personalOf?: string | undefined;
}

/** A vector and the model that made it; both null to clear a stale embedding. */
export interface EmbeddingValue {
  embedding: number[] | null;
  embeddingModel: string | null;
}

const columns = {
  id: notes.id,
  projectId: notes.projectId,
  ownerUserId: notes.ownerUserId,
  title: notes.title,
  body: notes.body,
  tags: notes.tags,
  embeddingModel: notes.embeddingModel,
  createdAt: notes.createdAt,
  updatedAt: notes.updatedAt,
};

export function notesRepository(db: Database) {
  return {
    async create(
      input: {
        projectId: string | null;
        ownerUserId: string;
        title: string;
        body: string;
        tags: string[];
      } & EmbeddingValue,
    ): Promise<NoteRecord> {
      const [row] = await db.insert(notes).values(input).returning(columns);
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async find(id: string, access: SQL): Promise<NoteRecord | null> {
      const [row] = await db
        .select(columns)
        .from(notes)
        .where(and(eq(notes.id, id), access));
      return row ?? null;
    },

    async list(access: SQL, filter: NoteFilter, page: PageRequest): Promise<Page<NoteRecord & { cursorAt: string }>> {
      const rows = await db
        .select({ ...columns, cursorAt: cursorColumn(notes.createdAt) })
        .from(notes)
        .where(
          and(
            access,
            filter.projectId ? eq(notes.projectId, filter.projectId) : undefined,
            filter.tag ? arrayContains(notes.tags, [filter.tag]) : undefined,
            filter.personalOf ? and(isNull(notes.projectId), eq(notes.ownerUserId, filter.personalOf)) : undefined,
            afterCursor(notes.createdAt, notes.id, page.cursor),
          ),
        )
        .orderBy(desc(notes.createdAt), desc(notes.id))
        .limit(page.limit + 1);
      return toPage(rows, page.limit);
    },

    /** Applies `patch` when `access` allows it; null when the row is absent or not allowed. */
    async update(
      id: string,
      patch: Partial<Pick<NoteRecord, "title" | "body" | "tags"> & EmbeddingValue>,
      access: SQL,
    ): Promise<NoteRecord | null> {
      const [row] = await db
        .update(notes)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(notes.id, id), access))
        .returning(columns);
      return row ?? null;
    },

    /** Deletes when `access` allows it; the deleted row, or null when absent or not allowed. */
    async delete(id: string, access: SQL): Promise<NoteRecord | null> {
      const [row] = await db
        .delete(notes)
        .where(and(eq(notes.id, id), access))
        .returning(columns);
      return row ?? null;
    },
  };
}

export type NotesRepository = ReturnType<typeof notesRepository>;
