/** @module Memory insights: CRUD and insight-only search. Personal, or shared through a project. */
import { presentInsight } from "@mosaic/brain";
import {
  IdParams,
  InsightCreateBody,
  InsightListQuery,
  InsightUpdateBody,
  InsightView,
  MemorySearchQuery,
  SourcedSearchResponse,
  SourceQuery,
  SourceSelector,
  sourced,
  sourcedItemOf,
  sourcedPageOf,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";
import { newestFirst, withSource } from "../../federation/sourceQuery.js";

const InsightResponse = z.object({ insight: InsightView });
const session = { auth: "session" } as const;
/** Reads: the handler may run while the credential is being checked (authHook.ts). */
const read = { auth: "session", speculative: true } as const;
const InsightQuery = InsightListQuery.extend(withSource);
const MemorySearchSourceQuery = MemorySearchQuery.extend({ source: SourceSelector.optional() });

export function insightRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { insights, search } = deps.services;
  const { reads } = deps.services.federation;
  return async (app) => {
    app.post(
      "/api/memory/insights",
      { config: session, schema: { body: InsightCreateBody, response: { 201: InsightResponse } } },
      async (request, reply) => {
        const row = await insights.create(actorOf(request), request.body);
        return reply.status(201).send({ insight: presentInsight(row) });
      },
    );

    app.get(
      "/api/memory/insights",
      { config: read, schema: { querystring: InsightQuery, response: { 200: sourcedPageOf(InsightView) } } },
      async (request) => {
        const { cursor, limit, category, projectId, source } = request.query;
        const actor = actorOf(request);
        return reads.list({
          actor,
          source,
          resource: "memory",
          cursor,
          limit,
          filter: { category, projectId },
          order: newestFirst,
          local: async (from: string | undefined) => {
            const page = await insights.list(actor, { category, projectId }, { cursor: from, limit });
            return { items: page.items.map(presentInsight), nextCursor: page.nextCursor };
          },
        });
      },
    );

    app.get(
      "/api/memory/search",
      { config: read, schema: { querystring: MemorySearchSourceQuery, response: { 200: SourcedSearchResponse } } },
      async (request) => {
        const { source, ...query } = request.query;
        const actor = actorOf(request);
        return reads.search({
          actor,
          source,
          resources: ["memory"],
          query: query.q,
          limit: query.limit,
          projectId: query.projectId,
          local: () => search.searchMemory(actor, query),
        });
      },
    );

    app.get(
      "/api/memory/insights/:id",
      {
        config: read,
        schema: {
          params: IdParams,
          querystring: SourceQuery,
          response: { 200: sourcedItemOf("insight", sourced(InsightView)) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { item, ...markers } = await reads.get({
          actor,
          source: request.query.source,
          resource: "memory",
          id: request.params.id,
          local: async () => presentInsight(await insights.get(actor, request.params.id)),
        });
        return { insight: item, ...markers };
      },
    );

    app.patch(
      "/api/memory/insights/:id",
      { config: session, schema: { params: IdParams, body: InsightUpdateBody, response: { 200: InsightResponse } } },
      async (request) => ({
        insight: presentInsight(await insights.update(actorOf(request), request.params.id, request.body)),
      }),
    );

    app.delete(
      "/api/memory/insights/:id",
      { config: session, schema: { params: IdParams } },
      async (request, reply) => {
        await insights.remove(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
