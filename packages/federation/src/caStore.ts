/**
 * @module The gateway's CA at rest: created on first start with its key sealed, loaded (unsealed in
 * memory only) on later starts, and the federation server certificate re-issued when the configured
 * names change or it nears expiry.
 */
import { isIP } from "node:net";
import type { FederationCaRepository, FederationCaRow } from "@mosaic/db";
import { DAY_MS } from "./ca/keys.js";
import { createCa } from "./ca/rootCa.js";
import { issueServerCertificate } from "./ca/serverCertificate.js";
import { seal, unseal } from "./seal.js";

/** The server certificate lives 90 days and is replaced at start when fewer than 30 remain. */
export const SERVER_CERT_VALIDITY_DAYS = 90;
export const SERVER_CERT_RENEW_DAYS = 30;

// Seal contexts: an envelope copied into another field will not open.
const CA_KEY_AAD = "federation-ca-key";
const SERVER_KEY_AAD = "federation-server-key";

/** The CA as the running gateway holds it: private keys unsealed, in memory only. */
export interface FederationCa {
  caCertPem: string;
  caKeyPem: string;
  fingerprint: string;
  serverCertPem: string;
  serverKeyPem: string;
  serverNames: string[];
  serverNotAfter: Date;
}

/** The names in the server certificate: localhost, 127.0.0.1, federation.host and any extras. */
export function federationServerNames(host: string, extra: readonly string[]): string[] {
  const names = ["localhost", "127.0.0.1", host, ...extra].map((n) => n.trim().toLowerCase()).filter(Boolean);
  return [...new Set(names)].sort();
}

/**
 * Loads the CA, creating it on first use (first writer wins when gateways share a database), and
 * makes sure the server certificate covers `names` and has more than SERVER_CERT_RENEW_DAYS left.
 */
export async function ensureFederationCa(props: {
  repo: FederationCaRepository;
  sealKey: Buffer;
  names: string[];
  commonName?: string;
  now?: Date;
}): Promise<FederationCa> {
  const now = props.now ?? new Date();
  const names = [...new Set(props.names)].sort();
  let row = await props.repo.get();
  if (!row) {
    const ca = await createCa({ commonName: props.commonName ?? "Mosaic federation CA", now });
    const server = await issueFor(ca.certPem, ca.privateKeyPem, names, now);
    row = await props.repo.createOnce({
      caCertPem: ca.certPem,
      caKeySealed: seal(ca.privateKeyPem, props.sealKey, CA_KEY_AAD),
      caFingerprint: ca.fingerprintSha256,
      serverCertPem: server.certPem,
      serverKeySealed: seal(server.privateKeyPem, props.sealKey, SERVER_KEY_AAD),
      serverNames: names.join(","),
      serverNotAfter: server.notAfter,
    });
  }
  const caKeyPem = unseal(row.caKeySealed, props.sealKey, CA_KEY_AAD).toString("utf8");
  const renewBy = new Date(now.getTime() + SERVER_CERT_RENEW_DAYS * DAY_MS);
  if (row.serverNames !== names.join(",") || row.serverNotAfter <= renewBy) {
    const server = await issueFor(row.caCertPem, caKeyPem, names, now);
    row = await props.repo.replaceServerCertificate({
      serverCertPem: server.certPem,
      serverKeySealed: seal(server.privateKeyPem, props.sealKey, SERVER_KEY_AAD),
      serverNames: names.join(","),
      serverNotAfter: server.notAfter,
    });
  }
  return loaded(row, caKeyPem, props.sealKey);
}

function loaded(row: FederationCaRow, caKeyPem: string, sealKey: Buffer): FederationCa {
  return {
    caCertPem: row.caCertPem,
    caKeyPem,
    fingerprint: row.caFingerprint,
    serverCertPem: row.serverCertPem,
    serverKeyPem: unseal(row.serverKeySealed, sealKey, SERVER_KEY_AAD).toString("utf8"),
    serverNames: row.serverNames.split(",").filter(Boolean),
    serverNotAfter: row.serverNotAfter,
  };
}

function issueFor(caCertPem: string, caKeyPem: string, names: string[], now: Date) {
  return issueServerCertificate({
    ca: { certPem: caCertPem, privateKeyPem: caKeyPem },
    hostnames: names.filter((n) => isIP(n) === 0),
    ips: names.filter((n) => isIP(n) !== 0),
    validityDays: SERVER_CERT_VALIDITY_DAYS,
    now,
  });
}
