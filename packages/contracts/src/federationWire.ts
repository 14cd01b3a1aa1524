/**
 * @module The federation data plane on the wire: what peer B sends to gateway A's mutual-TLS
 * listener (port 4243) and what A answers, plus the `source` selector of B's own read routes.
 * A and B run the same code, so both sides parse with these schemas.
 */
import { z } from "zod";
import { ErrorDetail } from "./errors.js";
import { FederationResource, PeerName } from "./federation.js";
import { InsightView } from "./memory.js";
import { MissionStatus, MissionView } from "./missions.js";
import { NoteView, Tag } from "./notes.js";
import { ProjectStatus, ProjectView } from "./projects.js";
import { SearchHit, SearchMode } from "./search.js";
import { TaskStatus, TaskView } from "./tasks.js";

export const FEDERATION_API_PREFIX = "/api/federation/v1";

export const FederationVerb = z.enum(["capabilities", "list", "get", "search"]);
export type FederationVerb = z.infer<typeof FederationVerb>;

/** Resources the `search` verb serves (the others have no text to rank). */
export const FederatedSearchResource = z.enum(["tasks", "notes", "memory"]);
export type FederatedSearchResource = z.infer<typeof FederatedSearchResource>;

/** `GET /api/federation/v1/capabilities`: what the caller's grant lets it do, nothing more. */
export const CapabilitiesResponse = z.object({
  grantId: z.uuid(),
  /** The effective allowlist: the grant's `resources` minus its `excluded_resources`. */
  resources: z.array(FederationResource),
  excluded_resources: z.array(FederationResource),
  include_teams: z.boolean(),
  include_personal: z.boolean(),
  max_rows_per_query: z.number().int().min(1),
  supported_verbs: z.array(FederationVerb),
});
export type CapabilitiesResponse = z.infer<typeof CapabilitiesResponse>;

const id = z.uuid();
const short = z.string().trim().min(1).max(200);

/**
 * The filter keys each resource accepts on `list`. Strict: an unknown key — a typo, another
 * table's column, an operator object like `{ "$ne": … }` — fails parsing and is a 400. Values are
 * plain scalars only, so nothing a peer sends can become SQL other than a bound parameter.
 */
export const FederatedListFilters = {
  projects: z.strictObject({ status: ProjectStatus.optional() }),
  missions: z.strictObject({ projectId: id.optional(), status: MissionStatus.optional() }),
  tasks: z.strictObject({
    projectId: id.optional(),
    missionId: id.optional(),
    milestoneId: id.optional(),
    status: TaskStatus.optional(),
    assignee: short.optional(),
    q: short.optional(),
  }),
  notes: z.strictObject({ projectId: id.optional(), tag: Tag.optional() }),
  memory: z.strictObject({ projectId: id.optional(), category: short.optional() }),
} as const satisfies Record<FederationResource, z.ZodType>;
export type FederatedListFilter<R extends FederationResource> = z.infer<(typeof FederatedListFilters)[R]>;

/**
 * `limit` on the wire: a positive integer. A's scope pipeline clamps it to the grant's
 * `max_rows_per_query` (and to `FEDERATION_MAX_PAGE`), so a huge value is never an error and never
 * more rows than the cap; a negative number, a fraction or a string is a 400.
 */
export const FederatedLimit = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const FEDERATION_DEFAULT_PAGE = 50;
export const FEDERATION_MAX_PAGE = 500;

/** `POST /api/federation/v1/list/:resource`. `filter` is checked against `FederatedListFilters[resource]`. */
export const FederatedListBody = z.strictObject({
  filter: z.record(z.string(), z.unknown()).default({}),
  cursor: z.string().min(1).max(512).optional(),
  limit: FederatedLimit.optional(),
});
export type FederatedListBody = z.infer<typeof FederatedListBody>;

/** `POST /api/federation/v1/search/:resource`. */
export const FederatedSearchBody = z.strictObject({
  query: z.string().trim().min(1).max(500),
  limit: FederatedLimit.optional(),
});
export type FederatedSearchBody = z.infer<typeof FederatedSearchBody>;

export const FederatedResourceParams = z.strictObject({ resource: z.string().min(1).max(32) });
export const FederatedGetParams = z.strictObject({ resource: z.string().min(1).max(32), id: z.string().max(64) });

/**
 * Where an item came from. On A's wire it is A's own name (its first federation hostname); B
 * replaces it with its name for the peer, and tags its own rows `local`.
 */
export const SourceTag = z.object({ _source: z.string() });

