/** @module Personal access tokens of the caller: create (shown once), list, revoke. */
import { presentToken } from "@mosaic/auth";
import { IdParams, TokenCreateBody, TokenCreatedResponse, TokenListResponse } from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const DAY_MS = 86_400_000;

export function tokenRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { tokens } = deps.services;
  return async (app) => {
    app.post(
      "/api/tokens",
      { config: { auth: "session" }, schema: { body: TokenCreateBody, response: { 201: TokenCreatedResponse } } },
      async (request, reply) => {
        const { name, expiresInDays } = request.body;
        const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * DAY_MS) : null;
        const created = await tokens.create({ userId: actorOf(request).userId, name, expiresAt });
        return reply.status(201).send({ token: presentToken(created.token), secret: created.secret });
      },
    );

    app.get(
      "/api/tokens",
      { config: { auth: "session" }, schema: { response: { 200: TokenListResponse } } },
      async (request) => ({ items: (await tokens.list(actorOf(request).userId)).map(presentToken) }),
    );

    app.delete(
      "/api/tokens/:id",
      { config: { auth: "session" }, schema: { params: IdParams } },
      async (request, reply) => {
        await tokens.revoke(actorOf(request).userId, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
