/** E2E: `mosaic storage migrate-tier` from a seeded PGlite store to the real PostgreSQL. */
import { join } from "node:path";
import { MIGRATE_TIER_LOCK_KEY, openPgliteStore, schema } from "@mosaic/db";
import { createTestDatabase, type TestDatabase } from "@mosaic/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseEnv, runCli, tempHome } from "../../../test/support/cli.js";

const postgresUrl = inject("postgresUrl");

interface Report {
  dryRun: boolean;
  verified: boolean;
  skippedEphemeral: string[];
  tables: Array<{ table: string; sourceRows: number; targetRows: number | null; inserted: number; skipped: boolean }>;
}

const SEED = { users: 3, accounts: 3, projects: 7, sessions: 2, verifications: 1, rate_limits: 1 };

/** Representative rows in every table, with awkward values (quotes, unicode, nulls, json-ish text). */
async function seed(dataDir: string): Promise<void> {
  const store = await openPgliteStore({ dataDir });
  try {
    const people = await store.db
      .insert(schema.users)
      .values([
        { email: "ada@example.com", name: "Ada Lovelace", role: "admin" },
        { email: "zoë@example.com", name: 'Zoë "Z" O\'Neil', image: null },
        { email: "grace@example.com", name: "Grace | Hopper", disabled: true, emailVerified: true },
      ])
      .returning();
    await store.db
      .insert(schema.accounts)
      .values(
        people.map((p) => ({ userId: p.id, accountId: p.id, providerId: "credential", password: `scrypt$${p.email}` })),
      );
    await store.db.insert(schema.projects).values(
      Array.from({ length: SEED.projects }, (_, i) => ({
        name: `Project ${i} — ✨`,
        description: i % 2 ? "" : `{"json":"like",\n"n":${i}}`,
        ownerUserId: people[i % people.length]?.id,
        status: i === 3 ? ("archived" as const) : ("active" as const),
      })),
    );
    const expiresAt = new Date(Date.now() + 3_600_000);
    await store.db
      .insert(schema.sessions)
      .values(people.slice(0, 2).map((p) => ({ userId: p.id, token: `t-${p.id}`, expiresAt })));
    await store.db.insert(schema.verifications).values({ identifier: "ada@example.com", value: "v", expiresAt });
    await store.db.insert(schema.rateLimits).values({ key: "127.0.0.1:/api/auth", count: 3 });
  } finally {
    await store.close();
  }
}

async function targetQuery<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

describe.skipIf(!postgresUrl)("storage migrate-tier (PGlite → PostgreSQL)", () => {
  const home = tempHome();
  let target: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    await seed(join(home, "data"));
    target = await createTestDatabase(postgresUrl as string);
    env = baseEnv({ MOSAIC_HOME: home });
  });
  afterAll(async () => {
    await target?.drop();
  });

  it("refuses without --yes when there is no terminal to ask on", async () => {
    const res = await runCli(["storage", "migrate-tier", "--to", "standalone", "--target-url", target.url], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/pass --yes/);
  });

  it("--dry-run prints per-table counts and writes nothing", async () => {
    const res = await runCli(
      ["storage", "migrate-tier", "--to", "standalone", "--target-url", target.url, "--dry-run", "--json"],
      env,
    );
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.dryRun).toBe(true);
    const counts = Object.fromEntries(report.tables.map((t) => [t.table, t.sourceRows]));
    expect(counts).toMatchObject(SEED);
    const tables = await targetQuery<{ n: number }>(
      target.url,
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables[0]?.n).toBe(0);
    const human = await runCli(
      ["storage", "migrate-tier", "--to", "standalone", "--target-url", target.url, "--dry-run"],
      env,
    );
    expect(human.stdout).toMatch(/dry run: nothing was written to postgres:\/\//);
  });

  it("copies every durable table, skips the ephemeral ones and says so, verifies counts", async () => {
    const res = await runCli(
      ["storage", "migrate-tier", "--to", "federated", "--target-url", target.url, "--yes", "--json"],
      env,
    );
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.verified).toBe(true);
    expect(report.skippedEphemeral.sort()).toEqual([
      "federation_enrollment_tokens",
      "rate_limits",
      "sessions",
      "verifications",
    ]);
    for (const t of report.tables.filter((x) => !x.skipped)) {
      expect(t.targetRows, t.table).toBe(t.sourceRows);
      expect(t.inserted, t.table).toBe(t.sourceRows);
    }
    const ephemeral = await targetQuery<{ s: number; v: number; r: number }>(
      target.url,
      "SELECT (SELECT count(*) FROM sessions)::int AS s, (SELECT count(*) FROM verifications)::int AS v, (SELECT count(*) FROM rate_limits)::int AS r",
    );
    expect(ephemeral[0]).toEqual({ s: 0, v: 0, r: 0 });
  });

  it("sample rows are equal on both sides, column for column", async () => {
    const source = await openPgliteStore({ dataDir: join(home, "data") });
    const sql =
      "SELECT p.*, u.email, u.name AS owner_name FROM projects p JOIN users u ON u.id = p.owner_user_id ORDER BY p.id";
    const before = (await source.query<Record<string, unknown>>(sql)).map((r) => JSON.stringify(r));
    const users = await source.query<Record<string, unknown>>("SELECT * FROM users ORDER BY id");
    await source.close();
    const after = (await targetQuery<Record<string, unknown>>(target.url, sql)).map((r) => JSON.stringify(r));
    expect(after).toEqual(before);
    const targetUsers = await targetQuery<Record<string, unknown>>(target.url, "SELECT * FROM users ORDER BY id");
    expect(JSON.stringify(targetUsers)).toBe(JSON.stringify(users));
  });

  it("running again inserts nothing and duplicates nothing", async () => {
    const res = await runCli(
      ["storage", "migrate-tier", "--to", "federated", "--target-url", target.url, "--yes", "--json"],
      env,
    );
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    for (const t of report.tables.filter((x) => !x.skipped)) {
      expect(t.inserted, t.table).toBe(0);
      expect(t.targetRows, t.table).toBe(t.sourceRows);
    }
  });

  it("a second run while one holds the lock fails fast with a clear message", async () => {
    const holder = new pg.Client({ connectionString: target.url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATE_TIER_LOCK_KEY]);
    try {
      const started = Date.now();
      const res = await runCli(
        ["storage", "migrate-tier", "--to", "federated", "--target-url", target.url, "--yes"],
        env,
      );
      expect(res.code).toBe(5);
      expect(res.stderr).toMatch(
        /another migrate-tier is already running against postgres:\/\/.*\(advisory lock held\)/,
      );
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await holder.end();
    }
  });

  it("two runs at once: one copies, the other fails fast on the lock or finds nothing to do", async () => {
    const fresh = await createTestDatabase(postgresUrl as string);
    try {
      const args = ["storage", "migrate-tier", "--to", "standalone", "--target-url", fresh.url, "--yes", "--json"];
      const [a, b] = await Promise.all([runCli(args, env), runCli(args, env)]);
      // PGlite is single-process: the second run cannot even open the source while the first holds it.
      const codes = [a.code, b.code].sort();
      expect(codes[0]).toBe(0);
      expect(codes[1]).not.toBe(0);
      const loser = a.code === 0 ? b : a;
      expect(loser.stderr).toMatch(/in use by another Mosaic process|another migrate-tier is already running/);
      const rows = await targetQuery<{ n: number }>(fresh.url, "SELECT count(*)::int AS n FROM projects");
      expect(rows[0]?.n).toBe(SEED.projects);
    } finally {
      await fresh.drop();
    }
  });
});
