/** @module The `?source=` pieces every read route shares: the query keys, the default merge order, local-only filters. */
import { invalid, SOURCE_CURSOR_MAX, SourceSelector } from "@mosaic/contracts";
import type { MergeOrder } from "@mosaic/federation";
import { z } from "zod";

/** Added to a list query: `source`, and a cursor long enough for a `source=all` cursor. */
export const withSource = {
  source: SourceSelector.optional(),
  cursor: z.string().min(1).max(SOURCE_CURSOR_MAX).optional(),
};

/** Lists whose local order is newest first (projects, missions, notes, insights) merge the same way. */
export const newestFirst: MergeOrder<{ createdAt: string }> = { key: (item) => item.createdAt, order: "desc" };

/** A filter that only means something on this gateway (a team id, "my personal notes") is a 400 with peers. */
export function localOnlyFilter(source: string | undefined, name: string, value: unknown): void {
  if (value !== undefined && source !== undefined && source !== "local") {
    throw invalid(`${name} filters this gateway's data only — drop it or use source=local`, [
      { path: `query.${name}`, message: "only with source=local" },
    ]);
  }
}
