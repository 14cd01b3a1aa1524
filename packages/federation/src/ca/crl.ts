/** @module Certificate revocation lists signed by the embedded CA, and reading them back. */
import "reflect-metadata";
import { invalid } from "@mosaic/contracts";
import { AsnConvert } from "@peculiar/asn1-schema";
import { CRLNumber, id_ce_cRLNumber } from "@peculiar/asn1-x509";
import {
  AuthorityKeyIdentifierExtension,
  Extension,
  PemConverter,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509Crl,
  X509CrlGenerator,
} from "@peculiar/x509";
import { crypto, ECDSA_SHA256, normalizeSerial, wholeSeconds } from "./keys.js";
import { type CaMaterial, loadCa } from "./rootCa.js";

/** The PEM label OpenSSL (and so node:tls's `crl` option) requires; @peculiar/x509 writes `CRL`. */
const CRL_PEM_LABEL = "X509 CRL";

export interface RevokedSerial {
  serial: string;
  revokedAt: Date;
}

/**
 * Signs a v2 CRL listing the revoked serials, with an AKI and a CRL number (RFC 5280 §5.2.3).
 * The CRL number defaults to `thisUpdate` in Unix seconds, which increases with every later CRL.
 * Returns PEM labelled `X509 CRL` so node:tls and openssl accept it as is.
 */
export async function createCrl(props: {
  ca: CaMaterial;
  revoked: RevokedSerial[];
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber?: number;
}): Promise<string> {
  if (props.nextUpdate.getTime() <= props.thisUpdate.getTime()) {
    throw invalid("nextUpdate must be after thisUpdate", [{ path: "nextUpdate", message: "not after thisUpdate" }]);
  }
  const ca = await loadCa(props.ca);
  const thisUpdate = wholeSeconds(props.thisUpdate);
  const crlNumber = props.crlNumber ?? Math.floor(thisUpdate.getTime() / 1000);
  const caKeyId = ca.cert.getExtension(SubjectKeyIdentifierExtension)?.keyId;
  const extensions: Extension[] = [
    new Extension(id_ce_cRLNumber, false, AsnConvert.serialize(new CRLNumber(crlNumber))),
  ];
  if (caKeyId) extensions.push(new AuthorityKeyIdentifierExtension(caKeyId));
  const crl = await X509CrlGenerator.create(
    {
      issuer: ca.cert.subjectName,
      thisUpdate,
      nextUpdate: wholeSeconds(props.nextUpdate),
      signingKey: ca.signingKey,
      signingAlgorithm: ECDSA_SHA256,
      extensions,
      entries: props.revoked.map((entry) => ({
        serialNumber: normalizeSerial(entry.serial),
        revocationDate: wholeSeconds(entry.revokedAt),
      })),
    },
    crypto,
  );
  return PemConverter.encode(crl.rawData, CRL_PEM_LABEL);
}

export interface CrlContents {
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  revoked: RevokedSerial[];
}

/**
 * Parses a CRL (PEM with either label, or DER) and verifies its signature with the CA certificate
 * before returning anything: an unverified CRL must never decide who is revoked.
 */
export async function readCrl(props: { crl: string | Uint8Array; caCertPem: string }): Promise<CrlContents> {
  let crl: X509Crl;
  try {
    crl = new X509Crl(typeof props.crl === "string" ? PemConverter.decodeFirst(props.crl) : props.crl);
  } catch {
    throw invalid("not a CRL", [{ path: "crl", message: "unparseable" }]);
  }
  const caCert = new X509Certificate(props.caCertPem);
  if (!(await crl.verify({ publicKey: caCert }, crypto))) {
    throw invalid("the CRL signature does not verify against the CA", [{ path: "crl", message: "bad signature" }]);
  }
  return {
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate,
    revoked: crl.entries.map((entry) => ({
      serial: entry.serialNumber.toLowerCase(),
      revokedAt: entry.revocationDate,
    })),
  };
}
