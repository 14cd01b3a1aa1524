/**
 * @module Who is calling A's federation listener, decided per request (never per connection): the
 * client certificate's DER → identity (401 reasons), then the grant it names (403 reasons). A
 * kept-alive socket or a resumed TLS session is judged again on each request, so a revocation or
 * a superseded certificate takes effect on the very next one.
 */

import type { FederationDenialReason } from "@mosaic/contracts";
import { FederationScope } from "@mosaic/contracts";
import type { FederationGrantsRepository, GrantWithSubject } from "@mosaic/db";
import { type PeerIdentityRejection, parsePeerIdentity } from "../ca/peerIdentity.js";

export interface AuthorizedPeer {
  grant: GrantWithSubject;
  scope: FederationScope;
  serial: string;
}

export type PeerDecision =
  | { ok: true; peer: AuthorizedPeer }
  | { ok: false; status: 401 | 403; reason: FederationDenialReason; grantId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** parsePeerIdentity's rejections as the wire's 401 reasons. */
const IDENTITY_REASONS: Record<PeerIdentityRejection, FederationDenialReason> = {
  malformed_certificate: "bad_identity_value",
  duplicate_extension: "bad_identity_value",
  unknown_critical_extension: "bad_identity_value",
  ca_certificate: "certificate_is_ca",
  no_client_auth_eku: "missing_client_auth",
  no_digital_signature_key_usage: "missing_client_auth",
  missing_grant_id: "missing_grant_id",
  duplicate_grant_id: "duplicate_grant_id",
  missing_subject: "missing_subject",
  duplicate_subject: "duplicate_subject",
  bad_otherName_type: "bad_identity_value",
  empty_value: "bad_identity_value",
  value_too_long: "bad_identity_value",
  invalid_value: "bad_identity_value",
  expired: "certificate_expired",
  not_yet_valid: "certificate_not_yet_valid",
};

export interface PeerAuthorizationDeps {
  /** `find` joins the subject user: one query per request for the whole grant check. */
  grants: Pick<FederationGrantsRepository, "find">;
  now: () => Date;
}

export function createPeerAuthorization(deps: PeerAuthorizationDeps) {
  const deny = (status: 401 | 403, reason: FederationDenialReason, grantId: string | null = null): PeerDecision => ({
    ok: false,
    status,
    reason,
    grantId,
  });

  return {
    /**
     * Judges one request by the DER of the certificate TLS verified (`null`: none was presented).
     * The dates are checked again because a resumed session skips the TLS verification.
     */
    async authorize(certDer: Uint8Array | null): Promise<PeerDecision> {
      if (!certDer || certDer.byteLength === 0) return deny(401, "no_certificate");
      const now = deps.now();
      const identity = parsePeerIdentity(certDer, { now });
      if (!identity.ok) return deny(401, IDENTITY_REASONS[identity.reason]);
      // A value that is not a uuid can't name a grant (and must not reach a uuid column).
      if (!UUID.test(identity.grantId)) return deny(403, "grant_not_found");
      const grant = await deps.grants.find(identity.grantId);
      if (!grant) return deny(403, "grant_not_found");
      const grantId = grant.id;
      if (grant.status === "revoked") return deny(403, "grant_revoked", grantId);
      if (grant.status === "expired" || (grant.expiresAt && grant.expiresAt <= now)) {
        return deny(403, "grant_expired", grantId);
      }
      if (grant.status !== "active") return deny(403, "grant_pending", grantId);
      if (identity.subjectUserId !== grant.subjectUserId) return deny(403, "subject_mismatch", grantId);
      if (identity.serial !== grant.currentCertSerial) return deny(403, "serial_superseded", grantId);
      if (grant.subjectDisabled !== false) return deny(403, "subject_disabled", grantId);
      const scope = FederationScope.safeParse(grant.scope);
      // A stored scope that no longer parses grants nothing (fail closed).
      if (!scope.success) return deny(403, "resource_not_allowed", grantId);
      return { ok: true, peer: { grant, scope: scope.data, serial: identity.serial } };
    },
  };
}

export type PeerAuthorization = ReturnType<typeof createPeerAuthorization>;
