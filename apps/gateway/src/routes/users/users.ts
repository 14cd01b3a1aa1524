/** @module User administration under /api/admin/users (admins only): list, disable, enable. */
import { presentUser } from "@mosaic/auth";
import { IdParams, PageQuery, pageOf, UserView } from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const UserResponse = z.object({ user: UserView });

export function userRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { userAdmin } = deps.services;
  return async (app) => {
    app.get(
      "/api/admin/users",
      { config: { auth: "admin" }, schema: { querystring: PageQuery, response: { 200: pageOf(UserView) } } },
      async (request) => {
        const page = await userAdmin.list(request.query);
        return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
      },
    );

    app.post(
      "/api/admin/users/:id/disable",
      { config: { auth: "admin" }, schema: { params: IdParams, response: { 200: UserResponse } } },
      async (request) => ({ user: presentUser(await userAdmin.disable(actorOf(request), request.params.id)) }),
    );

    app.post(
      "/api/admin/users/:id/enable",
      { config: { auth: "admin" }, schema: { params: IdParams, response: { 200: UserResponse } } },
      async (request) => ({ user: presentUser(await userAdmin.enable(actorOf(request), request.params.id)) }),
    );
  };
}
