/** db-level: preferences and the immutable rule (agents refused with 403, the owner allowed), on PGlite and PostgreSQL. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@mosaic/auth";
import { isMosaicError } from "@mosaic/contracts";
import { createRepositories, openPgliteStore, openPostgresStore, type Store, schema } from "@mosaic/db";
import { createTestDatabase } from "@mosaic/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPreferenceService, type PreferenceService } from "./preferences.js";

const postgresUrl = inject("postgresUrl");
const drivers: Array<[string, () => Promise<{ store: Store; drop?: () => Promise<void> }>]> = [
  ["PGlite", async () => ({ store: await openPgliteStore({ dataDir: mkdtempSync(join(tmpdir(), "mosaic-pref-")) }) })],
];
if (postgresUrl) {
  drivers.push([
    "PostgreSQL",
    async () => {
      const db = await createTestDatabase(postgresUrl);
      return { store: await openPostgresStore({ url: db.url }), drop: () => db.drop() };
    },
  ]);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (isMosaicError(err)) return err.code;
    throw err;
  }
  return "ok";
}

describe.each(drivers)("preferences on %s", (_name, open) => {
  let store: Store;
  let drop: (() => Promise<void>) | undefined;
  let prefs: PreferenceService;
  let A: Actor;
  let B: Actor;

  beforeAll(async () => {
    ({ store, drop } = await open());
    prefs = createPreferenceService({ preferences: createRepositories(store.db).preferences });
    const users = await store.db
      .insert(schema.users)
      .values([
        { email: `a-${Date.now()}@example.com`, name: "a" },
        { email: `b-${Date.now()}@example.com`, name: "b" },
      ])
      .returning();
    [A, B] = users.map((u) => ({ userId: u.id, role: u.role, via: "token" as const })) as [Actor, Actor];
  });
  afterAll(async () => {
    await store.close();
    await drop?.();
  });

  it("creates (created=true), replaces (created=false) and keeps JSON values of every shape", async () => {
    expect((await prefs.set(A, "editor.theme", { value: "dark" })).created).toBe(true);
    const replaced = await prefs.set(A, "editor.theme", { value: { mode: "dark", contrast: [1, 2] } });
    expect(replaced.created).toBe(false);
    expect(replaced.preference).toMatchObject({ value: { mode: "dark", contrast: [1, 2] }, mutable: true });
    for (const value of [null, 0, false, "", [null]]) {
      expect((await prefs.set(A, "shapes", { value })).preference.value).toEqual(value);
    }
  });

  it("an immutable preference refuses agents (403 forbidden) but not its owner", async () => {
    await prefs.set(A, "reply.language", { value: "en", mutable: false });
    expect(await codeOf(prefs.set(A, "reply.language", { value: "fr" }, { via: "agent" }))).toBe("forbidden");
    expect(await codeOf(prefs.set(A, "reply.language", { value: "fr", mutable: true }, { via: "agent" }))).toBe(
      "forbidden",
    );
    expect(await codeOf(prefs.remove(A, "reply.language", { via: "agent" }))).toBe("forbidden");
    expect((await prefs.get(A, "reply.language")).value).toBe("en");

    // The owner (the API's path) may change it, and the flag is kept unless given.
    const owner = await prefs.set(A, "reply.language", { value: "de" });
    expect(owner.preference).toMatchObject({ value: "de", mutable: false });
    await prefs.remove(A, "reply.language");
    expect(await codeOf(prefs.get(A, "reply.language"))).toBe("not_found");
  });

  it("agents may create and change mutable preferences", async () => {
    expect((await prefs.set(A, "agent.note", { value: 1 }, { via: "agent" })).created).toBe(true);
    expect((await prefs.set(A, "agent.note", { value: 2 }, { via: "agent" })).preference.value).toBe(2);
    await prefs.remove(A, "agent.note", { via: "agent" });
    expect(await codeOf(prefs.remove(A, "agent.note", { via: "agent" }))).toBe("not_found");
  });

  it("one user's keys are invisible to another, and the same key is independent per user", async () => {
    await prefs.set(A, "private.key", { value: "secret-of-A", mutable: false });
    expect(await codeOf(prefs.get(B, "private.key"))).toBe("not_found");
    expect(await codeOf(prefs.remove(B, "private.key", { via: "agent" }))).toBe("not_found");
    expect((await prefs.set(B, "private.key", { value: "mine" }, { via: "agent" })).created).toBe(true);
    expect((await prefs.get(A, "private.key")).value).toBe("secret-of-A");
    const listed = await prefs.list(B, { limit: 100 });
    expect(JSON.stringify(listed.items.map((p) => p.value))).not.toContain("secret-of-A");
  });
});
