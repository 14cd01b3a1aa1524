/** @module What can go wrong when B reads from a peer, as one typed error with a short, credential-free reason. */
import { type FederationDenialReason, FederationErrorEnvelope, MosaicError } from "@mosaic/contracts";

export type FederationClientErrorKind =
  | "network"
  | "tls"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "server"
  | "bad_payload"
  | "timeout";

const DESCRIPTION: Record<FederationClientErrorKind, string> = {
  network: "unreachable",
  tls: "TLS handshake failed",
  unauthenticated: "refused our certificate",
  forbidden: "refused the grant",
  not_found: "has no such item",
  rate_limited: "is rate limiting us",
  server: "answered with an error",
  bad_payload: "sent an answer that does not match the federation wire",
  timeout: "did not answer in time",
};

/**
 * A failed read from a peer. The message names the peer, the kind, the HTTP status and A's denial
 * reason; never a URL, a certificate or the key (the cause is kept for logs as a code only).
 */
export class FederationClientError extends MosaicError {
  readonly kind: FederationClientErrorKind;
  readonly peer: string;
  readonly httpStatus: number | undefined;
  /** A's structured denial reason (401/403), when its error envelope carried one. */
  readonly reason: FederationDenialReason | undefined;
  /** Seconds from A's `Retry-After` on a 429. */
  readonly retryAfterSeconds: number | undefined;
  /** The low-level error code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, ERR_TLS_CERT_ALTNAME_INVALID…). */
  readonly causeCode: string | undefined;

  constructor(props: {
    kind: FederationClientErrorKind;
    peer: string;
    status?: number | undefined;
    reason?: FederationDenialReason | undefined;
    retryAfterSeconds?: number | undefined;
    causeCode?: string | undefined;
  }) {
    const details = [
      props.status === undefined ? null : `HTTP ${props.status}`,
      props.reason ?? null,
      props.causeCode ?? null,
    ].filter((part) => part !== null);
    const suffix = details.length > 0 ? ` (${details.join(", ")})` : "";
    super(
      props.kind === "not_found" ? "not_found" : "service_unavailable",
      `peer ${props.peer} ${DESCRIPTION[props.kind]}${suffix}`,
    );
    this.name = "FederationClientError";
    this.kind = props.kind;
    this.peer = props.peer;
    this.httpStatus = props.status;
    this.reason = props.reason;
    this.retryAfterSeconds = props.retryAfterSeconds;
    this.causeCode = props.causeCode;
  }

  /** The short reason in `_errors[].reason`: the kind, plus A's denial reason when there is one. */
  get shortReason(): string {
    return this.reason ? `${this.kind}: ${this.reason}` : this.kind;
  }
}

export function isFederationClientError(err: unknown): err is FederationClientError {
  return err instanceof FederationClientError;
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
const TLS_CODES = new Set([
  "EPROTO",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_TLS_HANDSHAKE_TIMEOUT",
]);

/** Maps a thrown transport error (undici, node:net, node:tls, an abort) to a client error. */
export function transportError(peer: string, err: unknown): FederationClientError {
  const { code, name, message } = describe(err);
  if (name === "TimeoutError" || name === "AbortError" || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new FederationClientError({ kind: "timeout", peer, causeCode: code ?? name });
  }
  // A TLS alert from A (e.g. "certificate required", "unknown ca") arrives as ERR_SSL_* with the
  // alert in the message; a certificate we refused has an OpenSSL verify code.
  if (code !== undefined && (TLS_CODES.has(code) || code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_"))) {
    return new FederationClientError({ kind: "tls", peer, causeCode: code });
  }
  if (/\balert\b|certificate|ssl/i.test(message)) {
    return new FederationClientError({ kind: "tls", peer, causeCode: code ?? "TLS" });
  }
  return new FederationClientError({ kind: "network", peer, causeCode: code ?? name });
}

/** Maps a non-2xx answer to a client error, reading A's error envelope (if it sent one) for the reason. */
export function statusError(
  peer: string,
  status: number,
  body: unknown,
  retryAfter: string | undefined,
): FederationClientError {
  const envelope = FederationErrorEnvelope.safeParse(body);
  const reason = envelope.success ? envelope.data.error.reason : undefined;
  const kind: FederationClientErrorKind =
    status === 401
      ? "unauthenticated"
      : status === 403
        ? "forbidden"
        : status === 404
          ? "not_found"
          : status === 429
            ? "rate_limited"
            : "server";
  const seconds = retryAfter === undefined ? undefined : Number.parseInt(retryAfter, 10);
  return new FederationClientError({
    kind,
    peer,
    status,
    reason,
    retryAfterSeconds: seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined,
  });
}

/** Walks `cause` chains (undici wraps the socket error) for the first code, and the outer name. */
function describe(err: unknown): { code: string | undefined; name: string; message: string } {
  const name = err instanceof Error ? err.name : "Error";
  const messages: string[] = [];
  let code: string | undefined;
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const own = (current as Error & { code?: unknown }).code;
    if (code === undefined && typeof own === "string") code = own;
    messages.push(current.message);
    current = current.cause;
  }
  return { code, name, message: messages.join(" | ") };
}
