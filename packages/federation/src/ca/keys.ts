/** @module WebCrypto plumbing for the CA: P-256 key pairs, PEM import/export, serials and fingerprints. */
import "reflect-metadata";
import { createHash, createPrivateKey, createPublicKey, randomBytes, webcrypto } from "node:crypto";
import { invalid } from "@mosaic/contracts";
import { X509Certificate } from "@peculiar/x509";
import { MAX_VALIDITY_DAYS } from "./oids.js";

/**
 * The WebCrypto implementation every @peculiar/x509 call gets explicitly, so nothing depends on
 * the library's global provider singleton.
 */
export const crypto = webcrypto;

/** Node's WebCrypto key type (@types/node 20 has no global `CryptoKey`). */
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

export const ECDSA_P256: webcrypto.EcKeyGenParams = { name: "ECDSA", namedCurve: "P-256" };
export const ECDSA_SHA256: webcrypto.EcdsaParams = { name: "ECDSA", hash: "SHA-256" };

/** A fresh extractable ECDSA P-256 key pair. */
export async function generateP256KeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA_P256, true, ["sign", "verify"]);
}

/** Exports a private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the form node:tls takes as `key`. */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey("pkcs8", key));
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" })
    .export({ type: "pkcs8", format: "pem" })
    .toString();
}

/** Imports a PKCS#8 (or SEC1) PEM P-256 private key as a non-extractable signing key. */
export async function importSigningKey(privateKeyPem: string): Promise<CryptoKey> {
  const keyObject = createPrivateKey(privateKeyPem);
  if (keyObject.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw invalid("the CA private key must be an ECDSA P-256 key");
  }
  const der = keyObject.export({ type: "pkcs8", format: "der" });
  return crypto.subtle.importKey("pkcs8", der, ECDSA_P256, false, ["sign"]);
}

/** True when the SPKI (DER) belongs to an ECDSA P-256 key. */
export function isP256PublicKey(spkiDer: ArrayBuffer): boolean {
  const key = createPublicKey({ key: Buffer.from(spkiDer), format: "der", type: "spki" });
  return key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1";
}

/** True when the private key PEM is the private half of the SPKI (DER). */
export function keyMatchesCertificate(privateKeyPem: string, spkiDer: ArrayBuffer): boolean {
  const derived = createPublicKey(privateKeyPem).export({ type: "spki", format: "der" });
  return Buffer.from(spkiDer).equals(derived);
}

/**
 * A random certificate serial: 16 bytes, lowercase hex, first byte in 0x40..0x7f so the DER
 * INTEGER is positive and minimal (126 random bits; CA/B Forum asks for ≥ 64).
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return bytes.toString("hex");
}

/**
 * Validates a caller-supplied serial and returns it lowercased. Only positive, minimally encoded
 * serials of 1..20 bytes (RFC 5280 §4.1.2.2) are taken, so the value stored with a grant is
 * byte-for-byte what `parsePeerIdentity` reads back from the certificate.
 */
export function normalizeSerial(serial: string): string {
  const hex = serial.toLowerCase();
  if (!/^(?:[0-9a-f]{2}){1,20}$/.test(hex) || hex.startsWith("00") || Number.parseInt(hex.slice(0, 2), 16) > 0x7f) {
    throw invalid("serial must be 1..20 bytes of hex, positive and without leading zero bytes (use randomSerial())", [
      { path: "serial", message: "not a positive minimal hex integer" },
    ]);
  }
  return hex;
}

/** Checks a validity in days is a whole number within 1..MAX_VALIDITY_DAYS. */
export function checkValidityDays(validityDays: number): void {
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
    throw invalid(`validityDays must be a whole number from 1 to ${MAX_VALIDITY_DAYS}`, [
      { path: "validityDays", message: "out of range" },
    ]);
  }
}

/** Drops milliseconds: certificates encode whole seconds, so returned dates equal the encoded ones. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Lowercase hex SHA-256 over the certificate DER, no colons: the `#sha256=<hex>` of enrollment
 * URLs. Accepts PEM or DER.
 */
export function certificateFingerprint(cert: string | Uint8Array): string {
  const der = typeof cert === "string" ? Buffer.from(new X509Certificate(cert).rawData) : cert;
  return createHash("sha256").update(der).digest("hex");
}
