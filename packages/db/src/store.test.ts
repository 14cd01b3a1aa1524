import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { users } from "./schema.js";
import { openPgliteStore, openPostgresStore, type Store } from "./store.js";
import { createTestDatabase, type TestDatabase } from "./testing.js";

async function roundTripVector(store: Store): Promise<string> {
  await store.query("CREATE TEMP TABLE IF NOT EXISTS v3 (id int primary key, embedding vector(3))");
  await store.query("INSERT INTO v3 VALUES (1, $1::vector)", ["[1,2.5,-3]"]);
  const [row] = await store.query<{ embedding: string; distance: number }>(
    "SELECT embedding::text AS embedding, embedding <-> '[1,2.5,-3]'::vector AS distance FROM v3 WHERE id = 1",
  );
  expect(row?.distance).toBe(0);
  return row?.embedding ?? "";
}

async function hnswIndexes(store: Store): Promise<string[]> {
  const rows = await store.query<{ name: string }>(
    "SELECT indexname AS name FROM pg_indexes WHERE indexname LIKE '%embedding_hnsw' ORDER BY 1",
  );
  return rows.map((r) => r.name);
}

async function migrationCount(store: Store): Promise<number> {
  const [row] = await store.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
  return row?.n ?? 0;
}

describe("PGlite store (local tier)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mosaic-pglite-"));
  let appliedOnFirstOpen = 0;

  it("creates the data dir, enables pgvector and applies the migrations", async () => {
    const store = await openPgliteStore({ dataDir });
    try {
      expect(store.driver).toBe("pglite");
      expect(store.hasVector).toBe(true);
      expect(await roundTripVector(store)).toBe("[1,2.5,-3]");
      expect(await hnswIndexes(store)).toEqual(["insights_embedding_hnsw", "notes_embedding_hnsw"]);
      const [user] = await store.db.insert(users).values({ email: "Ada@example.com", name: "Ada" }).returning();
      expect(user?.role).toBe("member");
      appliedOnFirstOpen = await migrationCount(store);
      expect(appliedOnFirstOpen).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it("reopens the same data dir with the data intact and no migration applied twice", async () => {
    const store = await openPgliteStore({ dataDir });
    try {
      const rows = await store.db.select().from(users).where(eq(users.email, "Ada@example.com"));
      expect(rows).toHaveLength(1);
      expect(await migrationCount(store)).toBe(appliedOnFirstOpen);
    } finally {
      await store.close();
    }
  });

  it("refuses a second opener of a data dir that is in use", async () => {
    const store = await openPgliteStore({ dataDir });
    try {
      await expect(openPgliteStore({ dataDir })).rejects.toThrow(/in use by another Mosaic process \(pid \d+\)/);
    } finally {
      await store.close();
    }
  });
});

const postgresUrl = inject("postgresUrl");

describe.skipIf(!postgresUrl)("PostgreSQL store (standalone and federated tiers)", () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  it("standalone: migrates, and migrating again applies nothing twice", async () => {
    const db = await createTestDatabase(postgresUrl as string);
    databases.push(db);
    const first = await openPostgresStore({ url: db.url });
    const applied = await migrationCount(first);
    await first.db.insert(users).values({ email: "grace@example.com", name: "Grace" });
    await first.close();
    const second = await openPostgresStore({ url: db.url });
    try {
      expect(await migrationCount(second)).toBe(applied);
      expect(await second.db.select().from(users)).toHaveLength(1);
      expect(second.hasVector).toBe(false);
      expect(await hnswIndexes(second)).toEqual([]);
      expect(second.target).not.toMatch(/:[^/@]*@/);
    } finally {
      await second.close();
    }
  });

  it("several gateways migrating one database at once do not collide", async () => {
    const db = await createTestDatabase(postgresUrl as string);
    databases.push(db);
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url: db.url })));
    expect(new Set(await Promise.all(stores.map(migrationCount))).size).toBe(1);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("federated: creates pgvector idempotently before migrating; a vector(3) round-trips", async () => {
    const db = await createTestDatabase(postgresUrl as string);
    databases.push(db);
    for (let i = 0; i < 2; i++) {
      const store = await openPostgresStore({ url: db.url, createVector: true });
      try {
        expect(store.hasVector).toBe(true);
        expect(await roundTripVector(store)).toBe("[1,2.5,-3]");
        expect(await hnswIndexes(store)).toEqual(["insights_embedding_hnsw", "notes_embedding_hnsw"]);
      } finally {
        await store.close();
      }
    }
  });
});
