/**
 * The federation listener's certificate matrix (TESTING.md "Federation PKI") on the real listener:
 * real TLS on 127.0.0.1, certificates made by the project's CA code, a real PGlite gateway. Each
 * "reject at TLS" case never reaches HTTP; each "reject in the app" case is a 401/403 with its
 * reason and an audit row. Revocation is judged per request: on a kept-alive socket and on a
 * resumed TLS session alike.
 */
import { randomUUID } from "node:crypto";
import { createCa, OID_EKU_SERVER_AUTH, OID_GRANT_ID, OID_SUBJECT_USER_ID } from "@mosaic/federation";
import {
  derString,
  issueSelfSignedPeerCertificate,
  issueTestLeaf,
  type TestOtherName,
} from "@mosaic/federation/testing";
import { Extension } from "@peculiar/x509";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fedCall,
  fedCallOnce,
  type PeerCredentials,
  peerAgent,
  rawTlsRequest,
} from "../../../../test/support/federationClient.js";
import { signUp } from "../test/actors.js";
import {
  enrollPeer,
  type FederationTestGateway,
  federationGateway,
  listenFederation,
  verbAudit,
} from "../test/federation.js";

const ALL = {
  resources: ["projects", "missions", "tasks", "notes", "memory"],
  include_teams: true,
  include_personal: true,
  max_rows_per_query: 100,
};

let gw: FederationTestGateway;
let fed: Awaited<ReturnType<typeof listenFederation>>;
let caMaterial: { certPem: string; privateKeyPem: string };

beforeAll(async () => {
  gw = await federationGateway();
  fed = await listenFederation(gw);
  caMaterial = { certPem: fed.ca.caCertPem, privateKeyPem: fed.ca.caKeyPem };
});
afterAll(async () => {
  await fed?.close();
  await gw?.close();
});

const caps = (creds: PeerCredentials | { caPem: string }) => fedCallOnce(creds, fed.port, "GET", "capabilities");

/** A leaf signed by A's CA naming `grantId`/`subject` with options; the peer's credentials. */
async function leaf(options: Parameters<typeof issueTestLeaf>[1]): Promise<PeerCredentials> {
  const issued = await issueTestLeaf(caMaterial, options);
  return { certPem: issued.certPem, keyPem: issued.privateKeyPem, caPem: fed.ca.caCertPem };
}

function identity(grantId: string, subject: string): TestOtherName[] {
  return [
    { oid: OID_GRANT_ID, value: grantId },
    { oid: OID_SUBJECT_USER_ID, value: subject },
  ];
}

async function expectTlsRejection(creds: PeerCredentials | { caPem: string }) {
  await expect(caps(creds)).rejects.toThrow();
}

async function expectRefused(creds: PeerCredentials, status: 401 | 403, reason: string) {
  const res = await caps(creds);
  expect(res.status, res.text).toBe(status);
  const error = (res.json as { error: { code: string; reason: string } }).error;
  expect(error).toMatchObject({ code: status === 401 ? "unauthenticated" : "forbidden", reason });
}

describe("accept", () => {
  it("an enrolled peer's certificate: capabilities match its grant, audited as a success", async () => {
    const peer = await enrollPeer(gw, { ...ALL, excluded_resources: ["memory"], max_rows_per_query: 7 });
    const res = await caps(peer);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      grantId: peer.grant.id,
      resources: ["projects", "missions", "tasks", "notes"],
      excluded_resources: ["memory"],
      include_teams: true,
      include_personal: true,
      max_rows_per_query: 7,
      supported_verbs: ["capabilities", "list", "get", "search"],
    });
    const [row] = await verbAudit(gw, peer.grant.id);
    expect(row).toMatchObject({ action: "capabilities", outcome: "success", reason: null });
    expect(row?.latency_ms).toBeGreaterThanOrEqual(0);
    expect(row?.request_id).toBeTruthy();
  });
});

describe("reject at TLS (no HTTP answer at all)", () => {
  it("a certificate from another CA", async () => {
    const other = await createCa({ commonName: "other gateway" });
    const issued = await issueTestLeaf(other);
    await expectTlsRejection({ certPem: issued.certPem, keyPem: issued.privateKeyPem, caPem: fed.ca.caCertPem });
  });

  it("a self-signed certificate carrying a valid-looking identity", async () => {
    const self = await issueSelfSignedPeerCertificate();
    await expectTlsRejection({ certPem: self.certPem, keyPem: self.privateKeyPem, caPem: fed.ca.caCertPem });
  });

  it("an expired certificate", async () => {
    const hour = 3_600_000;
    await expectTlsRejection(
      await leaf({ notBefore: new Date(Date.now() - 48 * hour), notAfter: new Date(Date.now() - 24 * hour) }),
    );
  });

  it("a not-yet-valid certificate", async () => {
    const hour = 3_600_000;
    await expectTlsRejection(
      await leaf({ notBefore: new Date(Date.now() + 24 * hour), notAfter: new Date(Date.now() + 48 * hour) }),
    );
  });

  it("a serverAuth-only EKU", async () => {
    await expectTlsRejection(await leaf({ extKeyUsages: [OID_EKU_SERVER_AUTH] }));
  });

  it("no client certificate", async () => {
    await expectTlsRejection({ caPem: fed.ca.caCertPem });
  });

  it("an unknown critical extension", async () => {
    const critical = new Extension("1.3.6.1.4.1.99999.77", true, derString(0x0c, "must-understand"));
    await expectTlsRejection(await leaf({ extraExtensions: [critical] }));
  });
});

