/** @module Test helpers for federation: a gateway with federation on (PGlite, movable clock) and HTTPS calls to its enrollment app. */
import { request } from "node:https";
import type { Store } from "@mosaic/db";
import { generatePeerKeyAndCsr } from "@mosaic/federation";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { buildEnrollmentApp } from "../federation/enrollListener.js";
import { buildFederationApp } from "../federation/federationListener.js";
import { signUp, type TestUser } from "./actors.js";
import { localConfig, localStore } from "./fixtures.js";

export const SCOPE = {
  resources: ["tasks", "notes"],
  include_teams: true,
  include_personal: true,
  max_rows_per_query: 100,
};

export interface FederationTestGateway {
  app: FastifyInstance;
  store: Store;
  admin: TestUser;
  /** Shifts the gateway's clock from real time (ms); tests set it and put it back to 0. */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

/** A gateway with federation enabled on 127.0.0.1 and an admin (the first account). */
export async function federationGateway(env: Record<string, string> = {}): Promise<FederationTestGateway> {
  const config = localConfig({ MOSAIC_FEDERATION: "1", MOSAIC_FEDERATION_HOST: "127.0.0.1", ...env });
  const store = await localStore(config);
  const clock = { offsetMs: 0 };
  const app = await buildApp({ config, store, logger: false, now: () => new Date(Date.now() + clock.offsetMs) });
  await app.ready();
  const admin = await signUp(app, "admin");
  return {
    app,
    store,
    admin,
    clock,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Starts the enrollment app of `gw` on an ephemeral port; returns its port and a stop function. */
export async function listenEnrollment(
  gw: FederationTestGateway,
  options: { rateLimitPerMinute?: number; logLines?: string[] } = {},
) {
  const ca = await gw.app.federation.ca();
  const lines = options.logLines;
  const enrollApp = await buildEnrollmentApp({
    enrollment: gw.app.federation.enrollment,
    ca,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
    now: () => new Date(Date.now() + gw.clock.offsetMs),
    logLevel: "info",
    logger: lines !== undefined,
    ...(lines ? { logStream: { write: (line: string) => void lines.push(line) } } : {}),
  });
  await enrollApp.listen({ host: "127.0.0.1", port: 0 });
  const address = enrollApp.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { port, caCertPem: ca.caCertPem, close: () => enrollApp.close() };
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** POSTs raw `body` to `path` over TLS verified against `caCertPem`. */
export function postTls(props: { port: number; caCertPem: string; path: string; body: string }): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: props.port,
        method: "POST",
        path: props.path,
        ca: [props.caCertPem],
        agent: false,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(props.body);
  });
}

/** Creates a grant for the admin itself and returns it with the URL's token. */
export async function createGrant(gw: FederationTestGateway, scope: unknown = SCOPE) {
  const res = await gw.app.inject({
    method: "POST",
    url: "/api/federation/grants",
    headers: gw.admin.bearer,
    payload: { userEmail: gw.admin.email, peerLabel: "peer", scope },
  });
  if (res.statusCode !== 201) throw new Error(`grant create failed: ${res.statusCode} ${res.body}`);
  const created = res.json() as { grant: { id: string; subjectUserId: string }; enrollment: { url: string } };
  const token = /\/enroll\/([^#]+)#/.exec(created.enrollment.url)?.[1] ?? "";
  return { ...created, token };
}

/** Starts the mutual-TLS federation listener of `gw` on an ephemeral port. */
export async function listenFederation(gw: FederationTestGateway) {
  const ca = await gw.app.federation.ca();
  const fed = gw.app.federation;
  const listener = await buildFederationApp({
    ca,
    authorization: fed.peerAuthorization,
    reader: gw.app.services.federatedReader,
    recordAudit: fed.recordAudit,
    onGrantEnded: fed.grants.onGrantEnded,
    sourceName: fed.sourceName,
    now: () => new Date(Date.now() + gw.clock.offsetMs),
    logLevel: "info",
    logger: false,
  });
  await listener.app.listen({ host: "127.0.0.1", port: 0 });
  const address = listener.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { port, ca, routes: listener.routes, handshakes: listener.handshakes, close: () => listener.app.close() };
}

/**
 * A grant for `userEmail` (default: the admin) enrolled with a CSR made here, so the test holds
 * the peer's private key in memory: `{ grant, certPem, keyPem, caPem, serial }`.
 */
export async function enrollPeer(gw: FederationTestGateway, scope: unknown = SCOPE, userEmail = gw.admin.email) {
  const res = await gw.app.inject({
    method: "POST",
    url: "/api/federation/grants",
    headers: gw.admin.bearer,
    payload: { userEmail, peerLabel: "peer-b", scope },
  });
  if (res.statusCode !== 201) throw new Error(`grant create failed: ${res.statusCode} ${res.body}`);
  const created = res.json() as { grant: { id: string; subjectUserId: string }; enrollment: { url: string } };
  const token = /\/enroll\/([^#]+)#/.exec(created.enrollment.url)?.[1] ?? "";
  const { privateKeyPem, csrPem } = await generatePeerKeyAndCsr({ commonName: "peer-b" });
  const issued = await gw.app.federation.enrollment.redeem({ token, csrPem, source: "127.0.0.1", requestId: "test" });
  return {
    grant: created.grant,
    certPem: issued.certificatePem,
    keyPem: privateKeyPem,
    caPem: issued.caCertificatePem,
    serial: issued.certSerial,
  };
}

/** The federation audit rows of a grant's verb calls, oldest first. */
export async function verbAudit(gw: FederationTestGateway, grantId: string | null) {
  return gw.store.query<{
    action: string;
    resource: string | null;
    outcome: string;
    reason: string | null;
    rows: number | null;
    latency_ms: number | null;
    request_id: string | null;
  }>(
    `SELECT action, resource, outcome, reason, rows, latency_ms, request_id FROM federation_audit_log
      WHERE action IN ('capabilities', 'list', 'get', 'search', 'unknown') AND ${grantId ? "grant_id = $1" : "grant_id IS NULL"}
      ORDER BY at, id`,
    grantId ? [grantId] : [],
  );
}
