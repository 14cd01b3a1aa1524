// `source=all` fan-out on B with 3 peers, one of them slower: B's `GET /api/tasks?source=all` against
// B's `GET /api/tasks?source=federated:<slow peer>` (the slowest peer's own latency through the same
// B), one request at a time, interleaved, in the same run. Targets: p50 ≤ 1.1× and p99 ≤ 1.25×.
//
// The slow peer sits behind a delaying TCP proxy in this process: it is started with
// MOSAIC_FEDERATION_HOST=127.0.0.2, so the URLs it hands B point at 127.0.0.2, where the proxy
// listens and forwards to its listeners on 127.0.0.1, adding RTT_MS of round trip (half to each
// direction, as a distant network would). The other two peers are reached directly. Real gateway
// processes, real enrollment, real mTLS.

import { mkdtempSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startAndTime, stop } from "./lib.mjs";

const GATEWAY = join(import.meta.dirname, "../../apps/gateway/dist/main.js");
const RTT_MS = Number(process.env.BENCH_FANOUT_RTT_MS ?? 100);
const REQUESTS = Number(process.env.BENCH_FANOUT_REQUESTS ?? 200);
const TASKS = 30;
const SHARE_ALL = {
  resources: ["projects", "missions", "tasks", "notes", "memory"],
  include_teams: true,
  include_personal: true,
  max_rows_per_query: 500,
};

/** Forwards `from`'s chunks to `to`, each `delayMs` late, in order. */
function delayed(from, to, delayMs) {
  let due = 0;
  from.on("data", (chunk) => {
    if (delayMs === 0) return to.writable && to.write(chunk);
    due = Math.max(performance.now() + delayMs, due);
    setTimeout(() => to.writable && to.write(chunk), due - performance.now());
  });
}

/** A TCP proxy on `host:port` → 127.0.0.1:`port` adding `rttMs` of round trip (half each way). */
async function delayingProxy(host, port, rttMs) {
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = createConnection({ host: "127.0.0.1", port });
    sockets.add(client);
    sockets.add(upstream);
    delayed(client, upstream, rttMs / 2);
    delayed(upstream, client, rttMs / 2);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", () => setTimeout(end, rttMs / 2 + 5));
    upstream.on("close", () => setTimeout(end, rttMs / 2 + 5));
    client.on("error", end);
    upstream.on("error", end);
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
}

async function api(port, method, path, { token, body, cookie } = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      origin: `http://127.0.0.1:${port}`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { json: text ? JSON.parse(text) : null, cookie: res.headers.get("set-cookie")?.split(";")[0] ?? "" };
}

/** A gateway process with federation on, its admin signed up, and a token. */
async function gateway(label, federationHost = "127.0.0.1") {
  const [federationPort, enrollPort] = [await freePort(), await freePort()];
  const env = {
    MOSAIC_HOME: mkdtempSync(join(tmpdir(), `mosaic-bench-fan-${label}-`)),
    MOSAIC_FEDERATION: "1",
    MOSAIC_FEDERATION_HOST: federationHost,
    MOSAIC_FEDERATION_PORT: String(federationPort),
    MOSAIC_ENROLL_PORT: String(enrollPort),
  };
  const g = await startAndTime(GATEWAY, env);
  const email = `admin-${label}@example.com`;
  const signed = await api(g.port, "POST", "/api/auth/sign-up", {
    body: { email, password: "correct horse battery", name: label },
  });
  const token = (await api(g.port, "POST", "/api/tokens", { cookie: signed.cookie, body: { name: "bench" } })).json
    .secret;
  return { ...g, label, email, token, federationPort, enrollPort };
}

async function seedTasks(gw, count) {
  const { project } = (await api(gw.port, "POST", "/api/projects", { token: gw.token, body: { name: gw.label } })).json;
  for (let i = 0; i < count; i++) {
    await api(gw.port, "POST", `/api/projects/${project.id}/tasks`, {
      token: gw.token,
      body: { title: `${gw.label} task ${i}` },
    });
  }
}

async function pair(a, b, name) {
  const { enrollment } = (
    await api(a.port, "POST", "/api/federation/grants", {
      token: a.token,
      body: { userEmail: a.email, peerLabel: name, scope: SHARE_ALL },
    })
  ).json;
  await api(b.port, "POST", "/api/federation/peers", { token: b.token, body: { enrollmentUrl: enrollment.url, name } });
}

async function timed(port, path, token) {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200 || body._partial)
    throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return ms;
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Runs the benchmark and reports through `record(name, value, unit, baseline, ratio, target, ok)`. */
export async function federatedFanout(record) {
  const started = [];
  const proxies = [];
  try {
    const b = await gateway("b");
    started.push(b);
    const fast1 = await gateway("fast1");
    started.push(fast1);
    const fast2 = await gateway("fast2");
    started.push(fast2);
    const slow = await gateway("slow", "127.0.0.2");
    started.push(slow);
    proxies.push(await delayingProxy("127.0.0.2", slow.enrollPort, 0));
    proxies.push(await delayingProxy("127.0.0.2", slow.federationPort, RTT_MS));
    for (const gw of [b, fast1, fast2, slow]) await seedTasks(gw, TASKS);
    await pair(fast1, b, "fast1");
    await pair(fast2, b, "fast2");
    await pair(slow, b, "slow");

    const all = "/api/tasks?source=all&limit=20";
    const alone = "/api/tasks?source=federated:slow&limit=20";
    for (let i = 0; i < 20; i++) {
      await timed(b.port, all, b.token);
      await timed(b.port, alone, b.token);
    }
    const fanned = [];
    const slowest = [];
    for (let i = 0; i < REQUESTS; i++) {
      // Alternating, so both see the same machine load.
      slowest.push(await timed(b.port, alone, b.token));
      fanned.push(await timed(b.port, all, b.token));
    }
    const [p50All, p99All, p50Slow, p99Slow] = [
      percentile(fanned, 50),
      percentile(fanned, 99),
      percentile(slowest, 50),
      percentile(slowest, 99),
    ];
    record(
      `source=all, 3 peers (one +${RTT_MS} ms RTT), p50`,
      p50All,
      "ms",
      p50Slow,
      p50All / p50Slow,
      "≤ 1.1× the slow peer alone",
      p50All <= 1.1 * p50Slow,
    );
    record(
      `source=all, 3 peers (one +${RTT_MS} ms RTT), p99`,
      p99All,
      "ms",
      p99Slow,
      p99All / p99Slow,
      "≤ 1.25× the slow peer alone",
      p99All <= 1.25 * p99Slow,
    );
  } finally {
    for (const close of proxies) await close().catch(() => {});
    for (const gw of started) await stop(gw.child);
  }
}
