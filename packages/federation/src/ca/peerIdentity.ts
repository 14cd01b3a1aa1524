/** @module Reading a peer's identity (grantId, subjectUserId, serial) from its client certificate's DER. */
import "reflect-metadata";
import { AsnConvert } from "@peculiar/asn1-schema";
import {
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  type Extension,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  KeyUsage,
  SubjectAlternativeName,
} from "@peculiar/asn1-x509";
import { MAX_IDENTITY_VALUE_BYTES, OID_EKU_CLIENT_AUTH, OID_GRANT_ID, OID_SUBJECT_USER_ID } from "./oids.js";

export type PeerIdentityRejection =
  | "malformed_certificate"
  | "duplicate_extension"
  | "unknown_critical_extension"
  | "ca_certificate"
  | "no_client_auth_eku"
  | "no_digital_signature_key_usage"
  | "missing_grant_id"
  | "duplicate_grant_id"
  | "missing_subject"
  | "duplicate_subject"
  | "bad_otherName_type"
  | "empty_value"
  | "value_too_long"
  | "invalid_value"
  | "expired"
  | "not_yet_valid";

export type PeerIdentity =
  | { ok: true; grantId: string; subjectUserId: string; serial: string; notBefore: Date; notAfter: Date }
  | { ok: false; reason: PeerIdentityRejection };

/** Larger than any certificate we issue by far, small enough that parsing a hostile one is cheap. */
const MAX_CERT_DER_BYTES = 64 * 1024;

/** The extensions this module understands; any other marked critical is refused (RFC 5280 §4.2). */
const KNOWN_EXTENSIONS = new Set([
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_extKeyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
]);

const UTF8_STRING_TAG = 0x0c;

/**
 * Reads the peer identity from a client certificate that TLS has already verified against our CA
 * (this function checks no signature). It parses the DER with @peculiar/asn1-x509 and never looks
 * at a text rendering of the SAN: text forms let crafted values smuggle in separators
 * (CVE-2021-44532), and Node prints otherName as `<unsupported>` anyway.
 *
 * Requires: a leaf (basicConstraints cA absent or false), EKU with clientAuth, KU with
 * digitalSignature, no unknown critical extension, and exactly one UTF8String otherName of each
 * OID_GRANT_ID and OID_SUBJECT_USER_ID, non-empty, at most MAX_IDENTITY_VALUE_BYTES, no control
 * characters. A grant id in the subject CN counts for nothing. With `now`, the validity period is
 * checked too (for callers on a resumed TLS session, where no fresh verification ran).
 */
export function parsePeerIdentity(certDer: Uint8Array, options: { now?: Date } = {}): PeerIdentity {
  if (certDer.byteLength === 0 || certDer.byteLength > MAX_CERT_DER_BYTES) return reject("malformed_certificate");
  let cert: Certificate;
  try {
    cert = AsnConvert.parse(certDer, Certificate);
  } catch {
    return reject("malformed_certificate");
  }
  const tbs = cert.tbsCertificate;
  const extensions = new Map<string, Extension>();
  for (const ext of tbs.extensions ?? []) {
    // Two copies of one extension let different parsers see different values (RFC 5280 §4.2).
    if (extensions.has(ext.extnID)) return reject("duplicate_extension");
    if (ext.critical && !KNOWN_EXTENSIONS.has(ext.extnID)) return reject("unknown_critical_extension");
    extensions.set(ext.extnID, ext);
  }
  try {
    const policy = checkLeafPolicy(extensions);
    if (policy) return reject(policy);
    const names = readIdentityNames(extensions.get(id_ce_subjectAltName));
    const grantId = readSingleValue(names.get(OID_GRANT_ID) ?? [], "missing_grant_id", "duplicate_grant_id");
    if (typeof grantId !== "object") return reject(grantId);
    const subject = readSingleValue(names.get(OID_SUBJECT_USER_ID) ?? [], "missing_subject", "duplicate_subject");
    if (typeof subject !== "object") return reject(subject);
    const notBefore = tbs.validity.notBefore.getTime();
    const notAfter = tbs.validity.notAfter.getTime();
    if (options.now && options.now.getTime() > notAfter.getTime()) return reject("expired");
    if (options.now && options.now.getTime() < notBefore.getTime()) return reject("not_yet_valid");
    return {
      ok: true,
      grantId: grantId.value,
      subjectUserId: subject.value,
      serial: serialHex(new Uint8Array(tbs.serialNumber)),
      notBefore,
      notAfter,
    };
  } catch {
    // An extension whose inner DER does not parse as its declared type.
    return reject("malformed_certificate");
  }
}

