/** @module Rows → wire shapes for grants, peers and audit entries; the one boundary where rows become views. */
import type { AuditEntryView, AuditOutcome, FederationScope, GrantView, PeerView } from "@mosaic/contracts";
import type { AuditRow, GrantWithSubject, PeerRow } from "@mosaic/db";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentGrant(row: GrantWithSubject): GrantView {
  return {
    id: row.id,
    subjectUserId: row.subjectUserId,
    subjectEmail: row.subjectEmail,
    peerLabel: row.peerLabel,
    // Written only through FederationScope.parse, so the stored JSON has this shape.
    scope: row.scope as FederationScope,
    status: row.status,
    expiresAt: iso(row.expiresAt),
    currentCertSerial: row.currentCertSerial,
    createdBy: row.createdBy,
    activatedAt: iso(row.activatedAt),
    revokedAt: iso(row.revokedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A peer without its key material: the sealed key never leaves the database row. */
export function presentPeer(row: PeerRow): PeerView {
  return {
    id: row.id,
    name: row.name,
    federationUrl: row.federationUrl,
    enrollHost: row.enrollHost,
    caFingerprint: row.caFingerprint,
    grantId: row.grantId,
    subjectUserId: row.subjectUserId,
    certSerial: row.certSerial,
    certNotAfter: row.certNotAfter.toISOString(),
    state: row.state,
    lastSuccessAt: iso(row.lastSuccessAt),
    lastFailureAt: iso(row.lastFailureAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentPeerDetail(row: PeerRow) {
  return { ...presentPeer(row), caCertificatePem: row.caCertPem, clientCertificatePem: row.clientCertPem };
}

export function presentAudit(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    grantId: row.grantId,
    source: row.source,
    action: row.action,
    resource: row.resource,
    outcome: row.outcome as AuditOutcome,
    reason: row.reason,
    rows: row.rows,
    latencyMs: row.latencyMs,
    requestId: row.requestId,
    details: (row.details ?? {}) as Record<string, unknown>,
  };
}