/** The view each resource's items have on the wire (the same views as the local API, tagged). */
export const FederatedItemViews = {
  projects: ProjectView.extend(SourceTag.shape),
  missions: MissionView.extend(SourceTag.shape),
  tasks: TaskView.extend(SourceTag.shape),
  notes: NoteView.extend(SourceTag.shape),
  memory: InsightView.extend(SourceTag.shape),
} as const satisfies Record<FederationResource, z.ZodType>;
export type FederatedItem<R extends FederationResource> = z.infer<(typeof FederatedItemViews)[R]>;

export function federatedListResponse<R extends FederationResource>(resource: R) {
  return z.object({ items: z.array(FederatedItemViews[resource]), next_cursor: z.string().nullable() });
}
export function federatedGetResponse<R extends FederationResource>(resource: R) {
  return z.object({ item: FederatedItemViews[resource] });
}
export const FederatedSearchResponse = z.object({
  mode: SearchMode,
  items: z.array(SearchHit.extend(SourceTag.shape)),
});
export type FederatedSearchResponse = z.infer<typeof FederatedSearchResponse>;

/**
 * Why A refused. 401 reasons come from the certificate, 403 reasons from the grant and scope; a
 * `get` that is out of scope answers 404 like a missing row, and only the audit log has the truth.
 */
export const FederationDenialReason = z.enum([
  // 401: the client certificate
  "no_certificate",
  "certificate_is_ca",
  "missing_client_auth",
  "missing_grant_id",
  "duplicate_grant_id",
  "missing_subject",
  "duplicate_subject",
  "bad_identity_value",
  // (added by the server side: a resumed TLS session skips verification, so A re-checks the dates)
  "certificate_expired",
  "certificate_not_yet_valid",
  // 403: the grant
  "grant_not_found",
  "grant_revoked",
  "grant_expired",
  "grant_pending",
  "serial_superseded",
  "subject_mismatch",
  "subject_disabled",
  // 403: the scope
  "resource_not_allowed",
  "resource_excluded",
]);
export type FederationDenialReason = z.infer<typeof FederationDenialReason>;

/** The error envelope on 4243: the usual one, plus the machine-readable denial reason. */
export const FederationErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    reason: FederationDenialReason.optional(),
    details: z.array(ErrorDetail).optional(),
    requestId: z.string().optional(),
  }),
});
export type FederationErrorEnvelope = z.infer<typeof FederationErrorEnvelope>;

/**
 * `?source=` on B's read routes: `local` (the default), `federated:<peer>` or `all` (local and
 * every active peer in parallel).
 */
export const SourceSelector = z
  .string()
  .max(80)
  .refine(
    (s) => s === "local" || s === "all" || (s.startsWith("federated:") && PeerName.safeParse(s.slice(10)).success),
    { message: "source is local, all or federated:<peer> (lowercase letters, digits and inner hyphens)" },
  )
  .transform((s) => s as SourceSelector);
export type SourceSelector = "local" | "all" | `federated:${string}`;

/** One peer that did not answer a fanned-out read, and why (a short, credential-free reason). */
export const SourceError = z.object({ peer: z.string(), reason: z.string() });
export type SourceError = z.infer<typeof SourceError>;

/**
 * The fields a fanned-out answer adds: `_partial` is true when any peer failed; the items that
 * did arrive are still returned.
 */
export const PartialMarkers = z.object({
  _partial: z.boolean().optional(),
  _errors: z.array(SourceError).optional(),
});

/** The longest `cursor` B's read routes accept: a `source=all` cursor holds one cursor per source. */
export const SOURCE_CURSOR_MAX = 4096;

/** `?source=` alone: the query of B's get routes (strict like every query). */
export const SourceQuery = z.strictObject({ source: SourceSelector.optional() });

/** An item of B's read routes: `_source` (`local` or the peer's name) is set when `source` ≠ `local`. */
export function sourced<S extends z.ZodRawShape>(view: z.ZodObject<S>) {
  return view.extend({ _source: z.string().optional() });
}

/** A page of B's list routes: `{ items, nextCursor }` plus the partial markers of a fanned-out read. */
export function sourcedPageOf<S extends z.ZodRawShape>(view: z.ZodObject<S>) {
  return z.object({ items: z.array(sourced(view)), nextCursor: z.string().nullable(), ...PartialMarkers.shape });
}

/** One item of B's get routes, under `key`, plus the partial markers. */
export function sourcedItemOf<K extends string, T extends z.ZodType>(key: K, view: T) {
  return z.object({ [key]: view, ...PartialMarkers.shape } as { [P in K]: T } & typeof PartialMarkers.shape);
}

/** B's `/api/search` and `/api/memory/search` answers: hits tagged when `source` ≠ `local`. */
export const SourcedSearchResponse = z.object({
  mode: SearchMode,
  items: z.array(sourced(SearchHit)),
  ...PartialMarkers.shape,
});
export type SourcedSearchResponse = z.infer<typeof SourcedSearchResponse>;
