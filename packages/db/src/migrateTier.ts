/** @module One-way copy of every durable table from the current store to a PostgreSQL target. */
import { describeUrl, MosaicError, redactSecrets } from "@mosaic/contracts";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { EPHEMERAL_TABLES } from "./schema.js";
import { MIGRATIONS_DIR, type QueryFn, type Store } from "./store.js";

/** Held on the target for the whole run: a second concurrent run fails fast instead of interleaving. */
export const MIGRATE_TIER_LOCK_KEY = 0x6d746965; // "mtie"

export interface MigrateTierOptions {
  source: Store;
  targetUrl: string;
  to: "standalone" | "federated";
  dryRun: boolean;
  batchSize?: number;
  onProgress?: (event: MigrateProgress) => void;
}

export type MigrateProgress =
  | { kind: "table-start"; table: string; rows: number }
  | { kind: "rows"; table: string; done: number; rows: number }
  | { kind: "table-done"; table: string; copied: number };

export interface TableReport {
  table: string;
  sourceRows: number;
  /** Rows present on the target after the run (before, for a dry run; null if the table is absent). */
  targetRows: number | null;
  /** Rows this run inserted (0 on a re-run: already-copied rows are left as they are). */
  inserted: number;
  skipped: boolean;
  reason: string | null;
  /** Source columns the target has no place for (e.g. vectors on standalone). */
  droppedColumns: string[];
}

export interface MigrateTierReport {
  to: "standalone" | "federated";
  target: string;
  dryRun: boolean;
  tables: TableReport[];
  skippedEphemeral: string[];
  verified: boolean;
}

interface Column {
  name: string;
  type: string;
}

