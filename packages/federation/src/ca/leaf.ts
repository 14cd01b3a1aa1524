/** @module Signing a leaf certificate with a loaded CA, and encoding otherName SubjectAltNames. */
import "reflect-metadata";
import { AsnConvert } from "@peculiar/asn1-schema";
import {
  GeneralName as AsnGeneralName,
  DirectoryString,
  id_ce_subjectAltName,
  OtherName,
  SubjectAlternativeName,
} from "@peculiar/asn1-x509";
import {
  AuthorityKeyIdentifierExtension,
  Extension,
  type PublicKey,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from "@peculiar/x509";
import { crypto, ECDSA_SHA256 } from "./keys.js";
import type { LoadedCa } from "./rootCa.js";

/** A signed leaf in the forms callers need: PEM for node:tls and storage, DER for parsing. */
export interface IssuedCertificate {
  certPem: string;
  certDer: Uint8Array;
  serial: string;
  notBefore: Date;
  notAfter: Date;
}

export interface SignLeafProps {
  ca: LoadedCa;
  publicKey: PublicKey | ArrayBuffer;
  commonName: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** Everything except SKI/AKI, which are always derived here. */
  extensions: Extension[];
}

/** Signs a leaf with the CA key (ECDSA-SHA256), issuer = the CA's subject, with SKI and AKI added. */
export async function signLeaf(props: SignLeafProps): Promise<IssuedCertificate> {
  const { ca } = props;
  const caKeyId = ca.cert.getExtension(SubjectKeyIdentifierExtension)?.keyId;
  const aki = caKeyId
    ? new AuthorityKeyIdentifierExtension(caKeyId)
    : await AuthorityKeyIdentifierExtension.create(ca.cert.publicKey, false, crypto);
  const cert = await X509CertificateGenerator.create(
    {
      serialNumber: props.serial,
      subject: [{ CN: [props.commonName] }],
      issuer: ca.cert.subjectName,
      notBefore: props.notBefore,
      notAfter: props.notAfter,
      publicKey: props.publicKey,
      signingKey: ca.signingKey,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        ...props.extensions,
        await SubjectKeyIdentifierExtension.create(props.publicKey, false, crypto),
        aki,
      ],
    },
    crypto,
  );
  return {
    certPem: cert.toString("pem"),
    certDer: new Uint8Array(cert.rawData),
    serial: cert.serialNumber,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  };
}

/** One otherName: its type-id and the DER of the value that goes inside the `[0] EXPLICIT`. */
export interface OtherNameEntry {
  typeId: string;
  valueDer: ArrayBuffer;
}

/** DER of an ASN.1 UTF8String: the only type we issue and accept for the identity otherNames. */
export function utf8StringDer(value: string): ArrayBuffer {
  return AsnConvert.serialize(new DirectoryString({ utf8String: value }));
}

/**
 * A non-critical SubjectAltName extension made only of otherName entries. Built with
 * @peculiar/asn1-x509 because @peculiar/x509's GeneralName only knows the UPN/GUID otherNames.
 */
export function otherNameSanExtension(entries: OtherNameEntry[]): Extension {
  const san = new SubjectAlternativeName(
    entries.map(
      (entry) => new AsnGeneralName({ otherName: new OtherName({ typeId: entry.typeId, value: entry.valueDer }) }),
    ),
  );
  return new Extension(id_ce_subjectAltName, false, AsnConvert.serialize(san));
}
