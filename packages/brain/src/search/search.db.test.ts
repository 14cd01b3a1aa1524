/**
 * db-level search suite: the same assertions on PGlite (pgvector), PostgreSQL with pgvector
 * (hybrid) and PostgreSQL without it (full-text), with another user's near-identical rows planted
 * to prove the access predicate is inside the SQL.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@mosaic/auth";
import { noteAccess } from "@mosaic/auth";
import { createRepositories, HNSW_EF_SEARCH, openPgliteStore, openPostgresStore, type Store, schema } from "@mosaic/db";
import { createTestDatabase } from "@mosaic/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createLocalEmbedder } from "../embeddings/localEmbedder.js";
import { createInsightService } from "../memory/insights.js";
import { createNoteService } from "../notes/notes.js";
import { createSearchService } from "./search.js";

const postgresUrl = inject("postgresUrl");
interface Opened {
  store: Store;
  url?: string;
  drop?: () => Promise<void>;
}
const drivers: Array<[string, "hybrid" | "fulltext", () => Promise<Opened>]> = [
  [
    "PGlite",
    "hybrid",
    async () => ({ store: await openPgliteStore({ dataDir: mkdtempSync(join(tmpdir(), "mosaic-search-")) }) }),
  ],
];
if (postgresUrl) {
  const postgres = (createVector: boolean) => async (): Promise<Opened> => {
    const db = await createTestDatabase(postgresUrl);
    return { store: await openPostgresStore({ url: db.url, createVector }), url: db.url, drop: () => db.drop() };
  };
  drivers.push(["PostgreSQL + pgvector", "hybrid", postgres(true)]);
  drivers.push(["PostgreSQL without pgvector", "fulltext", postgres(false)]);
}

const quiet = { info() {}, warn() {} };

describe.each(drivers)("search on %s", (_name, expectedMode, open) => {
  let opened: Opened;
  let A: Actor;
  let B: Actor;
  let C: Actor;
  let ids: Record<string, string>;
  let services: ReturnType<typeof wire>;

  function wire(store: Store) {
    const repos = createRepositories(store.db);
    const embedder = createLocalEmbedder();
    return {
      repos,
      notes: createNoteService({
        notes: repos.notes,
        projects: repos.projects,
        embedder,
        publish: () => {},
        log: quiet,
      }),
      insights: createInsightService({ insights: repos.insights, projects: repos.projects, embedder, log: quiet }),
      search: createSearchService({ search: repos.search, embedder, hasVector: store.hasVector, log: quiet }),
    };
  }

  async function user(name: string): Promise<Actor> {
    const [row] = await opened.store.db
      .insert(schema.users)
      .values({ email: `${name}-${Date.now()}@example.com`, name })
      .returning();
    if (!row) throw new Error("no user");
    return { userId: row.id, role: row.role, via: "token" };
  }

  beforeAll(async () => {
    opened = await open();
    services = wire(opened.store);
    [A, B, C] = [await user("a"), await user("b"), await user("c")];
    const team = await services.repos.teams.create("X", A.userId);
    await services.repos.teams.inTeamTransaction(team.id, async (t) => {
      await t?.addMember(C.userId, "member");
    });
    const pX = await services.repos.projects.create({
      name: "pX",
      description: "",
      ownerUserId: null,
      ownerTeamId: team.id,
    });
    const text = { title: "Deploying the database migration", body: "Apply every migration before restarting." };
    ids = {
      pX: pX.id,
      noteA: (await services.notes.create(A, { ...text, tags: [] })).id,
      // B's near-identical twin: the best match for A's query by every measure, and never A's to see.
      noteB: (await services.notes.create(B, { ...text, body: `${text.body} canary-of-B`, tags: [] })).id,
      noteX: (
        await services.notes.create(A, {
          title: "Team runbook",
          body: "database migration rollback steps",
          tags: [],
          projectId: pX.id,
        })
      ).id,
      insightA: (
        await services.insights.create(A, {
          text: "Prefers migrations applied by hand on deploy",
          category: "ops",
          source: "user",
          provenance: {},
        })
      ).id,
      insightB: (
        await services.insights.create(B, {
          text: "Prefers migrations applied by hand on deploy",
          category: "ops",
          source: "user",
          provenance: {},
        })
      ).id,
    };
    const [task] = await opened.store.db
      .insert(schema.tasks)
      .values({ projectId: pX.id, title: "Write the migration rollback script", description: "for deploy day" })
      .returning();
    ids.taskX = task?.id ?? "";
  });

  afterAll(async () => {
    await opened.store.close();
    await opened.drop?.();
  });

  const idsOf = (items: Array<{ id: string }>) => items.map((i) => i.id);

  it(`ranks in ${expectedMode} mode and finds the owner's note by full-text`, async () => {
    const answer = await services.search.search(A, { q: "database migration", limit: 10 });
    expect(answer.mode).toBe(expectedMode);
    expect(idsOf(answer.items)).toContain(ids.noteA);
    const hit = answer.items.find((i) => i.id === ids.noteA);
    expect(hit).toMatchObject({ kind: "note", title: "Deploying the database migration", projectId: null });
    expect(hit?.ranks.text).not.toBeNull();
  });

  it.runIf(expectedMode === "hybrid")("finds a note by meaning-ish overlap where full-text finds nothing", async () => {
    // "db" and "running" are not in the note, so the ANDed full-text query can't match it.
    const q = "running db migrations on deploy";
    const answer = await services.search.search(A, { q, kinds: ["notes"], limit: 5 });
    expect(answer.mode).toBe("hybrid");
    expect(answer.items[0]).toMatchObject({ id: ids.noteA, ranks: { text: null } });
    expect(answer.items[0]?.ranks.vector).toBe(1);
  });

  it("never returns another user's rows, however close they are", async () => {
    for (const q of ["database migration", "Deploying the database migration apply every", "migrations deploy"]) {
      const forA = await services.search.search(A, { q, limit: 50 });
      expect(idsOf(forA.items)).not.toContain(ids.noteB);
      expect(idsOf(forA.items)).not.toContain(ids.insightB);
      expect(JSON.stringify(forA)).not.toContain("canary-of-B");
      const forB = await services.search.search(B, { q, limit: 50 });
      expect(idsOf(forB.items)).not.toContain(ids.noteA);
      expect(idsOf(forB.items)).not.toContain(ids.noteX);
      expect(idsOf(forB.items)).not.toContain(ids.taskX);
      expect(idsOf(forB.items)).not.toContain(ids.insightA);
    }
  });

  it("a team member finds the team's note and task, but not the owner's personal rows", async () => {
    const answer = await services.search.search(C, { q: "migration rollback", limit: 10 });
    expect(idsOf(answer.items)).toEqual(expect.arrayContaining([ids.noteX, ids.taskX]));
    expect(answer.items.find((i) => i.id === ids.taskX)?.kind).toBe("task");
    expect(idsOf(answer.items)).not.toContain(ids.noteA);
    expect(idsOf(answer.items)).not.toContain(ids.insightA);
  });

  it("kinds, projectId and limit narrow the answer", async () => {
    const memory = await services.search.searchMemory(A, { q: "migrations deploy", limit: 10 });
    expect(memory.items.map((i) => i.kind)).toEqual(["insight"]);
    expect(memory.items[0]?.id).toBe(ids.insightA);
    const inProject = await services.search.search(A, { q: "migration", projectId: ids.pX, limit: 10 });
    expect(inProject.items.length).toBeGreaterThan(0);
    expect(inProject.items.every((i) => i.projectId === ids.pX)).toBe(true);
    const one = await services.search.search(A, { q: "migration", limit: 1 });
    expect(one.items).toHaveLength(1);
  });

  it.runIf(expectedMode === "hybrid")("the vector query uses the HNSW expression index", async () => {
    const query = services.repos.search.nearestStatement("notes", {
      access: noteAccess(A, "read"),
      vector: (await createLocalEmbedder().embed(["deploy"]))[0] ?? [],
      model: createLocalEmbedder().modelId,
      limit: 5,
    });
    // Few rows make a sequential scan cheaper; forbid it to see whether the index *can* serve the query.
    const plan = async (run: (text: string, params?: unknown[]) => Promise<unknown[]>) => {
      await run("SET enable_seqscan = off");
      const rows = (await run(`EXPLAIN ${query.sql}`, query.params)) as Array<{ "QUERY PLAN": string }>;
      await run("RESET enable_seqscan");
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    };
    let text: string;
    if (opened.url) {
      const client = new pg.Client({ connectionString: opened.url });
      await client.connect();
      text = await plan(async (t, p) => (await client.query(t, p)).rows);
      await client.end();
    } else {
      text = await plan((t, p) => opened.store.query(t, p));
    }
    expect(text).toContain("notes_embedding_hnsw");
  });

  it.runIf(expectedMode === "hybrid")("search sessions run with the tuned HNSW settings", async () => {
    const [row] = await opened.store.query<{ ef: string; scan: string }>(
      "SELECT current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS scan",
    );
    expect(row).toEqual({ ef: String(HNSW_EF_SEARCH), scan: "strict_order" });
  });
});
