/**
 * @module The federation verbs under /api/federation/v1 (A's mutual-TLS listener): capabilities,
 * list, get and search. Each reads like the policy: the guard has judged the peer → validate the
 * body → the scope pipeline plans the read (or denies it) → the federated reader runs it as one SQL
 * statement → items tagged `_source`. A `get` out of scope is the same 404 as a missing row; only
 * the audit row (`reason`) tells them apart.
 */
import type { FederatedReader } from "@mosaic/brain";
import {
  type CapabilitiesResponse,
  FederatedGetParams,
  FederatedListBody,
  FederatedListFilters,
  FederatedResourceParams,
  FederatedSearchBody,
  FederatedSearchResource,
  type FederationResource,
  FederationVerb,
  invalid,
  notFound,
} from "@mosaic/contracts";
import { type AuthorizedPeer, effectiveResources, planRead, type ReadPlan } from "@mosaic/federation";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ReasonedError } from "../errorHandler.js";

export interface VerbDeps {
  reader: FederatedReader;
  sourceName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `get` takes no parameters in its body; an empty body or `{}` only. */
const GetBody = z.strictObject({}).nullish();

function peerOf(request: FastifyRequest): AuthorizedPeer {
  // The guard runs before every route and throws when there is no peer; this only narrows the type.
  if (!request.peer) throw new ReasonedError("unauthenticated", "no federation identity", "no_certificate");
  return request.peer;
}

/** Runs the scope pipeline for this request: a plan, or the 400/403 the denial deserves (reason audited). */
function plan(
  request: FastifyRequest,
  verb: "list" | "get" | "search",
  resource: string,
  limit: number | undefined,
): ReadPlan {
  const peer = peerOf(request);
  const decision = planRead({ scope: peer.scope, subjectUserId: peer.grant.subjectUserId, verb, resource, limit });
  if (decision.ok) return decision.plan;
  request.verbAudit.reason = decision.reason;
  if (decision.reason === "unknown_resource") {
    throw invalid(`no federated resource "${resource}"`, [
      { path: "params.resource", message: "one of projects, missions, tasks, notes, memory" },
    ]);
  }
  throw new ReasonedError("forbidden", `this grant does not share ${resource} (${decision.reason})`, decision.reason);
}

/** The resource's strict filter; unknown keys and operator objects are a 400 naming their path. */
function parseFilter(request: FastifyRequest, resource: FederationResource, filter: Record<string, unknown>) {
  const parsed = FederatedListFilters[resource].safeParse(filter);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  request.verbAudit.reason = "invalid_filter";
  const details = parsed.error.issues.flatMap((issue) => {
    const base = ["body", "filter", ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: `${base}.${key}`, message: `not a filter of ${resource}` }));
    }
    return [{ path: base, message: issue.message }];
  });
  throw invalid(`invalid filter for ${resource}`, details);
}

export function federationVerbRoutes(deps: VerbDeps): FastifyPluginAsyncZod {
  const tag = <T extends object>(item: T) => ({ ...item, _source: deps.sourceName });

  return async (app) => {
    app.get("/capabilities", { config: { auth: "mtls" } }, async (request): Promise<CapabilitiesResponse> => {
      const { grant, scope } = peerOf(request);
      return {
        grantId: grant.id,
        resources: effectiveResources(scope),
        excluded_resources: scope.excluded_resources,
        include_teams: scope.include_teams,
        include_personal: scope.include_personal,
        max_rows_per_query: scope.max_rows_per_query,
        supported_verbs: FederationVerb.options,
      };
    });

    app.post(
      "/list/:resource",
      { config: { auth: "mtls" }, schema: { params: FederatedResourceParams, body: FederatedListBody } },
      async (request) => {
        const { filter, cursor, limit } = request.body;
        const read = plan(request, "list", request.params.resource, limit);
        const page = await deps.reader.list(read, parseFilter(request, read.resource, filter), cursor);
        // The reader's page is already ≤ plan.limit; the slice keeps the cap a property of this route too.
        const items = page.items.slice(0, read.limit);
        request.verbAudit.rows = items.length;
        return { items: items.map((item) => tag(item as object)), next_cursor: page.nextCursor };
      },
    );

    app.post(
      "/get/:resource/:id",
      { config: { auth: "mtls" }, schema: { params: FederatedGetParams, body: GetBody } },
      async (request) => {
        const read = plan(request, "get", request.params.resource, 1);
        const { id } = request.params;
        const item = UUID.test(id) ? await deps.reader.get(read, id) : null;
        if (!item) {
          // Same answer either way; the audit row keeps the truth.
          request.verbAudit.reason =
            UUID.test(id) && (await deps.reader.exists(read.resource, id)) ? "out_of_scope" : "not_found";
          request.verbAudit.rows = 0;
          throw notFound(read.resource === "memory" ? "insight" : read.resource.replace(/s$/, ""));
        }
        request.verbAudit.rows = 1;
        return { item: tag(item as object) };
      },
    );

    app.post(
      "/search/:resource",
      { config: { auth: "mtls" }, schema: { params: FederatedResourceParams, body: FederatedSearchBody } },
      async (request) => {
        const { resource } = request.params;
        const read = plan(request, "search", resource, request.body.limit);
        const searchable = FederatedSearchResource.safeParse(read.resource);
        if (!searchable.success) {
          request.verbAudit.reason = "not_searchable";
          throw invalid(`${resource} can't be searched`, [
            { path: "params.resource", message: "one of tasks, notes, memory" },
          ]);
        }
        const answer = await deps.reader.search({ ...read, resource: searchable.data }, request.body.query);
        const items = answer.items.slice(0, read.limit);
        request.verbAudit.rows = items.length;
        return { mode: answer.mode, items: items.map(tag) };
      },
    );
  };
}
