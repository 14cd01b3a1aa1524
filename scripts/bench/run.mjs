// `npm run bench`: foundation benchmarks, each a ratio against a baseline measured in the same run.
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { boardTti } from "./boardTti.mjs";
import { federatedFanout } from "./federatedFanout.mjs";
import { federatedList } from "./federatedList.mjs";
import { load, median, rssMb, startAndTime, stop } from "./lib.mjs";
import { memorySearch } from "./memorySearch.mjs";
import { taskList } from "./taskList.mjs";
import { initialJsGzip } from "./webBundle.mjs";

const root = resolve(import.meta.dirname, "../..");
// The bundled gateway `npm run build` makes: the gateway process's own entry. `mosaic gateway
// start` (`npm start`) loads the same bundle's cliStart entry straight from the shim.
const GATEWAY = join(root, "apps/gateway/bundle/main.js");
const CLI = join(root, "apps/cli/bin/mosaic.js");
const HELLO = join(import.meta.dirname, "fastifyHello.mjs");
const RAW = join(import.meta.dirname, "rawHttp.mjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const results = [];
const record = (name, value, unit, baseline, ratio, target, ok) => {
  results.push({ name, value, unit, baseline, ratio, target, ok });
  const r = ratio === null ? "" : ` ratio ${ratio.toFixed(2)}`;
  console.error(
    `  ${name}: ${value.toFixed(1)} ${unit}${baseline === null ? "" : ` (baseline ${baseline.toFixed(1)})`}${r} → ${ok ? "ok" : "MISS"} (${target})`,
  );
};

async function coldStartStandalone() {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const valkeyUrl = process.env.VALKEY_URL ?? "redis://127.0.0.1:6379";
  const dbName = `mosaic_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const env = {
    MOSAIC_HOME: mkdtempSync(join(tmpdir(), "mosaic-bench-")),
    MOSAIC_STORAGE_TIER: "standalone",
    DATABASE_URL: url.toString(),
    VALKEY_URL: valkeyUrl,
  };
  try {
    // First start applies the migrations; measured starts are of an existing database.
    const warm = await startAndTime(GATEWAY, env);
    await stop(warm.child);
    const gw = [];
    const hello = [];
    const viaCli = [];
    let rss = 0;
    for (let i = 0; i < RUNS; i++) {
      const h = await startAndTime(HELLO, {});
      hello.push(h.ms);
      await stop(h.child);
      const g = await startAndTime(GATEWAY, env);
      gw.push(g.ms);
      await new Promise((r) => setTimeout(r, 1000));
      rss = Math.max(rss, rssMb(g.child.pid));
      await stop(g.child);
      const c = await startAndTime(CLI, env, "/ready", ["gateway", "start"]);
      viaCli.push(c.ms);
      await stop(c.child);
    }
    const ratio = median(gw) / median(hello);
    record(
      "cold start, standalone (process → /ready 200)",
      median(gw),
      "ms",
      median(hello),
      ratio,
      "≤ 3× bare Fastify",
      ratio <= 3,
    );
    const cliRatio = median(viaCli) / median(hello);
    record(
      "the same through `mosaic gateway start` (what `npm start` runs: the shim → the bundled start command)",
      median(viaCli),
      "ms",
      median(hello),
      cliRatio,
      "≤ 3× bare Fastify",
      cliRatio <= 3,
    );
    record("idle RSS, standalone gateway", rss, "MB", null, null, "≤ 150 MB", rss <= 150);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

async function localReopen() {
  const home = mkdtempSync(join(tmpdir(), "mosaic-bench-local-"));
  const env = { MOSAIC_HOME: home };
  const first = await startAndTime(GATEWAY, env);
  await stop(first.child);
  const marker = statSync(join(home, "data/pglite/PG_VERSION")).mtimeMs;
  const reopen = [];
  for (let i = 0; i < RUNS; i++) {
    const g = await startAndTime(GATEWAY, env);
    reopen.push(g.ms);
    await stop(g.child);
  }
  const reinitialised = statSync(join(home, "data/pglite/PG_VERSION")).mtimeMs !== marker;
  record("local first start (PGlite initdb + migrations)", first.ms, "ms", null, null, "report", true);
  record(
    "local reopen of an existing data dir",
    median(reopen),
    "ms",
    first.ms,
    median(reopen) / first.ms,
    "no re-initialisation",
    !reinitialised,
  );
}

async function healthThroughput() {
  const home = mkdtempSync(join(tmpdir(), "mosaic-bench-health-"));
  const gw = await startAndTime(GATEWAY, { MOSAIC_HOME: home });
  const raw = await startAndTime(RAW, {}, "/");
  try {
    await load(gw.port, "/health", { seconds: 1 });
    await load(raw.port, "/", { seconds: 1 });
    const g = [];
    const r = [];
    for (let i = 0; i < 3; i++) {
      r.push((await load(raw.port, "/", { seconds: 3 })).rps);
      g.push((await load(gw.port, "/health", { seconds: 3 })).rps);
    }
    const ratio = median(g) / median(r);
    record(
      "/health throughput (keep-alive, 32 in flight)",
      median(g),
      "req/s",
      median(r),
      ratio,
      "≥ 0.9× raw node:http",
      ratio >= 0.9,
    );
  } finally {
    await stop(gw.child);
    await stop(raw.child);
  }
}

function webBundle() {
  const { bytes, files } = initialJsGzip(join(root, "apps/web/dist"));
  const kb = bytes / 1024;
  record(
    `web dashboard initial JS, gzip (${files.length} file${files.length === 1 ? "" : "s"})`,
    kb,
    "kB",
    null,
    null,
    "≤ 250 kB",
    kb <= 250,
  );
}

// `npm run bench -- memory-search` runs one benchmark by name; no name runs them all.
const BENCHES = {
  // First: it needs no services, so its row is there even when PostgreSQL is missing below.
  "web-bundle": webBundle,
  "cold-start": coldStartStandalone,
  "local-reopen": localReopen,
  "health-throughput": healthThroughput,
  "memory-search": () => memorySearch(record),
  "task-list": () => taskList(record),
  "federated-fanout": () => federatedFanout(record),
  "board-tti": () => boardTti(record),
  "federated-list": () => federatedList(record),
};
const only = process.argv.slice(2);
for (const name of only)
  if (!(name in BENCHES)) throw new Error(`unknown benchmark ${name}: ${Object.keys(BENCHES).join(", ")}`);

console.error("mosaic benchmarks (ratios against baselines measured in this run)");
for (const [name, run] of Object.entries(BENCHES)) if (only.length === 0 || only.includes(name)) await run();

mkdirSync(join(root, "bench-results"), { recursive: true });
writeFileSync(
  join(root, "bench-results/foundation.json"),
  `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
);
console.log("\n| benchmark | value | baseline | ratio | target | result |\n|---|---|---|---|---|---|");
for (const x of results) {
  console.log(
    `| ${x.name} | ${x.value.toFixed(1)} ${x.unit} | ${x.baseline === null ? "-" : x.baseline.toFixed(1)} | ${x.ratio === null ? "-" : x.ratio.toFixed(2)} | ${x.target} | ${x.ok ? "ok" : "MISS"} |`,
  );
}
