import { createServer } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { probePgvector, probePostgres, probeValkey } from "./probes.js";
import { createTestDatabase, type TestDatabase } from "./testing.js";

/** A port on 127.0.0.1 with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 1;
}

describe("probes against closed ports", () => {
  it("postgres: connection refused, named, with the fix and no password", async () => {
    const url = `postgres://mosaic:hunter2@127.0.0.1:${await closedPort()}/brain`;
    const check = await probePostgres(url, 2_000);
    expect(check.status).toBe("fail");
    expect(check.detail).toMatch(
      /^postgres unreachable at postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/brain: connection refused/,
    );
    expect(check.fix).toMatch(/start PostgreSQL/);
    expect(JSON.stringify(check)).not.toContain("hunter2");
  });

  it("valkey: connection refused, named, with the fix and no password", async () => {
    const url = `redis://default:hunter2@127.0.0.1:${await closedPort()}`;
    const check = await probeValkey(url, 2_000);
    expect(check.status).toBe("fail");
    expect(check.detail).toMatch(/^valkey unreachable at redis:\/\/\*\*\*@127\.0\.0\.1:\d+: connection refused/);
    expect(JSON.stringify(check)).not.toContain("hunter2");
  });

  it("postgres: a server that never answers fails within the timeout", async () => {
    const silent = createServer(() => {}); // accepts, never speaks
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const started = Date.now();
    const check = await probePostgres(`postgres://u@127.0.0.1:${port}/x`, 500);
    silent.close();
    expect(check.status).toBe("fail");
    expect(check.detail).toMatch(/no answer within 0\.5 s|timeout/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe("pgvector: a Postgres server without the library", () => {
  // PGlite started without its vector extension, served over the Postgres wire protocol: a real
  // server on which `vector` is not an available extension.
  let server: PGLiteSocketServer;
  let db: PGlite;
  let port: number;
  beforeAll(async () => {
    db = await PGlite.create();
    port = await closedPort();
    server = new PGLiteSocketServer({ db, port, host: "127.0.0.1" });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("says the library is not installed", async () => {
    const check = await probePgvector(`postgres://postgres@127.0.0.1:${port}/postgres`, 3_000);
    expect(check.status).toBe("fail");
    expect(check.detail).toBe("pgvector library not installed on the PostgreSQL server");
    expect(check.fix).toMatch(/install pgvector/);
  });
});

const postgresUrl = inject("postgresUrl");

describe.skipIf(!postgresUrl)("pgvector on the real PostgreSQL", () => {
  let database: TestDatabase;
  const role = `mosaic_noext_${process.pid}`;
  beforeAll(async () => {
    database = await createTestDatabase(postgresUrl as string);
    const admin = new pg.Client({ connectionString: postgresUrl as string });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`GRANT ALL ON DATABASE ${database.name} TO ${role}`);
    await admin.end();
  });
  afterAll(async () => {
    await database.drop();
    const admin = new pg.Client({ connectionString: postgresUrl as string });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it("says a non-superuser has no permission to create it, and changes nothing", async () => {
    const url = new URL(database.url);
    url.username = role;
    const check = await probePgvector(url.toString(), 3_000);
    expect(check.status).toBe("fail");
    expect(check.detail).toMatch(/installed on the server but this role has no permission to CREATE EXTENSION vector/);
  });

  it("is ok for a superuser, and the trial CREATE EXTENSION is rolled back", async () => {
    const check = await probePgvector(database.url, 3_000);
    expect(check.status).toBe("ok");
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    const { rowCount } = await c.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
    await c.end();
    expect(rowCount).toBe(0);
  });

  it("postgres probe reports the server version and latency", async () => {
    const check = await probePostgres(database.url, 3_000);
    expect(check).toMatchObject({
      service: "postgres",
      status: "ok",
      detail: expect.stringMatching(/^PostgreSQL 1\d/),
    });
    expect(check.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

const valkeyUrl = inject("valkeyUrl");

describe.skipIf(!valkeyUrl)("valkey on the real server", () => {
  it("answers PING and says which server it is", async () => {
    const check = await probeValkey(valkeyUrl as string, 3_000);
    expect(check.status).toBe("ok");
    expect(check.detail).toMatch(/^(Redis|Valkey) \d/);
  });
});
