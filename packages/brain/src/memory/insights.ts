/**
 * @module Insights: what was learned, with category, source and provenance. Personal, or shared
 * with a project's members (the same access rule as notes). Embedded at each write like notes.
 */
import { type Actor, insightAccess } from "@mosaic/auth";
import { forbidden, notFound } from "@mosaic/contracts";
import type {
  InsightFilter,
  InsightRecord,
  InsightsRepository,
  Page,
  PageRequest,
  ProjectsRepository,
} from "@mosaic/db";
import type { Embedder } from "../embeddings/embedder.js";
import { type BrainLog, embedForStorage } from "../embeddings/embedForStorage.js";
import { requireProject } from "../projectGate.js";

export interface InsightServiceDeps {
  insights: InsightsRepository;
  projects: ProjectsRepository;
  embedder: Embedder;
  log: BrainLog;
}

export interface InsightInput {
  text: string;
  category: string;
  source: string;
  provenance: Record<string, unknown>;
}

export function createInsightService(deps: InsightServiceDeps) {
  async function refusal(actor: Actor, id: string): Promise<never> {
    const visible = await deps.insights.find(id, insightAccess(actor, "read"));
    throw visible ? forbidden("you may read this insight but not change it") : notFound("insight");
  }

  return {
    async create(actor: Actor, input: InsightInput & { projectId?: string | undefined }): Promise<InsightRecord> {
      if (input.projectId) await requireProject(deps.projects, actor, input.projectId, "write");
      const vector = await embedForStorage(deps.embedder, [input.text], deps.log, { kind: "insight" });
      return deps.insights.create({
        userId: actor.userId,
        projectId: input.projectId ?? null,
        text: input.text,
        category: input.category,
        source: input.source,
        provenance: input.provenance,
        ...vector,
      });
    },

    list(actor: Actor, filter: InsightFilter, page: PageRequest): Promise<Page<InsightRecord & { cursorAt: string }>> {
      return deps.insights.list(insightAccess(actor, "read"), filter, page);
    },

    async get(actor: Actor, id: string): Promise<InsightRecord> {
      const row = await deps.insights.find(id, insightAccess(actor, "read"));
      if (!row) throw notFound("insight");
      return row;
    },

    async update(actor: Actor, id: string, patch: Partial<InsightInput>): Promise<InsightRecord> {
      const current = await deps.insights.find(id, insightAccess(actor, "read"));
      if (!current) throw notFound("insight");
      const vector =
        patch.text !== undefined && patch.text !== current.text
          ? await embedForStorage(deps.embedder, [patch.text], deps.log, { kind: "insight", id })
          : {};
      const changes: Partial<InsightInput> = {};
      if (patch.text !== undefined) changes.text = patch.text;
      if (patch.category !== undefined) changes.category = patch.category;
      if (patch.source !== undefined) changes.source = patch.source;
      if (patch.provenance !== undefined) changes.provenance = patch.provenance;
      const row = await deps.insights.update(id, { ...changes, ...vector }, insightAccess(actor, "write"));
      return row ?? (await refusal(actor, id));
    },

    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await deps.insights.delete(id, insightAccess(actor, "write")))) await refusal(actor, id);
    },
  };
}

export type InsightService = ReturnType<typeof createInsightService>;
