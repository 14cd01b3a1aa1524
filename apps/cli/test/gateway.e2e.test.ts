/** E2E: the built `mosaic` binary starting, probing and stopping real gateway processes. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { DoctorReport, ReadyResponse } from "@mosaic/contracts";
import { openPgliteStore, schema } from "@mosaic/db";
import { createTestDatabase, type TestDatabase } from "@mosaic/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseEnv, freePort, runCli, startGateway, tempHome } from "../../../test/support/cli.js";

const postgresUrl = inject("postgresUrl");
const valkeyUrl = inject("valkeyUrl");
const password = "Sup3r-S3cret-pw";

describe("local tier (PGlite)", () => {
  it("starts, answers /ready, keeps its data under MOSAIC_HOME, stops on SIGTERM with exit 0", async () => {
    const home = tempHome();
    const env = baseEnv({ MOSAIC_HOME: home });
    const gateway = await startGateway(env);
    const ready = ReadyResponse.parse(await (await fetch(`${gateway.url}/ready`)).json());
    expect(ready).toMatchObject({ status: "ready", tier: "local" });
    expect(existsSync(join(home, "data", "pglite", "PG_VERSION"))).toBe(true);
    const page = await fetch(gateway.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1] ?? "";
    const asset = await fetch(`${gateway.url}${script}`);
    expect(asset.status).toBe(200);
    // Read it all: an unread body keeps its socket busy, and the drain on SIGTERM would wait for it.
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(0);

    const doctor = await runCli(["gateway", "doctor", "--json"], { ...env, MOSAIC_PORT: new URL(gateway.url).port });
    expect(doctor.code).toBe(0);
    const report = DoctorReport.parse(JSON.parse(doctor.stdout));
    expect(report).toMatchObject({ tier: "local", overall: "green", pgvector: true });
    expect(doctor.stderr).toBe("");

    expect(await gateway.stop("SIGTERM"), gateway.output()).toBe(0);
    expect(existsSync(join(home, "data", "mosaic.lock"))).toBe(false);

    // The data survives a restart: write a row with the gateway down, start again, read it back.
    const store = await openPgliteStore({ dataDir: join(home, "data") });
    await store.db.insert(schema.users).values({ email: "kept@example.com", name: "Kept" });
    await store.close();
    const again = await startGateway(env);
    expect(await again.stop(), again.output()).toBe(0);
    const reopened = await openPgliteStore({ dataDir: join(home, "data") });
    const rows = await reopened.query<{ email: string }>("SELECT email FROM users");
    await reopened.close();
    expect(rows.map((r) => r.email)).toEqual(["kept@example.com"]);
  });

  it("SIGTERM during a request lets the request finish, then exits 0", async () => {
    const gateway = await startGateway(baseEnv({ MOSAIC_HOME: tempHome(), MOSAIC_FAILPOINTS: "ready.delay=1500" }));
    const started = Date.now();
    const inflight = fetch(`${gateway.url}/ready`);
    await new Promise((r) => setTimeout(r, 300));
    const exit = gateway.stop("SIGTERM");
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(ReadyResponse.parse(await res.json()).status).toBe("ready");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(await exit).toBe(0);
    // New connections are refused once it has stopped.
    await expect(fetch(`${gateway.url}/health`)).rejects.toThrow();
  });

  it("refuses a second gateway on the same data dir, naming the pid", async () => {
    const home = tempHome();
    const first = await startGateway(baseEnv({ MOSAIC_HOME: home }));
    const second = await runCli(
      ["gateway", "start"],
      baseEnv({ MOSAIC_HOME: home, MOSAIC_PORT: String(await freePort()) }),
    );
    expect(await first.stop(), first.output()).toBe(0);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/in use by another Mosaic process \(pid \d+\)/);
  });

  it("an invalid config exits 2 with one line per problem naming the key", async () => {
    const res = await runCli(
      ["gateway", "start"],
      baseEnv({ MOSAIC_HOME: tempHome(), MOSAIC_STORAGE_TIER: "cloud", MOSAIC_PORT: "99999" }),
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/storage\.tier \(from MOSAIC_STORAGE_TIER\): must be one of/);
    expect(res.stderr).toMatch(/gateway\.port \(from MOSAIC_PORT\):/);
    expect(res.stdout).toBe("");
  });
});

describe("refusing to boot when a service is missing", () => {
  it("postgres port closed: exit 3, names postgres and the fix, never the password", async () => {
    const port = await freePort();
    const env = baseEnv({
      MOSAIC_HOME: tempHome(),
      MOSAIC_STORAGE_TIER: "standalone",
      DATABASE_URL: `postgres://mosaic:${password}@127.0.0.1:${port}/brain`,
      VALKEY_URL: `redis://default:${password}@127.0.0.1:${await freePort()}`,
      MOSAIC_PROBE_TIMEOUT_MS: "2000",
    });
    const res = await runCli(["gateway", "start"], env);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(
      /postgres: postgres unreachable at postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/brain: connection refused/,
    );
    expect(res.stderr).toMatch(/fix: start PostgreSQL/);
    expect(res.stderr).toMatch(/valkey: valkey unreachable/);
    expect(res.stdout + res.stderr).not.toContain(password);

    const doctor = await runCli(["gateway", "doctor", "--json"], env);
    expect(doctor.code).toBe(3);
    const report = DoctorReport.parse(JSON.parse(doctor.stdout));
    expect(report.overall).toBe("red");
    expect(
      report.services
        .filter((s) => s.status === "fail")
        .map((s) => s.service)
        .sort(),
    ).toEqual(["postgres", "valkey"]);
    expect(doctor.stdout + doctor.stderr).not.toContain(password);

    const human = await runCli(["gateway", "doctor"], env);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/overall\s+red/);
    expect(human.stdout).not.toContain(password);
  });

  it("pgvector library missing on the server: names pgvector and says 'not installed'", async () => {
    // A real Postgres-wire server (PGlite) without the vector extension available.
    const db = await PGlite.create();
    const port = await freePort();
    const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 4 });
    await server.start();
    try {
      const res = await runCli(
        ["gateway", "start"],
        baseEnv({
          MOSAIC_HOME: tempHome(),
          MOSAIC_STORAGE_TIER: "federated",
          DATABASE_URL: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
          VALKEY_URL: valkeyUrl ?? "redis://127.0.0.1:6379",
        }),
      );
      expect(res.code).toBe(3);
      expect(res.stderr).toMatch(
        /pgvector: pgvector library not installed on the PostgreSQL server — fix: install pgvector/,
      );
      expect(res.stderr).not.toContain(password);
    } finally {
      await server.stop();
      await db.close();
    }
  });

  it("an unknown queue for federated is refused as a config problem", async () => {
    const res = await runCli(
      ["gateway", "start"],
      baseEnv({
        MOSAIC_HOME: tempHome(),
        MOSAIC_STORAGE_TIER: "federated",
        DATABASE_URL: "postgres://h/d",
        MOSAIC_QUEUE: "memory",
      }),
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/queue\.type \(from MOSAIC_QUEUE\): the federated tier needs a Valkey\/Redis queue/);
  });
});

describe.skipIf(!postgresUrl || !valkeyUrl)("standalone and federated tiers on the real PostgreSQL and Redis", () => {
  const databases: TestDatabase[] = [];
  const role = `mosaic_e2e_noext_${process.pid}`;
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
    const admin = new pg.Client({ connectionString: postgresUrl as string });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });
  const fresh = async () => {
    const db = await createTestDatabase(postgresUrl as string);
    databases.push(db);
    return db;
  };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: postgresUrl as string });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.end();
  });

  it("standalone boots, /ready reports postgres and valkey, doctor is green", async () => {
    const db = await fresh();
    const env = baseEnv({
      MOSAIC_HOME: tempHome(),
      MOSAIC_STORAGE_TIER: "standalone",
      DATABASE_URL: db.url,
      VALKEY_URL: valkeyUrl as string,
    });
    const gateway = await startGateway(env);
    const ready = ReadyResponse.parse(await (await fetch(`${gateway.url}/ready`)).json());
    expect(ready.tier).toBe("standalone");
    expect(ready.services.map((s) => `${s.service}:${s.status}`).sort()).toEqual(["postgres:ok", "valkey:ok"]);
    const doctor = await runCli(["gateway", "doctor", "--json"], env);
    expect(doctor.code).toBe(0);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ tier: "standalone", overall: "green" });
    expect(await gateway.stop(), gateway.output()).toBe(0);
  });

  it("federated boots with pgvector created before the migrations", async () => {
    const db = await fresh();
    const env = baseEnv({
      MOSAIC_HOME: tempHome(),
      MOSAIC_STORAGE_TIER: "federated",
      DATABASE_URL: db.url,
      VALKEY_URL: valkeyUrl as string,
    });
    const gateway = await startGateway(env);
    expect(await gateway.stop(), gateway.output()).toBe(0);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query("SELECT '[1,2,3]'::vector(3)::text AS v");
    await c.end();
    expect(rows[0].v).toBe("[1,2,3]");
    const doctor = await runCli(["gateway", "doctor", "--json"], env);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ tier: "federated", overall: "green", pgvector: true });
  });

  it("federated as a role that may not CREATE EXTENSION: names pgvector and 'no permission'", async () => {
    const db = await fresh();
    const admin = new pg.Client({ connectionString: postgresUrl as string });
    await admin.connect();
    await admin.query(`GRANT ALL ON DATABASE ${db.name} TO ${role}`);
    await admin.end();
    const url = new URL(db.url);
    url.username = role;
    url.password = password;
    const res = await runCli(
      ["gateway", "start"],
      baseEnv({
        MOSAIC_HOME: tempHome(),
        MOSAIC_STORAGE_TIER: "federated",
        DATABASE_URL: url.toString(),
        VALKEY_URL: valkeyUrl as string,
      }),
    );
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(
      /pgvector: pgvector is installed on the server but this role has no permission to CREATE EXTENSION vector/,
    );
    expect(res.stderr).not.toContain(password);
  });

  it("Redis port closed: names valkey", async () => {
    const db = await fresh();
    const res = await runCli(
      ["gateway", "start"],
      baseEnv({
        MOSAIC_HOME: tempHome(),
        MOSAIC_STORAGE_TIER: "standalone",
        DATABASE_URL: db.url,
        VALKEY_URL: `redis://:${password}@127.0.0.1:${await freePort()}`,
      }),
    );
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/valkey: valkey unreachable at redis:\/\/\*\*\*@127\.0\.0\.1:\d+: connection refused/);
    expect(res.stderr).not.toMatch(/^postgres:/m);
    expect(res.stderr).not.toContain(password);
  });

  it("the deprecated `team` tier works and warns exactly once", async () => {
    const db = await fresh();
    const gateway = await startGateway(
      baseEnv({
        MOSAIC_HOME: tempHome(),
        MOSAIC_STORAGE_TIER: "team",
        DATABASE_URL: db.url,
        VALKEY_URL: valkeyUrl as string,
      }),
    );
    const ready = ReadyResponse.parse(await (await fetch(`${gateway.url}/ready`)).json());
    expect(ready.tier).toBe("standalone");
    expect(await gateway.stop(), gateway.output()).toBe(0);
    expect(gateway.output().match(/tier \\"team\\" is deprecated/g)).toHaveLength(1);
  });
});
