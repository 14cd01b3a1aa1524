import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestUser, testGateway } from "../../test/actors.js";
import { createGrant, type FederationTestGateway, federationGateway, SCOPE } from "../../test/federation.js";

let gw: FederationTestGateway;
let member: TestUser;
beforeAll(async () => {
  gw = await federationGateway();
  member = await signUp(gw.app, "member");
});
afterAll(async () => {
  await gw?.close();
});

const ADMIN_ROUTES: Array<[string, string]> = [
  ["POST", "/api/federation/grants"],
  ["GET", "/api/federation/grants"],
  ["GET", "/api/federation/grants/00000000-0000-4000-8000-000000000000"],
  ["POST", "/api/federation/grants/00000000-0000-4000-8000-000000000000/revoke"],
  ["POST", "/api/federation/peers"],
  ["GET", "/api/federation/peers"],
  ["GET", "/api/federation/peers/a"],
  ["DELETE", "/api/federation/peers/a"],
  ["GET", "/api/federation/audit"],
  ["GET", "/api/federation/status"],
];

const inject = (method: string, url: string, headers: Record<string, string> = {}, payload?: object) =>
  gw.app.inject({ method: method as "GET", url, headers, ...(payload === undefined ? {} : { payload }) });

describe("federation admin routes", () => {
  it.each(ADMIN_ROUTES)("%s %s: 401 without credentials, 403 for a member", async (method, url) => {
    const anonymous = await inject(method, url);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe("unauthenticated");
    const asMember = await inject(method, url, member.bearer);
    expect(asMember.statusCode).toBe(403);
  });

  it("status: on, with the host and ports peers use and the CA fingerprint enrollment URLs carry", async () => {
    const res = await inject("GET", "/api/federation/status", gw.admin.bearer);
    expect(res.statusCode).toBe(200);
    const ca = await gw.app.federation.ca();
    expect(res.json()).toEqual({
      enabled: true,
      host: "127.0.0.1",
      enrollPort: 4244,
      federationPort: 4243,
      caFingerprint: ca.fingerprint,
    });
  });

  it("creates a pending grant and returns the enrollment URL once (hash stored, token nowhere else)", async () => {
    const { grant, enrollment, token } = await createGrant(gw);
    const ca = await gw.app.federation.ca();
    expect(enrollment.url).toMatch(
      new RegExp(`^https://127\\.0\\.0\\.1:4244/enroll/[A-Za-z0-9_-]{43}#sha256=${ca.fingerprint}$`),
    );
    expect(grant).toMatchObject({ status: "pending", subjectUserId: gw.admin.id, currentCertSerial: null });
    const rows = await gw.store.query("SELECT * FROM federation_enrollment_tokens WHERE grant_id = $1", [grant.id]);
    expect(JSON.stringify(rows)).not.toContain(token);
    const shown = await inject("GET", `/api/federation/grants/${grant.id}`, gw.admin.bearer);
    expect(shown.json().grant).toMatchObject({ id: grant.id, scope: { ...SCOPE, excluded_resources: [] } });
    expect(shown.body).not.toContain(token);
  });

  it("validates the scope with field paths", async () => {
    const res = await inject("POST", "/api/federation/grants", gw.admin.bearer, {
      userEmail: gw.admin.email,
      peerLabel: "x",
      scope: { ...SCOPE, resources: ["users"], max_rows_per_query: 10_001 },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["body.scope.resources.0", "body.scope.max_rows_per_query"]));
    expect((await gw.store.query("SELECT 1 FROM federation_grants WHERE peer_label = 'x'")).length).toBe(0);
  });

  it("refuses an unknown subject (404) and an expiry in the past (400)", async () => {
    const body = { userEmail: "nobody@example.com", peerLabel: "p", scope: SCOPE };
    expect((await inject("POST", "/api/federation/grants", gw.admin.bearer, body)).statusCode).toBe(404);
    const past = { ...body, userEmail: gw.admin.email, expiresAt: "2000-01-01T00:00:00Z" };
    const res = await inject("POST", "/api/federation/grants", gw.admin.bearer, past);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe("body.expiresAt");
  });

  it("revokes a pending grant once; revoking again is a 409 naming from and to", async () => {
    const { grant } = await createGrant(gw);
    const revoked = await inject("POST", `/api/federation/grants/${grant.id}/revoke`, gw.admin.bearer);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().grant).toMatchObject({ status: "revoked" });
    expect(revoked.json().grant.revokedAt).not.toBeNull();
    const again = await inject("POST", `/api/federation/grants/${grant.id}/revoke`, gw.admin.bearer);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("from revoked to revoked");
    expect(again.json().error.details).toEqual([
      { path: "status", message: "illegal transition from revoked to revoked" },
    ]);
  });

  it("expires only pending or active grants: an expired or revoked one cannot expire (409)", async () => {
    const { grant } = await createGrant(gw);
    await gw.app.federation.grants.expire(grant.id);
    expect((await gw.app.federation.grants.show(grant.id)).status).toBe("expired");
    await expect(gw.app.federation.grants.expire(grant.id)).rejects.toMatchObject({ code: "conflict" });
    const revoke = await inject("POST", `/api/federation/grants/${grant.id}/revoke`, gw.admin.bearer);
    expect(revoke.statusCode).toBe(409);
    expect(revoke.json().error.message).toContain("from expired to revoked");
  });

  it("expires due grants in the sweep, judged by the injected clock", async () => {
    const res = await inject("POST", "/api/federation/grants", gw.admin.bearer, {
      userEmail: gw.admin.email,
      peerLabel: "short",
      scope: SCOPE,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const id = res.json().grant.id as string;
    expect(await gw.app.federation.grants.expireDue()).toBe(0);
    gw.clock.offsetMs = 2 * 3_600_000;
    try {
      expect(await gw.app.federation.grants.expireDue()).toBeGreaterThanOrEqual(1);
    } finally {
      gw.clock.offsetMs = 0;
    }
    expect((await gw.app.federation.grants.show(id)).status).toBe("expired");
  });

  it("lists grants newest first, filtered by status, with a cursor; unknown query keys are 400", async () => {
    const a = await createGrant(gw);
    const b = await createGrant(gw);
    const page = await inject("GET", "/api/federation/grants?status=pending&limit=1", gw.admin.bearer);
    expect(page.json().items.map((g: { id: string }) => g.id)).toEqual([b.grant.id]);
    const next = await inject(
      "GET",
      `/api/federation/grants?status=pending&limit=1&cursor=${page.json().nextCursor}`,
      gw.admin.bearer,
    );
    expect(next.json().items.map((g: { id: string }) => g.id)).toEqual([a.grant.id]);
    expect((await inject("GET", "/api/federation/grants?owner=x", gw.admin.bearer)).statusCode).toBe(400);
  });

  it("shows the audit log newest first, filterable by grant and action", async () => {
    const { grant } = await createGrant(gw);
    await inject("POST", `/api/federation/grants/${grant.id}/revoke`, gw.admin.bearer);
    const res = await inject("GET", `/api/federation/audit?grantId=${grant.id}`, gw.admin.bearer);
    expect(res.json().items.map((e: { action: string }) => e.action)).toEqual(["grant.revoke", "grant.create"]);
    const only = await inject("GET", `/api/federation/audit?grantId=${grant.id}&action=grant.create`, gw.admin.bearer);
    expect(only.json().items).toHaveLength(1);
    expect(only.json().items[0]).toMatchObject({ outcome: "success", source: `admin:${gw.admin.id}` });
  });

  it("validates peer input: a bad enrollment URL is 400 on body.enrollmentUrl; unknown peers are 404", async () => {
    const res = await inject("POST", "/api/federation/peers", gw.admin.bearer, { enrollmentUrl: "http://x/enroll/y" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe("body.enrollmentUrl");
    expect((await inject("GET", "/api/federation/peers/nope", gw.admin.bearer)).statusCode).toBe(404);
    expect((await inject("GET", "/api/federation/peers/Bad_Name", gw.admin.bearer)).statusCode).toBe(400);
    expect((await inject("DELETE", "/api/federation/peers/nope", gw.admin.bearer)).statusCode).toBe(404);
  });
});

describe("federation disabled", () => {
  it("status says it is off, and asking creates no CA", async () => {
    const plain = await testGateway();
    try {
      const admin = await signUp(plain.app, "admin");
      const res = await plain.app.inject({ method: "GET", url: "/api/federation/status", headers: admin.bearer });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ enabled: false, caFingerprint: null });
      expect((await plain.store.query("SELECT 1 FROM federation_ca")).length).toBe(0);
    } finally {
      await plain.close();
    }
  });

  it("refuses to create grants with a 409 saying how to enable it", async () => {
    const plain = await testGateway();
    try {
      const admin = await signUp(plain.app, "admin");
      const res = await plain.app.inject({
        method: "POST",
        url: "/api/federation/grants",
        headers: admin.bearer,
        payload: { userEmail: admin.email, peerLabel: "p", scope: SCOPE },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain("MOSAIC_FEDERATION=1");
      expect((await plain.store.query("SELECT 1 FROM federation_grants")).length).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
