/** @module The federation audit log (admins only): newest first, filterable by grant, action and outcome. */
import { AuditEntryView, AuditQuery, pageOf } from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";

export function federationAuditRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { audit } = deps.services.federation;
  return async (app) => {
    app.get(
      "/api/federation/audit",
      { config: { auth: "admin" }, schema: { querystring: AuditQuery, response: { 200: pageOf(AuditEntryView) } } },
      async (request) => audit.list(request.query),
    );
  };
}
