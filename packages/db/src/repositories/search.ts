/**
 * @module Search queries: nearest neighbours by cosine distance (pgvector) over notes and insights,
 * and full-text rank over notes, insights and tasks. The caller's access predicate is part of each
 * statement, so rows the actor can't read are never candidates — not filtered out afterwards.
 *
 * Vectors are `real[]` columns; a vector of LOCAL_EMBEDDING_DIMENSIONS is compared through the
 * exact expression and predicate of the partial HNSW index (vectorIndexes.ts) so the index is used.
 * Vectors of other sizes are compared exactly (a cast without a dimension, no index).
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { LOCAL_EMBEDDING_DIMENSIONS } from "../brainSchema.js";
import { insights, notes, tasks } from "../schema.js";
import type { Database } from "../store.js";
import { vectorExpression, vectorPredicate } from "../vectorIndexes.js";

export type SearchSource = "notes" | "insights" | "tasks";
export type VectorSource = Exclude<SearchSource, "tasks">;

/** One candidate, best first within its list. `score`: cosine similarity, or ts_rank. */
export interface SearchRow {
  id: string;
  projectId: string | null;
  title: string;
  snippet: string;
  score: number;
}

export interface SearchRequest {
  access: SQL;
  limit: number;
  projectId?: string | undefined;
}

const SNIPPET_CHARS = 240;

interface SourceColumns {
  table: typeof notes | typeof insights | typeof tasks;
  id: PgColumn;
  projectId: PgColumn;
  title: SQL | PgColumn;
  snippet: SQL;
  search: PgColumn;
}

const SOURCES: Record<SearchSource, SourceColumns> = {
  notes: {
    table: notes,
    id: notes.id,
    projectId: notes.projectId,
    title: notes.title,
    snippet: sql`left(${notes.body}, ${SNIPPET_CHARS})`,
    search: notes.search,
  },
  insights: {
    table: insights,
    id: insights.id,
    projectId: insights.projectId,
    title: insights.category,
    snippet: sql`left(${insights.text}, ${SNIPPET_CHARS})`,
    search: insights.search,
  },
  tasks: {
    table: tasks,
    id: tasks.id,
    projectId: tasks.projectId,
    title: tasks.title,
    snippet: sql`left(${tasks.description}, ${SNIPPET_CHARS})`,
    search: tasks.search,
  },
};

const EMBEDDING_MODEL = { notes: notes.embeddingModel, insights: insights.embeddingModel } as const;

/** The distance expression: indexed for LOCAL_EMBEDDING_DIMENSIONS-long vectors, exact otherwise. */
function cosineDistance(vector: readonly number[]): { distance: SQL; predicate: SQL } {
  const literal = `[${vector.join(",")}]`;
  if (vector.length === LOCAL_EMBEDDING_DIMENSIONS) {
    return {
      distance: sql`${sql.raw(vectorExpression())} <=> ${literal}::vector(${sql.raw(String(LOCAL_EMBEDDING_DIMENSIONS))})`,
      predicate: sql.raw(vectorPredicate()),
    };
  }
  return {
    distance: sql`embedding::vector <=> ${literal}::vector`,
    predicate: sql`array_length(embedding, 1) = ${vector.length}`,
  };
}

export function searchRepository(db: Database) {
  return {
    /**
     * The statement behind `nearest`, exposed so the benchmark can run the very same SQL on a bare
     * connection. Only rows embedded by `model` are compared: other models live in other spaces.
     */
    nearestQuery(source: VectorSource, request: SearchRequest & { vector: readonly number[]; model: string }) {
      const s = SOURCES[source];
      const { distance, predicate } = cosineDistance(request.vector);
      return db
        .select({
          id: sql<string>`${s.id}`.as("id"),
          projectId: sql<string | null>`${s.projectId}`.as("project_id"),
          title: sql<string>`${s.title}`.as("title"),
          snippet: sql<string>`${s.snippet}`.as("snippet"),
          score: sql<number>`(1 - (${distance}))::float8`.as("score"),
        })
        .from(s.table)
        .where(
          and(
            predicate,
            eq(EMBEDDING_MODEL[source], request.model),
            request.access,
            request.projectId ? eq(s.projectId, request.projectId) : undefined,
          ),
        )
        .orderBy(distance)
        .limit(request.limit);
    },

    /** Nearest rows to `vector` by cosine distance, best first; score = cosine similarity. */
    async nearest(
      source: VectorSource,
      request: SearchRequest & { vector: readonly number[]; model: string },
    ): Promise<SearchRow[]> {
      return (await this.nearestQuery(source, request)).map(numericScore);
    },

    /** The statement behind `matching` (exposed for the benchmark, like nearestQuery). */
    matchingQuery(source: SearchSource, request: SearchRequest & { query: string }) {
      const s = SOURCES[source];
      const tsquery = sql`websearch_to_tsquery('english', ${request.query})`;
      const rank = sql<number>`ts_rank(${s.search}, ${tsquery})::float8`;
      return db
        .select({
          id: sql<string>`${s.id}`.as("id"),
          projectId: sql<string | null>`${s.projectId}`.as("project_id"),
          title: sql<string>`${s.title}`.as("title"),
          snippet: sql<string>`${s.snippet}`.as("snippet"),
          score: rank.as("score"),
        })
        .from(s.table)
        .where(
          and(
            sql`${s.search} @@ ${tsquery}`,
            request.access,
            request.projectId ? eq(s.projectId, request.projectId) : undefined,
          ),
        )
        .orderBy(sql`${rank} DESC`, s.id)
        .limit(request.limit);
    },

    /**
     * Full-text matches of `query` (websearch syntax: words are ANDed, "quoted phrases", `or`,
     * `-word`), best ts_rank first.
     */
    async matching(source: SearchSource, request: SearchRequest & { query: string }): Promise<SearchRow[]> {
      return (await this.matchingQuery(source, request)).map(numericScore);
    },
  };
}

/** float8 arrives as a number from both drivers; a string would mean a driver setting changed. */
function numericScore(row: SearchRow): SearchRow {
  return { ...row, score: Number(row.score) };
}

export type SearchRepository = ReturnType<typeof searchRepository>;
