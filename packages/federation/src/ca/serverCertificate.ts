/** @module The federation/enrollment listener's TLS server certificate, issued by the embedded CA. */
import "reflect-metadata";
import { isIP } from "node:net";
import { invalid } from "@mosaic/contracts";
import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
} from "@peculiar/x509";
import {
  checkValidityDays,
  crypto,
  DAY_MS,
  generateP256KeyPair,
  privateKeyToPem,
  randomSerial,
  wholeSeconds,
} from "./keys.js";
import { type IssuedCertificate, signLeaf } from "./leaf.js";
import { type CaMaterial, CLOCK_SKEW_MS, loadCa } from "./rootCa.js";

export interface ServerCertificate extends IssuedCertificate {
  /** PKCS#8 PEM of the freshly generated server key; seal it before storing. */
  privateKeyPem: string;
}

// A DNS name as TLS clients match it: labels of letters, digits and hyphens. Wildcards are refused
// on purpose: a federation listener has exact names, and a wildcard would cover unrelated hosts.
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Issues a TLS server certificate for the gateway's federation hostnames and IPs: a new P-256 key,
 * SAN dNSName/iPAddress entries, EKU serverAuth, KU digitalSignature, cA:FALSE.
 */
export async function issueServerCertificate(props: {
  ca: CaMaterial;
  hostnames: string[];
  ips?: string[];
  validityDays: number;
  now?: Date;
}): Promise<ServerCertificate> {
  const hostnames = props.hostnames.map((name) => name.trim().toLowerCase());
  const ips = props.ips ?? [];
  for (const [i, name] of hostnames.entries()) {
    if (!HOSTNAME.test(name)) throw invalid(`not a DNS name: ${name}`, [{ path: `hostnames.${i}`, message: "bad" }]);
  }
  for (const [i, ip] of ips.entries()) {
    if (isIP(ip) === 0) throw invalid(`not an IP address: ${ip}`, [{ path: `ips.${i}`, message: "bad" }]);
  }
  const commonName = hostnames[0] ?? ips[0];
  if (commonName === undefined) throw invalid("a server certificate needs at least one hostname or IP");
  checkValidityDays(props.validityDays);

  const ca = await loadCa(props.ca);
  const now = wholeSeconds(props.now ?? new Date());
  const keys = await generateP256KeyPair();
  const issued = await signLeaf({
    ca,
    publicKey: await crypto.subtle.exportKey("spki", keys.publicKey),
    commonName,
    serial: randomSerial(),
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(now.getTime() + props.validityDays * DAY_MS),
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth], false),
      new SubjectAlternativeNameExtension([
        ...hostnames.map((value) => ({ type: "dns" as const, value })),
        ...ips.map((value) => ({ type: "ip" as const, value })),
      ]),
    ],
  });
  return { ...issued, privateKeyPem: await privateKeyToPem(keys.privateKey) };
}
