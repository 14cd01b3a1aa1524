/** @module Cursor pagination on the wire: `?cursor=&limit=` in, `{ items, nextCursor }` out. */
import { z } from "zod";

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 20;

/** The query of every list endpoint. Strict: an unknown key is a 400, never silently ignored. */
export const PageQuery = z.strictObject({
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `{ items, nextCursor }` for items of `item`; nextCursor is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Path parameter `:id` of any resource: a UUID (anything else is a 400, not a lookup). */
export const IdParams = z.strictObject({ id: z.uuid() });

/** Path parameter `:projectId` of a project's collections (missions, tasks…). */
export const ProjectIdParams = z.strictObject({ projectId: z.uuid() });
