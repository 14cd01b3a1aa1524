/**
 * @module db-level suite for the missions and tasks services and repositories, on PGlite and (when
 * configured) PostgreSQL: events, the in-progress rule, one-transaction import, dependency cleanup,
 * keyset pages over tied sort values, milestone reordering.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@mosaic/auth";
import { type BrainEvent, isMosaicError } from "@mosaic/contracts";
import {
  createRepositories,
  openPgliteStore,
  openPostgresStore,
  type Repositories,
  type Store,
  schema,
} from "@mosaic/db";
import { createTestDatabase } from "@mosaic/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createMissionService } from "./missions.js";
import { createTaskService } from "./tasks.js";

const postgresUrl = inject("postgresUrl");
const drivers: Array<[string, () => Promise<{ store: Store; drop?: () => Promise<void> }>]> = [
  ["PGlite", async () => ({ store: await openPgliteStore({ dataDir: mkdtempSync(join(tmpdir(), "mosaic-brain-")) }) })],
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

const fixture = readFileSync(new URL("./missions/fixtures/mission.tasks.md", import.meta.url), "utf8");

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    if (isMosaicError(err)) return err;
    throw err;
  }
  throw new Error("expected a rejection");
}

describe.each(drivers)("missions and tasks services on %s", (_name, open) => {
  let store: Store;
  let drop: (() => Promise<void>) | undefined;
  let repos: Repositories;
  let events: BrainEvent[];
  let tasks: ReturnType<typeof createTaskService>;
  let missions: ReturnType<typeof createMissionService>;
  let n = 0;

  /** A fresh user with a personal project (a new tenant per test). */
  async function tenant(): Promise<{ actor: Actor; projectId: string }> {
    n += 1;
    const [user] = await store.db
      .insert(schema.users)
      .values({ email: `m${n}-${Date.now()}@example.com`, name: `m${n}` })
      .returning();
    if (!user) throw new Error("no user");
    const project = await repos.projects.create({
      name: "p",
      description: "",
      ownerUserId: user.id,
      ownerTeamId: null,
    });
    return { actor: { userId: user.id, role: user.role, via: "token" }, projectId: project.id };
  }

  beforeAll(async () => {
    ({ store, drop } = await open());
    repos = createRepositories(store.db);
    const publish = (event: BrainEvent) => events.push(event);
    tasks = createTaskService({ ...repos, publish });
    missions = createMissionService({ ...repos, publish });
  });
  beforeEach(() => {
    events = [];
  });
  afterAll(async () => {
    await store.close();
    await drop?.();
  });

  it("creating, moving and deleting a task publish task.* events with the project id and the task", async () => {
    const { actor, projectId } = await tenant();
    const task = await tasks.createTask({ actor, projectId, input: { title: "ship" } });
    await tasks.moveTask({ actor, taskId: task.id, status: "done" });
    await tasks.deleteTask({ actor, taskId: task.id });
    expect(events.map((e) => [e.name, e.id, e.projectId, e.actorId])).toEqual([
      ["task.created", task.id, projectId, actor.userId],
      ["task.updated", task.id, projectId, actor.userId],
      ["task.deleted", task.id, projectId, actor.userId],
    ]);
    expect(events[0]?.data).toMatchObject({ id: task.id, title: "ship", status: "not-started", projectId });
    expect(events[1]?.data).toMatchObject({ status: "done" });
  });

  it("a refused move publishes nothing and names the blocker; after the blocker is done it moves", async () => {
    const { actor, projectId } = await tenant();
    const dep = await tasks.createTask({ actor, projectId, input: { title: "dep", externalId: "D-1" } });
    const task = await tasks.createTask({ actor, projectId, input: { title: "t", dependsOn: [dep.id] } });
    events = [];
    const err = await rejection(tasks.moveTask({ actor, taskId: task.id, status: "in-progress" }));
    expect(err.code).toBe("conflict");
    expect(err.message).toContain("D-1");
    expect(err.details).toEqual([{ path: `dependsOn.${dep.id}`, message: "D-1 is not-started" }]);
    expect(events).toEqual([]);
    await tasks.moveTask({ actor, taskId: dep.id, status: "done" });
    expect((await tasks.moveTask({ actor, taskId: task.id, status: "in-progress" })).status).toBe("in-progress");
  });

  it("import publishes mission.created; insertTree is one transaction (a failing task row leaves nothing)", async () => {
    const { actor, projectId } = await tenant();
    const tree = await missions.importMission({ actor, projectId, markdown: fixture });
    expect(events.map((e) => [e.name, e.projectId])).toEqual([["mission.created", projectId]]);
    expect(tree.tasks).toHaveLength(30);

    const count = async () => (await store.query<{ n: number }>("SELECT count(*)::int AS n FROM missions"))[0]?.n;
    const before = await count();
    const missionId = randomUUID();
    const milestoneId = randomUUID();
    const task = (externalId: string) => ({
      id: randomUUID(),
      projectId,
      missionId,
      milestoneId,
      externalId,
      title: externalId,
    });
    await expect(
      repos.missions.insertTree({
        mission: { id: missionId, projectId, title: "half" },
        milestones: [{ id: milestoneId, missionId, ordinal: 1, title: "m" }],
        // The duplicate external id violates the unique index on the last statement.
        tasks: [task("A-1"), task("A-1")],
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
    expect(await store.query("SELECT id FROM milestones WHERE id = $1", [milestoneId])).toEqual([]);
  });

  it("imports a file too big for one INSERT (over 65,535 bind parameters) in one piece", async () => {
    const { actor, projectId } = await tenant();
    const rows = Array.from({ length: 4_500 }, (_, i) => `| T-${i} | done | task ${i} |`);
    const markdown = `# Big\n\n## Milestone 1 — All (M1)\n\n| id | status | description |\n| --- | --- | --- |\n${rows.join("\n")}\n`;
    const tree = await missions.importMission({ actor, projectId, markdown });
    expect(tree.tasks).toHaveLength(4_500);
    expect(tree.tasks.at(-1)?.externalId).toBe("T-4499");
  });

  it("deleting a mission drops its tasks from the depends_on of the project's other tasks", async () => {
    const { actor, projectId } = await tenant();
    const doomed = await missions.importMission({ actor, projectId, markdown: fixture });
    const target = doomed.tasks[0];
    if (!target) throw new Error("no task");
    const outside = await tasks.createTask({ actor, projectId, input: { title: "outside", dependsOn: [target.id] } });
    await missions.deleteMission({ actor, missionId: doomed.mission.id });
    expect((await tasks.showTask({ actor, taskId: outside.id })).dependsOn).toEqual([]);
    expect(events.map((e) => e.name)).toContain("mission.deleted");
  });

  it("detects transitive cycles and keeps dependency lookups inside the project", async () => {
    const { actor, projectId } = await tenant();
    const other = await tenant();
    const a = await tasks.createTask({ actor, projectId, input: { title: "a" } });
    const b = await tasks.createTask({ actor, projectId, input: { title: "b", dependsOn: [a.id] } });
    const c = await tasks.createTask({ actor, projectId, input: { title: "c", dependsOn: [b.id] } });
    expect(await repos.tasks.dependsTransitively(projectId, [c.id], a.id)).toBe(true);
    expect(await repos.tasks.dependsTransitively(projectId, [a.id], c.id)).toBe(false);
    expect(await repos.tasks.dependsTransitively(other.projectId, [c.id], a.id)).toBe(false);
    expect(await repos.tasks.dependencies(other.projectId, [a.id, b.id])).toEqual([]);
    expect((await rejection(tasks.updateTask({ actor, taskId: a.id, patch: { dependsOn: [c.id] } }))).code).toBe(
      "validation_error",
    );
  });

  it("keyset pages over a tied sort value return every task exactly once", async () => {
    const { actor, projectId } = await tenant();
    // One statement: every row shares created_at and priority.
    await store.query(
      "INSERT INTO tasks (project_id, title, priority) SELECT $1, 'bulk ' || g, 'high' FROM generate_series(1, 25) AS g",
      [projectId],
    );
    for (const key of ["priority", "created", "due", "position", "updated"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await tasks.listTasks({
          actor,
          projectId,
          filter: {},
          sort: { key, order: "asc" },
          page: { cursor, limit: 10 },
        });
        seen.push(...page.items.map((t) => t.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size, key).toBe(25);
      expect(seen, key).toHaveLength(25);
    }
  });

  it("lists through one prepared statement per shape, each user's id bound: tenants never see each other's tasks", async () => {
    const a = await tenant();
    const b = await tenant();
    const mine = await tasks.createTask({ actor: a.actor, projectId: a.projectId, input: { title: "a's" } });
    const theirs = await tasks.createTask({ actor: b.actor, projectId: b.projectId, input: { title: "b's" } });
    const list = (actor: Actor, projectId: string) =>
      tasks.listTasks({ actor, projectId, filter: {}, sort: { key: "created", order: "desc" }, page: { limit: 50 } });
    // Interleaved past the planner's first executions, over the pool's connections.
    for (let i = 0; i < 8; i++) {
      const [pageA, pageB] = await Promise.all([list(a.actor, a.projectId), list(b.actor, b.projectId)]);
      expect(pageA.items.map((t) => t.id)).toEqual([mine.id]);
      expect(pageB.items.map((t) => t.id)).toEqual([theirs.id]);
      // The same shape, another user's project: no rows, so the project check answers not found.
      expect((await rejection(list(b.actor, a.projectId))).code).toBe("not_found");
    }
  });

  it("reorders milestones (swapping ordinals under the unique index) and rejects a partial order", async () => {
    const { actor, projectId } = await tenant();
    const tree = await missions.importMission({ actor, projectId, markdown: fixture });
    const [m1, m2, m3] = tree.milestones.map((m) => m.id);
    if (!m1 || !m2 || !m3) throw new Error("three milestones expected");
    const reordered = await missions.reorderMilestones({
      actor,
      missionId: tree.mission.id,
      milestoneIds: [m3, m1, m2],
    });
    expect(reordered.map((m) => [m.id, m.ordinal])).toEqual([
      [m3, 1],
      [m1, 2],
      [m2, 3],
    ]);
    const partial = await rejection(
      missions.reorderMilestones({ actor, missionId: tree.mission.id, milestoneIds: [m1, m2] }),
    );
    expect(partial.code).toBe("validation_error");
    expect((await missions.showMission({ actor, missionId: tree.mission.id })).milestones.map((m) => m.id)).toEqual([
      m3,
      m1,
      m2,
    ]);
  });
});
