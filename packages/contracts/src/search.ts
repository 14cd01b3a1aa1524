/** @module Search on the wire: one ranked list over notes, memory (insights) and tasks, each hit tagged. */
import { z } from "zod";

export const SearchKind = z.enum(["notes", "memory", "tasks"]);
export type SearchKind = z.infer<typeof SearchKind>;

export const MAX_SEARCH_LIMIT = 50;

const q = z.string().trim().min(1).max(500);
const limit = z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(10);

/** `?kinds=notes,tasks`: a comma list of known kinds; an unknown one is a 400 naming it. */
const kinds = z
  .string()
  .max(100)
  .transform((raw, ctx) => {
    const out: SearchKind[] = [];
    for (const part of raw.split(",").map((s) => s.trim())) {
      const parsed = SearchKind.safeParse(part);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: `unknown kind "${part.slice(0, 20)}" (notes, memory, tasks)` });
        return z.NEVER;
      }
      if (!out.includes(parsed.data)) out.push(parsed.data);
    }
    return out;
  });

/** `GET /api/search`. Strict: unknown keys are a 400. */
export const SearchQuery = z.strictObject({
  q,
  kinds: kinds.optional(),
  limit,
  projectId: z.uuid().optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** `GET /api/memory/search`: insights only. */
export const MemorySearchQuery = z.strictObject({ q, limit, projectId: z.uuid().optional() });
export type MemorySearchQuery = z.infer<typeof MemorySearchQuery>;

/**
 * How the answer was ranked: `hybrid` fuses vector similarity and full-text rank; `fulltext` used
 * full-text alone (no pgvector on this tier, or the embedder failed for this query).
 */
export const SearchMode = z.enum(["hybrid", "fulltext"]);
export type SearchMode = z.infer<typeof SearchMode>;

export const SearchHit = z.object({
  kind: z.enum(["note", "insight", "task"]),
  id: z.uuid(),
  projectId: z.uuid().nullable(),
  /** Note or task title; an insight's category. */
  title: z.string(),
  /** The start of the note body, insight text or task description. */
  snippet: z.string(),
  /** Reciprocal-rank-fusion score (higher is better); comparable across kinds within one answer. */
  score: z.number(),
  /** Where this hit ranked in each list it was found in (1 = best); null when absent. */
  ranks: z.object({ vector: z.number().int().nullable(), text: z.number().int().nullable() }),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({ mode: SearchMode, items: z.array(SearchHit) });
export type SearchResponse = z.infer<typeof SearchResponse>;