function reject(reason: PeerIdentityRejection): PeerIdentity {
  return { ok: false, reason };
}

/** cA must be false, EKU must list clientAuth (anyExtendedKeyUsage is not enough), KU digitalSignature. */
function checkLeafPolicy(extensions: Map<string, Extension>): PeerIdentityRejection | null {
  const basic = extensions.get(id_ce_basicConstraints);
  if (basic && AsnConvert.parse(basic.extnValue.buffer, BasicConstraints).cA) return "ca_certificate";
  const eku = extensions.get(id_ce_extKeyUsage);
  if (!eku || !AsnConvert.parse(eku.extnValue.buffer, ExtendedKeyUsage).includes(OID_EKU_CLIENT_AUTH)) {
    return "no_client_auth_eku";
  }
  const keyUsage = extensions.get(id_ce_keyUsage);
  if (!keyUsage || !AsnConvert.parse(keyUsage.extnValue.buffer, KeyUsage).toJSON().includes("digitalSignature")) {
    return "no_digital_signature_key_usage";
  }
  return null;
}

/** The raw DER values of our two otherName OIDs in the SAN, grouped by OID; other names are ignored. */
function readIdentityNames(san: Extension | undefined): Map<string, Uint8Array[]> {
  const found = new Map<string, Uint8Array[]>();
  if (!san) return found;
  for (const name of AsnConvert.parse(san.extnValue.buffer, SubjectAlternativeName)) {
    const other = name.otherName;
    if (!other || (other.typeId !== OID_GRANT_ID && other.typeId !== OID_SUBJECT_USER_ID)) continue;
    const list = found.get(other.typeId) ?? [];
    list.push(new Uint8Array(other.value));
    found.set(other.typeId, list);
  }
  return found;
}

/** Exactly one value, a well-formed UTF8String within the limits; else the rejection reason. */
function readSingleValue(
  values: Uint8Array[],
  missing: PeerIdentityRejection,
  duplicate: PeerIdentityRejection,
): { value: string } | PeerIdentityRejection {
  const [der, ...rest] = values;
  if (der === undefined) return missing;
  if (rest.length > 0) return duplicate;
  const content = utf8StringContent(der);
  if (content === null) return "bad_otherName_type";
  if (content.byteLength === 0) return "empty_value";
  if (content.byteLength > MAX_IDENTITY_VALUE_BYTES) return "value_too_long";
  let value: string;
  try {
    value = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return "invalid_value";
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters would reach logs and audit rows
  if (/[\u0000-\u001f\u007f]/.test(value)) return "invalid_value";
  return { value };
}

/** The content bytes of a DER UTF8String (tag 0x0C, definite length covering the rest), else null. */
function utf8StringContent(der: Uint8Array): Uint8Array | null {
  if (der.length < 2 || der[0] !== UTF8_STRING_TAG) return null;
  const first = der[1] ?? 0;
  let length = first;
  let offset = 2;
  if (first & 0x80) {
    const lengthBytes = first & 0x7f;
    if (lengthBytes === 0 || lengthBytes > 3 || der.length < 2 + lengthBytes) return null;
    length = 0;
    for (let i = 0; i < lengthBytes; i++) length = length * 256 + (der[2 + i] ?? 0);
    offset = 2 + lengthBytes;
  }
  if (offset + length !== der.length) return null;
  return der.subarray(offset);
}

/** Serial as lowercase hex without the DER sign byte, matching @peculiar/x509's `serialNumber`. */
function serialHex(bytes: Uint8Array): string {
  const trimmed = bytes.length > 1 && bytes[0] === 0x00 && (bytes[1] ?? 0) > 0x7f ? bytes.subarray(1) : bytes;
  return Buffer.from(trimmed).toString("hex");
}
