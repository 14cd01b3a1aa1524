import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieFrom, signUp, type TestGateway, testGateway } from "../../test/actors.js";

let gw: TestGateway;
beforeAll(async () => {
  gw = await testGateway();
});
afterAll(async () => {
  await gw.close();
});

const password = "correct horse battery";

async function userCount(): Promise<number> {
  const [row] = await gw.store.query<{ n: number }>("SELECT count(*)::int AS n FROM users");
  return row?.n ?? 0;
}

describe("auth status", () => {
  it("reports no users on a fresh gateway and users after the first sign-up", async () => {
    const fresh = await testGateway();
    try {
      const before = await fresh.app.inject({ method: "GET", url: "/api/auth/status" });
      expect(before.statusCode).toBe(200);
      expect(before.json()).toEqual({ hasUsers: false });
      await signUp(fresh.app, "first");
      expect((await fresh.app.inject({ method: "GET", url: "/api/auth/status" })).json()).toEqual({ hasUsers: true });
    } finally {
      await fresh.close();
    }
  });

  it("is public (a malformed bearer changes nothing) and says nothing beyond hasUsers", async () => {
    const res = await gw.app.inject({
      method: "GET",
      url: "/api/auth/status",
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json())).toEqual(["hasUsers"]);
  });
});

describe("sign-up", () => {
  it("the first account is admin, later ones are members", async () => {
    const first = await signUp(gw.app, "first");
    const second = await signUp(gw.app, "second");
    expect(first.role).toBe("admin");
    expect(second.role).toBe("member");
    const me = await gw.app.inject({ method: "GET", url: "/api/me", headers: { cookie: second.cookie } });
    expect(me.json()).toMatchObject({ user: { email: second.email, role: "member", disabled: false }, via: "session" });
  });

  it("sets an HttpOnly SameSite=Lax session cookie and never returns the password", async () => {
    const res = await gw.app.inject({
      method: "POST",
      url: "/api/auth/sign-up",
      payload: { email: "cookie@example.com", password, name: "Cookie" },
    });
    expect(res.statusCode).toBe(201);
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/^mosaic\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(res.body).not.toContain(password);
    const [account] = await gw.store.query<{ password: string }>(
      "SELECT a.password FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.email = 'cookie@example.com'",
    );
    expect(account?.password).toBeTruthy();
    expect(account?.password).not.toContain(password);
  });

  it("a second account with the same email (any case) is 409", async () => {
    const user = await signUp(gw.app, "dup");
    const res = await gw.app.inject({
      method: "POST",
      url: "/api/auth/sign-up",
      payload: { email: user.email.toUpperCase(), password, name: "Dup" },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("conflict");
  });

  it.each([
    ["short password", { email: "x@example.com", password: "short", name: "X" }, "body.password"],
    ["bad email", { email: "not-an-email", password, name: "X" }, "body.email"],
    ["missing name", { email: "x@example.com", password }, "body.name"],
    ["wrong type", { email: "x@example.com", password: 12345678, name: "X" }, "body.password"],
    ["oversized name", { email: "x@example.com", password, name: "x".repeat(101) }, "body.name"],
    ["role (mass assignment)", { email: "x@example.com", password, name: "X", role: "admin" }, "body"],
  ])("%s → 400 with the field path, no account created", async (_label, payload, path) => {
    const before = await userCount();
    const res = await gw.app.inject({ method: "POST", url: "/api/auth/sign-up", payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await userCount()).toBe(before);
  });
});

describe("sign-in and sign-out", () => {
  it("signs in with the right password, 401 with a wrong one or an unknown email", async () => {
    const user = await signUp(gw.app, "signin");
    const ok = await gw.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: user.email, password },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = cookieFrom(ok.headers["set-cookie"]);
    expect((await gw.app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(200);
    for (const payload of [
      { email: user.email, password: "wrong password" },
      { email: "nobody@example.com", password },
    ]) {
      const res = await gw.app.inject({ method: "POST", url: "/api/auth/sign-in", payload });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: "unauthenticated", message: "wrong email or password" });
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
  });

  it("sign-out ends the session: the same cookie is 401 on the next request", async () => {
    const user = await signUp(gw.app, "signout");
    const out = await gw.app.inject({ method: "POST", url: "/api/auth/sign-out", headers: { cookie: user.cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/mosaic\.session_token=;/);
    expect((await gw.app.inject({ method: "GET", url: "/api/me", headers: { cookie: user.cookie } })).statusCode).toBe(
      401,
    );
    // The token is a separate credential and keeps working.
    expect((await gw.app.inject({ method: "GET", url: "/api/me", headers: user.bearer })).json().via).toBe("token");
  });

  it("429 too_many_failed_sign_ins: per address, then per account, checked before the password", async () => {
    const user = await signUp(gw.app, "throttled");
    const limit = 10; // the default of auth.signInFailuresPerMinute
    const attempt = (remoteAddress: string, pw: string, email = user.email) =>
      gw.app.inject({ method: "POST", url: "/api/auth/sign-in", remoteAddress, payload: { email, password: pw } });
    // One address guessing passwords of many accounts is stopped after `limit` failures…
    for (let i = 0; i < limit; i++) {
      expect((await attempt("10.1.0.1", "wrong password", `nobody${i}@example.com`)).statusCode).toBe(401);
    }
    const blocked = await attempt("10.1.0.1", password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(blocked.headers["set-cookie"]).toBeUndefined();
    // …while the account itself is still reachable from elsewhere with its password.
    expect((await attempt("10.1.0.2", password)).statusCode).toBe(200);
    // Many addresses guessing one account's password are stopped after `limit` failures too.
    for (let i = 0; i < limit; i++) expect((await attempt(`10.2.0.${i}`, "wrong password")).statusCode).toBe(401);
    const perAccount = await attempt("10.3.0.1", password);
    expect(perAccount.statusCode).toBe(429);
    expect(perAccount.json().error.message).toMatch(/too many failed sign-ins/);
  });

  it("sign-out without a session still answers 204", async () => {
    expect((await gw.app.inject({ method: "POST", url: "/api/auth/sign-out" })).statusCode).toBe(204);
  });
});
