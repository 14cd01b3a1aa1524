/** @module Sign-up, sign-in, sign-out (cookie sessions for the web) and GET /api/me. */
import { createRateLimiter, presentUser } from "@mosaic/auth";
import {
  AuthStatusResponse,
  MeResponse,
  MosaicError,
  notFound,
  SessionResponse,
  SignInBody,
  SignUpBody,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

export function authRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { accounts, repos } = deps.services;
  // Failed sign-ins are counted per source address and per account, so neither one machine
  // guessing many passwords nor many machines guessing one account's password get far.
  const failures = createRateLimiter({
    limit: deps.config.auth.signInFailuresPerMinute,
    windowMs: 60_000,
    now: () => new Date(),
  });
  return async (app) => {
    app.post(
      "/api/auth/sign-up",
      { config: { auth: "public" }, schema: { body: SignUpBody, response: { 201: SessionResponse } } },
      async (request, reply) => {
        const { user, setCookie } = await accounts.signUp(request.body);
        return reply
          .status(201)
          .header("set-cookie", setCookie)
          .send({ user: presentUser(user) });
      },
    );

    app.post(
      "/api/auth/sign-in",
      { config: { auth: "public" }, schema: { body: SignInBody, response: { 200: SessionResponse } } },
      async (request, reply) => {
        const keys = [`ip:${request.ip}`, `email:${request.body.email.toLowerCase()}`];
        // Checked before the password, so a throttled caller learns nothing about it.
        for (const key of keys) {
          const decision = failures.peek(key);
          if (!decision.ok) {
            reply.header("retry-after", String(decision.retryAfterSeconds));
            throw new MosaicError("rate_limited", `too many failed sign-ins; retry in ${decision.retryAfterSeconds} s`);
          }
        }
        try {
          const { user, setCookie } = await accounts.signIn(request.body);
          return reply.header("set-cookie", setCookie).send({ user: presentUser(user) });
        } catch (err) {
          if (err instanceof MosaicError && err.code === "unauthenticated") for (const key of keys) failures.take(key);
          throw err;
        }
      },
    );

    // Public: it reveals only whether a first account exists, which the first-run screen needs.
    app.get(
      "/api/auth/status",
      { config: { auth: "public" }, schema: { response: { 200: AuthStatusResponse } } },
      async () => ({ hasUsers: await repos.users.any() }),
    );

    // Public so that a stale or half-broken cookie can always be cleared.
    app.post("/api/auth/sign-out", { config: { auth: "public" } }, async (request, reply) => {
      const setCookie = await accounts.signOut(request.headers.cookie);
      return reply.status(204).header("set-cookie", setCookie).send();
    });

    app.get("/api/me", { config: { auth: "session" }, schema: { response: { 200: MeResponse } } }, async (request) => {
      const actor = actorOf(request);
      const user = await repos.users.findById(actor.userId);
      if (!user) throw notFound("user");
      return { user: presentUser(user), via: actor.via };
    });
  };
}
