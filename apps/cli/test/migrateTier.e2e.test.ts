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

const SEED = {
  users: 3,
  accounts: 3,
  projects: 7,
  sessions: 2,
  verifications: 1,
  rate_limits: 1,
  personal_access_tokens: 1,
  teams: 1,
  team_members: 2,
  missions: 1,
  milestones: 2,
  tasks: 3,
  notes: 2,
  preferences: 2,
  insights: 1,
  agents: 1,
  conversations: 1,
  messages: 2,
  federation_ca: 1,
  federation_grants: 1,
  federation_enrollment_tokens: 1,
  federation_audit_log: 2,
  federation_peers: 1,
};

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
    const [ada, zoe] = people as [(typeof people)[0], (typeof people)[0]];
    const [team] = await store.db.insert(schema.teams).values({ name: "Team ✨" }).returning();
    if (!team) throw new Error("no team");
    await store.db.insert(schema.teamMembers).values([
      { teamId: team.id, userId: ada.id, role: "owner" },
      { teamId: team.id, userId: zoe.id, role: "member" },
    ]);
    const projects = await store.db
      .insert(schema.projects)
      .values(
        Array.from({ length: SEED.projects }, (_, i) => ({
          name: `Project ${i} — ✨`,
          description: i % 2 ? "" : `{"json":"like",\n"n":${i}}`,
          ownerUserId: i === 0 ? null : people[i % people.length]?.id,
          ownerTeamId: i === 0 ? team.id : null,
          status: i === 3 ? ("archived" as const) : ("active" as const),
        })),
      )
      .returning();
    const project = projects[0];
    if (!project) throw new Error("no project");
    await store.db
      .insert(schema.personalAccessTokens)
      .values({ userId: ada.id, name: "cli", tokenHash: "ab".repeat(32), prefix: "mos_abcdefgh" });
    const [mission] = await store.db
      .insert(schema.missions)
      .values({ projectId: project.id, title: "Federation", extraColumns: ["risk"], preamble: "# Plan\n" })
      .returning();
    if (!mission) throw new Error("no mission");
    const stones = await store.db
      .insert(schema.milestones)
      .values([
        { missionId: mission.id, ordinal: 1, externalId: "M1", title: "CA", goal: "a root" },
        { missionId: mission.id, ordinal: 2, externalId: "M2", title: "Enroll", goal: "" },
      ])
      .returning();
    const [t1] = await store.db
      .insert(schema.tasks)
      .values({
        projectId: project.id,
        missionId: mission.id,
        milestoneId: stones[0]?.id,
        externalId: "M1-01",
        title: "root | key",
        status: "done",
        extra: { risk: "low" },
      })
      .returning();
    await store.db.insert(schema.tasks).values([
      {
        projectId: project.id,
        missionId: mission.id,
        milestoneId: stones[1]?.id,
        externalId: "M2-01",
        title: "enroll",
        dependsOn: [t1?.id ?? ""],
        dueDate: "2026-12-01",
      },
      { projectId: project.id, title: "loose task", priority: "urgent", assignee: "agent:claude" },
    ]);
    const embedding = Array.from({ length: 384 }, (_, i) => Math.sin(i) / 10);
    await store.db.insert(schema.notes).values([
      {
        projectId: project.id,
        ownerUserId: ada.id,
        title: "Design",
        body: "# CA\nECDSA P-256",
        tags: ["pki", "ca"],
        embedding,
        embeddingModel: "mosaic-local-hash-v1",
      },
      { projectId: null, ownerUserId: zoe.id, title: "Personal ✨", body: "" },
    ]);
    await store.db.insert(schema.preferences).values([
      { userId: ada.id, key: "theme", value: { mode: "dark" }, mutable: true },
      { userId: ada.id, key: "language", value: "en", mutable: false },
    ]);
    await store.db.insert(schema.insights).values({
      userId: ada.id,
      text: "Ada prefers short answers",
      provenance: { conversation: "c1" },
      embedding,
      embeddingModel: "mosaic-local-hash-v1",
    });
    const [agent] = await store.db
      .insert(schema.agents)
      .values({ ownerUserId: ada.id, name: "planner", allowedTools: ["tasks.read"] })
      .returning();
    const [conversation] = await store.db
      .insert(schema.conversations)
      .values({ userId: ada.id, agentId: agent?.id, title: "hi" })
      .returning();
    // Federation: sealed keys are opaque text to the copy; the enrollment token is ephemeral.
    await store.db.insert(schema.federationCa).values({
      id: "embedded",
      caCertPem: "cert",
      caKeySealed: "v1.aaa.bbb",
      caFingerprint: "ab".repeat(32),
      serverCertPem: "cert",
      serverKeySealed: "v1.ccc.ddd",
      serverNames: "localhost,127.0.0.1",
      serverNotAfter: new Date("2027-01-01T00:00:00Z"),
    });
    const [grant] = await store.db
      .insert(schema.federationGrants)
      .values({
        subjectUserId: ada.id,
        peerLabel: "laptop",
        scope: { resources: ["tasks"], max_rows_per_query: 100 },
        status: "active",
        currentCertSerial: "0a1b",
      })
      .returning();
    await store.db
      .insert(schema.federationEnrollmentTokens)
      .values({ tokenHash: "cd".repeat(32), grantId: grant?.id ?? "", expiresAt: new Date() });
    await store.db.insert(schema.federationAuditLog).values([
      { grantId: grant?.id, action: "enroll", outcome: "ok", details: { serial: "0a1b" } },
      { action: "enroll", outcome: "denied", reason: "unknown_token" },
    ]);
    await store.db.insert(schema.federationPeers).values({
      id: "00000000-0000-4000-8000-000000000001",
      name: "home",
      federationUrl: "https://home:4243",
      enrollHost: "home:4244",
      caCertPem: "cert",
      caFingerprint: "ef".repeat(32),
      clientCertPem: "cert",
      clientKeySealed: "v1.eee.fff",
      certSerial: "0c",
      grantId: "g",
      subjectUserId: "u",
      certNotAfter: new Date("2027-01-01T00:00:00Z"),
      state: "active",
    });
    await store.db.insert(schema.messages).values([
      { conversationId: conversation?.id ?? "", role: "user", content: "hello" },
      { conversationId: conversation?.id ?? "", role: "assistant", content: "hi", toolCalls: [{ name: "tasks.list" }] },
    ]);
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
    // Every table of the schema is seeded: a new table must be added to SEED (and so to this test).
    expect(counts).toEqual(SEED);
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

  it("vectors survive and full-text documents are regenerated on the target", async () => {
    const rows = await targetQuery<{ dims: number; hits: number }>(
      target.url,
      "SELECT array_length(embedding, 1) AS dims, (SELECT count(*)::int FROM notes WHERE search @@ plainto_tsquery('english', 'ECDSA')) AS hits FROM notes WHERE embedding IS NOT NULL",
    );
    expect(rows).toEqual([{ dims: 384, hits: 1 }]);
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
    for (const table of ["tasks", "notes", "preferences", "messages", "team_members", "personal_access_tokens"]) {
      const q = `SELECT * FROM ${table} ORDER BY 1, 2`;
      const s2 = await openPgliteStore({ dataDir: join(home, "data") });
      const before2 = JSON.stringify(await s2.query(q));
      await s2.close();
      expect(JSON.stringify(await targetQuery(target.url, q)), table).toBe(before2);
    }
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
