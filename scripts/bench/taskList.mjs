// Task list on the standalone tier: `GET /api/projects/:id/tasks?limit=50` (50 tasks, bearer token,
// keep-alive, 16 in flight from an undici Pool, the cheapest client at hand: it shares the two cores)
// against the same SQL run by a bare `pg` loop (pool of 16, 16 in flight),
// and the token check's share of the route's gateway CPU. CPU time per request is read from /proc
// for the gateway process over each load phase (not wall time: waiting for the database or for a
// core of this shared machine isn't cost). The token check's cost is the difference between the
// list path with a bad query string (`limit=0`) answered 400 with the bearer token — the hook checks
// the token, then validation refuses — and the same request without credentials, answered 401 by
// the hook before any database work: both take the same route and the same error envelope.
//
// The SQL is captured, not re-typed: a first gateway runs with captureSql.mjs preloaded, which logs
// every statement node-postgres sends; the benchmark replays the statements of one task-list request
// and one /api/me request. The measured gateway is a second, clean process on the same database.

import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { cpuMs, loadUndici as load, median, startAndTime, stop } from "./lib.mjs";

const GATEWAY = join(import.meta.dirname, "../../apps/gateway/dist/main.js");
const CAPTURE = join(import.meta.dirname, "captureSql.mjs");
const TASKS = 50;
const CONCURRENCY = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function call(port, method, path, payload, headers = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: payload === undefined ? headers : { "content-type": "application/json", ...headers },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const expected = method === "POST" ? 201 : 200;
  if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return { body: await res.json(), cookie: res.headers.get("set-cookie")?.split(";")[0] ?? "" };
}

/** The statements logged since byte `from` of the capture file. */
function statementsSince(file, from) {
  return readFileSync(file, "utf8")
    .slice(from)
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** `concurrency` workers each running `statements` in order on a pooled connection, for `seconds`: rounds per second. */
async function bareLoad(pool, statements, { seconds = SECONDS, concurrency = CONCURRENCY } = {}) {
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      // One checked-out connection per round, as a request holds one per statement in turn.
      for (const s of statements)
        await pool.query(s.name ? { name: s.name, text: s.text, values: s.params } : s.text, s.params);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - started) / 1000);
}

/**
 * CPU ms used so far by each backend connected to database `dbName` (by pid, from /proc), or null
 * when a backend's /proc entry can't be read (PostgreSQL on another machine).
 */
async function backendCpu(admin, dbName) {
  const { rows } = await admin.query("SELECT pid FROM pg_stat_activity WHERE datname = $1", [dbName]);
  const byPid = new Map();
  for (const { pid } of rows) {
    try {
      byPid.set(pid, cpuMs(pid));
    } catch {
      return null;
    }
  }
  return byPid;
}

