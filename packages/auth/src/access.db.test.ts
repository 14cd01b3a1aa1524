import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMosaicError } from "@mosaic/contracts";
import {
  createRepositories,
  openPgliteStore,
  openPostgresStore,
  type Repositories,
  type Store,
  schema,
} from "@mosaic/db";
import { createTestDatabase, type TestDatabase } from "@mosaic/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ProjectAction, projectAccess } from "./access.js";
import { createAccounts } from "./accounts.js";
import type { Actor } from "./actor.js";
import { createTeamService } from "./teams.js";
import { createTokenService } from "./tokens.js";

// The db-level suite: the same assertions on PGlite and, when configured, on PostgreSQL (a
// missing server is announced once by test/globalSetup.ts).
const postgresUrl = inject("postgresUrl");
const drivers: Array<[string, () => Promise<{ store: Store; drop?: () => Promise<void> }>]> = [
  ["PGlite", async () => ({ store: await openPgliteStore({ dataDir: mkdtempSync(join(tmpdir(), "mosaic-auth-")) }) })],
];
if (postgresUrl) {
  drivers.push([
    "PostgreSQL",
    async () => {
      const db: TestDatabase = await createTestDatabase(postgresUrl);
      return { store: await openPostgresStore({ url: db.url }), drop: () => db.drop() };
    },
  ]);
}

