/** @module Memory insights: CRUD and insight-only search. Personal, or shared through a project. */
import { presentInsight } from "@mosaic/brain";
import {
  IdParams,
  InsightCreateBody,
  InsightListQuery,
  InsightUpdateBody,
  InsightView,
  MemorySearchQuery,
  pageOf,
  SearchResponse,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const InsightResponse = z.object({ insight: InsightView });
const session = { auth: "session" } as const;

export function insightRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { insights, search } = deps.services;
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
      { config: session, schema: { querystring: InsightListQuery, response: { 200: pageOf(InsightView) } } },
      async (request) => {
        const { cursor, limit, category, projectId } = request.query;
        const page = await insights.list(actorOf(request), { category, projectId }, { cursor, limit });
        return { items: page.items.map(presentInsight), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/memory/search",
      { config: session, schema: { querystring: MemorySearchQuery, response: { 200: SearchResponse } } },
      async (request) => search.searchMemory(actorOf(request), request.query),
    );

    app.get(
      "/api/memory/insights/:id",
      { config: session, schema: { params: IdParams, response: { 200: InsightResponse } } },
      async (request) => ({ insight: presentInsight(await insights.get(actorOf(request), request.params.id)) }),
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
