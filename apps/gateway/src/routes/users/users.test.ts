import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

let gw: TestGateway;
let admin: TestUser;
let member: TestUser;
beforeAll(async () => {
  gw = await testGateway();
  admin = await signUp(gw.app, "admin");
  member = await signUp(gw.app, "member");
});
afterAll(async () => {
  await gw.close();
});

describe("user administration", () => {
  it("an admin lists users with cursor pagination; a member gets 403", async () => {
    await signUp(gw.app, "third");
    const first = await gw.app.inject({ method: "GET", url: "/api/admin/users?limit=2", headers: admin.bearer });
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(2);
    const next = await gw.app.inject({
      method: "GET",
      url: `/api/admin/users?limit=2&cursor=${first.json().nextCursor}`,
      headers: admin.bearer,
    });
    const emails = [...first.json().items, ...next.json().items].map((u: { email: string }) => u.email);
    expect(emails).toEqual(expect.arrayContaining([admin.email, member.email]));
    expect(new Set(emails).size).toBe(emails.length);
    expect(first.body).not.toMatch(/password/i);
    const denied = await gw.app.inject({ method: "GET", url: "/api/admin/users", headers: member.bearer });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe("forbidden");
  });

  it("disabling rejects the user's token and session on the very next request; enabling restores the token", async () => {
    const user = await signUp(gw.app, "victim");
    const me = (headers: Record<string, string>) => gw.app.inject({ method: "GET", url: "/api/me", headers });
    expect((await me(user.bearer)).statusCode).toBe(200);
    expect((await me({ cookie: user.cookie })).statusCode).toBe(200);
    const res = await gw.app.inject({
      method: "POST",
      url: `/api/admin/users/${user.id}/disable`,
      headers: admin.bearer,
    });
    expect(res.json().user).toMatchObject({ id: user.id, disabled: true });
    expect((await me(user.bearer)).statusCode).toBe(401);
    expect((await me({ cookie: user.cookie })).statusCode).toBe(401);
    const signIn = await gw.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: user.email, password: "correct horse battery" },
    });
    expect(signIn.statusCode).toBe(401);
    expect(signIn.headers["set-cookie"]).toBeUndefined();

    await gw.app.inject({ method: "POST", url: `/api/admin/users/${user.id}/enable`, headers: admin.bearer });
    expect((await me(user.bearer)).statusCode).toBe(200);
    // Sessions ended when the account was disabled: the old cookie stays dead.
    expect((await me({ cookie: user.cookie })).statusCode).toBe(401);
  });

  it("an admin can't disable themselves (409); unknown users are 404; members can't disable (403)", async () => {
    const self = await gw.app.inject({
      method: "POST",
      url: `/api/admin/users/${admin.id}/disable`,
      headers: admin.bearer,
    });
    expect(self.statusCode).toBe(409);
    const unknown = await gw.app.inject({
      method: "POST",
      url: `/api/admin/users/${randomUUID()}/disable`,
      headers: admin.bearer,
    });
    expect(unknown.statusCode).toBe(404);
    const byMember = await gw.app.inject({
      method: "POST",
      url: `/api/admin/users/${admin.id}/disable`,
      headers: member.bearer,
    });
    expect(byMember.statusCode).toBe(403);
    expect((await gw.app.inject({ method: "GET", url: "/api/me", headers: admin.bearer })).statusCode).toBe(200);
  });

  it("unknown query keys and bad ids are 400", async () => {
    for (const url of ["/api/admin/users?role=admin", "/api/admin/users?limit=1000", "/api/admin/users/nope/disable"]) {
      const method = url.endsWith("disable") ? "POST" : "GET";
      expect((await gw.app.inject({ method, url, headers: admin.bearer })).statusCode, url).toBe(400);
    }
  });
});
