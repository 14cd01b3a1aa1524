/** @module Recognising constraint violations the services turn into domain errors (e.g. 409). */

/**
 * True when `err` (or the error it wraps — drizzle wraps driver errors) is a PostgreSQL unique
 * violation (SQLSTATE 23505), optionally of the index named `constraint`. Same on PGlite and pg.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === "23505") return constraint === undefined || name === constraint;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
