/** @module Federation grants on A (admins only): create (returns the enrollment URL once), list, show, revoke. */
import {
  GrantCreateBody,
  GrantCreatedResponse,
  GrantListQuery,
  GrantResponse,
  GrantView,
  IdParams,
  pageOf,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

export function federationGrantRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { grants } = deps.services.federation;
  return async (app) => {
    app.post(
      "/api/federation/grants",
      { config: { auth: "admin" }, schema: { body: GrantCreateBody, response: { 201: GrantCreatedResponse } } },
      async (request, reply) => reply.status(201).send(await grants.create(actorOf(request), request.body)),
    );

    app.get(
      "/api/federation/grants",
      { config: { auth: "admin" }, schema: { querystring: GrantListQuery, response: { 200: pageOf(GrantView) } } },
      async (request) => grants.list(request.query),
    );

    app.get(
      "/api/federation/grants/:id",
      { config: { auth: "admin" }, schema: { params: IdParams, response: { 200: GrantResponse } } },
      async (request) => ({ grant: await grants.show(request.params.id) }),
    );

    app.post(
      "/api/federation/grants/:id/revoke",
      { config: { auth: "admin" }, schema: { params: IdParams, response: { 200: GrantResponse } } },
      async (request) => ({ grant: await grants.revoke(actorOf(request), request.params.id) }),
    );
  };
}
