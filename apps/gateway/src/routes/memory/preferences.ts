/**
 * @module Memory preferences: the caller's own key/value pairs. These routes are the owner's path,
 * so an immutable preference can be changed here; agents go through the service with `via: "agent"`.
 */
import { presentPreference } from "@mosaic/brain";
import { PreferenceKeyParams, PreferenceListQuery, PreferencePutBody, PreferenceView, pageOf } from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const PreferenceResponse = z.object({ preference: PreferenceView });
const session = { auth: "session" } as const;
/** Reads: the handler may run while the credential is being checked (authHook.ts). */
const read = { auth: "session", speculative: true } as const;

export function preferenceRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { preferences } = deps.services;
  return async (app) => {
    app.get(
      "/api/memory/preferences",
      { config: read, schema: { querystring: PreferenceListQuery, response: { 200: pageOf(PreferenceView) } } },
      async (request) => {
        const page = await preferences.list(actorOf(request), request.query);
        return { items: page.items.map(presentPreference), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/memory/preferences/:key",
      { config: read, schema: { params: PreferenceKeyParams, response: { 200: PreferenceResponse } } },
      async (request) => ({
        preference: presentPreference(await preferences.get(actorOf(request), request.params.key)),
      }),
    );

    app.put(
      "/api/memory/preferences/:key",
      {
        config: session,
        schema: {
          params: PreferenceKeyParams,
          body: PreferencePutBody,
          response: { 200: PreferenceResponse, 201: PreferenceResponse },
        },
      },
      async (request, reply) => {
        const { preference, created } = await preferences.set(actorOf(request), request.params.key, request.body);
        return reply.status(created ? 201 : 200).send({ preference: presentPreference(preference) });
      },
    );

    app.delete(
      "/api/memory/preferences/:key",
      { config: session, schema: { params: PreferenceKeyParams } },
      async (request, reply) => {
        await preferences.remove(actorOf(request), request.params.key);
        return reply.status(204).send();
      },
    );
  };
}
