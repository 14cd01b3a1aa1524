/** @module Search over notes, memory and tasks: one ranked list, each hit tagged with its kind (docs/SEARCH.md). */
import { SearchQuery, SourcedSearchResponse, SourceSelector } from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const SearchSourceQuery = SearchQuery.extend({ source: SourceSelector.optional() });

/** Reads: the handler may run while the credential is being checked (authHook.ts). */
const read = { auth: "session", speculative: true } as const;

export function searchRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { search } = deps.services;
  const { reads } = deps.services.federation;
  return async (app) => {
    app.get(
      "/api/search",
      {
        config: read,
        schema: { querystring: SearchSourceQuery, response: { 200: SourcedSearchResponse } },
      },
      async (request) => {
        const { source, ...query } = request.query;
        const actor = actorOf(request);
        return reads.search({
          actor,
          source,
          resources: query.kinds ?? ["notes", "memory", "tasks"],
          query: query.q,
          limit: query.limit,
          projectId: query.projectId,
          local: () => search.search(actor, query),
        });
      },
    );
  };
}
