/**
 * @module The federation test bed (docs/federation/HARNESS.md): real gateway processes with
 * federation on, each on 127.0.0.1 with its own MOSAIC_HOME and ports; pairing by real enrollment
 * (grant on A + `mosaic federation peer add` on B, or a CSR made in the test process); brain seeding
 * per scope variant through the REST API; and teardown. Also raw TLS calls for attack tests.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { request } from "node:https";
import { generatePeerKeyAndCsr } from "@mosaic/federation";
import { baseEnv, type CliResult, freePort, type GatewayProcess, runCli, startGateway, tempHome } from "./cli.js";
import type { PeerCredentials } from "./federationClient.js";
import { type ApiCall, type SeededBrain, type SeedOptions, type SeedUser, seedBrain } from "./federationSeed.js";

export interface FederatedGateway {
  home: string;
  proc: GatewayProcess;
  enrollPort: number;
  federationPort: number;
  /** The master secret (MOSAIC_SECRET): tests unseal with it to plant canaries. */
  secret: string;
  admin: { id: string; email: string; token: string };
  /** Runs the built CLI against this gateway as its admin. */
  cli(args: string[]): Promise<CliResult>;
  /** Calls this gateway's API as its admin. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }>;
}

/** Starts `mosaic gateway start` with federation on 127.0.0.1 and signs up its first (admin) user. */
export async function startFederatedGateway(
  label: string,
  extra: Record<string, string> = {},
): Promise<FederatedGateway> {
  const home = tempHome();
  const [federationPort, enrollPort] = [await freePort(), await freePort()];
  const secret = randomBytes(32).toString("base64url");
  const proc = await startGateway(
    baseEnv({
      MOSAIC_HOME: home,
      MOSAIC_FEDERATION: "1",
      MOSAIC_FEDERATION_HOST: "127.0.0.1",
      MOSAIC_FEDERATION_PORT: String(federationPort),
      MOSAIC_ENROLL_PORT: String(enrollPort),
      MOSAIC_SECRET: secret,
      ...extra,
    }),
    // Three PGlite gateways booting at once on a busy CI machine can take a while.
    150_000,
  );
  const { id, email, token } = await signUpUser(proc.url, `admin-${label}`);
  const user = { id };
  return {
    home,
    proc,
    enrollPort,
    federationPort,
    secret,
    admin: { id: user.id, email, token },
    cli: (args) => runCli(args, baseEnv({ MOSAIC_URL: proc.url, MOSAIC_TOKEN: token })),
    async api(method, path, body) {
      const res = await fetch(proc.url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: res.status, json, text };
    },
  };
}

