/**
 * Speculative reads (authHook.ts): the handler may start before the credential check ends, but
 * nothing is answered before it — a credential refused since the last request gets its 401 (not
 * the data, not the handler's 400/404), and a changed role reruns the handler as the new actor.
 */
import { randomUUID } from "node:crypto";
import { type Store, schema } from "@mosaic/db";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { actorOf } from "./authHook.js";
import { signUp, type TestUser } from "./test/actors.js";
import { localConfig, localStore } from "./test/fixtures.js";

let app: FastifyInstance;
let store: Store;
let admin: TestUser;

beforeAll(async () => {
  const config = localConfig();
  store = await localStore(config);
  app = await buildApp({ config, store, logger: false });
  // A read that answers with the actor it ran as: what a rerun changes is visible.
  app.get("/test/whoami", { config: { auth: "session", speculative: true } }, async (request) => {
    const { userId, role } = actorOf(request);
    return { userId, role };
  });
  await app.ready();
  admin = await signUp(app, "admin");
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const get = (url: string, headers: Record<string, string>) => app.inject({ method: "GET", url, headers });

async function revokeAll(user: TestUser): Promise<void> {
  const tokens = (await get("/api/tokens", { cookie: user.cookie })).json().items as { id: string }[];
  for (const t of tokens) {
    const res = await app.inject({ method: "DELETE", url: `/api/tokens/${t.id}`, headers: { cookie: user.cookie } });
    expect(res.statusCode).toBe(204);
  }
}

describe("speculative reads wait for their credential check", () => {
  it("a token revoked after a read: the next read is 401, never the data", async () => {
    const user = await signUp(app, "revoked");
    await app.inject({ method: "POST", url: "/api/projects", headers: user.bearer, payload: { name: "secret plans" } });
    const before = await get("/api/projects", user.bearer);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain("secret plans");

    await revokeAll(user);
    const after = await get("/api/projects", user.bearer);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("unauthenticated");
    expect(after.body).not.toContain("secret plans");
  });

  it("a revoked token whose query fails validation: 401, not the 400", async () => {
    const user = await signUp(app, "revoked400");
    expect((await get("/api/projects", user.bearer)).statusCode).toBe(200);
    await revokeAll(user);
    const res = await get("/api/projects?limit=0", user.bearer);
    expect(res.statusCode).toBe(401);
  });

  it("a revoked token reading a missing row: 401, not the handler's 404", async () => {
    const user = await signUp(app, "revoked404");
    expect((await get("/api/projects", user.bearer)).statusCode).toBe(200);
    await revokeAll(user);
    const res = await get(`/api/projects/${randomUUID()}`, user.bearer);
    expect(res.statusCode).toBe(401);
  });

  it("a user disabled after a read: 401 by token and by session on the next read", async () => {
    const user = await signUp(app, "disabled");
    expect((await get("/api/memory/insights", user.bearer)).statusCode).toBe(200);
    expect((await get("/api/memory/insights", { cookie: user.cookie })).statusCode).toBe(200);
    const off = await app.inject({
      method: "POST",
      url: `/api/admin/users/${user.id}/disable`,
      headers: admin.bearer,
    });
    expect(off.statusCode).toBe(200);
    expect((await get("/api/memory/insights", user.bearer)).statusCode).toBe(401);
    expect((await get("/api/memory/insights", { cookie: user.cookie })).statusCode).toBe(401);
  });

  it("a session signed out after a read: 401 on the next read", async () => {
    const user = await signUp(app, "signedout");
    expect((await get("/api/notes", { cookie: user.cookie })).statusCode).toBe(200);
    const out = await app.inject({ method: "POST", url: "/api/auth/sign-out", headers: { cookie: user.cookie } });
    expect(out.statusCode).toBe(204);
    expect((await get("/api/notes", { cookie: user.cookie })).statusCode).toBe(401);
  });

  it("a role changed between two reads: the second answers as the new role", async () => {
    const user = await signUp(app, "promoted");
    expect((await get("/test/whoami", user.bearer)).json()).toEqual({ userId: user.id, role: "member" });
    await store.db.update(schema.users).set({ role: "admin" }).where(eq(schema.users.id, user.id));
    expect((await get("/test/whoami", user.bearer)).json()).toEqual({ userId: user.id, role: "admin" });
    await store.db.update(schema.users).set({ role: "member" }).where(eq(schema.users.id, user.id));
    expect((await get("/test/whoami", user.bearer)).json()).toEqual({ userId: user.id, role: "member" });
  });

  it("repeated reads by a valid credential keep answering 200", async () => {
    for (let i = 0; i < 5; i++) expect((await get("/api/search?q=plans", admin.bearer)).statusCode).toBe(200);
  });

  it("only read routes may be speculative", async () => {
    const config = localConfig();
    const other = await localStore(config);
    const built = await buildApp({ config, store: other, logger: false });
    try {
      expect(() =>
        built.post("/test/write", { config: { auth: "session", speculative: true } }, async () => ({})),
      ).toThrow(/only read routes/);
    } finally {
      await built.close();
      await other.close();
    }
  });
});
