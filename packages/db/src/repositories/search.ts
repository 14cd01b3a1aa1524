/**
 * @module Search queries: nearest neighbours by cosine distance (pgvector) over notes and insights,
 * and full-text rank over notes, insights and tasks. The caller's access predicate is part of each
 * statement, so rows the actor can't read are never candidates — not filtered out afterwards.
 *
 * Vectors are `real[]` columns; a vector of LOCAL_EMBEDDING_DIMENSIONS is compared through the
 * exact expression and predicate of the partial HNSW index (vectorIndexes.ts) so the index is used.
 * Vectors of other sizes are compared exactly (a cast without a dimension, no index).
 */
import { and, eq, type Query, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { LOCAL_EMBEDDING_DIMENSIONS } from "../brainSchema.js";
import { insights, notes, tasks } from "../schema.js";
import type { Database } from "../store.js";
import { vectorExpression, vectorPredicate } from "../vectorIndexes.js";
import { dialect, parameterless, rawRows } from "./rawStatements.js";

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
    snippet: sql`left(${notes.body}, ${sql.raw(String(SNIPPET_CHARS))})`,
    search: notes.search,
  },
  insights: {
    table: insights,
    id: insights.id,
    projectId: insights.projectId,
    title: insights.category,
    snippet: sql`left(${insights.text}, ${sql.raw(String(SNIPPET_CHARS))})`,
    search: insights.search,
  },
  tasks: {
    table: tasks,
    id: tasks.id,
    projectId: tasks.projectId,
    title: tasks.title,
    snippet: sql`left(${tasks.description}, ${sql.raw(String(SNIPPET_CHARS))})`,
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

/**
 * `select <id>, <project id>, <title>, <snippet>, ` of a source: no parameters, so rendered once
 * per source; each request renders only its score, WHERE, ORDER BY and LIMIT (drizzle's select
 * builder was most of the JavaScript a search ran before its statements went out).
 */
const selectLists = new Map<SearchSource, SQL>();
function selectList(source: SearchSource): SQL {
  let list = selectLists.get(source);
  if (!list) {
    const s = SOURCES[source];
    list = parameterless(
      dialect.sqlToQuery(
        sql`select ${s.id} as "id", ${s.projectId} as "project_id", ${s.title} as "title", ${s.snippet} as "snippet", `,
      ),
      `the ${source} search select list`,
    );
    selectLists.set(source, list);
  }
  return list;
}

interface RawSearchRow {
  id: string;
  project_id: string | null;
  title: string;
  snippet: string;
  score: number | string;
}

export function searchRepository(db: Database) {
  async function run(statement: Query): Promise<SearchRow[]> {
    const rows = await rawRows<RawSearchRow>(db, statement);
    // float8 arrives as a number from both drivers; Number() guards a driver setting that changes it.
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      title: r.title,
      snippet: r.snippet,
      score: Number(r.score),
    }));
  }

  return {
    /**
     * The statement behind `nearest`, exposed so the benchmark can run the very same SQL on a bare
     * connection. Only rows embedded by `model` are compared: other models live in other spaces.
     */
    nearestStatement(
      source: VectorSource,
      request: SearchRequest & { vector: readonly number[]; model: string },
    ): Query {
      const s = SOURCES[source];
      const { distance, predicate } = cosineDistance(request.vector);
      const where = and(
        predicate,
        eq(EMBEDDING_MODEL[source], request.model),
        request.access,
        request.projectId ? eq(s.projectId, request.projectId) : undefined,
      );
      return dialect.sqlToQuery(
        sql`${selectList(source)}(1 - (${distance}))::float8 as "score" from ${s.table} where ${where} order by ${distance} limit ${request.limit}`,
      );
    },

    /** Nearest rows to `vector` by cosine distance, best first; score = cosine similarity. */
    nearest(
      source: VectorSource,
      request: SearchRequest & { vector: readonly number[]; model: string },
    ): Promise<SearchRow[]> {
      return run(this.nearestStatement(source, request));
    },

    /** The statement behind `matching` (exposed for the benchmark, like nearestStatement). */
    matchingStatement(source: SearchSource, request: SearchRequest & { query: string }): Query {
      const s = SOURCES[source];
      const tsquery = sql`websearch_to_tsquery('english', ${request.query})`;
      const rank = sql`ts_rank(${s.search}, ${tsquery})::float8`;
      const where = and(
        sql`${s.search} @@ ${tsquery}`,
        request.access,
        request.projectId ? eq(s.projectId, request.projectId) : undefined,
      );
      return dialect.sqlToQuery(
        sql`${selectList(source)}${rank} as "score" from ${s.table} where ${where} order by ${rank} desc, ${s.id} limit ${request.limit}`,
      );
    },

    /**
     * Full-text matches of `query` (websearch syntax: words are ANDed, "quoted phrases", `or`,
     * `-word`), best ts_rank first.
     */
    matching(source: SearchSource, request: SearchRequest & { query: string }): Promise<SearchRow[]> {
      return run(this.matchingStatement(source, request));
    },
  };
}

export type SearchRepository = ReturnType<typeof searchRepository>;
