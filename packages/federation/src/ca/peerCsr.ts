/** @module The enrolling side (B): a fresh P-256 key pair and the CSR sent to A's enrollment listener. */
import "reflect-metadata";
import { invalid } from "@mosaic/contracts";
import { Pkcs10CertificateRequestGenerator } from "@peculiar/x509";
import { crypto, ECDSA_SHA256, generateP256KeyPair, privateKeyToPem } from "./keys.js";

/**
 * Generates the peer's key pair and a CSR signed with it. The private key (PKCS#8 PEM) never leaves
 * B: seal it before storing. A ignores the CSR's subject, so `commonName` is only a label for logs.
 */
export async function generatePeerKeyAndCsr(props: {
  commonName: string;
}): Promise<{ privateKeyPem: string; csrPem: string }> {
  const commonName = props.commonName.trim();
  if (commonName.length === 0 || commonName.length > 64) {
    throw invalid("the CSR common name must be 1..64 characters", [{ path: "commonName", message: "bad length" }]);
  }
  const keys = await generateP256KeyPair();
  const csr = await Pkcs10CertificateRequestGenerator.create(
    { name: [{ CN: [commonName] }], keys, signingAlgorithm: ECDSA_SHA256 },
    crypto,
  );
  return { privateKeyPem: await privateKeyToPem(keys.privateKey), csrPem: csr.toString("pem") };
}
