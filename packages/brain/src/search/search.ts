/**
 * @module Search over notes, memory (insights) and tasks. Notes and insights are ranked by vector
 * similarity (where the store has pgvector and the query could be embedded) and by full-text rank,
 * fused with reciprocal-rank fusion; tasks by full-text rank alone. Every list is fetched with the
 * actor's access predicate inside its SQL. See docs/SEARCH.md.
 */
import { type Actor, inReachableProject, insightAccess, noteAccess } from "@mosaic/auth";
import type { SearchHit, SearchKind, SearchMode } from "@mosaic/contracts";
import { type SearchRepository, type SearchRow, schema, type VectorSource } from "@mosaic/db";
import type { Embedder } from "../embeddings/embedder.js";
import type { BrainLog } from "../embeddings/embedForStorage.js";
import { type Fused, reciprocalRankFusion } from "./fusion.js";

export interface SearchServiceDeps {
  search: SearchRepository;
  embedder: Embedder;
  /** The store has pgvector (local PGlite, federated); false on standalone: full-text only. */
  hasVector: boolean;
  log: BrainLog;
}

export interface SearchInput {
  q: string;
  kinds?: SearchKind[] | undefined;
  limit: number;
  projectId?: string | undefined;
}

export interface SearchAnswer {
  mode: SearchMode;
  items: SearchHit[];
}

/** Candidates fetched per list before fusion: enough that a row ranked low in one list can still win. */
export function searchCandidates(limit: number): number {
  return Math.min(Math.max(limit * 2, 20), 100);
}

const HIT_KIND = { notes: "note", memory: "insight", tasks: "task" } as const;
const ALL_KINDS: SearchKind[] = ["notes", "memory", "tasks"];

/** A SQL predicate from @mosaic/auth (brain names no SQL library of its own). */
type SQL = ReturnType<typeof noteAccess>;

/** The access predicate of each kind's table, ANDed into its candidate queries. */
export type SearchAccess = (kind: SearchKind) => SQL;

/** The actor's own read access (the local search routes). */
export function actorSearchAccess(actor: Actor): SearchAccess {
  return (kind) =>
    kind === "tasks"
      ? inReachableProject(schema.tasks.projectId, actor, "read")
      : kind === "notes"
        ? noteAccess(actor, "read")
        : insightAccess(actor, "read");
}

export function createSearchService(deps: SearchServiceDeps) {
  /** The query's vector, or null: no pgvector here, or the embedder failed (logged; full-text carries on). */
  async function queryVector(q: string): Promise<number[] | null> {
    if (!deps.hasVector) return null;
    try {
      const [vector] = await deps.embedder.embed([q]);
      return vector ?? null;
    } catch (err) {
      deps.log.warn({ err, model: deps.embedder.modelId }, "could not embed the search query; using full-text only");
      return null;
    }
  }

  async function rankKind(access: SQL, kind: SearchKind, input: SearchInput, vector: number[] | null) {
    const request = { limit: searchCandidates(input.limit), projectId: input.projectId };
    if (kind === "tasks") {
      const text = await deps.search.matching("tasks", { ...request, access, query: input.q });
      return reciprocalRankFusion({ vector: [], text });
    }
    const source: VectorSource = kind === "notes" ? "notes" : "insights";
    // Both lists at once: on a pool they run on two connections, so latency is the slower one.
    // The vector statement (the slow one) goes out first: the pool sends it on its next tick, so
    // let that tick run before building the full-text statement.
    const nearest = vector
      ? deps.search.nearest(source, { ...request, access, vector, model: deps.embedder.modelId })
      : Promise.resolve([]);
    if (vector) {
      nearest.catch(() => {}); // a failure is reported by the Promise.all below, not as unhandled meanwhile
      await new Promise((resolve) => setImmediate(resolve));
    }
    const text = deps.search.matching(source, { ...request, access, query: input.q });
    const [near, matched] = await Promise.all([nearest, text]);
    return reciprocalRankFusion({ vector: near, text: matched });
  }

  const toHit = (kind: SearchKind, f: Fused<SearchRow>): SearchHit => ({
    kind: HIT_KIND[kind],
    id: f.item.id,
    projectId: f.item.projectId,
    title: f.item.title,
    snippet: f.item.snippet,
    score: f.score,
    ranks: f.ranks,
  });

  /** One ranked list over the requested kinds (all by default), at most `limit` hits, within `access`. */
  async function searchWithin(access: SearchAccess, input: SearchInput): Promise<SearchAnswer> {
    const kinds = input.kinds?.length ? input.kinds : ALL_KINDS;
    const vector = kinds.some((k) => k !== "tasks") ? await queryVector(input.q) : null;
    const perKind = await Promise.all(
      kinds.map(async (kind) => (await rankKind(access(kind), kind, input, vector)).map((f) => toHit(kind, f))),
    );
    const items = perKind
      .flat()
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, input.limit);
    return { mode: vector ? "hybrid" : "fulltext", items };
  }

  return {
    /** One ranked list over the requested kinds (all by default), at most `limit` hits. */
    search(actor: Actor, input: SearchInput): Promise<SearchAnswer> {
      return searchWithin(actorSearchAccess(actor), input);
    },

    /** The same ranking with a caller-built predicate per kind (the federated reader's grant scope). */
    searchWithin,

    /** Insights only (`GET /api/memory/search`). */
    searchMemory(actor: Actor, input: Omit<SearchInput, "kinds">): Promise<SearchAnswer> {
      return this.search(actor, { ...input, kinds: ["memory"] });
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
