/** @module Keyset (cursor) pagination shared by every list: newest first, ordered by (created_at, id). */
import { invalid } from "@mosaic/contracts";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/** One page of rows and the opaque cursor of the next page (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  cursor?: string | undefined;
  limit: number;
}

interface CursorKey {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Postgres' text form of a timestamptz, e.g. `2026-11-22 11:38:08.527123+00`: the cursor keeps
// microseconds, which a JS Date would drop (and then skip or repeat rows on the page boundary).
const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:\d\d)?|Z)?$/;

/** The select-list entry that carries a row's exact cursor position. */
export function cursorColumn(createdAt: AnyColumn): SQL<string> {
  return sql<string>`${createdAt}::text`;
}

/** Rejects a cursor this server did not produce with a 400 naming `query.cursor`. */
export function decodeCursor(cursor: string): CursorKey {
  const bad = () => invalid("invalid cursor", [{ path: "query.cursor", message: "not a cursor from this API" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [at, id] = parsed;
  if (typeof at !== "string" || typeof id !== "string" || !TIMESTAMP.test(at) || !UUID.test(id)) throw bad();
  return { at, id };
}

/** The WHERE part that starts a page after `cursor` (undefined: first page). */
export function afterCursor(createdAt: AnyColumn, id: AnyColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const key = decodeCursor(cursor);
  return sql`(${createdAt}, ${id}) < (${key.at}::timestamptz, ${key.id}::uuid)`;
}

/**
 * Cuts rows fetched with `limit + 1` into a page: the extra row only says there is a next page.
 * Rows carry `cursorAt` (see cursorColumn) and `id`; both are stripped by the caller's presenter.
 */
export function toPage<T extends { cursorAt: string; id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify([last.cursorAt, last.id])).toString("base64url") : null;
  return { items, nextCursor };
}
