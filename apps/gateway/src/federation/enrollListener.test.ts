import { X509Certificate } from "node:crypto";
import { generatePeerKeyAndCsr, parsePeerIdentity } from "@mosaic/federation";
import { issueGreedyCsr } from "@mosaic/federation/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createGrant,
  type FederationTestGateway,
  federationGateway,
  listenEnrollment,
  postTls,
} from "../test/federation.js";

let gw: FederationTestGateway;
let listener: Awaited<ReturnType<typeof listenEnrollment>>;
const logLines: string[] = [];
let csrPem: string;

beforeAll(async () => {
  gw = await federationGateway();
  listener = await listenEnrollment(gw, { logLines });
  csrPem = (await generatePeerKeyAndCsr({ commonName: "b" })).csrPem;
});
afterAll(async () => {
  await listener?.close();
  await gw?.close();
});

const redeem = (token: string, body: unknown = { csr: csrPem }) =>
  postTls({ port: listener.port, caCertPem: listener.caCertPem, path: `/enroll/${token}`, body: JSON.stringify(body) });

async function grantRow(id: string) {
  const [row] = await gw.store.query<{ status: string; current_cert_serial: string | null }>(
    "SELECT status, current_cert_serial FROM federation_grants WHERE id = $1",
    [id],
  );
  return row;
}

async function enrollAudit(grantId: string | null) {
  return gw.store.query<{ outcome: string; reason: string | null; source: string }>(
    grantId
      ? "SELECT outcome, reason, source FROM federation_audit_log WHERE action = 'enroll' AND grant_id = $1 ORDER BY at"
      : "SELECT outcome, reason, source FROM federation_audit_log WHERE action = 'enroll' AND grant_id IS NULL ORDER BY at",
    grantId ? [grantId] : [],
  );
}

describe("enrollment listener", () => {
  it("issues a certificate carrying the grant's ids, activates the grant, and refuses a replay with 410", async () => {
    const { grant, token } = await createGrant(gw);
    const first = await redeem(token);
    expect(first.status).toBe(200);
    const body = JSON.parse(first.body);
    expect(body).toMatchObject({ grantId: grant.id, subjectUserId: gw.admin.id, caCertificatePem: listener.caCertPem });
    const identity = parsePeerIdentity(new Uint8Array(new X509Certificate(body.certificatePem).raw));
    expect(identity).toMatchObject({ ok: true, grantId: grant.id, subjectUserId: gw.admin.id });
    expect(await grantRow(grant.id)).toEqual({ status: "active", current_cert_serial: body.certSerial });

    const replay = await redeem(token);
    expect(replay.status).toBe(410);
    expect(JSON.parse(replay.body).error.code).toBe("gone");
    expect((await grantRow(grant.id))?.current_cert_serial).toBe(body.certSerial);
    expect((await enrollAudit(grant.id)).map((r) => [r.outcome, r.reason])).toEqual([
      ["success", null],
      ["gone", "already_used"],
    ]);
  });

  it("answers an expired token (clock moved past 15 min) with the same 410 as an unknown one, issuing nothing", async () => {
    const { grant, token } = await createGrant(gw);
    const unknown = await redeem("A".repeat(43));
    gw.clock.offsetMs = 15 * 60_000 + 1_000;
    try {
      const expired = await redeem(token);
      expect(expired.status).toBe(410);
      expect(unknown.status).toBe(410);
      expect(JSON.parse(expired.body).error.message).toBe(JSON.parse(unknown.body).error.message);
    } finally {
      gw.clock.offsetMs = 0;
    }
    expect(await grantRow(grant.id)).toEqual({ status: "pending", current_cert_serial: null });
    expect((await enrollAudit(grant.id)).map((r) => r.reason)).toEqual(["expired_token"]);
    expect((await enrollAudit(null)).map((r) => r.reason)).toContain("unknown_token");
  });

  it("takes only the public key from a CSR that asks for extra SANs, other OIDs, cA:true and serverAuth", async () => {
    const { grant, token } = await createGrant(gw);
    const greedy = await issueGreedyCsr({ grantId: "someone-else", subjectUserId: "root" });
    const res = await redeem(token, { csr: greedy.csrPem });
    expect(res.status).toBe(200);
    const cert = new X509Certificate(JSON.parse(res.body).certificatePem);
    expect(parsePeerIdentity(new Uint8Array(cert.raw))).toMatchObject({
      ok: true,
      grantId: grant.id,
      subjectUserId: gw.admin.id,
    });
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.2"]);
    expect(cert.subjectAltName ?? "").not.toMatch(/DNS:/);
    expect(cert.subject).toBe(`CN=mosaic-peer ${grant.id}`);
    const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
    expect(days).toBe(30);
  });

  it("rejects a bad CSR with 400 and leaves the token usable", async () => {
    const { grant, token } = await createGrant(gw);
    const bad = await redeem(token, {
      csr: "-----BEGIN CERTIFICATE REQUEST-----\nnope\n-----END CERTIFICATE REQUEST-----",
    });
    expect(bad.status).toBe(400);
    expect((await grantRow(grant.id))?.status).toBe("pending");
    expect((await redeem(token)).status).toBe(200);
    expect((await enrollAudit(grant.id)).map((r) => r.outcome)).toEqual(["invalid", "success"]);
  });

  it("audits malformed requests too, and never writes a token into a log line", async () => {
    const { token } = await createGrant(gw);
    const before = (await enrollAudit(null)).length;
    expect((await redeem(token, { nope: 1 })).status).toBe(400);
    const raw = await postTls({
      port: listener.port,
      caCertPem: listener.caCertPem,
      path: `/enroll/${token}`,
      body: "{",
    });
    expect(raw.status).toBe(400);
    expect((await enrollAudit(null)).length).toBe(before + 2);
    const log = logLines.join("");
    expect(log).toContain("/enroll/***");
    expect(log).not.toContain(token);
  });

  it("rate limits per source address: 429 with Retry-After, audited", async () => {
    const limited = await listenEnrollment(gw, { rateLimitPerMinute: 2 });
    try {
      const post = () =>
        postTls({ port: limited.port, caCertPem: limited.caCertPem, path: `/enroll/${"B".repeat(43)}`, body: "{}" });
      expect((await post()).status).not.toBe(429);
      expect((await post()).status).not.toBe(429);
      const third = await post();
      expect(third.status).toBe(429);
      expect(Number(third.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(third.body).error.code).toBe("rate_limited");
      const rows = await gw.store.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM federation_audit_log WHERE outcome = 'rate_limited'",
      );
      expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});
