/** @module Missions and milestones over the HTTP API: CRUD, progress, 401 on every route, bad input on every body and query. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

let gw: TestGateway;
let A: TestUser;
let projectId: string;

async function call(method: string, url: string, payload?: unknown, headers: Record<string, string> = A.bearer) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function counts(): Promise<Record<string, number>> {
  const [row] = await gw.store.query<Record<string, number>>(
    "SELECT (SELECT count(*)::int FROM missions) AS missions, (SELECT count(*)::int FROM milestones) AS milestones",
  );
  return row ?? {};
}

async function newMission(title = "Plan") {
  const res = await call("POST", `/api/projects/${projectId}/missions`, { title });
  expect(res.statusCode).toBe(201);
  return res.json().mission as { id: string; title: string };
}

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
  projectId = (await call("POST", "/api/projects", { name: "p" })).json().project.id;
});

afterAll(async () => {
  await gw.close();
});

const ROUTES = [
  "POST /api/projects/:projectId/missions",
  "GET /api/projects/:projectId/missions",
  "POST /api/projects/:projectId/missions/import",
  "GET /api/missions/:id",
  "GET /api/missions/:id/export",
  "PATCH /api/missions/:id",
  "DELETE /api/missions/:id",
  "POST /api/missions/:id/milestones",
  "PUT /api/missions/:id/milestones/order",
  "PATCH /api/milestones/:id",
  "DELETE /api/milestones/:id",
  "POST /api/projects/:projectId/tasks",
  "GET /api/projects/:projectId/tasks",
  "GET /api/tasks/:id",
  "PATCH /api/tasks/:id",
  "POST /api/tasks/:id/move",
  "DELETE /api/tasks/:id",
];

describe("authentication", () => {
  it("every mission, milestone and task route is declared `session` and answers 401 without credentials", async () => {
    const declared = new Map(gw.app.routeInventory.map((r) => [`${r.method} ${r.url}`, r.auth]));
    for (const route of ROUTES) {
      expect(declared.get(route), route).toBe("session");
      const [method = "GET", url = ""] = route.split(" ");
      const concrete = url.replace(/:[A-Za-z]+/g, () => randomUUID());
      const payload = method === "GET" || method === "DELETE" ? undefined : { title: "x" };
      const res = await call(method, concrete, payload, {});
      expect(res.statusCode, route).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    }
  });
});

describe("missions and milestones", () => {
  it("create, list, show, update and delete a mission", async () => {
    const mission = await newMission("Federation");
    const list = await call("GET", `/api/projects/${projectId}/missions`);
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(mission.id);
    const shown = await call("GET", `/api/missions/${mission.id}`);
    expect(shown.json().mission).toMatchObject({
      title: "Federation",
      status: "active",
      milestones: [],
      tasks: [],
      progress: { done: 0, total: 0 },
    });
    const updated = await call("PATCH", `/api/missions/${mission.id}`, { status: "completed", goal: "g" });
    expect(updated.json().mission).toMatchObject({ status: "completed", goal: "g" });
    expect((await call("GET", `/api/projects/${projectId}/missions?status=completed`)).json().items).toHaveLength(1);
    expect((await call("DELETE", `/api/missions/${mission.id}`)).statusCode).toBe(204);
    expect((await call("GET", `/api/missions/${mission.id}`)).statusCode).toBe(404);
  });

  it("milestones are ordered and carry done/total progress", async () => {
    const mission = await newMission();
    const m1 = (
      await call("POST", `/api/missions/${mission.id}/milestones`, { title: "One", externalId: "ONE" })
    ).json().milestone;
    const m2 = (await call("POST", `/api/missions/${mission.id}/milestones`, { title: "Two" })).json().milestone;
    expect([m1.ordinal, m1.externalId, m2.ordinal, m2.externalId]).toEqual([1, "ONE", 2, "M2"]);
    for (const status of ["done", "not-started", "done"]) {
      await call("POST", `/api/projects/${projectId}/tasks`, { title: status, status, milestoneId: m1.id });
    }
    await call("POST", `/api/projects/${projectId}/tasks`, { title: "later", milestoneId: m2.id });
    const shown = (await call("GET", `/api/missions/${mission.id}`)).json().mission;
    expect(shown.progress).toEqual({ done: 2, total: 4 });
    expect(shown.milestones.map((m: { id: string; progress: unknown }) => [m.id, m.progress])).toEqual([
      [m1.id, { done: 2, total: 3 }],
      [m2.id, { done: 0, total: 1 }],
    ]);
    expect(shown.tasks.map((t: { title: string; position: number }) => [t.title, t.position])).toEqual([
      ["done", 0],
      ["not-started", 1],
      ["done", 2],
      ["later", 0],
    ]);
    const byMilestone = await call("GET", `/api/projects/${projectId}/tasks?milestoneId=${m2.id}`);
    expect(byMilestone.json().items.map((t: { title: string }) => t.title)).toEqual(["later"]);
    const byMission = await call("GET", `/api/projects/${projectId}/tasks?missionId=${mission.id}&status=done`);
    expect(byMission.json().items).toHaveLength(2);
    const edited = await call("PATCH", `/api/milestones/${m2.id}`, { title: "Second", description: "text" });
    expect(edited.json().milestone).toMatchObject({ title: "Second", description: "text", ordinal: 2 });
    const clash = await call("PATCH", `/api/milestones/${m2.id}`, { externalId: "ONE" });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toContain("ONE");
    const order = await call("PUT", `/api/missions/${mission.id}/milestones/order`, { milestoneIds: [m2.id, m1.id] });
    expect(order.json().milestones.map((m: { id: string }) => m.id)).toEqual([m2.id, m1.id]);
  });

  it("pages through missions newest first", async () => {
    const other = (await call("POST", "/api/projects", { name: "pages" })).json().project.id;
    for (let i = 0; i < 5; i++) await call("POST", `/api/projects/${other}/missions`, { title: `m${i}` });
    const first = (await call("GET", `/api/projects/${other}/missions?limit=3`)).json();
    const second = (await call("GET", `/api/projects/${other}/missions?limit=3&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((m: { title: string }) => m.title)).toEqual([
      "m4",
      "m3",
      "m2",
      "m1",
      "m0",
    ]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("bad input → 400 with the field path, nothing written", () => {
  it.each([
    ["missing title", {}, "body.title"],
    ["wrong type", { title: ["x"] }, "body.title"],
    ["oversized title", { title: "x".repeat(501) }, "body.title"],
    ["oversized goal", { title: "x", goal: "x".repeat(2_001) }, "body.goal"],
    ["oversized preamble", { title: "x", preamble: "x".repeat(50_001) }, "body.preamble"],
    ["bad status", { title: "x", status: "paused" }, "body.status"],
    ["projectId", { title: "x", projectId: randomUUID() }, "body"],
    ["createdBy", { title: "x", createdBy: randomUUID() }, "body"],
    ["ownerUserId", { title: "x", ownerUserId: randomUUID() }, "body"],
    ["userId", { title: "x", userId: randomUUID() }, "body"],
    ["role", { title: "x", role: "owner" }, "body"],
    ["extraColumns", { title: "x", extraColumns: ["a"] }, "body"],
  ])("mission create with %s", async (_label, payload, path) => {
    const before = await counts();
    const res = await call("POST", `/api/projects/${projectId}/missions`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["missing title", {}, "body.title"],
    ["external id with a space", { title: "x", externalId: "M 1" }, "body.externalId"],
    ["external id with parentheses", { title: "x", externalId: "(M1)" }, "body.externalId"],
    ["oversized description", { title: "x", description: "x".repeat(50_001) }, "body.description"],
    ["ordinal (set by the server)", { title: "x", ordinal: 1 }, "body"],
    ["missionId", { title: "x", missionId: randomUUID() }, "body"],
  ])("milestone create with %s", async (_label, payload, path) => {
    const mission = await newMission();
    const before = await counts();
    const res = await call("POST", `/api/missions/${mission.id}/milestones`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await counts()).toEqual(before);
  });

  it("updates and reorders reject empty, unknown and malformed bodies; nothing changes", async () => {
    const mission = await newMission("keep");
    const milestone = (await call("POST", `/api/missions/${mission.id}/milestones`, { title: "keep" })).json()
      .milestone;
    for (const payload of [{}, { title: "" }, { projectId: randomUUID() }, { status: 3 }]) {
      expect((await call("PATCH", `/api/missions/${mission.id}`, payload)).statusCode).toBe(400);
    }
    for (const payload of [{}, { title: "" }, { ordinal: 3 }, { missionId: randomUUID() }]) {
      expect((await call("PATCH", `/api/milestones/${milestone.id}`, payload)).statusCode).toBe(400);
    }
    for (const payload of [
      {},
      { milestoneIds: [] },
      { milestoneIds: ["x"] },
      { milestoneIds: [milestone.id, milestone.id] },
      { milestoneIds: [randomUUID()] },
    ]) {
      expect((await call("PUT", `/api/missions/${mission.id}/milestones/order`, payload)).statusCode).toBe(400);
    }
    const shown = (await call("GET", `/api/missions/${mission.id}`)).json().mission;
    expect(shown.title).toBe("keep");
    expect(shown.milestones).toMatchObject([{ title: "keep", ordinal: 1 }]);
  });

  it.each(["foo=1", "sort=title", "status=done", "limit=abc", "cursor=bm9wZQ"])("list with query %s", async (query) => {
    const res = await call("GET", `/api/projects/${projectId}/missions?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("validation_error");
  });

  it("a project id that isn't a uuid is a 400 naming params.projectId", async () => {
    const res = await call("GET", "/api/projects/nope/missions");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe("params.projectId");
  });
});
