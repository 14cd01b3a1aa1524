/**
 * Federation part 1 end to end: real gateway processes (A holds data, B enrolls, C impersonates A)
 * on 127.0.0.1 with separate MOSAIC_HOMEs, real TLS, the built CLI.
 */
import { X509Certificate } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { deriveKey } from "@mosaic/auth";
import { openPgliteStore } from "@mosaic/db";
import { generatePeerKeyAndCsr, parsePeerIdentity, unseal } from "@mosaic/federation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, runCli } from "./support/cli.js";
import { type FederatedGateway, redeemRaw, startFederatedGateway } from "./support/federation.js";

const SCOPE = JSON.stringify({
  resources: ["tasks", "notes", "memory"],
  excluded_resources: ["memory"],
  include_teams: true,
  include_personal: true,
  max_rows_per_query: 200,
});

let A: FederatedGateway;
let B: FederatedGateway;
let C: FederatedGateway;
/** Everything a client saw (CLI output, API bodies): scanned for key material at the end. */
const seen: string[] = [];

beforeAll(async () => {
  // A allows many attempts per address: the concurrency test redeems 50 times from 127.0.0.1.
  [A, B, C] = await Promise.all([
    startFederatedGateway("a", { MOSAIC_ENROLL_RATE_LIMIT: "1000" }),
    startFederatedGateway("b"),
    startFederatedGateway("c"),
  ]);
}, 320_000);
afterAll(async () => {
  await Promise.allSettled([A, B, C].filter(Boolean).map((g) => g.proc.stop()));
});

async function cli(gw: FederatedGateway, args: string[]) {
  const res = await gw.cli(args);
  seen.push(res.stdout, res.stderr);
  return res;
}

