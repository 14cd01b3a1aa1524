/**
 * @module The scope pipeline (A, per request): a grant's scope, the resource asked for and the
 * requested row count in; a read plan or a structured denial out. Pure — the plan names what the
 * federated reader must put in its SQL (the subject's native access intersected with the grant's
 * reach) and how many rows it may return; it never touches the database itself.
 *
 * Steps: (1) the resource is in `resources` and not in `excluded_resources`; (2) rows are read as
 * the subject user (native RBAC, as a SQL predicate — the plan carries the subject); (3) the
 * subject's reach is narrowed by `include_teams` / `include_personal`; (4) rows are capped at
 * `max_rows_per_query`, whatever `limit` asks. The plan's `limit` bounds everything one request
 * returns: a reader that assembles several pages for one request asks `remainingRows` before each
 * (today's verbs read one page per request; the search verb fuses candidate lists and cuts there).
 */
import {
  FEDERATION_DEFAULT_PAGE,
  FEDERATION_MAX_PAGE,
  type FederationDenialReason,
  FederationResource,
  type FederationScope,
  type FederationVerb,
} from "@mosaic/contracts";

export interface ScopeRequest {
  scope: FederationScope;
  subjectUserId: string;
  verb: Exclude<FederationVerb, "capabilities">;
  /** The resource named in the path (unvalidated text). */
  resource: string;
  /** `limit` from the body, already validated as a positive integer (absent: the default page). */
  limit?: number | undefined;
}

/** What the federated reader runs: as whom, over which owner kinds, at most how many rows. */
export interface ReadPlan {
  resource: FederationResource;
  subjectUserId: string;
  reach: { teams: boolean; personal: boolean };
  /** Rows this request may return in total (≤ max_rows_per_query). */
  limit: number;
}

export type ScopeDecision =
  | { ok: true; plan: ReadPlan }
  | { ok: false; reason: Extract<FederationDenialReason, "resource_not_allowed" | "resource_excluded"> }
  | { ok: false; reason: "unknown_resource" };

/** The resources a scope exposes: `resources` minus `excluded_resources`, in the enum's order. */
export function effectiveResources(scope: FederationScope): FederationResource[] {
  const excluded = new Set(scope.excluded_resources);
  return FederationResource.options.filter((r) => scope.resources.includes(r) && !excluded.has(r));
}

/** Runs the pipeline for one request. */
export function planRead(request: ScopeRequest): ScopeDecision {
  const parsed = FederationResource.safeParse(request.resource);
  if (!parsed.success) return { ok: false, reason: "unknown_resource" };
  const resource = parsed.data;
  const { scope } = request;
  if (!scope.resources.includes(resource)) return { ok: false, reason: "resource_not_allowed" };
  if (scope.excluded_resources.includes(resource)) return { ok: false, reason: "resource_excluded" };
  return {
    ok: true,
    plan: {
      resource,
      subjectUserId: request.subjectUserId,
      reach: { teams: scope.include_teams, personal: scope.include_personal },
      limit: capLimit(request.limit, scope.max_rows_per_query),
    },
  };
}

/** The rows one request may return: the asked-for (or default) page, never above the grant's cap or the page maximum. */
export function capLimit(requested: number | undefined, maxRowsPerQuery: number): number {
  const asked = requested === undefined ? FEDERATION_DEFAULT_PAGE : Math.floor(requested);
  return Math.max(1, Math.min(asked, maxRowsPerQuery, FEDERATION_MAX_PAGE));
}

/**
 * Keeps a request under its cap while it assembles several pages: how many more rows may be
 * fetched after `served` (0 means stop). A reader that loops over pages asks this before each one.
 */
export function remainingRows(plan: ReadPlan, served: number): number {
  return Math.max(0, plan.limit - served);
}
