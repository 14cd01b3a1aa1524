/** @module Federation peers on B (admins only): enroll from an enrollment URL, list, show, remove. */
import { PeerAddBody, PeerDetailResponse, PeerListResponse, PeerNameParams, PeerResponse } from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

export function federationPeerRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { peers } = deps.services.federation;
  return async (app) => {
    app.post(
      "/api/federation/peers",
      { config: { auth: "admin" }, schema: { body: PeerAddBody, response: { 201: PeerResponse } } },
      async (request, reply) => reply.status(201).send({ peer: await peers.add(actorOf(request), request.body) }),
    );

    app.get(
      "/api/federation/peers",
      { config: { auth: "admin" }, schema: { response: { 200: PeerListResponse } } },
      async () => ({ items: await peers.list() }),
    );

    app.get(
      "/api/federation/peers/:name",
      { config: { auth: "admin" }, schema: { params: PeerNameParams, response: { 200: PeerDetailResponse } } },
      async (request) => ({ peer: await peers.show(request.params.name) }),
    );

    app.delete(
      "/api/federation/peers/:name",
      { config: { auth: "admin" }, schema: { params: PeerNameParams } },
      async (request, reply) => {
        await peers.remove(actorOf(request), request.params.name);
        return reply.status(204).send();
      },
    );
  };
}
