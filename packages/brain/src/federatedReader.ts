/**
 * @module The federated reader (A): the brain's read entry point for peers. It takes a read plan
 * from the scope pipeline (subject, reach, row cap) and runs each list, get and search as ONE SQL
 * statement through the usual repositories, with `federatedReadAccess` — the subject's native
 * access intersected with the grant's reach — ANDed into it. Nothing is filtered after fetching,
 * and no row leaves without its presenter.
 */
import { type Actor, everyRowForAudit, type FederatedTable, federatedReadAccess } from "@mosaic/auth";
import type {
  FederatedListFilter,
  FederatedSearchResource,
  FederationResource,
  SearchHit,
  SearchMode,
} from "@mosaic/contracts";
import type {
  InsightsRepository,
  MissionsRepository,
  NotesRepository,
  ProjectsRepository,
  TasksRepository,
} from "@mosaic/db";
import { presentInsight, presentNote } from "./brainPresenters.js";
import { presentMission, presentTask } from "./missionPresenters.js";
import { presentProject } from "./presenters.js";
import type { SearchService } from "./search/search.js";

/** What the reader needs from a scope-pipeline plan (structurally @mosaic/federation's ReadPlan). */
export interface FederatedReadPlan {
  resource: FederationResource;
  subjectUserId: string;
  reach: { teams: boolean; personal: boolean };
  limit: number;
}

export interface FederatedReaderDeps {
  projects: ProjectsRepository;
  missions: MissionsRepository;
  tasks: TasksRepository;
  notes: NotesRepository;
  insights: InsightsRepository;
  search: SearchService;
}

export interface FederatedPage {
  items: unknown[];
  nextCursor: string | null;
}

const SEARCH_KIND = { tasks: "tasks", notes: "notes", memory: "memory" } as const;

/** No grant reaches anything as an admin: the subject's role never widens a predicate. */
function subjectOf(plan: FederatedReadPlan): Actor {
  return { userId: plan.subjectUserId, role: "member", via: "token" };
}

export function createFederatedReader(deps: FederatedReaderDeps) {
  const access = (plan: FederatedReadPlan, table: FederatedTable = plan.resource) =>
    federatedReadAccess(table, subjectOf(plan), plan.reach);

  return {
    /** One page of `plan.resource`, newest first, at most `plan.limit` rows. */
    async list(plan: FederatedReadPlan, filter: Record<string, unknown>, cursor?: string): Promise<FederatedPage> {
      const page = { cursor, limit: plan.limit };
      const where = access(plan);
      switch (plan.resource) {
        case "projects": {
          const f = filter as FederatedListFilter<"projects">;
          const p = await deps.projects.list(where, { status: f.status }, page);
          return { items: p.items.map(presentProject), nextCursor: p.nextCursor };
        }
        case "missions": {
          const f = filter as FederatedListFilter<"missions">;
          const p = await deps.missions.list(where, { projectId: f.projectId, status: f.status }, page);
          return { items: p.items.map(presentMission), nextCursor: p.nextCursor };
        }
        case "tasks": {
          const f = filter as FederatedListFilter<"tasks">;
          const p = await deps.tasks.list(where, { ...f }, { key: "created", order: "desc" }, page);
          return { items: p.items.map(presentTask), nextCursor: p.nextCursor };
        }
        case "notes": {
          const f = filter as FederatedListFilter<"notes">;
          const p = await deps.notes.list(where, { projectId: f.projectId, tag: f.tag }, page);
          return { items: p.items.map(presentNote), nextCursor: p.nextCursor };
        }
        case "memory": {
          const f = filter as FederatedListFilter<"memory">;
          const p = await deps.insights.list(where, { projectId: f.projectId, category: f.category }, page);
          return { items: p.items.map(presentInsight), nextCursor: p.nextCursor };
        }
      }
    },

    /** One row in scope, presented; null when it does not exist or is out of scope (the caller can't tell). */
    async get(plan: FederatedReadPlan, id: string): Promise<unknown | null> {
      const where = access(plan);
      switch (plan.resource) {
        case "projects": {
          const row = await deps.projects.find(id, where);
          return row && presentProject(row);
        }
        case "missions": {
          const row = await deps.missions.find(id, where);
          return row && presentMission(row);
        }
        case "tasks": {
          const row = await deps.tasks.find(id, where);
          return row && presentTask(row);
        }
        case "notes": {
          const row = await deps.notes.find(id, where);
          return row && presentNote(row);
        }
        case "memory": {
          const row = await deps.insights.find(id, where);
          return row && presentInsight(row);
        }
      }
    },

    /**
     * Whether a row exists at all, in or out of scope: only for the audit row of a `get` that
     * already answered 404 (missing and out of scope look the same to the peer).
     */
    async exists(resource: FederationResource, id: string): Promise<boolean> {
      const any = everyRowForAudit();
      const repo = {
        projects: deps.projects,
        missions: deps.missions,
        tasks: deps.tasks,
        notes: deps.notes,
        memory: deps.insights,
      }[resource];
      return (await repo.find(id, any)) !== null;
    },

    /** Ranked hits of one searchable resource, each candidate query carrying the scope predicate. */
    async search(
      plan: FederatedReadPlan & { resource: FederatedSearchResource },
      query: string,
    ): Promise<{ mode: SearchMode; items: SearchHit[] }> {
      const where = access(plan);
      return deps.search.searchWithin(() => where, {
        q: query,
        kinds: [SEARCH_KIND[plan.resource]],
        limit: plan.limit,
      });
    },
  };
}

export type FederatedReader = ReturnType<typeof createFederatedReader>;
