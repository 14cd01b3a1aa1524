/** @module Opens the brain's database on either driver (PGlite or PostgreSQL) and applies migrations. */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describeUrl, redactSecrets } from "@mosaic/contracts";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.js";
import { ensureVectorIndexes, vectorSearchStartupOptions } from "./vectorIndexes.js";

export type Schema = typeof schema;
/** The one database type repositories are written against; both drivers produce it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = "pglite" | "postgres";

/** A row-returning SQL executor: the escape hatch for probes and tier migration (not for features). */
export type QueryFn = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface Store {
  readonly driver: Driver;
  readonly db: Database;
  /** True when the `vector` extension is installed in this database. */
  readonly hasVector: boolean;
  /** Where the data lives, safe to print (a path, or a URL with credentials redacted). */
  readonly target: string;
  query: QueryFn;
  close(): Promise<void>;
}

// Found through the package, not relative to this file: the gateway bundle inlines this module elsewhere.
export const MIGRATIONS_DIR = join(
  dirname(createRequire(import.meta.url).resolve("@mosaic/db/package.json")),
  "migrations",
);

// Serialises schema migrations when several gateways start against one Postgres at once.
const MIGRATION_LOCK_KEY = 0x6d6f7361; // "mosa"

export interface PgliteOptions {
  /** The gateway's data directory; PGlite keeps its cluster in `<dataDir>/pglite`. */
  dataDir: string;
  /** Takes a pid lock on the data dir so a second process can't open (and corrupt) it. */
  lock?: boolean;
}

/**
 * Opens (creating on first use) the embedded PGlite store with pgvector, and migrates it.
 * Loaded on demand: the PostgreSQL tiers never pay for importing PGlite.
 */
export async function openPgliteStore(options: PgliteOptions): Promise<Store> {
  const { openPglite } = await import("./pgliteStore.js");
  return openPglite(options);
}

export interface PostgresOptions {
  url: string;
  /** Create the `vector` extension (idempotently) before migrating: the federated tier. */
  createVector?: boolean;
  poolSize?: number;
  connectTimeoutMs?: number;
}

/** Connects to PostgreSQL, optionally creates pgvector, applies migrations under an advisory lock. */
export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  await migratePostgres(options);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 20,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    // Harmless without pgvector: unknown `hnsw.*` settings are kept as placeholders until it loads.
    options: vectorSearchStartupOptions(),
  });
  // An idle client dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const query: QueryFn = async (text, params) => (await pool.query(text, params as unknown[])).rows as never;
  const ext = await query<{ n: number }>("SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'vector'");
  const hasVector = (ext[0]?.n ?? 0) > 0;
  if (hasVector) await ensureVectorIndexes(query);
  return {
    driver: "postgres",
    db: drizzlePg(pool, { schema }) as unknown as Database,
    hasVector,
    target: describeUrl(options.url),
    query,
    async close() {
      await pool.end();
    },
  };
}

/** Applies the committed migrations to a PostgreSQL database (idempotent; safe to run concurrently). */
export async function migratePostgres(options: PostgresOptions): Promise<void> {
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
  });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (err) {
    throw new Error(redactSecrets(`postgres unreachable at ${describeUrl(options.url)}: ${(err as Error).message}`));
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    if (options.createVector) await client.query("CREATE EXTENSION IF NOT EXISTS vector");
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}
