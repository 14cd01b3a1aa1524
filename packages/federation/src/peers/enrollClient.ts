/**
 * @module B's side of enrollment: pin A's CA by the URL's fingerprint over a TLS connection that
 * sends nothing, then POST the CSR and token over a second connection verified against that CA.
 * An impostor on A's address never sees the token: it cannot present a chain to the pinned CA.
 */
import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import { request } from "node:https";
import { isIP } from "node:net";
import { connect, type DetailedPeerCertificate } from "node:tls";
import { EnrollResponse, invalid, MosaicError } from "@mosaic/contracts";
import { parsePeerIdentity } from "../ca/peerIdentity.js";
import type { EnrollmentTarget } from "../enrollment/enrollmentUrl.js";

export const ENROLL_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/** What B keeps from a successful enrollment. */
export interface Enrollment extends EnrollResponse {
  /** A's CA as pinned by fingerprint (the one the response's CA must equal). */
  pinnedCaPem: string;
}

/** Connects to A's enrollment listener, verifies its CA against the URL, and redeems the token. */
export async function enroll(props: {
  target: EnrollmentTarget;
  csrPem: string;
  privateKeyPem: string;
  timeoutMs?: number;
}): Promise<Enrollment> {
  const timeoutMs = props.timeoutMs ?? ENROLL_TIMEOUT_MS;
  const caPem = await pinCa(props.target, timeoutMs);
  const { status, body, retryAfter } = await postCsr(props.target, caPem, props.csrPem, timeoutMs);
  if (status === 410)
    throw new MosaicError("gone", "the enrollment URL was already used or has expired — ask A's admin for a new one");
  if (status === 429)
    throw new MosaicError(
      "rate_limited",
      `A's enrollment listener is rate limiting this address; retry in ${retryAfter ?? "a few"} s`,
    );
  if (status !== 200) throw unavailable(`A's enrollment listener answered ${status}`);
  const parsed = EnrollResponse.safeParse(safeJson(body));
  if (!parsed.success) throw unavailable("A's enrollment listener sent an answer that is not an enrollment");
  checkIssued(parsed.data, caPem, props.privateKeyPem);
  return { ...parsed.data, pinnedCaPem: caPem };
}

/**
 * First connection: complete a handshake without verification, walk the presented chain and keep the
 * certificate whose SHA-256 is the URL's fingerprint. Nothing is written on this socket.
 */
async function pinCa(target: EnrollmentTarget, timeoutMs: number): Promise<string> {
  const chain = await new Promise<DetailedPeerCertificate[]>((resolve, reject) => {
    const socket = connect({
      host: target.host,
      port: target.port,
      servername: isIP(target.host) ? undefined : target.host,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once("secureConnect", () => {
      const certs: DetailedPeerCertificate[] = [];
      let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      while (cert?.raw && certs.length < 10 && !certs.includes(cert)) {
        certs.push(cert);
        cert = cert.issuerCertificate;
      }
      socket.destroy();
      resolve(certs);
    });
    socket.once("timeout", () => {
      socket.destroy();
      reject(unavailable(`no TLS answer from ${target.host}:${target.port} within ${timeoutMs} ms`));
    });
    socket.once("error", (err) => reject(unavailable(`cannot reach ${target.host}:${target.port} (${err.message})`)));
  });
  for (const cert of chain) {
    if (createHash("sha256").update(cert.raw).digest("hex") !== target.fingerprint) continue;
    const x509 = new X509Certificate(cert.raw);
    if (!x509.ca) break;
    return x509.toString();
  }
  throw invalid(
    `the server at ${target.host}:${target.port} does not present the CA in the enrollment URL (#sha256 mismatch) — the token was not sent; check the URL with A's admin`,
    [{ path: "body.enrollmentUrl", message: "CA fingerprint mismatch" }],
  );
}

/** Second connection: full TLS verification against the pinned CA (and A's name), then the POST. */
function postCsr(target: EnrollmentTarget, caPem: string, csrPem: string, timeoutMs: number) {
  const payload = JSON.stringify({ csr: csrPem });
  return new Promise<{ status: number; body: string; retryAfter: string | undefined }>((resolve, reject) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        servername: isIP(target.host) ? undefined : target.host,
        method: "POST",
        path: `/enroll/${target.token}`,
        ca: [caPem],
        rejectUnauthorized: true,
        agent: false,
        timeout: timeoutMs,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
          if (body.length > MAX_RESPONSE_BYTES) req.destroy(unavailable("A's enrollment answer is too large"));
        });
        res.on("end", () => {
          const retry = res.headers["retry-after"];
          resolve({ status: res.statusCode ?? 0, body, retryAfter: Array.isArray(retry) ? retry[0] : retry });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(unavailable(`A's enrollment listener did not answer within ${timeoutMs} ms`)));
    req.on("error", (err) =>
      reject(err instanceof MosaicError ? err : unavailable(`enrollment failed: ${err.message}`)),
    );
    req.end(payload);
  });
}

/** The answer must be about us: A's pinned CA, a certificate for our key, naming the grant it says. */
function checkIssued(response: EnrollResponse, caPem: string, privateKeyPem: string): void {
  const ca = new X509Certificate(caPem);
  const sentCa = new X509Certificate(response.caCertificatePem);
  const cert = new X509Certificate(response.certificatePem);
  const identity = parsePeerIdentity(new Uint8Array(cert.raw));
  const ok =
    sentCa.fingerprint256 === ca.fingerprint256 &&
    cert.verify(ca.publicKey) &&
    cert.checkPrivateKey(createPrivateKey(privateKeyPem)) &&
    identity.ok &&
    identity.grantId === response.grantId &&
    identity.subjectUserId === response.subjectUserId;
  if (!ok) throw unavailable("A's enrollment answer does not match this request (CA, key or identity) — not stored");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const unavailable = (message: string) => new MosaicError("service_unavailable", message);
