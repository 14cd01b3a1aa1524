/**
 * @module Test-only certificate builders: leaves signed by a project CA but with any extension set,
 * so tests (here and in the gateway's federation suites) can present the malformed certificates a
 * hostile peer might. Never used to issue real certificates.
 */
import "reflect-metadata";
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  type Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
  Pkcs10CertificateRequestGenerator,
  X509CertificateGenerator,
} from "@peculiar/x509";
import { crypto, DAY_MS, ECDSA_SHA256, generateP256KeyPair, privateKeyToPem, randomSerial } from "./ca/keys.js";
import {
  type IssuedCertificate,
  type OtherNameEntry,
  otherNameSanExtension,
  signLeaf,
  utf8StringDer,
} from "./ca/leaf.js";
import { OID_EKU_CLIENT_AUTH, OID_GRANT_ID, OID_SUBJECT_USER_ID } from "./ca/oids.js";
import { type CaMaterial, loadCa } from "./ca/rootCa.js";

/** One SAN otherName for a test leaf: a string in a chosen ASN.1 type, or raw DER. */
export type TestOtherName =
  | { oid: string; value: string; encoding?: "utf8" | "ia5" }
  | { oid: string; valueDer: ArrayBuffer };

export interface TestLeafOptions {
  commonName?: string;
  serial?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** `null` leaves basicConstraints out; default `{ ca: false }`. */
  basicConstraints?: { ca: boolean } | null;
  /** EKU OIDs; `null` leaves the extension out; default clientAuth. */
  extKeyUsages?: string[] | null;
  /** KeyUsageFlags; `null` leaves the extension out; default digitalSignature. */
  keyUsage?: number | null;
  /** SAN otherNames; `null` leaves the SAN out; default one valid grantId and subjectUserId. */
  otherNames?: TestOtherName[] | null;
  extraExtensions?: Extension[];
}

export interface TestLeaf extends IssuedCertificate {
  privateKeyPem: string;
}

/** The default identity of test leaves. */
export const TEST_GRANT_ID = "00000000-0000-4000-8000-000000000001";
export const TEST_SUBJECT_USER_ID = "user-test-1";

/** DER of an ASN.1 string with the given universal tag (0x0c UTF8String, 0x16 IA5String). */
export function derString(tag: number, value: string): ArrayBuffer {
  const content = Buffer.from(value, "utf8");
  if (content.length > 0xffff) throw new Error("derString handles values up to 65535 bytes");
  const length =
    content.length < 0x80
      ? [content.length]
      : content.length < 0x100
        ? [0x81, content.length]
        : [0x82, content.length >> 8, content.length & 0xff];
  return new Uint8Array([tag, ...length, ...content]).buffer;
}

/** Builds a leaf signed by `ca` with exactly the extensions the options describe. */
export async function issueTestLeaf(ca: CaMaterial, options: TestLeafOptions = {}): Promise<TestLeaf> {
  const keys = await generateP256KeyPair();
  const now = Date.now();
  const extensions = leafExtensions(options);
  const issued = await signLeaf({
    ca: await loadCa(ca),
    publicKey: await crypto.subtle.exportKey("spki", keys.publicKey),
    commonName: options.commonName ?? "mosaic-test-leaf",
    serial: options.serial ?? randomSerial(),
    notBefore: options.notBefore ?? new Date(now - 60_000),
    notAfter: options.notAfter ?? new Date(now + DAY_MS),
    extensions,
  });
  return { ...issued, privateKeyPem: await privateKeyToPem(keys.privateKey) };
}

/** A self-signed leaf carrying a valid-looking identity: what an attacker without our CA can make. */
export async function issueSelfSignedPeerCertificate(options: { notBefore?: Date; notAfter?: Date } = {}) {
  const keys = await generateP256KeyPair();
  const now = Date.now();
  const cert = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: [{ CN: [`mosaic-peer ${TEST_GRANT_ID}`] }],
      notBefore: options.notBefore ?? new Date(now - 60_000),
      notAfter: options.notAfter ?? new Date(now + DAY_MS),
      keys,
      signingAlgorithm: ECDSA_SHA256,
      extensions: leafExtensions({}),
    },
    crypto,
  );
  return { certPem: cert.toString("pem"), privateKeyPem: await privateKeyToPem(keys.privateKey) };
}

function leafExtensions(options: TestLeafOptions): Extension[] {
  const extensions: Extension[] = [];
  const basic = options.basicConstraints === undefined ? { ca: false } : options.basicConstraints;
  if (basic) extensions.push(new BasicConstraintsExtension(basic.ca, undefined, true));
  const keyUsage = options.keyUsage === undefined ? KeyUsageFlags.digitalSignature : options.keyUsage;
  if (keyUsage !== null) extensions.push(new KeyUsagesExtension(keyUsage, true));
  const eku = options.extKeyUsages === undefined ? [OID_EKU_CLIENT_AUTH] : options.extKeyUsages;
  if (eku) extensions.push(new ExtendedKeyUsageExtension(eku, false));
  const otherNames =
    options.otherNames === undefined
      ? [
          { oid: OID_GRANT_ID, value: TEST_GRANT_ID },
          { oid: OID_SUBJECT_USER_ID, value: TEST_SUBJECT_USER_ID },
        ]
      : options.otherNames;
  if (otherNames) extensions.push(otherNameSanExtension(otherNames.map(toEntry)));
  extensions.push(...(options.extraExtensions ?? []));
  return extensions;
}

function toEntry(name: TestOtherName): OtherNameEntry {
  if ("valueDer" in name) return { typeId: name.oid, valueDer: name.valueDer };
  const valueDer = name.encoding === "ia5" ? derString(0x16, name.value) : utf8StringDer(name.value);
  return { typeId: name.oid, valueDer };
}

/**
 * A CSR that asks for everything a hostile peer might want: extra DNS SANs, its own grantId and
 * subjectUserId otherNames, cA:true, keyCertSign and serverAuth. Issuance must ignore all of it.
 */
export async function issueGreedyCsr(props: { grantId: string; subjectUserId: string }) {
  const keys = await generateP256KeyPair();
  const csr = await Pkcs10CertificateRequestGenerator.create(
    {
      name: [{ CN: [`mosaic-peer ${props.grantId}`] }],
      keys,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new BasicConstraintsExtension(true, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([OID_EKU_CLIENT_AUTH, "1.3.6.1.5.5.7.3.1"], false),
        otherNameSanExtension([
          { typeId: OID_GRANT_ID, valueDer: utf8StringDer(props.grantId) },
          { typeId: OID_SUBJECT_USER_ID, valueDer: utf8StringDer(props.subjectUserId) },
          { typeId: "1.3.6.1.4.1.99999.3", valueDer: utf8StringDer("extra") },
        ]),
      ],
    },
    crypto,
  );
  return { csrPem: csr.toString("pem"), privateKeyPem: await privateKeyToPem(keys.privateKey) };
}
