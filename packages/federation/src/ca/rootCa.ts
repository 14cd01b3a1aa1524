/** @module The embedded federation CA: creating the self-signed P-256 root and loading it to sign with. */
import "reflect-metadata";
import { invalid } from "@mosaic/contracts";
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from "@peculiar/x509";
import {
  type CryptoKey,
  certificateFingerprint,
  crypto,
  DAY_MS,
  ECDSA_SHA256,
  generateP256KeyPair,
  importSigningKey,
  keyMatchesCertificate,
  privateKeyToPem,
  randomSerial,
  wholeSeconds,
} from "./keys.js";

/**
 * What a gateway keeps of its CA. `privateKeyPem` is PKCS#8 PEM: callers seal it (see `seal`)
 * before it touches disk or the database and unseal it only to sign.
 */
export interface CaMaterial {
  certPem: string;
  privateKeyPem: string;
}

export interface CreatedCa extends CaMaterial {
  /** Lowercase hex SHA-256 of the certificate DER (the enrollment URL's `#sha256=`). */
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
}

/** The root lives ~10 years; rotation is a separate, deliberate operation. */
export const CA_VALIDITY_DAYS = 3650;
/**
 * Peers verify A's CA and server certificate with their own clocks, so both are backdated a few
 * minutes to tolerate skew between machines.
 */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Creates a self-signed ECDSA P-256 root: basicConstraints cA:TRUE pathLen:0 (it signs leaves
 * only), keyUsage keyCertSign|cRLSign, both critical.
 */
export async function createCa(props: { commonName: string; now?: Date }): Promise<CreatedCa> {
  const commonName = props.commonName.trim();
  if (commonName.length === 0 || commonName.length > 64) {
    throw invalid("the CA common name must be 1..64 characters", [{ path: "commonName", message: "bad length" }]);
  }
  const now = wholeSeconds(props.now ?? new Date());
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(now.getTime() + CA_VALIDITY_DAYS * DAY_MS);
  const keys = await generateP256KeyPair();
  const cert = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      // JSON form, not "CN=..." text: a name with commas or '+' must not become extra RDNs.
      name: [{ CN: [commonName] }, { O: ["Mosaic federation"] }],
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const certPem = cert.toString("pem");
  return {
    certPem,
    privateKeyPem: await privateKeyToPem(keys.privateKey),
    fingerprintSha256: certificateFingerprint(new Uint8Array(cert.rawData)),
    notBefore,
    notAfter,
  };
}

/** A CA ready to sign: its parsed certificate and a non-extractable signing key. */
export interface LoadedCa {
  cert: X509Certificate;
  signingKey: CryptoKey;
}

/**
 * Parses the CA material and checks the key is the certificate's: signing with a mismatched key
 * would yield certificates no peer can verify, discovered only at the next handshake.
 */
export async function loadCa(ca: CaMaterial): Promise<LoadedCa> {
  const cert = new X509Certificate(ca.certPem);
  const basic = cert.getExtension(BasicConstraintsExtension);
  if (!basic?.ca) throw invalid("the CA certificate is not a CA (basicConstraints cA:false)");
  if (!keyMatchesCertificate(ca.privateKeyPem, cert.publicKey.rawData)) {
    throw invalid("the CA private key does not belong to the CA certificate");
  }
  return { cert, signingKey: await importSigningKey(ca.privateKeyPem) };
}
