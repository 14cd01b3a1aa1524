/**
 * @module Keyset pagination over a chosen sort key (not only created_at): the cursor carries the
 * sort key, the direction, the last row's sort value (as Postgres text) and its id.
 */
import { invalid } from "@mosaic/contracts";
import { type AnyColumn, asc, desc, type SQL, sql } from "drizzle-orm";
import type { Page } from "./pagination.js";

export type SortOrder = "asc" | "desc";

/** One sortable key: the SQL expression, the type its text form casts back to, and a validator. */
export interface SortKeySpec {
  expression: SQL;
  /** A Postgres type name, written into the SQL verbatim — only ever a constant from code. */
  cast: string;
  /** True when `value` is a text form this key can hold; anything else in a cursor is a 400. */
  accepts(value: string): boolean;
}

interface SortedCursor {
  key: string;
  order: SortOrder;
  value: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const badCursor = (message = "not a cursor from this API") =>
  invalid("invalid cursor", [{ path: "query.cursor", message }]);

function decode(cursor: string, key: string, order: SortOrder, spec: SortKeySpec): SortedCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw badCursor();
  const [k, o, value, id] = parsed;
  if (typeof value !== "string" || typeof id !== "string" || !UUID.test(id) || !spec.accepts(value)) {
    throw badCursor();
  }
  // A cursor continues the listing it came from; reusing it under another sort would skip rows.
  if (k !== key || o !== order) throw badCursor("the cursor belongs to a listing with another sort or order");
  return { key, order, value, id };
}

/** The WHERE part that starts a page after `cursor` (undefined: first page). */
export function afterSortedCursor(
  spec: SortKeySpec,
  id: AnyColumn,
  key: string,
  order: SortOrder,
  cursor: string | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const c = decode(cursor, key, order, spec);
  const after = sql`(${c.value}::${sql.raw(spec.cast)}, ${c.id}::uuid)`;
  return order === "asc" ? sql`(${spec.expression}, ${id}) > ${after}` : sql`(${spec.expression}, ${id}) < ${after}`;
}

/** ORDER BY for the key, with the id as the tie-breaker in the same direction. */
export function sortedOrderBy(spec: SortKeySpec, id: AnyColumn, order: SortOrder): SQL[] {
  const dir = order === "asc" ? asc : desc;
  return [dir(spec.expression), dir(id)];
}

/** The select-list entry carrying a row's sort value as text (exact, e.g. microseconds kept). */
export function sortValueColumn(spec: SortKeySpec): SQL<string> {
  return sql<string>`(${spec.expression})::text`;
}

/** Cuts rows fetched with `limit + 1` into a page whose cursor continues this sort. */
export function toSortedPage<T extends { sortValue: string; id: string }>(
  rows: T[],
  limit: number,
  key: string,
  order: SortOrder,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify([key, order, last.sortValue, last.id])).toString("base64url")
      : null;
  return { items, nextCursor };
}
