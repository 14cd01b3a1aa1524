/** @module Unit tests: the AES-256-GCM seal envelope opens only with the right key and context. */
import { randomBytes } from "node:crypto";
import { MosaicError } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { seal, UnsealError, unseal } from "./seal.js";

const key = randomBytes(32);
const secret =
  "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg-canary-7c1d\n-----END PRIVATE KEY-----\n";

/** Runs `fn`, expecting an UnsealError; returns it so the message can be scanned. */
function expectUnsealError(fn: () => unknown, reason: UnsealError["reason"]): UnsealError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UnsealError);
    expect(err).toBeInstanceOf(MosaicError);
    const error = err as UnsealError;
    expect(error.reason).toBe(reason);
    const text = `${error.message} ${error.stack ?? ""} ${JSON.stringify(error)}`;
    expect(text).not.toContain("canary");
    expect(text).not.toContain(key.toString("hex"));
    expect(text).not.toContain(key.toString("base64"));
    return error;
  }
  throw new Error("expected unseal to throw");
}

/** Flips one bit of the base64url field `index` (0 version, 1 iv, 2 body) at byte `at` (negative: from the end). */
function tamper(envelope: string, index: 1 | 2, at: number): string {
  const parts = envelope.split(".");
  const bytes = Buffer.from(parts[index] ?? "", "base64url");
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("seal / unseal", () => {
  it("round-trips strings and binary, with and without aad", () => {
    expect(unseal(seal(secret, key), key).toString("utf8")).toBe(secret);
    expect(unseal(seal(secret, key, "ca-key"), key, "ca-key").toString("utf8")).toBe(secret);
    const binary = randomBytes(1000);
    expect(unseal(seal(binary, key, "peer:1"), key, "peer:1")).toEqual(binary);
    expect(unseal(seal("", key), key)).toEqual(Buffer.alloc(0));
  });

  it("produces v1.<iv>.<body> with a 96-bit IV, no PEM markers and no plaintext", () => {
    const envelope = seal(secret, key, "ca-key");
    expect(envelope).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(envelope.split(".")[1] ?? "", "base64url")).toHaveLength(12);
    // ciphertext is as long as the plaintext, plus the 16-byte tag
    expect(Buffer.from(envelope.split(".")[2] ?? "", "base64url")).toHaveLength(Buffer.byteLength(secret) + 16);
    expect(envelope).not.toContain("BEGIN");
    expect(envelope).not.toContain("canary");
  });

  it("uses a fresh random IV: sealing the same value twice gives different envelopes", () => {
    const a = seal(secret, key);
    const b = seal(secret, key);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
  });

  it("rejects tampered ciphertext, tag and IV", () => {
    const envelope = seal(secret, key, "ctx");
    expectUnsealError(() => unseal(tamper(envelope, 2, 0), key, "ctx"), "authentication_failed");
    expectUnsealError(() => unseal(tamper(envelope, 2, -1), key, "ctx"), "authentication_failed");
    expectUnsealError(() => unseal(tamper(envelope, 1, 5), key, "ctx"), "authentication_failed");
  });

  it("rejects a wrong key and a wrong or missing aad", () => {
    const envelope = seal(secret, key, "peer:1");
    expectUnsealError(() => unseal(envelope, randomBytes(32), "peer:1"), "authentication_failed");
    expectUnsealError(() => unseal(envelope, key, "peer:2"), "authentication_failed");
    expectUnsealError(() => unseal(envelope, key), "authentication_failed");
    expectUnsealError(() => unseal(seal(secret, key), key, "peer:1"), "authentication_failed");
  });

  it("rejects truncated tags, malformed envelopes and other versions", () => {
    const envelope = seal(secret, key);
    const [, iv, body] = envelope.split(".") as [string, string, string];
    const shortTag = Buffer.from(body, "base64url").subarray(0, -4).toString("base64url");
    expectUnsealError(() => unseal(`v1.${iv}.${shortTag}`, key), "authentication_failed");
    expectUnsealError(() => unseal(`v1.${iv}.${Buffer.alloc(8).toString("base64url")}`, key), "malformed");
    expectUnsealError(() => unseal(`v2.${iv}.${body}`, key), "unsupported_version");
    expectUnsealError(() => unseal(`x.${iv}.${body}`, key), "malformed");
    expectUnsealError(() => unseal(`v1.${iv}.${body}.extra`, key), "malformed");
    expectUnsealError(() => unseal(`v1.${iv}!.${body}`, key), "malformed");
    expectUnsealError(() => unseal(`v1.${iv.slice(2)}.${body}`, key), "malformed");
    expectUnsealError(() => unseal(secret, key), "malformed");
  });

  it("refuses keys that are not 32 bytes with a message that states the size only", () => {
    const shortKey = Buffer.from("short-key-canary");
    for (const bad of [shortKey, randomBytes(16), randomBytes(33)]) {
      expect(() => seal(secret, bad)).toThrow(/^the seal key must be 32 bytes$/);
      expect(() => unseal("v1.a.b", bad)).toThrow(/^the seal key must be 32 bytes$/);
    }
  });
});
