/** @module Federation on the wire: grant scopes, the admin REST bodies, enrollment, peers and the audit log. */
import { z } from "zod";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "./pagination.js";

/**
 * What a grant can expose. Credentials, tokens, users and audit rows are deliberately not here:
 * they can never be named in a scope, so no grant can ever reach them.
 */
export const FederationResource = z.enum(["projects", "missions", "tasks", "notes", "memory"]);
export type FederationResource = z.infer<typeof FederationResource>;
export const FEDERATION_RESOURCES = FederationResource.options;

export const MAX_ROWS_PER_QUERY = 10_000;

const uniqueResources = (list: FederationResource[]) => new Set(list).size === list.length;

/** A grant's scope. Strict: an unknown key (a typo, or an attempt to name something else) is a 400. */
export const FederationScope = z.strictObject({
  resources: z.array(FederationResource).min(1).max(FEDERATION_RESOURCES.length).refine(uniqueResources, {
    message: "resources must not repeat",
  }),
  excluded_resources: z
    .array(FederationResource)
    .max(FEDERATION_RESOURCES.length)
    .refine(uniqueResources, { message: "excluded_resources must not repeat" })
    .default([]),
  include_teams: z.boolean(),
  include_personal: z.boolean(),
  max_rows_per_query: z.number().int().min(1).max(MAX_ROWS_PER_QUERY),
});
export type FederationScope = z.infer<typeof FederationScope>;

export const GrantStatus = z.enum(["pending", "active", "revoked", "expired"]);
export type GrantStatus = z.infer<typeof GrantStatus>;
export const PeerState = z.enum(["pending", "active", "suspended", "revoked"]);
export type PeerState = z.infer<typeof PeerState>;

/** POST /api/federation/grants. `subjectUserId` is looked up by email, never taken from the body. */
export const GrantCreateBody = z.strictObject({
  userEmail: z.email().max(254),
  peerLabel: z.string().trim().min(1).max(100),
  scope: FederationScope,
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type GrantCreateBody = z.infer<typeof GrantCreateBody>;

export const GrantView = z.object({
  id: z.uuid(),
  subjectUserId: z.uuid(),
  subjectEmail: z.string().nullable(),
  peerLabel: z.string(),
  scope: FederationScope,
  status: GrantStatus,
  expiresAt: z.iso.datetime().nullable(),
  currentCertSerial: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  activatedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type GrantView = z.infer<typeof GrantView>;

/** The only answer that ever holds the enrollment URL (its token is stored hashed). */
export const GrantCreatedResponse = z.object({
  grant: GrantView,
  enrollment: z.object({ url: z.string(), expiresAt: z.iso.datetime() }),
});
export type GrantCreatedResponse = z.infer<typeof GrantCreatedResponse>;
export const GrantResponse = z.object({ grant: GrantView });

export const GrantListQuery = z.strictObject({
  status: GrantStatus.optional(),
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
});
export type GrantListQuery = z.infer<typeof GrantListQuery>;

/** A peer name: what `--source federated:<name>` will use, so it stays short and shell-safe. */
export const PeerName = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "lowercase letters, digits and inner hyphens, 1–63 characters");
export const PeerNameParams = z.strictObject({ name: PeerName });

export const PeerAddBody = z.strictObject({
  enrollmentUrl: z.string().min(1).max(2048),
  name: PeerName.optional(),
});
export type PeerAddBody = z.infer<typeof PeerAddBody>;

/** A peer as B's admin sees it. Never carries the private key, sealed or not. */
export const PeerView = z.object({
  id: z.uuid(),
  name: z.string(),
  federationUrl: z.string(),
  enrollHost: z.string(),
  caFingerprint: z.string(),
  grantId: z.string(),
  subjectUserId: z.string(),
  certSerial: z.string(),
  certNotAfter: z.iso.datetime(),
  state: PeerState,
  lastSuccessAt: z.iso.datetime().nullable(),
  lastFailureAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type PeerView = z.infer<typeof PeerView>;
export const PeerResponse = z.object({ peer: PeerView });
/** `show` adds the certificates (public material only). */
export const PeerDetailResponse = z.object({
  peer: PeerView.extend({ caCertificatePem: z.string(), clientCertificatePem: z.string() }),
});
export const PeerListResponse = z.object({ items: z.array(PeerView) });

export const AuditOutcome = z.enum(["success", "denied", "gone", "rate_limited", "invalid", "error"]);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntryView = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  grantId: z.string().nullable(),
  source: z.string().nullable(),
  action: z.string(),
  resource: z.string().nullable(),
  outcome: AuditOutcome,
  reason: z.string().nullable(),
  rows: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditQuery = z.strictObject({
  grantId: z.uuid().optional(),
  action: z.string().min(1).max(64).optional(),
  outcome: AuditOutcome.optional(),
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/**
 * GET /api/federation/status: whether federation is on, and where peers reach it. The dashboard and
 * TUI use it to say "federation is off, here is how to switch it on" instead of showing empty lists.
 */
export const FederationStatusResponse = z.object({
  enabled: z.boolean(),
  /** `federation.host`: the name that goes into enrollment URLs. */
  host: z.string(),
  enrollPort: z.number().int(),
  federationPort: z.number().int(),
  /** SHA-256 of this gateway's CA (what `#sha256=` in its enrollment URLs carries); null when off. */
  caFingerprint: z.string().nullable(),
});
export type FederationStatusResponse = z.infer<typeof FederationStatusResponse>;

/** POST /enroll/<token> on the enrollment listener (4244). */
export const EnrollRequest = z.strictObject({
  csr: z
    .string()
    .min(1)
    .max(16 * 1024),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  grantId: z.string(),
  subjectUserId: z.string(),
  certificatePem: z.string(),
  caCertificatePem: z.string(),
  /** A's mutual-TLS federation listener, `https://<host>:<federation.port>`. */
  federationUrl: z.string(),
  certSerial: z.string(),
  expiresAt: z.iso.datetime(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
