/** @module Search over notes, memory and tasks: one ranked list, each hit tagged with its kind (docs/SEARCH.md). */
import { SearchQuery, SearchResponse } from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

export function searchRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { search } = deps.services;
  return async (app) => {
    app.get(
      "/api/search",
      { config: { auth: "session" }, schema: { querystring: SearchQuery, response: { 200: SearchResponse } } },
      async (request) => search.search(actorOf(request), request.query),
    );
  };
}
