/** @module Whether federation is on (admins only): the dashboard and TUI explain how to enable it when it is off. */
import { FederationStatusResponse } from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";

export function federationStatusRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const federation = deps.services.federation;
  const { host, enrollPort, port } = deps.config.federation;
  return async (app) => {
    app.get(
      "/api/federation/status",
      { config: { auth: "admin" }, schema: { response: { 200: FederationStatusResponse } } },
      async () => ({
        enabled: federation.enabled,
        host,
        enrollPort,
        federationPort: port,
        caFingerprint: federation.enabled ? (await federation.ca()).fingerprint : null,
      }),
    );
  };
}
