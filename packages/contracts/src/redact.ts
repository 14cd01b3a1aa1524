/** @module Removes credentials from anything that may be printed: connection strings, bearer tokens. */

// scheme://user:password@host or scheme://user@host or scheme://:password@host — the whole
// userinfo part goes, whatever it holds, so neither a user name nor a password leaks.
const CONNECTION_STRING = /\b(postgres(?:ql)?|rediss?|valkeys?|mysql|amqps?|mongodb(?:\+srv)?):\/\/[^\s/@'"`]+@/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const PASSWORD_PARAM = /([?&](?:password|sslpassword|pass)=)[^&\s'"]+/gi;

/** Returns `text` with every connection-string credential replaced by `***`. */
export function redactSecrets(text: string): string {
  if (!text) return text;
  return text
    .replace(CONNECTION_STRING, (_m, scheme: string) => `${normaliseScheme(scheme)}://***@`)
    .replace(PASSWORD_PARAM, "$1***")
    .replace(BEARER, "$1 ***");
}

function normaliseScheme(scheme: string): string {
  const lower = scheme.toLowerCase();
  return lower === "postgresql" ? "postgres" : lower;
}

/** Redacts every string inside a JSON-like value (bounded depth), returning a copy. */
export function redactDeep<T>(value: T, depth = 6): T {
  if (typeof value === "string") return redactSecrets(value) as T;
  if (depth <= 0 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message));
    copy.name = value.name;
    if (value.stack) copy.stack = redactSecrets(value.stack);
    return copy as T;
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth - 1)) as T;
  // Only plain objects are rebuilt: class instances (requests, buffers, dates) pass through as they are.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth - 1);
  return out as T;
}

/** A connection URL shown to people: credentials gone, host and database kept. */
export function describeUrl(url: string | undefined): string {
  if (!url) return "(not set)";
  return redactSecrets(url);
}

// The token of an enrollment URL (`/enroll/<token>`) is a single-use credential: logs keep the
// path's shape but never the token.
const ENROLLMENT_TOKEN = /\/enroll\/[^/?#\s"']+/g;

/** Returns `text` with the token of any enrollment URL or path replaced by `***`. */
export function redactEnrollmentTokens(text: string): string {
  return text ? text.replace(ENROLLMENT_TOKEN, "/enroll/***") : text;
}
