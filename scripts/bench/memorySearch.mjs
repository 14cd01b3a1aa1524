// Memory search over 100k insights (384-dim, local embedder) on PostgreSQL + pgvector:
// API p50 (GET /api/memory/search, token auth, hybrid rank) against the bare SQL p50 of the same
// vector statement on one pg connection, and recall@10 of that statement (HNSW) against exact search.

import { mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { insightAccess } from "@mosaic/auth";
import { embedLocally, LOCAL_EMBEDDER_MODEL_ID, searchCandidates } from "@mosaic/brain";
import { ensureVectorIndexes, HNSW_EF_SEARCH, openPostgresStore, vectorSearchStartupOptions } from "@mosaic/db";
import pg from "pg";
import { median, startAndTime, stop } from "./lib.mjs";

const ROWS = Number(process.env.BENCH_INSIGHTS ?? 100_000);
const QUERIES = 200;
const RECALL_QUERIES = 100;
const BATCH = 500;

/** Deterministic pseudo-random numbers (mulberry32), so every run searches the same data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Text like a person's memory: each insight is about one of 300 topics, drawn mostly from that
 * topic's own words plus shared everyday words (both Zipf-skewed), so rows cluster by subject as
 * real notes do. `makeText(random)(words)` returns one text; queries come from the same process.
 */
export function makeText(random) {
  const onsets = [
    "",
    "b",
    "br",
    "c",
    "ch",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "pl",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "w",
  ];
  const vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"];
  const codas = ["", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ck"];
  const r = rng(7);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const word = () =>
    Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(onsets) + pick(vowels) + pick(codas)).join("");
  const common = Array.from({ length: 400 }, word);
  const topics = Array.from({ length: 300 }, () => Array.from({ length: 60 }, word));
  const zipf = (xs) => xs[Math.floor(xs.length * random() ** 2)];
  return (words) => {
    const topic = topics[Math.floor(random() * topics.length)];
    return Array.from({ length: words }, () => (random() < 0.7 ? zipf(topic) : zipf(common))).join(" ");
  };
}

/** A full garbage collection of this process (the flag is set at run time, so `npm run bench` needs none). */
function collectGarbage() {
  v8.setFlagsFromString("--expose-gc");
  vm.runInNewContext("gc")();
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

function getJson(agent, port, path, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent, headers }, (res) => {
      let body = "";
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () =>
        res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`${res.statusCode} ${body}`)),
      );
    });
    req.on("error", reject);
  });
}

async function post(port, path, payload, headers = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(payload),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return { body: await res.json(), cookie: res.headers.get("set-cookie")?.split(";")[0] ?? "" };
}

/** Inserts `ROWS` insights for `userId` with multi-row INSERTs, without the HNSW index, then builds it. */
export async function load(client, userId, text) {
  const random = rng(42);
  await client.query("DROP INDEX IF EXISTS insights_embedding_hnsw");
  const started = performance.now();
  for (let done = 0; done < ROWS; done += BATCH) {
    const values = [];
    const params = [userId, LOCAL_EMBEDDER_MODEL_ID];
    for (let i = 0; i < Math.min(BATCH, ROWS - done); i++) {
      const t = text(8 + Math.floor(random() * 10));
      params.push(t, `{${embedLocally(t).join(",")}}`);
      values.push(`($1, $${params.length - 1}, $${params.length}::real[], $2)`);
    }
    await client.query(
      `INSERT INTO insights (user_id, text, embedding, embedding_model) VALUES ${values.join(",")}`,
      params,
    );
  }
  const inserted = performance.now();
  await client.query("SET maintenance_work_mem = '1GB'");
  await ensureVectorIndexes((sql, params) => client.query(sql, params).then((r) => r.rows));
  // Steady state before measuring: autovacuum would otherwise start on the 100k new rows, and a
  // checkpoint flush the index build's pages, both in the middle of the measured searches.
  await client.query("VACUUM (ANALYZE) insights");
  await client.query("CHECKPOINT").catch(() => {}); // superuser only; without it, a checkpoint may land later
  return { insertMs: inserted - started, indexMs: performance.now() - inserted };
}

