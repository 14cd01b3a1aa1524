import { randomUUID } from "node:crypto";
import { createTokenService } from "@mosaic/auth";
import { createRepositories } from "@mosaic/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type RouteEntry } from "./app.js";
import { signUp, type TestGateway, type TestUser, testGateway } from "./test/actors.js";
import { localConfig, localStore } from "./test/fixtures.js";

let gw: TestGateway;
let admin: TestUser;
const bad: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  gw = await testGateway();
  admin = await signUp(gw.app, "admin");
  const revoked = await signUp(gw.app, "revoked");
  const disabled = await signUp(gw.app, "disabled");
  const signedOut = await signUp(gw.app, "signedout");

  const revokeId = (await gw.app.inject({ method: "GET", url: "/api/tokens", headers: revoked.bearer })).json().items[0]
    .id;
  expect(
    (await gw.app.inject({ method: "DELETE", url: `/api/tokens/${revokeId}`, headers: revoked.bearer })).statusCode,
  ).toBe(204);
  const expired = await createTokenService({ tokens: createRepositories(gw.store.db).tokens }).create({
    userId: revoked.id,
    name: "expired",
    expiresAt: new Date(Date.now() - 1_000),
  });
  expect(
    (await gw.app.inject({ method: "POST", url: `/api/admin/users/${disabled.id}/disable`, headers: admin.bearer }))
      .statusCode,
  ).toBe(200);
  expect(
    (await gw.app.inject({ method: "POST", url: "/api/auth/sign-out", headers: { cookie: signedOut.cookie } }))
      .statusCode,
  ).toBe(204);

  bad["no credentials"] = {};
  bad["malformed bearer"] = { authorization: "Bearer not-a-token" };
  bad["bearer of the wrong shape"] = { authorization: `Bearer mos_${"x".repeat(10)}` };
  bad["unknown well-formed token"] = { authorization: `Bearer mos_${"A".repeat(43)}` };
  bad["basic auth"] = { authorization: "Basic YWRtaW46cGFzcw==" };
  bad["empty authorization"] = { authorization: "" };
  bad["revoked token"] = revoked.bearer;
  bad["expired token"] = { authorization: `Bearer ${expired.secret}` };
  bad["disabled user's token"] = disabled.bearer;
  bad["disabled user's session"] = { cookie: disabled.cookie };
  bad["signed-out session"] = { cookie: signedOut.cookie };
  bad["forged session cookie"] = { cookie: "mosaic.session_token=abc.def" };
  // A valid cookie does not rescue a malformed Authorization header.
  bad["malformed bearer with a valid cookie"] = { authorization: "Bearer nope", cookie: admin.cookie };
});

afterAll(async () => {
  await gw.close();
});

/** Routes that declare no auth mode: the inventory rule. */
function undeclared(inventory: RouteEntry[]): RouteEntry[] {
  return inventory.filter((r) => r.auth === undefined);
}

describe("route inventory", () => {
  it("every registered route declares its auth mode", () => {
    expect(gw.app.routeInventory.length).toBeGreaterThan(20);
    expect(undeclared(gw.app.routeInventory)).toEqual([]);
  });

  it("catches a route registered without one, and that route fails closed", async () => {
    const config = localConfig();
    const store = await localStore(config);
    const app = await buildApp({ config, store, logger: false });
    app.get("/test/undeclared", async () => ({ leaked: true }));
    await app.ready();
    try {
      expect(undeclared(app.routeInventory)).toContainEqual({
        method: "GET",
        url: "/test/undeclared",
        auth: undefined,
      });
      const res = await app.inject({ method: "GET", url: "/test/undeclared" });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain("leaked");
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe("every non-public route rejects bad credentials with 401", () => {
  const requests = () =>
    gw.app.routeInventory
      .filter((r) => r.auth !== "public" && r.method !== "HEAD")
      .map((r) => ({ method: r.method, url: r.url.replace(/:[A-Za-z]+/g, () => randomUUID()) }));

  it("covers the protected routes of accounts, tokens, admin, teams and projects", () => {
    const urls = requests().map((r) => `${r.method} ${r.url.replace(/[0-9a-f-]{36}/g, ":id")}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        "GET /api/me",
        "POST /api/tokens",
        "DELETE /api/tokens/:id",
        "GET /api/admin/users",
        "POST /api/admin/users/:id/disable",
        "POST /api/teams",
        "DELETE /api/teams/:id/members/:id",
        "GET /api/projects",
        "PATCH /api/projects/:id",
        "DELETE /api/projects/:id",
      ]),
    );
  });

  it.each([
    "no credentials",
    "malformed bearer",
    "bearer of the wrong shape",
    "unknown well-formed token",
    "basic auth",
    "empty authorization",
    "revoked token",
    "expired token",
    "disabled user's token",
    "disabled user's session",
    "signed-out session",
    "forged session cookie",
    "malformed bearer with a valid cookie",
  ])("%s → 401 unauthenticated on every route", async (kind) => {
    const headers = bad[kind] ?? {};
    const failures: string[] = [];
    for (const { method, url } of requests()) {
      const payload = method === "GET" || method === "DELETE" ? undefined : {};
      const res = await gw.app.inject({ method: method as "GET", url, headers, ...(payload ? { payload } : {}) });
      if (res.statusCode !== 401 || res.json().error.code !== "unauthenticated") {
        failures.push(`${method} ${url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the same routes answer (not 401) with good credentials, by token and by cookie", async () => {
    for (const headers of [admin.bearer, { cookie: admin.cookie }]) {
      const res = await gw.app.inject({ method: "GET", url: "/api/me", headers });
      expect(res.statusCode).toBe(200);
    }
  });

  it("admin routes answer 403 to a signed-in member", async () => {
    const member = await signUp(gw.app, "member");
    for (const r of gw.app.routeInventory.filter((x) => x.auth === "admin")) {
      const url = r.url.replace(/:[A-Za-z]+/g, () => randomUUID());
      const res = await gw.app.inject({ method: r.method as "GET", url, headers: member.bearer });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });
});
