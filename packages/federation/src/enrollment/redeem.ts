/**
 * @module The enrollment service (A): redeem a single-use token for a client certificate. One
 * transaction consumes the token, issues the certificate from database values and activates the
 * grant; every attempt, whatever its outcome, leaves an audit row.
 */
import { type EnrollResponse, isMosaicError, MosaicError } from "@mosaic/contracts";
import type { AuditInsert, FederationAuditRepository, FederationGrantsRepository } from "@mosaic/db";
import type { ClientCertificateIssuer } from "../ca/issuer.js";
import { randomSerial } from "../ca/keys.js";
import type { IssuedCertificate } from "../ca/leaf.js";
import { hashEnrollmentToken, TOKEN_SHAPE } from "./enrollmentUrl.js";

export interface EnrollmentServiceDeps {
  grants: FederationGrantsRepository;
  audit: FederationAuditRepository;
  /** The issuer and the CA certificate peers pin (loaded lazily: the CA may still be starting). */
  ca: () => Promise<{ issuer: ClientCertificateIssuer; caCertPem: string }>;
  /** A's mutual-TLS listener, returned to the peer. */
  federationUrl: string;
  certValidityDays: number;
  now: () => Date;
}

export interface RedeemAttempt {
  token: string;
  csrPem: string;
  /** The peer's address, for the audit log. */
  source: string;
  requestId: string;
}

/** One answer for unknown, used, expired tokens and grants no longer pending: no oracle. */
export const GONE_MESSAGE = "this enrollment URL is not valid (used, expired or unknown) — ask for a new one";

export function createEnrollmentService(deps: EnrollmentServiceDeps) {
  const row = (attempt: RedeemAttempt, fields: Partial<AuditInsert> & { outcome: string }): AuditInsert => ({
    at: deps.now(),
    source: attempt.source,
    action: "enroll",
    requestId: attempt.requestId,
    ...fields,
  });

  return {
    /** Redeems `attempt.token`; throws `gone` (410) or `validation_error` (400), audited either way. */
    async redeem(attempt: RedeemAttempt): Promise<EnrollResponse> {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      if (!TOKEN_SHAPE.test(attempt.token)) {
        await deps.audit.record(row(attempt, { outcome: "gone", reason: "unknown_token", latencyMs: latency() }));
        throw new MosaicError("gone", GONE_MESSAGE);
      }
      const { issuer, caCertPem } = await deps.ca();
      const now = deps.now();
      let result: Awaited<ReturnType<typeof redeemWith>>;
      try {
        result = await redeemWith(now);
      } catch (err) {
        // A bad CSR rolls the transaction back: the token stays usable for a corrected request.
        const outcome = isMosaicError(err) && err.code === "validation_error" ? "invalid" : "error";
        const grantId = await deps.grants.grantIdOfToken(hashEnrollmentToken(attempt.token));
        const reason = isMosaicError(err) ? err.message : "internal error";
        await deps.audit.record(row(attempt, { outcome, reason, grantId, latencyMs: latency() }));
        throw err;
      }
      if (!result.ok) {
        await deps.audit.record(
          row(attempt, { outcome: "gone", reason: result.reason, grantId: result.grantId, latencyMs: latency() }),
        );
        throw new MosaicError("gone", GONE_MESSAGE);
      }
      const { grant, issued } = result;
      return {
        grantId: grant.id,
        subjectUserId: grant.subjectUserId,
        certificatePem: issued.certPem,
        caCertificatePem: caCertPem,
        federationUrl: deps.federationUrl,
        certSerial: issued.serial,
        expiresAt: issued.notAfter.toISOString(),
      };

      function redeemWith(at: Date) {
        return deps.grants.redeem<IssuedCertificate>({
          tokenHash: hashEnrollmentToken(attempt.token),
          now: at,
          // Every value but the public key comes from the grant row, never from the CSR.
          issue: (grant) =>
            issuer.signClientCsr({
              csrPem: attempt.csrPem,
              grantId: grant.id,
              subjectUserId: grant.subjectUserId,
              serial: randomSerial(),
              validityDays: deps.certValidityDays,
              now: at,
            }),
          audit: (grant, issued) =>
            row(attempt, {
              outcome: "success",
              grantId: grant.id,
              latencyMs: latency(),
              details: {
                peerLabel: grant.peerLabel,
                certSerial: issued.serial,
                notAfter: issued.notAfter.toISOString(),
              },
            }),
        });
      }
    },

    /** Audits a refused attempt that never reached `redeem` (rate limited, malformed body). */
    async recordRefusal(
      attempt: Omit<RedeemAttempt, "token" | "csrPem">,
      outcome: "rate_limited" | "invalid",
      reason: string,
    ) {
      await deps.audit.record({
        at: deps.now(),
        source: attempt.source,
        action: "enroll",
        requestId: attempt.requestId,
        outcome,
        reason,
      });
    },
  };
}

export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
