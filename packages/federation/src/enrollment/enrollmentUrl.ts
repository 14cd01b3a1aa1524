/** @module Enrollment URLs and tokens: `https://<host>:<enrollPort>/enroll/<token>#sha256=<CA fingerprint>`. */
import { createHash, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { invalid } from "@mosaic/contracts";

/** 32 random bytes (256 bits), base64url: comfortably over the 128 bits the spec asks for. */
export function newEnrollmentToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this hash is stored; the token itself exists in the URL the admin is shown once. */
export function hashEnrollmentToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** What a well-formed token looks like; anything else is answered like an unknown token. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,128}$/;
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** `host` as it goes into a URL authority: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

export function formatEnrollmentUrl(props: { host: string; port: number; token: string; fingerprint: string }): string {
  return `https://${urlHost(props.host)}:${props.port}/enroll/${props.token}#sha256=${props.fingerprint}`;
}

export interface EnrollmentTarget {
  /** Hostname or IP as written in the URL (IPv6 without brackets). */
  host: string;
  port: number;
  token: string;
  /** Lowercase hex SHA-256 of A's CA certificate DER. */
  fingerprint: string;
}

/**
 * Parses an enrollment URL strictly: https only, `/enroll/<token>` and nothing else in the path,
 * no query or credentials, and a `#sha256=` fingerprint (colons and upper case tolerated, as
 * `openssl x509 -fingerprint` prints them). Errors never repeat the token.
 */
export function parseEnrollmentUrl(raw: string): EnrollmentTarget {
  const bad = (message: string) =>
    invalid(`not an enrollment URL: ${message}`, [{ path: "body.enrollmentUrl", message }]);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw bad("unparseable");
  }
  if (url.protocol !== "https:") throw bad("it must start with https://");
  if (url.username || url.password) throw bad("it must not carry credentials");
  if (url.search) throw bad("it must not have a query string");
  const match = /^\/enroll\/([^/]+)$/.exec(url.pathname);
  const token = match?.[1];
  if (!token || !TOKEN_SHAPE.test(token)) throw bad("the path must be /enroll/<token>");
  const fragment = /^#sha256=([0-9a-fA-F:]+)$/.exec(url.hash);
  const fingerprint = fragment?.[1]?.replaceAll(":", "").toLowerCase();
  if (!fingerprint || !FINGERPRINT.test(fingerprint)) throw bad("it must end with #sha256=<64 hex digits>");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = url.port ? Number(url.port) : 443;
  return { host, port, token, fingerprint };
}
