/** @module Signing a peer's CSR into a client certificate whose every field comes from A, not the CSR. */
import "reflect-metadata";
import { invalid } from "@mosaic/contracts";
import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  Pkcs10CertificateRequest,
} from "@peculiar/x509";
import { checkValidityDays, crypto, DAY_MS, isP256PublicKey, normalizeSerial, wholeSeconds } from "./keys.js";
import { type IssuedCertificate, otherNameSanExtension, signLeaf, utf8StringDer } from "./leaf.js";
import { MAX_IDENTITY_VALUE_BYTES, OID_GRANT_ID, OID_SUBJECT_USER_ID } from "./oids.js";
import { type CaMaterial, loadCa } from "./rootCa.js";

/** A CSR is a few hundred bytes; anything this large is not one of ours and is not parsed. */
const MAX_CSR_PEM_CHARS = 16 * 1024;

export interface SignClientCsrProps {
  ca: CaMaterial;
  csrPem: string;
  grantId: string;
  subjectUserId: string;
  /** Hex; pass `randomSerial()` and store it with the grant as the current serial. */
  serial: string;
  validityDays: number;
  now: Date;
}

/**
 * Issues a peer client certificate. The CSR's own signature is verified (proof the requester holds
 * the private key), then its public key is the only thing taken from it: subject, SANs,
 * extensions and validity are built here from the caller's (database) values, so a CSR asking for
 * extra names, cA:true or a long life changes nothing.
 *
 * The certificate carries subject CN `mosaic-peer <grantId>`, a SubjectAltName of exactly one
 * otherName OID_GRANT_ID and one OID_SUBJECT_USER_ID (UTF8String), basicConstraints cA:false,
 * KU digitalSignature (critical), EKU clientAuth, notBefore = now, notAfter = now + validityDays.
 */
export async function signClientCsr(props: SignClientCsrProps): Promise<IssuedCertificate> {
  checkIdentityValue("grantId", props.grantId);
  checkIdentityValue("subjectUserId", props.subjectUserId);
  checkValidityDays(props.validityDays);
  const serial = normalizeSerial(props.serial);
  const csr = await readVerifiedCsr(props.csrPem);
  const ca = await loadCa(props.ca);
  const notBefore = wholeSeconds(props.now);
  return signLeaf({
    ca,
    publicKey: csr.publicKey,
    commonName: `mosaic-peer ${props.grantId}`,
    serial,
    notBefore,
    notAfter: new Date(notBefore.getTime() + props.validityDays * DAY_MS),
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      new ExtendedKeyUsageExtension([ExtendedKeyUsage.clientAuth], false),
      otherNameSanExtension([
        { typeId: OID_GRANT_ID, valueDer: utf8StringDer(props.grantId) },
        { typeId: OID_SUBJECT_USER_ID, valueDer: utf8StringDer(props.subjectUserId) },
      ]),
    ],
  });
}

/** Parses a PEM CSR, requires a P-256 key and a valid self-signature. */
async function readVerifiedCsr(csrPem: string): Promise<Pkcs10CertificateRequest> {
  if (csrPem.length > MAX_CSR_PEM_CHARS) throw invalid("the CSR is too large", [{ path: "csr", message: "too large" }]);
  let csr: Pkcs10CertificateRequest;
  try {
    csr = new Pkcs10CertificateRequest(csrPem);
  } catch {
    throw invalid("the CSR is not a PEM PKCS#10 request", [{ path: "csr", message: "unparseable" }]);
  }
  if (!isP256PublicKey(csr.publicKey.rawData)) {
    throw invalid("the CSR key must be ECDSA P-256", [{ path: "csr", message: "unsupported key" }]);
  }
  let signatureOk = false;
  try {
    signatureOk = await csr.verify(crypto);
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) throw invalid("the CSR signature does not verify", [{ path: "csr", message: "bad signature" }]);
  return csr;
}

/**
 * Identity values must round-trip through `parsePeerIdentity`, so the same limits apply at issuance:
 * non-empty, at most MAX_IDENTITY_VALUE_BYTES of UTF-8, no control characters (they end up in logs).
 */
function checkIdentityValue(path: string, value: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  const bad = value.length === 0 || /[\u0000-\u001f\u007f]/.test(value);
  if (bad || Buffer.byteLength(value, "utf8") > MAX_IDENTITY_VALUE_BYTES) {
    throw invalid(`${path} must be 1..${MAX_IDENTITY_VALUE_BYTES} bytes without control characters`, [
      { path, message: "invalid identity value" },
    ]);
  }
}
