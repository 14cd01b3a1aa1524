/**
 * @module Central enforcement of each route's declared `config.auth` mode, before the body is even
 * parsed. Modes: `public` — anyone; `session` — a signed-in user, by session cookie or bearer token;
 * `token` — a bearer token only; `admin` — a signed-in user with role admin (else 403); `mtls` —
 * federation peers, only on the federation listener (always 401 here).
 *
 * Read routes that declare `config.speculative` run their handler while the credential is still
 * being checked, as the actor the same credential was last verified as: the check and the data
 * queries then take one database round trip of latency instead of two. Nothing leaves before the
 * check: its failure answers instead of the handler (even of the handler's own error), and when
 * it finds a different actor (role changed) the handler runs again as that actor. See
 * docs/ACCESS.md "Speculative reads".
 */
import { createHash } from "node:crypto";
import type { Actor, Authenticator, Credentials } from "@mosaic/auth";
import { forbidden, MosaicError, unauthenticated } from "@mosaic/contracts";
import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";
import type { AuthMode } from "./app.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated user; null on public routes. */
    actor: Actor | null;
    /** A speculative request's credential check, still running (see the module's comment). */
    credentialCheck: Promise<Actor> | null;
  }
}

/** Credentials verified recently (by hash), with the actor they were: the guess of a speculative read. */
const KNOWN_LIMIT = 1_000;

export function registerAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  const known = new Map<string, Actor>();
  app.decorateRequest("actor", null);
  app.decorateRequest("credentialCheck", null);

  /** Checks against the database (every time) and remembers the actor; throws the 401/403. */
  async function check(credentials: Credentials, key: string | null, mode: AuthMode): Promise<Actor> {
    let actor: Actor | null;
    try {
      actor = await authenticator.authenticate(credentials);
    } catch (err) {
      if (key) known.delete(key);
      throw err;
    }
    if (!actor) throw unauthenticated("sign in, or send `Authorization: Bearer <token>`");
    if (key) {
      known.delete(key);
      if (known.size >= KNOWN_LIMIT) known.delete(known.keys().next().value as string);
      known.set(key, actor);
    }
    const refused = refusal(actor, mode);
    if (refused) throw refused;
    return actor;
  }

  app.addHook("onRequest", async (request) => {
    if (request.is404) return;
    const mode = request.routeOptions.config.auth;
    if (mode === "public") return;
    // Fail closed: a route that forgot to declare its mode is unreachable (and the inventory test fails).
    if (mode === undefined) throw new MosaicError("internal", "route declares no auth mode");
    if (mode === "mtls") throw unauthenticated("this route is served on the federation listener only");
    const credentials = { authorization: request.headers.authorization, cookie: request.headers.cookie };
    const key = credentialKey(credentials);
    const guess = key && request.routeOptions.config.speculative && readsLocally(request) ? known.get(key) : undefined;
    if (guess && !refusal(guess, mode)) {
      request.actor = guess;
      // Started on the next turn of the event loop: the handler's own statements (the slow part)
      // go out first, and the check, short, runs beside them.
      request.credentialCheck = new Promise((resolve) => setImmediate(resolve)).then(() =>
        check(credentials, key, mode),
      );
      // Awaited by the handler's wrapper or the error handler; never left unhandled meanwhile.
      request.credentialCheck.catch(() => {});
      return;
    }
    request.actor = await check(credentials, key, mode);
  });

  app.addHook("onRoute", (route) => {
    if (!route.config?.speculative) return;
    if ([route.method].flat().some((m) => m !== "GET" && m !== "HEAD"))
      throw new Error(`${route.url}: only read routes may run before their credential is checked`);
    route.handler = speculativeHandler(route.handler);
  });
}

/**
 * The handler, awaited together with the request's credential check when there is one. The
 * check's refusal wins; a different actor than guessed reruns the handler as the right one.
 */
function speculativeHandler(handler: RouteOptions["handler"]): RouteOptions["handler"] {
  return async function (this: FastifyInstance, request, reply) {
    const pending = request.credentialCheck;
    if (!pending) return handler.call(this, request, reply);
    const [answer, checked] = await Promise.allSettled([(async () => handler.call(this, request, reply))(), pending]);
    request.credentialCheck = null;
    if (checked.status === "rejected") throw checked.reason;
    const guess = request.actor;
    request.actor = checked.value;
    if (guess?.userId !== checked.value.userId || guess.role !== checked.value.role) {
      return handler.call(this, request, reply);
    }
    if (answer.status === "rejected") throw answer.reason;
    return answer.value;
  };
}

/**
 * For the error handler: a speculative request's credential refusal, once its check settles (it
 * wins over any other error, e.g. a 400 from validating the query), else null.
 */
export async function credentialRefusal(request: FastifyRequest): Promise<unknown> {
  const pending = request.credentialCheck;
  if (!pending) return null;
  request.credentialCheck = null;
  return pending.then(
    () => null,
    (err: unknown) => err,
  );
}

/** The actor of a request on a non-public route (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated("not signed in");
  return request.actor;
}

/** Why `mode` turns `actor` away (401 or 403), or null when it admits them. */
function refusal(actor: Actor, mode: AuthMode): MosaicError | null {
  if (mode === "token" && actor.via !== "token") return unauthenticated("this route needs a bearer token");
  if (mode === "admin" && actor.role !== "admin") return forbidden("admins only");
  return null;
}

/** The credential the authenticator will use (a bearer header wins over a cookie), hashed; null without one. */
function credentialKey(credentials: Credentials): string | null {
  const presented = credentials.authorization ?? credentials.cookie;
  if (!presented) return null;
  return createHash("sha256")
    .update(credentials.authorization !== undefined ? "bearer\0" : "cookie\0")
    .update(presented)
    .digest("base64url");
}

/** A read of this gateway's own data: a read through peers (`?source=` other than local) waits for its check. */
function readsLocally(request: FastifyRequest): boolean {
  const source = (request.query as { source?: unknown } | undefined)?.source;
  return source === undefined || source === "local";
}