describe("reject in the app (TLS lets these through)", () => {
  let grantId: string;
  let subject: string;
  beforeAll(async () => {
    const peer = await enrollPeer(gw, ALL);
    grantId = peer.grant.id;
    subject = peer.grant.subjectUserId;
  });

  it("401 certificate_is_ca: a leaf with CA:TRUE", async () => {
    await expectRefused(
      await leaf({ basicConstraints: { ca: true }, otherNames: identity(grantId, subject) }),
      401,
      "certificate_is_ca",
    );
  });

  it("401 missing_client_auth: no EKU at all", async () => {
    await expectRefused(
      await leaf({ extKeyUsages: null, otherNames: identity(grantId, subject) }),
      401,
      "missing_client_auth",
    );
  });

  it("401 missing_grant_id / missing_subject: an OID missing", async () => {
    await expectRefused(
      await leaf({ otherNames: [{ oid: OID_SUBJECT_USER_ID, value: subject }] }),
      401,
      "missing_grant_id",
    );
    await expectRefused(await leaf({ otherNames: [{ oid: OID_GRANT_ID, value: grantId }] }), 401, "missing_subject");
  });

  it("401 duplicate_grant_id / duplicate_subject: an OID twice", async () => {
    await expectRefused(
      await leaf({ otherNames: [...identity(grantId, subject), { oid: OID_GRANT_ID, value: randomUUID() }] }),
      401,
      "duplicate_grant_id",
    );
    await expectRefused(
      await leaf({ otherNames: [...identity(grantId, subject), { oid: OID_SUBJECT_USER_ID, value: subject }] }),
      401,
      "duplicate_subject",
    );
  });

  it("401 bad_identity_value: wrong ASN.1 type, empty, huge", async () => {
    const wrongType = [
      { oid: OID_GRANT_ID, value: grantId, encoding: "ia5" as const },
      { oid: OID_SUBJECT_USER_ID, value: subject },
    ];
    await expectRefused(await leaf({ otherNames: wrongType }), 401, "bad_identity_value");
    await expectRefused(await leaf({ otherNames: identity("", subject) }), 401, "bad_identity_value");
    await expectRefused(await leaf({ otherNames: identity("x".repeat(5000), subject) }), 401, "bad_identity_value");
  });

  it("401 missing_grant_id: the grant id only in the CN", async () => {
    await expectRefused(
      await leaf({ commonName: grantId, otherNames: [{ oid: OID_SUBJECT_USER_ID, value: subject }] }),
      401,
      "missing_grant_id",
    );
  });

  it("403 grant_not_found: a well-formed identity naming no grant (or a non-uuid id)", async () => {
    await expectRefused(await leaf({ otherNames: identity(randomUUID(), subject) }), 403, "grant_not_found");
    await expectRefused(
      await leaf({ otherNames: identity("'; DROP TABLE users; --", subject) }),
      403,
      "grant_not_found",
    );
  });

  it("403 subject_mismatch: the grant's id with another subject (even with the current serial)", async () => {
    const peer = await enrollPeer(gw, ALL);
    await expectRefused(
      await leaf({ serial: peer.serial, otherNames: identity(peer.grant.id, randomUUID()) }),
      403,
      "subject_mismatch",
    );
    const rows = await verbAudit(gw, peer.grant.id);
    expect(rows.at(-1)).toMatchObject({ action: "capabilities", outcome: "denied", reason: "subject_mismatch" });
  });

  it("403 serial_superseded: the right identity on a certificate that is not the grant's current one", async () => {
    const peer = await enrollPeer(gw, ALL);
    await expectRefused(
      await leaf({ otherNames: identity(peer.grant.id, peer.grant.subjectUserId) }),
      403,
      "serial_superseded",
    );
    expect((await caps(peer)).status).toBe(200);
  });

  it("403 grant_revoked: a revoked grant's own certificate", async () => {
    const peer = await enrollPeer(gw, ALL);
    expect((await caps(peer)).status).toBe(200);
    await revoke(peer.grant.id);
    await expectRefused(peer, 403, "grant_revoked");
  });

  it("403 grant_expired: the grant's expiry passed (before the sweep marked it)", async () => {
    const peer = await enrollPeer(gw, { ...ALL });
    gw.clock.offsetMs = 0;
    await gw.store.query("UPDATE federation_grants SET expires_at = now() - interval '1 second' WHERE id = $1", [
      peer.grant.id,
    ]);
    await expectRefused(peer, 403, "grant_expired");
  });

  it("403 subject_disabled: the subject user was disabled", async () => {
    const member = await signUp(gw.app, "subject");
    const peer = await enrollPeer(gw, ALL, member.email);
    expect((await caps(peer)).status).toBe(200);
    await gw.store.query("UPDATE users SET disabled = true WHERE id = $1", [member.id]);
    await expectRefused(peer, 403, "subject_disabled");
  });
});

