/** @module Sealing secrets at rest (CA key, peer keys, provider credentials) with AES-256-GCM. */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { MosaicError } from "@mosaic/contracts";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export type UnsealFailure = "malformed" | "unsupported_version" | "authentication_failed";

/**
 * Thrown when an envelope cannot be opened. The message names the failure only: never the
 * envelope, the plaintext or the key, so it is safe to log.
 */
export class UnsealError extends MosaicError {
  readonly reason: UnsealFailure;

  constructor(reason: UnsealFailure) {
    const why: Record<UnsealFailure, string> = {
      malformed: "the sealed value is not a v1 envelope",
      unsupported_version: "the sealed value uses an unsupported envelope version",
      authentication_failed: "the sealed value failed authentication (wrong key, wrong context or tampered)",
    };
    super("internal", why[reason]);
    this.name = "UnsealError";
    this.reason = reason;
  }
}

/**
 * Encrypts `plaintext` into `v1.<base64url iv>.<base64url ciphertext||tag>` with AES-256-GCM and a
 * fresh random 96-bit IV. `aad` binds the envelope to its context (e.g. `ca-key`, `peer:<id>`): an
 * envelope copied to another row or field will not open there. The version is authenticated too.
 */
export function seal(plaintext: string | Buffer, key: Buffer, aad?: string): string {
  checkKey(key);
  // Random IVs are safe for far more seals than a gateway performs (NIST SP 800-38D: < 2^32 per key).
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** Opens an envelope made by `seal` with the same key and aad; throws `UnsealError` otherwise. */
export function unseal(envelope: string, key: Buffer, aad?: string): Buffer {
  checkKey(key);
  const parts = envelope.split(".");
  if (parts.length !== 3) throw new UnsealError("malformed");
  const [version, ivText, bodyText] = parts as [string, string, string];
  if (version !== VERSION) throw new UnsealError(/^v\d+$/.test(version) ? "unsupported_version" : "malformed");
  const iv = decodeBase64url(ivText);
  const body = decodeBase64url(bodyText);
  if (iv?.length !== IV_BYTES || !body || body.length < TAG_BYTES) throw new UnsealError("malformed");
  // authTagLength pins the tag at 16 bytes: without it Node accepts truncated tags (down to 4
  // bytes), which makes forgery far cheaper.
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(aad));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new UnsealError("authentication_failed");
  }
}

function checkKey(key: Buffer): void {
  // The message states the expected size only, never the key's bytes.
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new MosaicError("internal", `the seal key must be ${KEY_BYTES} bytes`);
  }
}

function additionalData(aad: string | undefined): Buffer {
  return Buffer.from(`mosaic-seal:${VERSION}:${aad ?? ""}`, "utf8");
}

/** Strict base64url: Node's decoder silently skips invalid characters, which would hide tampering. */
function decodeBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : null;
}
