/** @module Probes of the services a tier needs: each answers a ServiceCheck with latency and a fix. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describeUrl, redactSecrets, type ServiceCheck } from "@mosaic/contracts";
import { Redis } from "ioredis";
import pg from "pg";
import { dataDirHolder } from "./dataDirLock.js";

type Check = Omit<ServiceCheck, "required">;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function pgErrorText(err: unknown, timeoutMs: number): { detail: string; fix: string } {
  const e = err as NodeJS.ErrnoException & { code?: string };
  const message = redactSecrets(e?.message ?? String(err));
  switch (e?.code) {
    case "ECONNREFUSED":
      return {
        detail: "connection refused",
        fix: "start PostgreSQL (scripts/services.sh) or point DATABASE_URL at a running server",
      };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { detail: `host not found (${message})`, fix: "check the host name in DATABASE_URL" };
    case "28P01":
    case "28000":
      return { detail: "authentication failed", fix: "check the user and password in DATABASE_URL" };
    case "3D000":
      return { detail: message, fix: "create the database (createdb NAME) or fix the database name in DATABASE_URL" };
    default:
      if (/timeout|timed out/i.test(message)) {
        return {
          detail: `no answer within ${seconds(timeoutMs)}`,
          fix: "check that PostgreSQL is up and reachable from this host",
        };
      }
      return { detail: message, fix: "check DATABASE_URL and that PostgreSQL accepts connections" };
  }
}

async function withPgClient<T>(url: string, timeoutMs: number, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on("error", () => {});
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })), timeoutMs + 250).unref(),
  );
  try {
    return await Promise.race([
      (async () => {
        await client.connect();
        return run(client);
      })(),
      timer,
    ]);
  } finally {
    client.end().catch(() => {});
  }
}

/** Connects and runs `SELECT version()`. */
export async function probePostgres(url: string, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  try {
    const version = await withPgClient(url, timeoutMs, async (c) => {
      const r = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      return r.rows[0]?.v ?? "?";
    });
    return {
      service: "postgres",
      status: "ok",
      latencyMs: elapsed(started),
      target: describeUrl(url),
      detail: `PostgreSQL ${version}`,
      fix: null,
    };
  } catch (err) {
    const { detail, fix } = pgErrorText(err, timeoutMs);
    return {
      service: "postgres",
      status: "fail",
      latencyMs: null,
      target: describeUrl(url),
      detail: `postgres unreachable at ${describeUrl(url)}: ${detail} (timeout ${seconds(timeoutMs)})`,
      fix,
    };
  }
}

/**
 * Whether pgvector is usable in the database. Tells apart "the library is not installed on the
 * server" from "installed, but this role may not CREATE EXTENSION". Read-only: a trial
 * CREATE EXTENSION runs inside a transaction that is rolled back.
 */
export async function probePgvector(url: string, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  const base = { service: "pgvector" as const, target: describeUrl(url) };
  try {
    return await withPgClient(url, timeoutMs, async (c) => {
      const installed = await c.query<{ v: string }>(
        "SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'",
      );
      if (installed.rows[0]) {
        return {
          ...base,
          status: "ok" as const,
          latencyMs: elapsed(started),
          detail: `pgvector ${installed.rows[0].v} installed`,
          fix: null,
        };
      }
      const available = await c.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
      if (available.rowCount === 0) {
        return {
          ...base,
          status: "fail" as const,
          latencyMs: elapsed(started),
          detail: "pgvector library not installed on the PostgreSQL server",
          fix: "install pgvector for this PostgreSQL (scripts/services.sh builds it from Debian's source package)",
        };
      }
      try {
        await c.query("BEGIN");
        await c.query("CREATE EXTENSION IF NOT EXISTS vector");
        return {
          ...base,
          status: "ok" as const,
          latencyMs: elapsed(started),
          detail: "pgvector available; the gateway creates the extension at boot",
          fix: null,
        };
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === "42501") {
          return {
            ...base,
            status: "fail" as const,
            latencyMs: elapsed(started),
            detail: "pgvector is installed on the server but this role has no permission to CREATE EXTENSION vector",
            fix: "as a superuser run CREATE EXTENSION vector in this database, or connect as a role allowed to",
          };
        }
        throw err;
      } finally {
        await c.query("ROLLBACK").catch(() => {});
      }
    });
  } catch (err) {
    const { detail, fix } = pgErrorText(err, timeoutMs);
    return { ...base, status: "fail", latencyMs: null, detail: `cannot check pgvector: ${detail}`, fix };
  }
}

/** PINGs Redis/Valkey and reads which server it is. */
export async function probeValkey(url: string, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  const client = createRedis(url, { connectTimeoutMs: timeoutMs });
  const target = describeUrl(url);
  // ioredis rejects connect() with a bare "Connection is closed"; the cause arrives as an event.
  let cause: NodeJS.ErrnoException | null = null;
  client.on("error", (err: NodeJS.ErrnoException) => {
    cause ??= err;
  });
  try {
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref());
    const info = await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
        return client.info("server");
      })(),
      timer,
    ]);
    const valkey = /valkey_version:(\S+)/.exec(info)?.[1];
    const redis = /redis_version:(\S+)/.exec(info)?.[1];
    const detail = valkey ? `Valkey ${valkey}` : `Redis ${redis ?? "?"}`;
    return { service: "valkey", status: "ok", latencyMs: elapsed(started), target, detail, fix: null };
  } catch (err) {
    const e = (cause ?? err) as NodeJS.ErrnoException;
    const message = redactSecrets(e.message ?? String(err));
    const refused = e.code === "ECONNREFUSED" || /ECONNREFUSED/.test(message);
    const timeout = /timeout|ETIMEDOUT/i.test(message);
    const why = refused ? "connection refused" : timeout ? `no answer within ${seconds(timeoutMs)}` : message;
    return {
      service: "valkey",
      status: "fail",
      latencyMs: null,
      target,
      detail: `valkey unreachable at ${target}: ${why} (timeout ${seconds(timeoutMs)})`,
      fix: /NOAUTH|WRONGPASS/i.test(message)
        ? "check the password in VALKEY_URL"
        : "start Valkey/Redis (scripts/services.sh) or point VALKEY_URL at a running server",
    };
  } finally {
    client.disconnect();
  }
}

/** Checks the local data dir: free (openable) or held by a running gateway. Does not open PGlite. */
export function probePgliteDir(dataDir: string): Check {
  const holder = dataDirHolder(dataDir);
  const exists = existsSync(join(dataDir, "pglite"));
  const detail = holder
    ? `PGlite data dir in use by the gateway (pid ${holder})`
    : exists
      ? "PGlite data dir present; no gateway holds it"
      : "PGlite data dir will be created on first start";
  return { service: "pglite", status: "ok", latencyMs: 0, target: dataDir, detail, fix: null };
}

/** An ioredis client that fails fast instead of retrying forever. `valkey://` is accepted as `redis://`. */
export function createRedis(url: string, options: { connectTimeoutMs?: number; lazyConnect?: boolean } = {}): Redis {
  const normalised = url.replace(/^valkey(s?):\/\//i, (_m, s: string) => `redis${s}://`);
  const client = new Redis(normalised, {
    lazyConnect: options.lazyConnect ?? true,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  return client;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