export async function migrateTier(options: MigrateTierOptions): Promise<MigrateTierReport> {
  const { source, targetUrl, to, dryRun } = options;
  const batchSize = options.batchSize ?? 500;
  const target = describeUrl(targetUrl);
  const client = new pg.Client({ connectionString: targetUrl, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (err) {
    throw new MosaicError(
      "service_unavailable",
      redactSecrets(
        `postgres unreachable at ${target}: ${(err as Error).message} — start PostgreSQL or fix the target URL`,
      ),
    );
  }
  const tq: QueryFn = async (text, params) => (await client.query(text, params as unknown[])).rows as never;

  try {
    const [lock] = await tq<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [MIGRATE_TIER_LOCK_KEY]);
    if (!lock?.ok) {
      throw new MosaicError(
        "conflict",
        `another migrate-tier is already running against ${target} (advisory lock held) — wait for it to finish, then run again`,
      );
    }
    if (!dryRun) {
      if (to === "federated") {
        try {
          await client.query("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (err) {
          throw new MosaicError(
            "service_unavailable",
            `pgvector: cannot create the vector extension on ${target} (${(err as Error).message}) — install pgvector or run CREATE EXTENSION vector as a superuser`,
          );
        }
      }
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
    }

    const tables = await orderedTables(source.query);
    const reports: TableReport[] = [];
    const skippedEphemeral: string[] = [];
    if (!dryRun) await client.query("BEGIN");
    try {
      for (const table of tables) {
        const [count] = await source.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(table)}`);
        const sourceRows = count?.n ?? 0;
        if (EPHEMERAL_TABLES.has(table)) {
          skippedEphemeral.push(table);
          reports.push({
            table,
            sourceRows,
            targetRows: null,
            inserted: 0,
            skipped: true,
            reason: "ephemeral (sessions, tokens, counters are not migrated)",
            droppedColumns: [],
          });
          continue;
        }
        const targetCols = await columnsOf(tq, table);
        const targetRows = targetCols.length ? await countRows(tq, table) : null;
        if (dryRun) {
          reports.push({
            table,
            sourceRows,
            targetRows,
            inserted: 0,
            skipped: false,
            reason: null,
            droppedColumns: [],
          });
          continue;
        }
        const sourceCols = await columnsOf(source.query, table);
        const targetTypes = new Map(targetCols.map((c) => [c.name, c.type]));
        const shared = sourceCols.filter((c) => targetTypes.has(c.name));
        const droppedColumns = sourceCols.filter((c) => !targetTypes.has(c.name)).map((c) => c.name);
        const key = await primaryKeyOf(source.query, table);
        options.onProgress?.({ kind: "table-start", table, rows: sourceRows });
        const inserted = await copyTable({
          table,
          columns: shared.map((c) => ({ name: c.name, type: targetTypes.get(c.name) as string })),
          key,
          batchSize,
          sourceRows,
          source: source.query,
          target: tq,
          onProgress: options.onProgress,
        });
        await resetSequences(tq, table);
        options.onProgress?.({ kind: "table-done", table, copied: inserted });
        reports.push({ table, sourceRows, targetRows: null, inserted, skipped: false, reason: null, droppedColumns });
      }
      if (!dryRun) await client.query("COMMIT");
    } catch (err) {
      if (!dryRun) await client.query("ROLLBACK").catch(() => {});
      throw err;
    }

    let verified = false;
    if (!dryRun) {
      const mismatches: string[] = [];
      for (const report of reports) {
        if (report.skipped) continue;
        report.targetRows = await countRows(tq, report.table);
        if (report.targetRows !== report.sourceRows) {
          mismatches.push(`${report.table}: source ${report.sourceRows} rows, target ${report.targetRows}`);
        }
      }
      if (mismatches.length) {
        throw new MosaicError(
          "conflict",
          `row counts differ after copying (the target held other rows?):\n  ${mismatches.join("\n  ")}`,
        );
      }
      verified = true;
    }
    return { to, target, dryRun, tables: reports, skippedEphemeral, verified };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_TIER_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}

async function copyTable(args: {
  table: string;
  columns: Column[];
  key: string[];
  batchSize: number;
  sourceRows: number;
  source: QueryFn;
  target: QueryFn;
  onProgress: MigrateTierOptions["onProgress"];
}): Promise<number> {
  const { table, columns, key, batchSize } = args;
  if (columns.length === 0) return 0;
  // Read every value as text and cast it back on the target with the target's own type: exact for
  // every type (json, arrays, enums, vectors, bytea, timestamps) and independent of the ORM's casing.
  const select = columns.map((c) => `${ident(c.name)}::text`).join(", ");
  const order = key.length ? key.map(ident).join(", ") : columns.map((c) => ident(c.name)).join(", ");
  const perBatch = Math.max(1, Math.min(batchSize, Math.floor(60_000 / columns.length)));
  let inserted = 0;
  let done = 0;
  for (let offset = 0; ; offset += perBatch) {
    const rows = await args.source<Record<string, string | null>>(
      `SELECT ${select} FROM ${ident(table)} ORDER BY ${order} LIMIT ${perBatch} OFFSET ${offset}`,
    );
    if (rows.length === 0) break;
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const cells = columns.map((c) => {
        params.push(row[c.name] ?? null);
        return `$${params.length}::${c.type}`;
      });
      return `(${cells.join(", ")})`;
    });
    const result = await args.target<{ one: number }>(
      `INSERT INTO ${ident(table)} (${columns.map((c) => ident(c.name)).join(", ")}) VALUES ${tuples.join(", ")} ON CONFLICT DO NOTHING RETURNING 1 AS one`,
      params,
    );
    inserted += result.length;
    done += rows.length;
    args.onProgress?.({ kind: "rows", table, done, rows: args.sourceRows });
    if (rows.length < perBatch) break;
  }
  return inserted;
}

/** Public base tables, parents before children (foreign keys), so inserts never violate a reference. */
async function orderedTables(query: QueryFn): Promise<string[]> {
  const tables = (
    await query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
  ).map((r) => r.name);
  const edges = await query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    seen.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function columnsOf(query: QueryFn, table: string): Promise<Column[]> {
  return query<Column>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [table],
  );
}

async function primaryKeyOf(query: QueryFn, table: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    `SELECT a.attname AS name
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
      WHERE i.indisprimary AND n.nspname = 'public' AND c.relname = $1
      ORDER BY array_position(i.indkey, a.attnum)`,
    [table],
  );
  return rows.map((r) => r.name);
}

async function countRows(query: QueryFn, table: string): Promise<number> {
  const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(table)}`);
  return row?.n ?? 0;
}

/** Serial/identity columns: move their sequences past the copied values. */
async function resetSequences(query: QueryFn, table: string): Promise<void> {
  const seqs = await query<{ col: string; seq: string }>(
    `SELECT a.attname AS col, pg_get_serial_sequence(quote_ident($1), a.attname) AS seq
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped`,
    [table],
  );
  for (const { col, seq } of seqs) {
    if (!seq) continue;
    await query(`SELECT setval($1, GREATEST((SELECT max(${ident(col)}) FROM ${ident(table)}), 1))`, [seq]);
  }
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