describe.each(drivers)("access, accounts, teams and tokens on %s", (_name, open) => {
  let store: Store;
  let drop: (() => Promise<void>) | undefined;
  let repos: Repositories;
  let n = 0;

  async function user(): Promise<Actor> {
    n += 1;
    const [row] = await store.db
      .insert(schema.users)
      .values({ email: `u${n}-${Date.now()}@example.com`, name: `u${n}` })
      .returning();
    if (!row) throw new Error("no user");
    return { userId: row.id, role: row.role, via: "token" };
  }

  beforeAll(async () => {
    ({ store, drop } = await open());
    repos = createRepositories(store.db);
  });
  afterAll(async () => {
    await store.close();
    await drop?.();
  });

  it("the access predicate selects exactly the reachable projects per action", async () => {
    const [a, b, c] = [await user(), await user(), await user()];
    const x = await repos.teams.create("X", a.userId);
    const y = await repos.teams.create("Y", b.userId);
    await repos.teams.inTeamTransaction(x.id, async (t) => {
      await t?.addMember(c.userId, "member");
    });
    const mk = (name: string, owner: { ownerUserId?: string; ownerTeamId?: string }) =>
      repos.projects.create({
        name,
        description: "",
        ownerUserId: owner.ownerUserId ?? null,
        ownerTeamId: owner.ownerTeamId ?? null,
      });
    const p = {
      pA: await mk("pA", { ownerUserId: a.userId }),
      pB: await mk("pB", { ownerUserId: b.userId }),
      pX: await mk("pX", { ownerTeamId: x.id }),
      pY: await mk("pY", { ownerTeamId: y.id }),
    };
    const names = async (actor: Actor, action: ProjectAction) =>
      (await repos.projects.list(projectAccess(actor, action), {}, { limit: 100 })).items.map((r) => r.name).sort();
    expect(await names(a, "read")).toEqual(["pA", "pX"]);
    expect(await names(a, "manage")).toEqual(["pA", "pX"]);
    expect(await names(c, "read")).toEqual(["pX"]);
    expect(await names(c, "write")).toEqual(["pX"]);
    expect(await names(c, "manage")).toEqual([]);
    expect(await names(b, "read")).toEqual(["pB", "pY"]);
    // Writes are scoped in the statement itself: a refused one changes no row.
    expect(await repos.projects.update(p.pA.id, { name: "pwned" }, projectAccess(b, "write"))).toBeNull();
    expect(await repos.projects.delete(p.pX.id, projectAccess(c, "manage"))).toBe(false);
    expect((await repos.projects.find(p.pA.id, projectAccess(a, "read")))?.name).toBe("pA");
    expect(await repos.projects.find(p.pX.id, projectAccess(b, "read"))).toBeNull();
  });

  it("keyset pagination returns every row once, even when rows share a created_at", async () => {
    const owner = await user();
    // One statement: every row gets the same now().
    await store.query(
      "INSERT INTO projects (name, owner_user_id) SELECT 'bulk ' || g, $1 FROM generate_series(1, 25) AS g",
      [owner.userId],
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await repos.projects.list(projectAccess(owner, "read"), {}, { cursor, limit: 10 });
      seen.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it("concurrent first sign-ups produce exactly one admin", async () => {
    // A fresh database: earlier tests inserted users without going through sign-up.
    const fresh = await open();
    try {
      const freshRepos = createRepositories(fresh.store.db);
      const accounts = createAccounts({
        db: fresh.store.db,
        users: freshRepos.users,
        secret: "s".repeat(40),
        baseURL: "http://127.0.0.1:4242",
      });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          accounts.signUp({ email: `race${i}@example.com`, password: "correct horse battery", name: `r${i}` }),
        ),
      );
      expect(results.filter((r) => r.user.role === "admin")).toHaveLength(1);
      const rows = await fresh.store.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin'");
      expect(rows[0]?.n).toBe(1);
    } finally {
      await fresh.store.close();
      await fresh.drop?.();
    }
  });

  it("two owners leaving at once: exactly one succeeds, the team keeps an owner", async () => {
    const [a, b] = [await user(), await user()];
    const teams = createTeamService({ teams: repos.teams, users: repos.users });
    const team = await repos.teams.create("race", a.userId);
    await repos.teams.inTeamTransaction(team.id, async (t) => {
      await t?.addMember(b.userId, "owner");
    });
    const outcomes = await Promise.allSettled([
      teams.removeMember(a, team.id, a.userId),
      teams.removeMember(b, team.id, b.userId),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === "rejected");
    expect(failed?.status === "rejected" && isMosaicError(failed.reason) && failed.reason.code).toBe("conflict");
    const members = await repos.teams.members(team.id);
    expect(members.map((m) => m.role)).toEqual(["owner"]);
  });

  it("a token is usable only while not revoked, not expired and its owner not disabled", async () => {
    const owner = await user();
    const tokens = createTokenService({ tokens: repos.tokens });
    const live = await tokens.create({ userId: owner.userId, name: "live", expiresAt: new Date(Date.now() + 60_000) });
    const expired = await tokens.create({ userId: owner.userId, name: "old", expiresAt: new Date(Date.now() - 1) });
    const revoked = await tokens.create({ userId: owner.userId, name: "gone", expiresAt: null });
    await tokens.revoke(owner.userId, revoked.token.id);
    expect((await tokens.verify(live.secret)).userId).toBe(owner.userId);
    await expect(tokens.verify(expired.secret)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(tokens.verify(revoked.secret)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(tokens.verify("mos_short")).rejects.toMatchObject({ code: "unauthenticated" });
    await repos.users.setDisabled(owner.userId, true);
    await expect(tokens.verify(live.secret)).rejects.toMatchObject({ code: "unauthenticated" });
    await repos.users.setDisabled(owner.userId, false);
    expect((await tokens.verify(live.secret)).userId).toBe(owner.userId);
  });

  it("checks asked for together share one statement, and each gets only its own token's answer", async () => {
    const [a, b] = [await user(), await user()];
    const tokens = createTokenService({ tokens: repos.tokens });
    const forA = await tokens.create({ userId: a.userId, name: "a", expiresAt: null });
    const forB = await tokens.create({ userId: b.userId, name: "b", expiresAt: null });
    const revoked = await tokens.create({ userId: b.userId, name: "gone", expiresAt: null });
    await tokens.revoke(b.userId, revoked.token.id);
    const unknown = `mos_${"A".repeat(43)}`;
    // All in one turn of the event loop: one batch, with a token asked for twice.
    const answers = await Promise.allSettled(
      [forA.secret, forB.secret, revoked.secret, unknown, forA.secret].map((t) => tokens.verify(t)),
    );
    expect(answers.map((x) => (x.status === "fulfilled" ? x.value.userId : "401"))).toEqual([
      a.userId,
      b.userId,
      "401",
      "401",
      a.userId,
    ]);
    // Revoked between two turns: the next check sees it.
    await tokens.revoke(a.userId, forA.token.id);
    await expect(tokens.verify(forA.secret)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
