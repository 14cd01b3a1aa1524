/** @module The local tier's store: embedded PGlite with pgvector, in a pid-locked data dir. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { acquireDataDirLock, type DataDirLock } from "./dataDirLock.js";
import * as schema from "./schema.js";
import { type Database, MIGRATIONS_DIR, type PgliteOptions, type QueryFn, type Store } from "./store.js";
import { ensureVectorIndexes, VECTOR_SEARCH_SETTINGS } from "./vectorIndexes.js";

/** Opens (creating on first use) the embedded PGlite store with pgvector, and migrates it. */
export async function openPglite(options: PgliteOptions): Promise<Store> {
  mkdirSync(options.dataDir, { recursive: true });
  const lock: DataDirLock | null = options.lock === false ? null : acquireDataDirLock(options.dataDir);
  try {
    const client = await PGlite.create(join(options.dataDir, "pglite"), { extensions: { vector } });
    await client.exec("CREATE EXTENSION IF NOT EXISTS vector");
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
    const query: QueryFn = async (text, params) => (await client.query(text, params)).rows as never;
    await ensureVectorIndexes(query);
    // PGlite has one session, so session settings hold for every later query.
    for (const [name, value] of Object.entries(VECTOR_SEARCH_SETTINGS)) await client.query(`SET ${name} = '${value}'`);
    return {
      driver: "pglite",
      db,
      hasVector: true,
      target: options.dataDir,
      query,
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