/** Runs the benchmark and reports through `record(name, value, unit, baseline, ratio, target, ok)`. */
export async function taskList(record) {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `mosaic_bench_tasks_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const home = mkdtempSync(join(tmpdir(), "mosaic-bench-tasks-"));
  const env = {
    MOSAIC_HOME: home,
    MOSAIC_STORAGE_TIER: "standalone",
    DATABASE_URL: url.toString(),
    VALKEY_URL: process.env.VALKEY_URL ?? "redis://127.0.0.1:6379",
  };
  const sqlLog = join(home, "captured-sql.jsonl");
  writeFileSync(sqlLog, "");
  let gateway = null;
  let pool = null;
  try {
    // 1. Capture run: set up the data, then one request of each kind with the statement log on.
    gateway = await startAndTime(GATEWAY, {
      ...env,
      NODE_OPTIONS: `--import=${CAPTURE}`,
      MOSAIC_BENCH_SQL_LOG: sqlLog,
    });
    let { port } = gateway;
    const signUp = await call(port, "POST", "/api/auth/sign-up", {
      email: "bench@example.com",
      password: "correct horse battery",
      name: "b",
    });
    const token = (await call(port, "POST", "/api/tokens", { name: "bench" }, { cookie: signUp.cookie })).body.secret;
    const headers = { authorization: `Bearer ${token}` };
    const project = (await call(port, "POST", "/api/projects", { name: "bench" }, headers)).body.project;
    for (let i = 0; i < TASKS; i++)
      await call(
        port,
        "POST",
        `/api/projects/${project.id}/tasks`,
        { title: `task ${i}`, description: "x".repeat(200) },
        headers,
      );
    const listPath = `/api/projects/${project.id}/tasks?limit=${TASKS}`;
    // A first request touches the token's last_used_at (at most once a minute): not part of the steady state.
    await call(port, "GET", "/api/me", undefined, headers);
    let mark = statSync(sqlLog).size;
    const page = (await call(port, "GET", listPath, undefined, headers)).body;
    if (page.items.length !== TASKS) throw new Error(`expected ${TASKS} tasks, got ${page.items.length}`);
    const listStatements = statementsSince(sqlLog, mark);
    mark = statSync(sqlLog).size;
    await call(port, "GET", "/api/me", undefined, headers);
    const meStatements = statementsSince(sqlLog, mark);
    await stop(gateway.child);
    gateway = null;

    const listSql = listStatements.find((s) => /from "tasks"/i.test(s.text));
    const tokenSql = meStatements[0];
    if (!listSql || !tokenSql || !/api_tokens|tokens/i.test(tokenSql.text))
      throw new Error(`unexpected captured SQL: ${JSON.stringify({ listStatements, meStatements }, null, 1)}`);
    if (process.env.BENCH_VERBOSE) {
      console.error("task-list request statements:");
      for (const s of listStatements) console.error(`  ${s.text}  -- ${JSON.stringify(s.params)}`);
      console.error("/api/me request statements:");
      for (const s of meStatements) console.error(`  ${s.text}  -- ${JSON.stringify(s.params)}`);
    }

    // 2. Measured run: a clean gateway (no capture hook) on the same database.
    gateway = await startAndTime(GATEWAY, env);
    port = gateway.port;
    pool = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY });
    const opts = { seconds: SECONDS, concurrency: CONCURRENCY, headers };
    const meOpts = { ...opts };
    // Warm both sides.
    await load(port, listPath, { ...opts, seconds: 1 });
    await bareLoad(pool, listStatements, { seconds: 1 });
    const api = [];
    const me = [];
    const cpuList = [];
    const cpuMe = [];
    const cpuChecked = [];
    const cpuRefused = [];
    const cpuUnknown = [];
    const dbList = [];
    const dbRefused = [];
    const dbUnknown = [];
    // Token-shaped, but no such token: the check runs its full statement and finds no row.
    const unknown = { authorization: `Bearer mos_${"A".repeat(43)}` };
    const pid = gateway.child.pid;
    /**
     * Runs a load phase and returns its result with the CPU ms per answered request of the gateway
     * and of the database backends serving it (null when they can't be read: a remote server).
     */
    const measured = async (path, o) => {
      const before = cpuMs(pid);
      const dbBefore = await backendCpu(admin, dbName);
      const r = await load(port, path, o);
      const dbAfter = await backendCpu(admin, dbName);
      const n = Math.max(1, r.done + r.errors);
      let db = null;
      if (dbBefore && dbAfter) {
        db = 0;
        for (const [backend, ms] of dbAfter) db += ms - (dbBefore.get(backend) ?? 0);
      }
      return { ...r, cpuPerRequest: (cpuMs(pid) - before) / n, dbPerRequest: db === null ? null : db / n };
    };
    const bareList = [];
    const bareAll = [];
    const bareToken = [];
    const bareListPrepared = [];
    let errors = 0;
    // Interleaved rounds, so drift (and the other load on the machine) hits every side alike.
    for (let i = 0; i < ROUNDS; i++) {
      const a = await measured(listPath, opts);
      api.push(a.rps);
      cpuList.push(a.cpuPerRequest);
      dbList.push(a.dbPerRequest);
      errors += a.errors;
      bareList.push(await bareLoad(pool, [listSql]));
      const m = await measured("/api/me", meOpts);
      me.push(m.rps);
      cpuMe.push(m.cpuPerRequest);
      errors += m.errors;
      const badPath = `/api/projects/${project.id}/tasks?limit=0`;
      const checked = await measured(badPath, { ...opts, status: 400 });
      cpuChecked.push(checked.cpuPerRequest);
      const refused = await measured(badPath, { ...opts, headers: {}, status: 401 });
      cpuRefused.push(refused.cpuPerRequest);
      dbRefused.push(refused.dbPerRequest);
      const rejected = await measured(listPath, { ...opts, headers: unknown, status: 401 });
      cpuUnknown.push(rejected.cpuPerRequest);
      dbUnknown.push(rejected.dbPerRequest);
      errors += rejected.errors;
      errors += checked.errors + refused.errors;
      bareAll.push(await bareLoad(pool, listStatements));
      bareToken.push(await bareLoad(pool, [tokenSql]));
      bareListPrepared.push(await bareLoad(pool, [{ ...listSql, name: "bench_list" }]));
    }
    if (errors > 0) throw new Error(`${errors} non-200 answers under load`);

    const ratio = median(api) / median(bareList);
    record(
      `task list API, ${TASKS} rows, token auth (keep-alive, ${CONCURRENCY} in flight) vs its list statement bare`,
      median(api),
      "req/s",
      median(bareList),
      ratio,
      "≥ 0.5× bare SQL",
      ratio >= 0.5,
    );
    record(
      `task list API vs all ${listStatements.length} statements of the request bare (token lookup, list; the project check runs only for an empty page)`,
      median(api),
      "req/s",
      median(bareAll),
      median(api) / median(bareAll),
      "report",
      true,
    );
    record(
      "task list API vs its list statement bare and prepared (named, as the gateway runs it)",
      median(api),
      "req/s",
      median(bareListPrepared),
      median(api) / median(bareListPrepared),
      "report",
      true,
    );
    record("token lookup statement, bare pg loop", median(bareToken), "req/s", null, null, "report", true);
    record("gateway CPU per task-list request", median(cpuList), "ms", null, null, "report", true);
    const list = median(cpuList);
    // Same 401 answer from the same hook, with and without the token's statement.
    const tokenCpu = Math.max(0, median(cpuUnknown) - median(cpuRefused));
    // Upper bound: 400 after a successful check (query validation fails) − 401 before it.
    const boundCpu = Math.max(0, median(cpuChecked) - median(cpuRefused));
    const share = (tokenCpu / list) * 100;
    const readable = [...dbList, ...dbRefused, ...dbUnknown].every((x) => x !== null);
    const gatewayRow = `token check share of the task list's gateway CPU (${tokenCpu.toFixed(3)} ms = 401 for an unknown token ${median(cpuUnknown).toFixed(3)} ms − 401 without credentials ${median(cpuRefused).toFixed(3)} ms, over the list's ${list.toFixed(3)} ms)`;
    if (readable) {
      record("database backends' CPU per task-list request", median(dbList), "ms", null, null, "report", true);
      // The route's CPU is the gateway's and the database's: most of a 50-row page's cost is the
      // list statement in PostgreSQL, and the check's statement costs the database something too.
      const routeToken = Math.max(0, median(cpuUnknown) + median(dbUnknown) - median(cpuRefused) - median(dbRefused));
      const route = list + median(dbList);
      const routeShare = (routeToken / route) * 100;
      record(
        `token check share of the task list's CPU, gateway + database (${routeToken.toFixed(3)} ms = the same difference with the backends' CPU, over the list's ${route.toFixed(3)} ms)`,
        routeShare,
        "%",
        null,
        null,
        "≤ 10 %",
        routeShare <= 10,
      );
      record(gatewayRow, share, "%", null, null, "report", true);
    } else {
      record(gatewayRow, share, "%", null, null, "≤ 10 %", share <= 10);
    }
    record(
      `token check share, upper bound (400 after a valid token's check ${median(cpuChecked).toFixed(3)} ms − 401 ${median(cpuRefused).toFixed(3)} ms, incl. the failed query validation; /api/me ${median(cpuMe).toFixed(3)} ms)`,
      (boundCpu / list) * 100,
      "%",
      null,
      null,
      "report",
      true,
    );
  } finally {
    await pool?.end().catch(() => {});
    if (gateway) await stop(gateway.child);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}