async function revoke(grantId: string) {
  const res = await gw.app.inject({
    method: "POST",
    url: `/api/federation/grants/${grantId}/revoke`,
    headers: gw.admin.bearer,
  });
  expect(res.statusCode).toBe(200);
}

describe("revocation takes effect on the next request", () => {
  it("a kept-alive connection: the grant's socket is closed at revocation and the next request is refused", async () => {
    const peer = await enrollPeer(gw, ALL);
    const agent = peerAgent(peer, 1);
    try {
      const before = fed.handshakes();
      for (let i = 0; i < 3; i++) expect((await fedCall(agent, fed.port, "GET", "capabilities")).status).toBe(200);
      // Three requests, one connection.
      expect(fed.handshakes() - before).toBe(1);
      const disconnected = new Promise<void>((resolve) => agent.once("disconnect", () => resolve()));
      await revoke(peer.grant.id);
      // The server closes the grant's socket itself (the client did nothing yet).
      await disconnected;
      const next = await fedCall(agent, fed.port, "GET", "capabilities");
      expect(next.status).toBe(403);
      expect((next.json as { error: { reason: string } }).error.reason).toBe("grant_revoked");
      // The old socket was closed by the revocation, so the refused request came on a new one.
      expect(fed.handshakes() - before).toBe(2);
    } finally {
      await agent.destroy();
    }
  });

  it("a resumed TLS session after revocation is refused (the certificate is judged again, not the session)", async () => {
    const peer = await enrollPeer(gw, ALL);
    const first = await rawTlsRequest({ port: fed.port, creds: peer, method: "GET", verbPath: "capabilities" });
    expect(first.status).toBe(200);
    expect(first.session).not.toBeNull();
    const resumedOk = await rawTlsRequest({
      port: fed.port,
      creds: peer,
      method: "GET",
      verbPath: "capabilities",
      session: first.session,
    });
    expect(resumedOk).toMatchObject({ status: 200, reused: true });
    await revoke(peer.grant.id);
    const resumed = await rawTlsRequest({
      port: fed.port,
      creds: peer,
      method: "GET",
      verbPath: "capabilities",
      session: first.session,
    });
    expect(resumed.reused).toBe(true);
    expect(resumed.status).toBe(403);
    expect(JSON.parse(resumed.body).error.reason).toBe("grant_revoked");
  });
});

describe("the listener is its own world", () => {
  it("every route of the listener declares the mtls auth mode (route inventory)", () => {
    expect(fed.routes.length).toBeGreaterThanOrEqual(4);
    expect(fed.routes.filter((r) => r.auth !== "mtls" && r.method !== "HEAD")).toEqual([]);
  });

  it("a session cookie or a token means nothing on 4243 without a certificate (TLS refuses first)", async () => {
    await expect(
      fedCallOnce({ caPem: fed.ca.caCertPem }, fed.port, "GET", `capabilities?token=${gw.admin.token}`),
    ).rejects.toThrow();
  });

  it("a verb path on the main API (4242) is a 404: federation certificates are not credentials there", async () => {
    for (const [method, url] of [
      ["GET", "/api/federation/v1/capabilities"],
      ["POST", "/api/federation/v1/list/tasks"],
    ] as const) {
      const res = await gw.app.inject({
        method,
        url,
        headers: gw.admin.bearer,
        payload: method === "POST" ? {} : undefined,
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it("an unknown path on 4243 is a 404 for a valid peer, and still audited", async () => {
    const peer = await enrollPeer(gw, ALL);
    const res = await fedCallOnce(peer, fed.port, "GET", "nothing-here");
    expect(res.status).toBe(404);
    expect((await verbAudit(gw, peer.grant.id)).at(-1)).toMatchObject({ action: "unknown", outcome: "denied" });
  });

  it("audits app-level refusals without a grant (unparseable identity) with a null grant id", async () => {
    const before = (await verbAudit(gw, null)).length;
    await expectRefused(await leaf({ otherNames: null }), 401, "missing_grant_id");
    const rows = await verbAudit(gw, null);
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ action: "capabilities", outcome: "denied", reason: "missing_grant_id" });
  });
});