/** Signs a user up on the gateway at `url` (the first one becomes its admin) and makes a token. */
export async function signUpUser(url: string, label: string): Promise<SeedUser> {
  const email = `${label}-${randomUUID().slice(0, 6)}@example.com`;
  const headers = { "content-type": "application/json", origin: url };
  const signUp = await fetch(`${url}/api/auth/sign-up`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email, password: "correct horse battery", name: label }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up of ${label} failed: ${signUp.status} ${await signUp.text()}`);
  const cookie = (signUp.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const user = ((await signUp.json()) as { user: { id: string } }).user;
  const tokenRes = await fetch(`${url}/api/tokens`, {
    method: "POST",
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: "e2e" }),
  });
  const token = ((await tokenRes.json()) as { secret: string }).secret;
  return { id: user.id, email, token };
}

/** Boots `n` federated gateways in parallel (labels a, b, c…); `stop()` ends them all. */
export async function startFederationBed(n: number, extra: Record<string, string> = {}) {
  const labels = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i));
  const settled = await Promise.allSettled(labels.map((label) => startFederatedGateway(label, extra)));
  const gateways = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.allSettled(gateways.map((g) => g.proc.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return {
    gateways,
    async stop() {
      await Promise.allSettled(gateways.map((g) => g.proc.stop()));
    },
  };
}

/** A grant scope; every field spelled out so a test reads what it shares. */
export interface BedScope {
  resources: string[];
  excluded_resources?: string[];
  include_teams: boolean;
  include_personal: boolean;
  max_rows_per_query: number;
}

export const SHARE_ALL: BedScope = {
  resources: ["projects", "missions", "tasks", "notes", "memory"],
  excluded_resources: [],
  include_teams: true,
  include_personal: true,
  max_rows_per_query: 500,
};

/** Creates a grant on `a` for `userEmail` (default: a's admin) through the REST API. */
export async function createBedGrant(a: FederatedGateway, scope: BedScope, userEmail = a.admin.email) {
  const res = await a.api("POST", "/api/federation/grants", { userEmail, peerLabel: "bed-peer", scope });
  if (res.status !== 201) throw new Error(`grant create on A failed: ${res.status} ${res.text}`);
  const created = res.json as { grant: { id: string; subjectUserId: string }; enrollment: { url: string } };
  const token = /\/enroll\/([^#]+)#/.exec(created.enrollment.url)?.[1] ?? "";
  return { grant: created.grant, url: created.enrollment.url, token };
}

/** Pairs B with A the way a person does: a grant on A, then `mosaic federation peer add` on B. */
export async function pairGateways(a: FederatedGateway, b: FederatedGateway, props: { name: string; scope: BedScope }) {
  const grant = await createBedGrant(a, props.scope);
  const added = await b.cli(["federation", "peer", "add", grant.url, "--name", props.name, "--json"]);
  if (added.code !== 0) throw new Error(`peer add on B failed: ${added.stderr}`);
  return { grantId: grant.grant.id, peerName: props.name };
}

/**
 * Enrolls a peer of `a` with a CSR made in the test process (real enrollment listener), so the
 * test holds the client key in memory and can call A's federation listener directly.
 */
export async function enrollDirect(
  a: FederatedGateway,
  scope: BedScope,
  userEmail = a.admin.email,
): Promise<PeerCredentials & { grantId: string; serial: string }> {
  const grant = await createBedGrant(a, scope, userEmail);
  const { privateKeyPem, csrPem } = await generatePeerKeyAndCsr({ commonName: "bed-peer" });
  const res = await redeemRaw(a.enrollPort, grant.token, csrPem);
  if (res.status !== 200) throw new Error(`enrollment on A failed: ${res.status} ${res.body}`);
  const issued = JSON.parse(res.body) as { certificatePem: string; caCertificatePem: string; certSerial: string };
  return {
    grantId: grant.grant.id,
    serial: issued.certSerial,
    certPem: issued.certificatePem,
    keyPem: privateKeyPem,
    caPem: issued.caCertificatePem,
  };
}

/** API calls to `gw` as any user (by token), for seeding. */
export function bedApi(gw: FederatedGateway): ApiCall {
  return async (method, path, body, token) => {
    const res = await fetch(gw.proc.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
}

/**
 * Seeds `gw` with the scope variants' data: its admin is the grant subject (personal project,
 * personal notes/memory, member of a team), plus a team owner and an outsider it can't read.
 */
export async function seedBed(gw: FederatedGateway, options: SeedOptions = {}): Promise<SeededBrain> {
  const [teamOwner, outsider] = await Promise.all([
    signUpUser(gw.proc.url, "team-owner"),
    signUpUser(gw.proc.url, "outsider"),
  ]);
  return seedBrain(bedApi(gw), { subject: gw.admin, teamOwner, outsider }, options);
}

/**
 * POSTs a CSR to an enrollment listener without verifying its certificate: for tests that attack A
 * directly (B's real client always pins the CA first).
 */
export function redeemRaw(port: number, token: string, csrPem: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: `/enroll/${token}`,
        rejectUnauthorized: false,
        agent: false,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ csr: csrPem }));
  });
}
