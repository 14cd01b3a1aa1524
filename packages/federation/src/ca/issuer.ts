/** @module The seam between enrollment and whichever CA signs peer certificates (embedded by default). */
import { type SignClientCsrProps, signClientCsr } from "./clientCertificate.js";
import type { IssuedCertificate } from "./leaf.js";
import type { CaMaterial } from "./rootCa.js";

/** Everything enrollment knows about a peer certificate to issue; all values come from A's database. */
export type ClientCsrRequest = Omit<SignClientCsrProps, "ca">;

/**
 * Signs peer CSRs. Enrollment depends on this, not on the embedded CA, so an external CA (e.g.
 * smallstep step-ca with a JWK provisioner, docs/federation/PKI.md) can stand behind it. An
 * implementation may pick its own serial: callers store the returned `serial`, never the requested one.
 */
export interface ClientCertificateIssuer {
  signClientCsr(request: ClientCsrRequest): Promise<IssuedCertificate>;
}

/** The default issuer: the gateway's embedded CA, with its (unsealed) key held by the caller. */
export function embeddedIssuer(ca: CaMaterial): ClientCertificateIssuer {
  return { signClientCsr: (request) => signClientCsr({ ...request, ca }) };
}
