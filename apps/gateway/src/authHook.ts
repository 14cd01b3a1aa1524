/**
 * @module Central enforcement of each route's declared `config.auth` mode, before the body is even
 * parsed. Modes: `public` — anyone; `session` — a signed-in user, by session cookie or bearer token;
 * `token` — a bearer token only; `admin` — a signed-in user with role admin (else 403); `mtls` —
 * federation peers, only on the federation listener (always 401 here).
 */
import type { Actor, Authenticator } from "@mosaic/auth";
import { forbidden, MosaicError, unauthenticated } from "@mosaic/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated user; null on public routes. */
    actor: Actor | null;
  }
}

export function registerAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request) => {
    if (request.is404) return;
    const mode = request.routeOptions.config.auth;
    if (mode === "public") return;
    // Fail closed: a route that forgot to declare its mode is unreachable (and the inventory test fails).
    if (mode === undefined) throw new MosaicError("internal", "route declares no auth mode");
    if (mode === "mtls") throw unauthenticated("this route is served on the federation listener only");
    const actor = await authenticator.authenticate({
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
    });
    if (!actor) throw unauthenticated("sign in, or send `Authorization: Bearer <token>`");
    if (mode === "token" && actor.via !== "token") throw unauthenticated("this route needs a bearer token");
    if (mode === "admin" && actor.role !== "admin") throw forbidden("admins only");
    request.actor = actor;
  });
}

/** The actor of a request on a non-public route (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated("not signed in");
  return request.actor;
}
