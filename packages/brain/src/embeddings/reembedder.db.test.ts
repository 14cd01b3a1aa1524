/** db-level: the background re-embedder on PGlite — model changes, failed writes, a failing provider, stop. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@mosaic/auth";
import { createRepositories, openPgliteStore, type Repositories, type Store, schema } from "@mosaic/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInsightService } from "../memory/insights.js";
import { createNoteService } from "../notes/notes.js";
import type { Embedder } from "./embedder.js";
import { createLocalEmbedder, embedLocally } from "./localEmbedder.js";
import { createReembedder } from "./reembedder.js";

let store: Store;
let repos: Repositories;
let actor: Actor;

/** Records what was logged, so progress and failures can be asserted. */
function recordingLog() {
  const lines: Array<{ level: string; message: string; fields: object }> = [];
  return {
    lines,
    info: (fields: object, message: string) => lines.push({ level: "info", message, fields }),
    warn: (fields: object, message: string) => lines.push({ level: "warn", message, fields }),
  };
}

/** A stand-in "old model": different id, different (but valid) vectors. */
const oldModel: Embedder = {
  modelId: "old-model-v0",
  dimensions: 384,
  embed: async (texts) => texts.map((t) => embedLocally(`old ${t}`)),
};
const broken: Embedder = {
  modelId: "mosaic-local-hash-v1",
  dimensions: 384,
  embed: async () => {
    throw new Error("provider down");
  },
};

async function models(table: "notes" | "insights"): Promise<Array<string | null>> {
  const rows = await store.query<{ m: string | null }>(`SELECT embedding_model AS m FROM ${table} ORDER BY id`);
  return rows.map((r) => r.m);
}

beforeAll(async () => {
  store = await openPgliteStore({ dataDir: mkdtempSync(join(tmpdir(), "mosaic-reembed-")) });
  repos = createRepositories(store.db);
  const [row] = await store.db.insert(schema.users).values({ email: "r@example.com", name: "r" }).returning();
  actor = { userId: row?.id ?? "", role: "member", via: "token" };
  const log = recordingLog();
  const notes = createNoteService({
    notes: repos.notes,
    projects: repos.projects,
    embedder: oldModel,
    publish: () => {},
    log,
  });
  for (let i = 0; i < 7; i++) await notes.create(actor, { title: `note ${i}`, body: `body ${i}`, tags: [] });
  // A write whose embedding failed: no vector, no model.
  const failing = createNoteService({
    notes: repos.notes,
    projects: repos.projects,
    embedder: broken,
    publish: () => {},
    log,
  });
  await failing.create(actor, { title: "unembedded", body: "", tags: [] });
  const insights = createInsightService({
    insights: repos.insights,
    projects: repos.projects,
    embedder: oldModel,
    log,
  });
  await insights.create(actor, { text: "an insight", category: "c", source: "s", provenance: {} });
});

afterAll(async () => {
  await store.close();
});

describe("re-embedder", () => {
  it("a failing provider changes nothing and logs a warning", async () => {
    const log = recordingLog();
    const r = createReembedder({
      backlog: repos.embeddingBacklog,
      embedder: broken,
      log,
      batchSize: 3,
      intervalMs: 60_000,
    });
    expect(await r.runOnce()).toBe(0);
    expect(await models("notes")).toContain("old-model-v0");
    expect(log.lines.some((l) => l.level === "warn" && /re-embedding paused/.test(l.message))).toBe(true);
  });

  it("re-embeds every row of another model (and the unembedded one) in batches, logging progress", async () => {
    const log = recordingLog();
    const embedder = createLocalEmbedder();
    const r = createReembedder({ backlog: repos.embeddingBacklog, embedder, log, batchSize: 3, intervalMs: 60_000 });
    expect(await r.runOnce()).toBe(9);
    expect(new Set(await models("notes"))).toEqual(new Set([embedder.modelId]));
    expect(await models("insights")).toEqual([embedder.modelId]);
    const [row] = await store.query<{ ok: boolean }>(
      "SELECT embedding = $1::real[] AS ok FROM notes WHERE title = 'note 3'",
      [embedLocally("note 3\n\nbody 3")],
    );
    expect(row?.ok).toBe(true);
    const progress = log.lines.filter((l) => /^re-embedded \d+\/8 notes/.test(l.message)).map((l) => l.message);
    expect(progress).toEqual(["re-embedded 3/8 notes", "re-embedded 6/8 notes", "re-embedded 8/8 notes"]);
    expect(await r.runOnce()).toBe(0);
  });

  it("never overwrites an edit made after the row was read", async () => {
    await store.query("UPDATE notes SET embedding_model = 'old-model-v0' WHERE title = 'note 0'");
    const [stale] = await repos.embeddingBacklog.stale("notes", "mosaic-local-hash-v1", 1);
    if (!stale) throw new Error("expected a stale row");
    await store.query("UPDATE notes SET body = 'edited', updated_at = now() WHERE id = $1", [stale.id]);
    expect(await repos.embeddingBacklog.store("notes", stale, embedLocally("x"), "mosaic-local-hash-v1")).toBe(false);
  });

  it("start() runs a round at once; stop() ends the loop and waits for the batch in flight", async () => {
    await store.query("UPDATE insights SET embedding_model = NULL, embedding = NULL");
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: Embedder = {
      modelId: "mosaic-local-hash-v1",
      dimensions: 384,
      embed: async (texts) => {
        await gate;
        return texts.map((t) => embedLocally(t));
      },
    };
    const r = createReembedder({
      backlog: repos.embeddingBacklog,
      embedder: slow,
      log: recordingLog(),
      batchSize: 10,
      intervalMs: 60_000,
    });
    r.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    let stopped = false;
    const stopping = r.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    // The batch in flight (the note edited above) was written before stop() resolved; the
    // insights, next in the round, were never started.
    expect(new Set(await models("notes"))).toEqual(new Set(["mosaic-local-hash-v1"]));
    expect(await models("insights")).toEqual([null]);
  });
});
