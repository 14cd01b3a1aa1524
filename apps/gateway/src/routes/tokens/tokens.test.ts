import { randomUUID } from "node:crypto";
import { hashToken } from "@mosaic/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

let gw: TestGateway;
let A: TestUser;
let B: TestUser;
beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
  B = await signUp(gw.app, "b");
});
afterAll(async () => {
  await gw.close();
});

async function tokenCount(): Promise<number> {
  const [row] = await gw.store.query<{ n: number }>("SELECT count(*)::int AS n FROM personal_access_tokens");
  return row?.n ?? 0;
}

describe("personal access tokens", () => {
  it("creates a mos_ token shown once, stored only as its SHA-256", async () => {
    const res = await gw.app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: A.bearer,
      payload: { name: "laptop", expiresInDays: 30 },
    });
    expect(res.statusCode).toBe(201);
    const { token, secret } = res.json();
    expect(secret).toMatch(/^mos_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "laptop", prefix: secret.slice(0, 12), revokedAt: null, lastUsedAt: null });
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const [row] = await gw.store.query<Record<string, string>>("SELECT * FROM personal_access_tokens WHERE id = $1", [
      token.id,
    ]);
    expect(row?.token_hash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const list = await gw.app.inject({ method: "GET", url: "/api/tokens", headers: A.bearer });
    expect(list.body).not.toContain(secret);
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(token.id);
  });

  it("works as a bearer credential, records last use, and stops working once revoked", async () => {
    const { token, secret } = (
      await gw.app.inject({ method: "POST", url: "/api/tokens", headers: A.bearer, payload: { name: "ci" } })
    ).json();
    const headers = { authorization: `Bearer ${secret}` };
    expect((await gw.app.inject({ method: "GET", url: "/api/me", headers })).json().user.id).toBe(A.id);
    const listed = (await gw.app.inject({ method: "GET", url: "/api/tokens", headers })).json().items;
    expect(listed.find((t: { id: string }) => t.id === token.id).lastUsedAt).not.toBeNull();
    expect(
      (await gw.app.inject({ method: "DELETE", url: `/api/tokens/${token.id}`, headers: A.bearer })).statusCode,
    ).toBe(204);
    expect((await gw.app.inject({ method: "GET", url: "/api/me", headers })).statusCode).toBe(401);
    const after = (await gw.app.inject({ method: "GET", url: "/api/tokens", headers: A.bearer })).json().items;
    expect(after.find((t: { id: string }) => t.id === token.id).revokedAt).not.toBeNull();
  });

  it("someone else's token can't be seen or revoked (404), and keeps working", async () => {
    const bTokens = (await gw.app.inject({ method: "GET", url: "/api/tokens", headers: B.bearer })).json().items;
    const aList = await gw.app.inject({ method: "GET", url: "/api/tokens", headers: A.bearer });
    for (const t of bTokens) expect(aList.body).not.toContain(t.id);
    const res = await gw.app.inject({ method: "DELETE", url: `/api/tokens/${bTokens[0].id}`, headers: A.bearer });
    expect(res.statusCode).toBe(404);
    expect((await gw.app.inject({ method: "GET", url: "/api/me", headers: B.bearer })).statusCode).toBe(200);
    expect(
      (await gw.app.inject({ method: "DELETE", url: `/api/tokens/${randomUUID()}`, headers: A.bearer })).statusCode,
    ).toBe(404);
  });

  it.each([
    ["missing name", {}, "body.name"],
    ["wrong type", { name: "x", expiresInDays: "30" }, "body.expiresInDays"],
    ["expiry out of range", { name: "x", expiresInDays: 0 }, "body.expiresInDays"],
    ["oversized name", { name: "x".repeat(101) }, "body.name"],
    ["userId (mass assignment)", { name: "x", userId: randomUUID() }, "body"],
  ])("%s → 400 with the field path, nothing written", async (_label, payload, path) => {
    const before = await tokenCount();
    const res = await gw.app.inject({ method: "POST", url: "/api/tokens", headers: A.bearer, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await tokenCount()).toBe(before);
  });
});
