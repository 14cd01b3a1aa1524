/** @module Memory preferences: one JSON value per (user, key), with a `mutable` flag agents must respect. */
import { and, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { preferences } from "../schema.js";
import type { Database } from "../store.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

export interface PreferenceRecord {
  id: string;
  userId: string;
  key: string;
  value: unknown;
  mutable: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function preferencesRepository(db: Database) {
  return {
    async find(key: string, access: SQL): Promise<PreferenceRecord | null> {
      const [row] = await db
        .select()
        .from(preferences)
        .where(and(eq(preferences.key, key), access));
      return row ?? null;
    },

    async list(access: SQL, page: PageRequest): Promise<Page<PreferenceRecord & { cursorAt: string }>> {
      const rows = await db
        .select({
          id: preferences.id,
          userId: preferences.userId,
          key: preferences.key,
          value: preferences.value,
          mutable: preferences.mutable,
          createdAt: preferences.createdAt,
          updatedAt: preferences.updatedAt,
          cursorAt: cursorColumn(preferences.createdAt),
        })
        .from(preferences)
        .where(and(access, afterCursor(preferences.createdAt, preferences.id, page.cursor)))
        .orderBy(desc(preferences.createdAt), desc(preferences.id))
        .limit(page.limit + 1);
      return toPage(rows, page.limit);
    },

    /**
     * Creates or replaces `userId`'s preference in one statement. With `onlyIfMutable`, an existing
     * immutable row is left as it is and null is returned: the check and the write can't race.
     * `mutable` undefined keeps the stored flag (true for a new row).
     */
    async upsert(input: {
      userId: string;
      key: string;
      value: unknown;
      mutable: boolean | undefined;
      onlyIfMutable: boolean;
    }): Promise<{ row: PreferenceRecord; created: boolean } | null> {
      // Serialised here: drizzle would send a JSON `null` value as SQL NULL (and break NOT NULL).
      const value = sql`${JSON.stringify(input.value)}::jsonb`;
      const [row] = await db
        .insert(preferences)
        .values({
          userId: input.userId,
          key: input.key,
          value,
          ...(input.mutable === undefined ? {} : { mutable: input.mutable }),
        })
        .onConflictDoUpdate({
          target: [preferences.userId, preferences.key],
          set: {
            value,
            ...(input.mutable === undefined ? {} : { mutable: input.mutable }),
            updatedAt: new Date(),
          },
          ...(input.onlyIfMutable ? { setWhere: eq(preferences.mutable, true) } : {}),
        })
        // xmax is 0 on a freshly inserted row version and set on the one an upsert updated.
        .returning({ ...getTableColumns(preferences), inserted: sql<boolean>`(xmax = 0)` });
      if (!row) return null;
      const { inserted, ...record } = row;
      return { row: record, created: inserted };
    },

    /** Deletes when `access` (and, with `onlyIfMutable`, the flag) allows it; false otherwise. */
    async delete(key: string, access: SQL, onlyIfMutable: boolean): Promise<boolean> {
      const rows = await db
        .delete(preferences)
        .where(and(eq(preferences.key, key), access, onlyIfMutable ? eq(preferences.mutable, true) : undefined))
        .returning({ id: preferences.id });
      return rows.length > 0;
    },
  };
}

export type PreferencesRepository = ReturnType<typeof preferencesRepository>;
