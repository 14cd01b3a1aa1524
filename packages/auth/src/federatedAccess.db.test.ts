import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createRepositories,
  openPgliteStore,
  openPostgresStore,
  type Repositories,
  type Store,
  schema,
} from "@mosaic/db";
import { createTestDatabase } from "@mosaic/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "./actor.js";
import { type FederatedReach, type FederatedTable, federatedReadAccess } from "./federatedAccess.js";

// The federated predicates on PGlite and, when configured, PostgreSQL: each reach selects exactly
// the rows of its owner kind that the subject may read — in the repositories' own statements.
const postgresUrl = inject("postgresUrl");
const drivers: Array<[string, () => Promise<{ store: Store; drop?: () => Promise<void> }>]> = [
  [
    "PGlite",
    async () => ({ store: await openPgliteStore({ dataDir: mkdtempSync(join(tmpdir(), "mosaic-fedacc-")) }) }),
  ],
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

const NO_VECTOR = { embedding: null, embeddingModel: null };

describe.each(drivers)("federated read access on %s", (_name, open) => {
  let store: Store;
  let drop: (() => Promise<void>) | undefined;
  let repos: Repositories;
  let subject: Actor;
  const names: Record<string, string> = {};

  async function user(label: string): Promise<Actor> {
    const [row] = await store.db
      .insert(schema.users)
      .values({ email: `${label}-${Date.now()}@example.com`, name: label })
      .returning();
    if (!row) throw new Error("no user");
    return { userId: row.id, role: row.role, via: "token" };
  }

  beforeAll(async () => {
    ({ store, drop } = await open());
    repos = createRepositories(store.db);
    subject = await user("subject");
    const owner = await user("owner");
    const outsider = await user("outsider");
    const team = await repos.teams.create("T", owner.userId);
    await repos.teams.inTeamTransaction(team.id, async (t) => {
      await t?.addMember(subject.userId, "member");
    });
    const otherTeam = await repos.teams.create("U", outsider.userId);
    const project = (name: string, owner: { ownerUserId?: string; ownerTeamId?: string }) =>
      repos.projects.create({
        name,
        description: "",
        ownerUserId: owner.ownerUserId ?? null,
        ownerTeamId: owner.ownerTeamId ?? null,
      });
    const places = {
      personal: await project("personal", { ownerUserId: subject.userId }),
      team: await project("team", { ownerTeamId: team.id }),
      outsider: await project("outsider", { ownerUserId: outsider.userId }),
      otherTeam: await project("otherTeam", { ownerTeamId: otherTeam.id }),
    };
    for (const [kind, p] of Object.entries(places)) {
      names[p.id] = kind;
      const task = await repos.tasks.create({ projectId: p.id, title: kind });
      names[task.id] = kind;
      const mission = await repos.missions.create({ projectId: p.id, title: kind });
      names[mission.id] = kind;
      const note = await repos.notes.create({
        projectId: p.id,
        ownerUserId: subject.userId,
        title: kind,
        body: "",
        tags: [],
        ...NO_VECTOR,
      });
      names[note.id] = kind;
      const insight = await repos.insights.create({
        userId: subject.userId,
        projectId: p.id,
        text: kind,
        category: "c",
        source: "s",
        provenance: {},
        ...NO_VECTOR,
      });
      names[insight.id] = kind;
    }
    for (const [kind, who] of [
      ["subject-personal-row", subject],
      ["outsider-personal-row", outsider],
    ] as const) {
      const note = await repos.notes.create({
        projectId: null,
        ownerUserId: who.userId,
        title: kind,
        body: "",
        tags: [],
        ...NO_VECTOR,
      });
      names[note.id] = kind;
      const insight = await repos.insights.create({
        userId: who.userId,
        projectId: null,
        text: kind,
        category: "c",
        source: "s",
        provenance: {},
        ...NO_VECTOR,
      });
      names[insight.id] = kind;
    }
  });
  afterAll(async () => {
    await store.close();
    await drop?.();
  });

  async function kinds(table: FederatedTable, reach: FederatedReach): Promise<string[]> {
    const where = federatedReadAccess(table, subject, reach);
    const page = { limit: 100 };
    const rows =
      table === "projects"
        ? (await repos.projects.list(where, {}, page)).items
        : table === "missions"
          ? (await repos.missions.list(where, {}, page)).items
          : table === "tasks"
            ? (await repos.tasks.list(where, {}, { key: "created", order: "desc" }, page)).items
            : table === "notes"
              ? (await repos.notes.list(where, {}, page)).items
              : (await repos.insights.list(where, {}, page)).items;
    return rows.map((r) => names[r.id] ?? "?").sort();
  }

  const both = { teams: true, personal: true };
  const teamsOnly = { teams: true, personal: false };
  const personalOnly = { teams: false, personal: true };
  const none = { teams: false, personal: false };

  it.each(["projects", "missions", "tasks"] as const)(
    "%s: team and personal projects by reach, never another's",
    async (table) => {
      expect(await kinds(table, both)).toEqual(["personal", "team"]);
      expect(await kinds(table, teamsOnly)).toEqual(["team"]);
      expect(await kinds(table, personalOnly)).toEqual(["personal"]);
      expect(await kinds(table, none)).toEqual([]);
    },
  );

  it.each(["notes", "memory"] as const)(
    "%s: personal rows only with include_personal, project rows by the project's kind",
    async (table) => {
      expect(await kinds(table, both)).toEqual(["personal", "subject-personal-row", "team"]);
      expect(await kinds(table, teamsOnly)).toEqual(["team"]);
      expect(await kinds(table, personalOnly)).toEqual(["personal", "subject-personal-row"]);
      expect(await kinds(table, none)).toEqual([]);
    },
  );
});
