// Federated list over keep-alive mutual TLS: `POST /api/federation/v1/list/tasks` (50 tasks) on A's
// federation listener, with an undici keep-alive Agent holding a peer certificate from real
// enrollment, against the same 50 tasks from A's local API (`GET /api/projects/:id/tasks?limit=50`,
// bearer token, the same undici client over plain keep-alive HTTP). One gateway (PGlite, built code)
// serves both listeners in this process; the client runs here too, so both sides pay the same.
// Reports the throughput ratio and the TLS handshakes the listener counted ('secureConnection') per
// 1,000 federated requests.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@mosaic/config";
import { openPgliteStore } from "@mosaic/db";
import { generatePeerKeyAndCsr } from "@mosaic/federation";
import { buildApp } from "@mosaic/gateway";
import { buildFederationApp } from "@mosaic/gateway/federation";
import { Agent, request } from "undici";
import { median } from "./lib.mjs";

const TASKS = 50;
const CONCURRENCY = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function json(res, expected) {
  const text = await res.body.text();
  if (res.statusCode !== expected) throw new Error(`unexpected ${res.statusCode}: ${text}`);
  return JSON.parse(text);
}

/** `CONCURRENCY` workers calling `one()` for `seconds`: requests per second and how many were done. */
async function drive(one, seconds = SECONDS) {
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      await one();
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rps: done / ((performance.now() - started) / 1000), done };
}

export async function federatedList(record) {
  const home = mkdtempSync(join(tmpdir(), "mosaic-bench-fed-"));
  const config = loadConfig({
    MOSAIC_HOME: home,
    MOSAIC_FEDERATION: "1",
    MOSAIC_FEDERATION_HOST: "127.0.0.1",
    MOSAIC_LOG_LEVEL: "warn",
  });
  const store = await openPgliteStore({ dataDir: config.storage.dataDir });
  const app = await buildApp({ config, store, logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const api = `http://127.0.0.1:${app.server.address().port}`;
  let listener = null;
  const local = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 60_000 });
  let peer = null;
  try {
    // Data: an admin, a project of 50 tasks, and a grant enrolled with a CSR made here.
    const signUp = await fetch(`${api}/api/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: api },
      body: JSON.stringify({ email: "bench@example.com", password: "correct horse battery", name: "bench" }),
    });
    const cookie = signUp.headers.getSetCookie()[0].split(";")[0];
    const call = async (method, path, body, headers) => {
      const res = await fetch(api + path, {
        method,
        headers: { "content-type": "application/json", origin: api, ...headers },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const { secret: token } = await call("POST", "/api/tokens", { name: "bench" }, { cookie });
    const bearer = { authorization: `Bearer ${token}` };
    const { project } = await call("POST", "/api/projects", { name: "bench" }, bearer);
    for (let i = 0; i < TASKS; i++)
      await call("POST", `/api/projects/${project.id}/tasks`, { title: `task ${i}` }, bearer);
    const created = await call(
      "POST",
      "/api/federation/grants",
      {
        userEmail: "bench@example.com",
        peerLabel: "bench-peer",
        scope: { resources: ["tasks"], include_teams: true, include_personal: true, max_rows_per_query: 500 },
      },
      bearer,
    );
    const enrollToken = /\/enroll\/([^#]+)#/.exec(created.enrollment.url)[1];
    const { privateKeyPem, csrPem } = await generatePeerKeyAndCsr({ commonName: "bench-peer" });
    const issued = await app.federation.enrollment.redeem({
      token: enrollToken,
      csrPem,
      source: "127.0.0.1",
      requestId: "bench",
    });

    const fed = app.federation;
    listener = await buildFederationApp({
      ca: await fed.ca(),
      authorization: fed.peerAuthorization,
      reader: app.services.federatedReader,
      recordAudit: fed.recordAudit,
      onGrantEnded: fed.grants.onGrantEnded,
      sourceName: fed.sourceName,
      now: () => new Date(),
      logLevel: "warn",
      logger: false,
    });
    await listener.app.listen({ host: "127.0.0.1", port: 0 });
    const fedUrl = `https://127.0.0.1:${listener.app.server.address().port}/api/federation/v1/list/tasks`;
    peer = new Agent({
      connect: { cert: issued.certificatePem, key: privateKeyPem, ca: issued.caCertificatePem },
      connections: CONCURRENCY,
      keepAliveTimeout: 60_000,
    });

    const localOne = async () => {
      const body = await json(
        await request(`${api}/api/projects/${project.id}/tasks?limit=${TASKS}`, { dispatcher: local, headers: bearer }),
        200,
      );
      if (body.items.length !== TASKS) throw new Error(`local list returned ${body.items.length} tasks`);
    };
    const fedBody = JSON.stringify({ filter: { projectId: project.id }, limit: TASKS });
    const fedOne = async () => {
      const body = await json(
        await request(fedUrl, {
          method: "POST",
          dispatcher: peer,
          headers: { "content-type": "application/json" },
          body: fedBody,
        }),
        200,
      );
      if (body.items.length !== TASKS) throw new Error(`federated list returned ${body.items.length} tasks`);
    };

    await drive(localOne, 1);
    await drive(fedOne, 1);
    const localRps = [];
    const fedRps = [];
    let fedRequests = 0;
    const handshakesBefore = listener.handshakes();
    for (let i = 0; i < ROUNDS; i++) {
      localRps.push((await drive(localOne)).rps);
      const round = await drive(fedOne);
      fedRps.push(round.rps);
      fedRequests += round.done;
    }
    const handshakes = listener.handshakes() - handshakesBefore;
    const ratio = median(fedRps) / median(localRps);
    record(
      `federated list of ${TASKS} tasks (mTLS keep-alive, ${CONCURRENCY} in flight)`,
      median(fedRps),
      "req/s",
      median(localRps),
      ratio,
      "≥ 0.5× the local API",
      ratio >= 0.5,
    );
    const perThousand = (handshakes / fedRequests) * 1000;
    record(
      `TLS handshakes per 1,000 federated requests after warm-up (${handshakes} in ${fedRequests})`,
      perThousand,
      "handshakes",
      null,
      null,
      "≤ 1",
      perThousand <= 1,
    );
  } finally {
    await Promise.allSettled([local.destroy(), peer?.destroy()]);
    await listener?.app.close();
    await app.close();
    await store.close();
  }
}