/** Runs the benchmark and reports through `record(name, value, unit, baseline, ratio, target, ok)`. */
export async function memorySearch(record) {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `mosaic_bench_mem_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  let gateway = null;
  let store = null;
  // The load runs on its own connection: the measured ones open after it, as the gateway's pool
  // connections do (the backend that built the index searched ~1 ms faster than a fresh one).
  const loader = new pg.Client({ connectionString: url.toString() });
  const client = new pg.Client({ connectionString: url.toString(), options: vectorSearchStartupOptions() });
  const second = new pg.Client({ connectionString: url.toString(), options: vectorSearchStartupOptions() });
  try {
    gateway = await startAndTime(join(import.meta.dirname, "../../apps/gateway/dist/main.js"), {
      MOSAIC_HOME: mkdtempSync(join(tmpdir(), "mosaic-bench-mem-")),
      MOSAIC_STORAGE_TIER: "federated",
      MOSAIC_FEDERATION: "0",
      DATABASE_URL: url.toString(),
      VALKEY_URL: process.env.VALKEY_URL ?? "redis://127.0.0.1:6379",
    });
    const { port } = gateway;
    const signUp = await post(port, "/api/auth/sign-up", {
      email: "bench@example.com",
      password: "correct horse battery",
      name: "b",
    });
    const token = (await post(port, "/api/tokens", { name: "bench" }, { cookie: signUp.cookie })).body.secret;
    const userId = signUp.body.user.id;
    await loader.connect();

    const text = makeText(rng(1));
    const { insertMs, indexMs } = await load(loader, userId, text);
    await loader.end();
    await client.connect();
    record(`memory search: embed + insert ${ROWS} insights`, insertMs / 1000, "s", null, null, "report", true);
    record("memory search: build the HNSW index", indexMs / 1000, "s", null, null, "report", true);

    // The repository's own statement, rendered by drizzle: the bare loop runs exactly what the API runs.
    store = await openPostgresStore({ url: url.toString(), poolSize: 1 });
    const { searchRepository } = await import("@mosaic/db");
    const repo = searchRepository(store.db);
    const actor = { userId, role: "admin", via: "token" };
    const qr = rng(99);
    const queries = Array.from({ length: QUERIES }, () => text(3 + Math.floor(qr() * 3)));
    // What the API runs for `limit=10`: the vector and the full-text statement, with the same
    // candidate count, at once on two connections.
    const access = insightAccess(actor, "read");
    const candidates = searchCandidates(10);
    const vectorSql = (q, limit) =>
      repo.nearestStatement("insights", { access, vector: embedLocally(q), model: LOCAL_EMBEDDER_MODEL_ID, limit });
    const pairs = queries.map((q) => ({
      vector: vectorSql(q, candidates),
      text: repo.matchingStatement("insights", { access, query: q, limit: candidates }),
    }));
    await second.connect();

    // The load left this process a large heap of garbage: collect it now, so no major collection
    // (with its background marking threads on a 2-core machine) runs during the measured searches.
    collectGarbage();

    const explain = await client.query(`EXPLAIN ${pairs[0].vector.sql}`, pairs[0].vector.params);
    const usesIndex = explain.rows.some((r) => r["QUERY PLAN"].includes("insights_embedding_hnsw"));

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { authorization: `Bearer ${token}` };
    const apiPath = (q) => `/api/memory/search?q=${encodeURIComponent(q)}&limit=10`;
    const bare = (pair) =>
      Promise.all([client.query(pair.vector.sql, pair.vector.params), second.query(pair.text.sql, pair.text.params)]);
    // Warm every query's pages first, so no side pays for first touching them.
    for (const [i, q] of queries.entries()) {
      await getJson(agent, port, apiPath(q), headers);
      await bare(pairs[i]);
    }
    const pairMs = [];
    const vectorMs = [];
    const textMs = [];
    const apiMs = [];
    const sides = [
      async (i) => {
        const t = performance.now();
        await bare(pairs[i]);
        pairMs.push(performance.now() - t);
      },
      async (i) => {
        const t = performance.now();
        await client.query(pairs[i].vector.sql, pairs[i].vector.params);
        vectorMs.push(performance.now() - t);
      },
      async (i) => {
        const t = performance.now();
        await client.query(pairs[i].text.sql, pairs[i].text.params);
        textMs.push(performance.now() - t);
      },
      async (i) => {
        const t = performance.now();
        const answer = await getJson(agent, port, apiPath(queries[i]), headers);
        apiMs.push(performance.now() - t);
        if (answer.mode !== "hybrid") throw new Error(`expected hybrid search, got ${answer.mode}`);
      },
    ];
    // Interleaved, so drift (autovacuum, the re-embedder's round) hits every side alike. Each side
    // searches every query once, a quarter of the list away from the other sides: a search repeated
    // right after the same search runs ~1.5× faster (the graph pages it walks are still in the CPU
    // caches), so a side that ran a query second would be measured warm and the one before it cold.
    const apart = Math.floor(queries.length / sides.length);
    for (let i = 0; i < queries.length; i++) {
      for (let k = 0; k < sides.length; k++) await sides[k]((i + k * apart) % queries.length);
    }
    agent.destroy();

    // ann-benchmarks' rule: a returned row counts when it is as near as the k-th exact neighbour
    // (within 1e-3), since many rows tie on distance and any of the tied ones is a right answer.
    let hits = 0;
    for (const q of queries.slice(0, RECALL_QUERIES)) {
      const s = vectorSql(q, 10);
      const approx = (await client.query(s.sql, s.params)).rows;
      await client.query("BEGIN");
      await client.query("SET LOCAL enable_indexscan = off");
      const exact = (await client.query(s.sql, s.params)).rows;
      await client.query("COMMIT");
      const threshold = (exact[exact.length - 1]?.score ?? 0) - 1e-3;
      hits += approx.filter((r) => r.score >= threshold).length;
    }
    const recall = hits / (RECALL_QUERIES * 10);

    record("memory search: bare vector statement p50", median(vectorMs), "ms", null, null, "report", true);
    record("memory search: bare full-text statement p50", median(textMs), "ms", null, null, "report", true);
    const ratio = median(apiMs) / median(pairMs);
    record(
      `memory search API p50 vs the same two statements bare (p95 ${pct(apiMs, 0.95).toFixed(1)} ms; ${(median(apiMs) / median(vectorMs)).toFixed(2)}× the vector statement alone)`,
      median(apiMs),
      "ms",
      median(pairMs),
      ratio,
      "≤ 1.3× bare SQL p50",
      ratio <= 1.3,
    );
    record(
      `memory search recall@10 (HNSW, ef_search ${HNSW_EF_SEARCH}) vs exact`,
      recall * 100,
      "%",
      null,
      null,
      "≥ 95 %",
      recall >= 0.95,
    );
    record("memory search vector statement uses the HNSW index", usesIndex ? 1 : 0, "", null, null, "= 1", usesIndex);
  } finally {
    await loader.end().catch(() => {});
    await client.end().catch(() => {});
    await second.end().catch(() => {});
    await store?.close().catch(() => {});
    if (gateway) await stop(gateway.child);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}