async function createGrant(label: string): Promise<{ id: string; url: string; token: string }> {
  const res = await cli(A, [
    "federation",
    "grant",
    "create",
    "--user",
    A.admin.email,
    "--peer-label",
    label,
    "--scope",
    SCOPE,
    "--json",
  ]);
  expect(res.code, res.stderr).toBe(0);
  const created = JSON.parse(res.stdout) as { grant: { id: string }; enrollment: { url: string } };
  const token = /\/enroll\/([^#]+)#/.exec(created.enrollment.url)?.[1] ?? "";
  return { id: created.grant.id, url: created.enrollment.url, token };
}

async function auditOf(gw: FederatedGateway, query: string) {
  const res = await gw.api("GET", `/api/federation/audit?limit=100&${query}`);
  seen.push(res.text);
  return (res.json as { items: Array<{ action: string; outcome: string; reason: string | null }> }).items;
}

describe("federation enrollment between two gateways", { timeout: 180_000 }, () => {
  it("pairs B with A in one command each: B holds an active peer whose certificate names A's grant and subject", async () => {
    const grant = await createGrant("b-laptop");
    const added = await cli(B, ["federation", "peer", "add", grant.url, "--name", "a", "--json"]);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout).peer).toMatchObject({ name: "a", state: "active", grantId: grant.id });

    const shown = await cli(B, ["federation", "peer", "show", "a", "--json"]);
    const peer = JSON.parse(shown.stdout).peer;
    expect(peer.federationUrl).toBe(`https://127.0.0.1:${A.federationPort}`);
    const cert = new X509Certificate(peer.clientCertificatePem);
    expect(cert.verify(new X509Certificate(peer.caCertificatePem).publicKey)).toBe(true);
    expect(parsePeerIdentity(new Uint8Array(cert.raw), { now: new Date() })).toMatchObject({
      ok: true,
      grantId: grant.id,
      subjectUserId: A.admin.id,
      serial: peer.certSerial,
    });

    const onA = JSON.parse((await cli(A, ["federation", "grant", "show", grant.id, "--json"])).stdout).grant;
    expect(onA).toMatchObject({ status: "active", currentCertSerial: peer.certSerial, subjectUserId: A.admin.id });
    const audit = await auditOf(A, `grantId=${grant.id}`);
    expect(audit.map((e) => `${e.action}:${e.outcome}`)).toEqual(["enroll:success", "grant.create:success"]);
    const list = await cli(B, ["federation", "peer", "list"]);
    expect(list.stdout).toMatch(/^a\s+active\s+https:\/\/127\.0\.0\.1:\d+/m);
  });

  it("lets exactly one of 50 concurrent redemptions of one token succeed; 49 get 410; one certificate", async () => {
    const grant = await createGrant("race");
    const { csrPem } = await generatePeerKeyAndCsr({ commonName: "racer" });
    const answers = await Promise.all(Array.from({ length: 50 }, () => redeemRaw(A.enrollPort, grant.token, csrPem)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(49);
    const audit = await auditOf(A, `grantId=${grant.id}&action=enroll`);
    expect(audit.filter((e) => e.outcome === "success")).toHaveLength(1);
    expect(audit.filter((e) => e.outcome === "gone")).toHaveLength(49);
    const serial = JSON.parse(answers.find((a) => a.status === 200)?.body ?? "{}").certSerial;
    const onA = (await A.api("GET", `/api/federation/grants/${grant.id}`)).json as {
      grant: { currentCertSerial: string };
    };
    expect(onA.grant.currentCertSerial).toBe(serial);
  });

  it("never sends the token to a gateway that does not present A's CA (C impersonating A on the URL's port)", async () => {
    const grant = await createGrant("target");
    const forged = grant.url.replace(`:${A.enrollPort}/`, `:${C.enrollPort}/`);
    expect(forged).not.toBe(grant.url);
    const refused = await cli(B, ["federation", "peer", "add", forged, "--name", "impostor"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("#sha256 mismatch");
    expect(refused.stderr).toContain("the token was not sent");
    // C saw a TLS handshake and nothing else: no request, no audit row, no token in its output.
    expect(await auditOf(C, "action=enroll")).toEqual([]);
    expect(C.proc.output()).not.toContain(grant.token);
    expect(C.proc.output()).not.toContain("/enroll/");
    expect((await B.api("GET", "/api/federation/peers/impostor")).status).toBe(404);
    // And the token is unspent: the real A still redeems it.
    const real = await cli(B, ["federation", "peer", "add", grant.url, "--name", "a-second"]);
    expect(real.code, real.stderr).toBe(0);
  });

  it("answers 401 without credentials and 403 to a member on the real gateway", async () => {
    const anonymous = await fetch(`${A.proc.url}/api/federation/grants`);
    expect(anonymous.status).toBe(401);
    const noToken = await runCli(["federation", "grant", "list"], baseEnv({ MOSAIC_URL: A.proc.url }));
    expect(noToken.code).toBe(6);
    expect(noToken.stderr).toMatch(/not logged in — run `mosaic login/);
    const headers = { "content-type": "application/json", origin: A.proc.url };
    const signUp = await fetch(`${A.proc.url}/api/auth/sign-up`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email: "member@example.com", password: "correct horse battery", name: "m" }),
    });
    const cookie = (signUp.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    const asMember = await fetch(`${A.proc.url}/api/federation/grants`, { headers: { cookie } });
    expect(asMember.status).toBe(403);
  });

  it("keeps the CA key and the peer key sealed at rest, and out of every response and log line", async () => {
    await Promise.all([A, B, C].map((g) => g.proc.stop()));
    const logs = [A, B, C].map((g) => g.proc.output()).join("\n");
    const dumps: Record<string, string> = {};
    let caKeyPem = "";
    let peerKeyPem = "";
    for (const [name, gw] of Object.entries({ A, B })) {
      const store = await openPgliteStore({ dataDir: join(gw.home, "data") });
      try {
        const tables = await store.query<{ t: string }>(
          "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        );
        const parts: string[] = [];
        for (const { t } of tables) {
          const rows = await store.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM "${t}" x`);
          parts.push(...rows.map((row) => row.r));
        }
        dumps[name] = parts.join("\n");
        const key = Buffer.from(deriveKey(gw.secret, "federation-seal"), "base64url");
        if (name === "A") {
          const [ca] = await store.query<{ ca_key_sealed: string }>("SELECT ca_key_sealed FROM federation_ca");
          caKeyPem = unseal(ca?.ca_key_sealed ?? "", key, "federation-ca-key").toString("utf8");
        } else {
          const [peer] = await store.query<{ id: string; client_key_sealed: string }>(
            "SELECT id, client_key_sealed FROM federation_peers WHERE name = 'a'",
          );
          peerKeyPem = unseal(peer?.client_key_sealed ?? "", key, `federation-peer-key:${peer?.id}`).toString("utf8");
        }
      } finally {
        await store.close();
      }
    }
    // The canaries are the real keys, unsealed here with each gateway's secret.
    expect(caKeyPem).toContain("BEGIN PRIVATE KEY");
    expect(peerKeyPem).toContain("BEGIN PRIVATE KEY");
    const canaries = [caKeyPem, peerKeyPem].map(
      (pem) => pem.split("\n").filter((l) => l && !l.startsWith("-----"))[0] ?? "",
    );
    const files = [A, B, C].flatMap((g) => filesUnder(g.home)).map((f) => readFileSync(f).toString("latin1"));
    for (const text of [...Object.values(dumps), logs, seen.join("\n"), ...files]) {
      expect(text).not.toContain("PRIVATE KEY");
      for (const canary of canaries) expect(text).not.toContain(canary);
    }
    expect(dumps.A).toContain("v1."); // the sealed envelopes are there, as ciphertext
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
