/**
 * @module HNSW indexes for semantic search, created where pgvector exists (local, federated).
 * Embeddings are stored as real[] on every tier so one migration set serves all of them; where
 * the `vector` extension is present an expression index over `embedding::vector(384)` makes the
 * nearest-neighbour queries fast. Partial on the dimension, so vectors of another model (other
 * sizes) can still be stored; they are searched exactly.
 */
import { LOCAL_EMBEDDING_DIMENSIONS } from "./brainSchema.js";
import type { QueryFn } from "./store.js";

export const VECTOR_INDEXED_TABLES = ["notes", "insights"] as const;

/** Graph quality at build time (pgvector's default is 64): 128 lifts recall@10 by ~0.03 at equal ef_search. */
export const HNSW_EF_CONSTRUCTION = 128;

/** The SQL expression search queries must use to hit the index. */
export function vectorExpression(column = "embedding"): string {
  return `(${column}::vector(${LOCAL_EMBEDDING_DIMENSIONS}))`;
}

/** The partial-index predicate search queries must repeat. */
export function vectorPredicate(column = "embedding"): string {
  return `array_length(${column}, 1) = ${LOCAL_EMBEDDING_DIMENSIONS}`;
}

/** Idempotent: creates the missing indexes (first start after pgvector appears), else nothing. */
export async function ensureVectorIndexes(query: QueryFn): Promise<void> {
  for (const table of VECTOR_INDEXED_TABLES) {
    await query(
      `CREATE INDEX IF NOT EXISTS ${table}_embedding_hnsw ON ${table} USING hnsw (${vectorExpression()} vector_cosine_ops) WITH (m = 16, ef_construction = ${HNSW_EF_CONSTRUCTION}) WHERE ${vectorPredicate()}`,
    );
  }
}

/**
 * Candidates an HNSW search keeps (pgvector's default is 40). Measured on the search benchmark's
 * 100k local-embedder insights (scripts/bench/memorySearch.mjs) with ef_construction 128:
 * recall@10 0.86 at 40, 0.93 at 100, 0.96 at 160, 0.97 at 200. Hashed n-gram vectors are hard for
 * any ANN graph (little cluster structure), so the bar of 0.95 needs the larger value.
 */
export const HNSW_EF_SEARCH = 160;

/**
 * Session settings for vector search. `strict_order` iterative scans (pgvector ≥ 0.8) keep
 * scanning the graph while the access predicate filters candidates out, so a user who owns a
 * small share of a shared database still gets `limit` results, in exact distance order.
 */
export const VECTOR_SEARCH_SETTINGS: Readonly<Record<string, string>> = {
  "hnsw.ef_search": String(HNSW_EF_SEARCH),
  "hnsw.iterative_scan": "strict_order",
};

/** The settings as libpq startup options (`-c name=value …`), applied to every pooled connection. */
export function vectorSearchStartupOptions(): string {
  return Object.entries(VECTOR_SEARCH_SETTINGS)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(" ");
}
