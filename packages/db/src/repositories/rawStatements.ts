/**
 * @module The hot paths' way to run SQL: statements rendered by a stand-alone dialect (parts
 * without parameters rendered once), run through the session without drizzle's row mapping, and
 * rows read as the driver returns them (PGlite and node-postgres shape results differently).
 */
import { type Query, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database } from "../store.js";

/** Renders statements; holds no state of its own. */
export const dialect = new PgDialect();

/** A rendered statement part that must have no parameters, kept as raw SQL to splice into others. */
export function parameterless(query: Query, what: string): SQL {
  if (query.params.length) throw new Error(`${what} must have no parameters`);
  return sql.raw(query.sql);
}

/** Runs `statement` (as a named prepared statement when `name` is given) and returns its raw rows. */
export async function rawRows<T>(db: Database, statement: Query, name?: string): Promise<T[]> {
  return rowsOf<T>(await db._.session.prepareQuery(statement, undefined, name, false).execute());
}

/** The rows of a driver result: an array (node-postgres through drizzle) or `{ rows }` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A timestamp as the driver returned it (a Date, or text in PostgreSQL's format). */
export const toDate = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));
