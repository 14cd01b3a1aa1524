/**
 * @module Federation tables: the embedded CA (A), grants, enrollment tokens and the audit log (A),
 * and the peers this gateway has enrolled with (B). Private keys are only ever stored sealed.
 */
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns.js";
import { users } from "./schema.js";

export const federationGrantStatus = pgEnum("federation_grant_status", ["pending", "active", "revoked", "expired"]);
export const federationPeerState = pgEnum("federation_peer_state", ["pending", "active", "suspended", "revoked"]);

/**
 * The gateway's CA and its federation server certificate: one row (`id = 'embedded'`). Both keys
 * are `seal` envelopes (AAD `federation-ca-key` / `federation-server-key`), never PEM.
 */
export const federationCa = pgTable("federation_ca", {
  id: text("id").primaryKey(),
  caCertPem: text("ca_cert_pem").notNull(),
  caKeySealed: text("ca_key_sealed").notNull(),
  caFingerprint: text("ca_fingerprint").notNull(),
  serverCertPem: text("server_cert_pem").notNull(),
  serverKeySealed: text("server_key_sealed").notNull(),
  /** The sorted, comma-joined hostnames and IPs the server certificate was issued for. */
  serverNames: text("server_names").notNull(),
  serverNotAfter: timestamp("server_not_after", { withTimezone: true }).notNull(),
  ...timestamps(),
});

/** A's promise to a peer: which of `subject_user_id`'s data it may read, until when. */
export const federationGrants = pgTable(
  "federation_grants",
  {
    id: id(),
    subjectUserId: uuid("subject_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    peerLabel: text("peer_label").notNull(),
    scope: jsonb("scope").notNull(),
    status: federationGrantStatus("status").notNull().default("pending"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Serial of the one client certificate the data plane accepts for this grant (part 2 checks it). */
    currentCertSerial: text("current_cert_serial"),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index("federation_grants_status_created_idx").on(t.status, t.createdAt, t.id),
    index("federation_grants_created_idx").on(t.createdAt, t.id),
    index("federation_grants_subject_idx").on(t.subjectUserId),
  ],
);

/** Single-use enrollment tokens: only the SHA-256 is kept. Ephemeral (15 minutes of life). */
export const federationEnrollmentTokens = pgTable(
  "federation_enrollment_tokens",
  {
    id: id(),
    tokenHash: text("token_hash").notNull(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => federationGrants.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("federation_enrollment_tokens_hash_unique").on(t.tokenHash),
    index("federation_enrollment_tokens_grant_idx").on(t.grantId),
  ],
);

/**
 * Every federation event on this gateway: enrollment attempts, grant changes, peer changes, and
 * (part 2) every verb served. No foreign key to grants: the trail outlives anything it mentions.
 */
export const federationAuditLog = pgTable(
  "federation_audit_log",
  {
    id: id(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    grantId: uuid("grant_id"),
    /** Who: a peer label/name, a source address, or `admin:<userId>`. */
    source: text("source"),
    action: text("action").notNull(),
    resource: text("resource"),
    outcome: text("outcome").notNull(),
    reason: text("reason"),
    rows: integer("rows"),
    latencyMs: integer("latency_ms"),
    requestId: text("request_id"),
    details: jsonb("details").notNull().default({}),
  },
  (t) => [
    index("federation_audit_log_at_idx").on(t.at, t.id),
    index("federation_audit_log_grant_at_idx").on(t.grantId, t.at),
  ],
);

/**
 * B's side: the gateways this one enrolled with. `client_key_sealed` is a seal envelope (AAD
 * `federation-peer-key:<id>`); A's CA is pinned by certificate and fingerprint.
 */
export const federationPeers = pgTable(
  "federation_peers",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    federationUrl: text("federation_url").notNull(),
    enrollHost: text("enroll_host").notNull(),
    caCertPem: text("ca_cert_pem").notNull(),
    caFingerprint: text("ca_fingerprint").notNull(),
    clientCertPem: text("client_cert_pem").notNull(),
    clientKeySealed: text("client_key_sealed").notNull(),
    certSerial: text("cert_serial").notNull(),
    /** A's grant id and subject user id, as A put them in the certificate (text: A's ids, not ours). */
    grantId: text("grant_id").notNull(),
    subjectUserId: text("subject_user_id").notNull(),
    certNotAfter: timestamp("cert_not_after", { withTimezone: true }).notNull(),
    state: federationPeerState("state").notNull().default("pending"),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex("federation_peers_name_unique").on(t.name)],
);
