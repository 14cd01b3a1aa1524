/** @module Tasks over the HTTP API: the dependency rules (409, cycles, same project), list filters/sort/pages, bad input. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

let gw: TestGateway;
let A: TestUser;
let B: TestUser;
let projectId: string;
let otherProjectId: string;

async function call(user: TestUser, method: string, url: string, payload?: unknown) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: user.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function taskCount(): Promise<number> {
  const [row] = await gw.store.query<{ n: number }>("SELECT count(*)::int AS n FROM tasks");
  return row?.n ?? 0;
}

async function createTask(body: Record<string, unknown>, project = projectId, user = A) {
  const res = await call(user, "POST", `/api/projects/${project}/tasks`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().task as { id: string; externalId: string | null; status: string; dependsOn: string[] };
}

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
  B = await signUp(gw.app, "b");
  projectId = (await call(A, "POST", "/api/projects", { name: "work" })).json().project.id;
  otherProjectId = (await call(A, "POST", "/api/projects", { name: "elsewhere" })).json().project.id;
});

afterAll(async () => {
  await gw.close();
});

describe("a task can't be in progress while a dependency isn't done", () => {
  it("409 names the blocker by external id; after it is done the move succeeds", async () => {
    const dep = await createTask({ title: "Grants table", externalId: "FED-M1-04" });
    const other = await createTask({ title: "Audit log", status: "done" });
    const task = await createTask({ title: "Enrollment tokens", dependsOn: [dep.id, other.id] });
    const refused = await call(A, "POST", `/api/tasks/${task.id}/move`, { status: "in-progress" });
    expect(refused.statusCode).toBe(409);
    const { error } = refused.json();
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("FED-M1-04");
    expect(error.message).not.toContain("Audit log");
    expect(error.details).toEqual([{ path: `dependsOn.${dep.id}`, message: "FED-M1-04 is not-started" }]);
    expect((await call(A, "GET", `/api/tasks/${task.id}`)).json().task.status).toBe("not-started");

    expect((await call(A, "POST", `/api/tasks/${dep.id}/move`, { status: "done" })).statusCode).toBe(200);
    const moved = await call(A, "POST", `/api/tasks/${task.id}/move`, { status: "in-progress" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().task.status).toBe("in-progress");
  });

  it("names a blocker without an external id by its title, and lists every blocker", async () => {
    const d1 = await createTask({ title: "Write the CA", status: "blocked" });
    const d2 = await createTask({ title: "Parse DER", status: "in-progress" });
    const task = await createTask({ title: "Issue certs", dependsOn: [d1.id, d2.id] });
    const res = await call(A, "PATCH", `/api/tasks/${task.id}`, { status: "in-progress" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('"Write the CA" (blocked)');
    expect(res.json().error.message).toContain('"Parse DER" (in-progress)');
    expect(res.json().error.details).toHaveLength(2);
  });

  it("creating a task in progress with an undone dependency is a 409 and writes nothing", async () => {
    const dep = await createTask({ title: "first" });
    const before = await taskCount();
    const res = await call(A, "POST", `/api/projects/${projectId}/tasks`, {
      title: "second",
      status: "in-progress",
      dependsOn: [dep.id],
    });
    expect(res.statusCode).toBe(409);
    expect(await taskCount()).toBe(before);
  });

  it("adding an undone dependency to a task in progress is a 409", async () => {
    const running = await createTask({ title: "running", status: "in-progress" });
    const dep = await createTask({ title: "not yet" });
    const res = await call(A, "PATCH", `/api/tasks/${running.id}`, { dependsOn: [dep.id] });
    expect(res.statusCode).toBe(409);
    expect((await call(A, "GET", `/api/tasks/${running.id}`)).json().task.dependsOn).toEqual([]);
  });
});

describe("dependsOn must be tasks of the same project, without cycles", () => {
  it("a cycle (direct or transitive) and a self-dependency are 400", async () => {
    const a = await createTask({ title: "a" });
    const b = await createTask({ title: "b", dependsOn: [a.id] });
    const c = await createTask({ title: "c", dependsOn: [b.id] });
    for (const [task, deps] of [
      [a, [c.id]],
      [a, [b.id]],
      [a, [a.id]],
    ] as const) {
      const res = await call(A, "PATCH", `/api/tasks/${task.id}`, { dependsOn: deps });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toMatch(/^body\.dependsOn/);
    }
    expect((await call(A, "GET", `/api/tasks/${a.id}`)).json().task.dependsOn).toEqual([]);
  });

  it("a task of another project (own or someone else's) or an unknown id is 400, saying nothing about it", async () => {
    const mine = await createTask({ title: "secret-own-other-project" }, otherProjectId);
    const bProject = (await call(B, "POST", "/api/projects", { name: "b" })).json().project.id;
    const theirs = await createTask({ title: "secret-of-b" }, bProject, B);
    const before = await taskCount();
    const answers = [];
    for (const id of [mine.id, theirs.id, randomUUID()]) {
      const res = await call(A, "POST", `/api/projects/${projectId}/tasks`, { title: "x", dependsOn: [id] });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain("secret-");
      answers.push(res.json().error.details);
    }
    // Same answer whether the id exists elsewhere or not at all.
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[1]).toEqual(answers[2]);
    expect(await taskCount()).toBe(before);
  });

  it("a milestone of another project is 400", async () => {
    const mission = (await call(A, "POST", `/api/projects/${otherProjectId}/missions`, { title: "m" })).json().mission;
    const milestone = (await call(A, "POST", `/api/missions/${mission.id}/milestones`, { title: "m1" })).json()
      .milestone;
    const res = await call(A, "POST", `/api/projects/${projectId}/tasks`, { title: "x", milestoneId: milestone.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe("body.milestoneId");
  });

  it("deleting a task removes it from its dependents", async () => {
    const dep = await createTask({ title: "goes away" });
    const task = await createTask({ title: "stays", dependsOn: [dep.id] });
    expect((await call(A, "DELETE", `/api/tasks/${dep.id}`)).statusCode).toBe(204);
    expect((await call(A, "GET", `/api/tasks/${task.id}`)).json().task.dependsOn).toEqual([]);
    expect((await call(A, "GET", `/api/tasks/${dep.id}`)).statusCode).toBe(404);
  });

  it("two tasks of one mission can't share an external id (409)", async () => {
    const mission = (await call(A, "POST", `/api/projects/${projectId}/missions`, { title: "ids" })).json().mission;
    const milestoneId = (await call(A, "POST", `/api/missions/${mission.id}/milestones`, { title: "m" })).json()
      .milestone.id;
    await createTask({ title: "one", externalId: "X-1", milestoneId });
    const res = await call(A, "POST", `/api/projects/${projectId}/tasks`, {
      title: "two",
      externalId: "X-1",
      milestoneId,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("X-1");
  });
});

describe("listing tells an empty page from an unreachable project", () => {
  // The project check runs only when the list statement returns nothing (rows prove access).
  it("an empty project is 200 with no items; someone else's project and an unknown one are 404", async () => {
    const empty = (await call(A, "POST", "/api/projects", { name: "empty" })).json().project.id;
    const own = await call(A, "GET", `/api/projects/${empty}/tasks`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ items: [], nextCursor: null });
    const filtered = await call(A, "GET", `/api/projects/${projectId}/tasks?status=blocked&q=nothingmatches`);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.json().items).toEqual([]);
    for (const url of [`/api/projects/${empty}/tasks`, `/api/projects/${projectId}/tasks?status=blocked`]) {
      const other = await call(B, "GET", url);
      expect(other.statusCode).toBe(404);
      expect(other.json().error.code).toBe("not_found");
    }
    expect((await call(A, "GET", `/api/projects/${randomUUID()}/tasks`)).statusCode).toBe(404);
  });
});

describe("listing: filters, full-text, sort and cursor pages", () => {
  let listProject: string;
  const url = (query: string) => `/api/projects/${listProject}/tasks?${query}`;

  beforeAll(async () => {
    listProject = (await call(A, "POST", "/api/projects", { name: "list" })).json().project.id;
    const priorities = ["low", "normal", "high", "urgent"];
    for (let i = 0; i < 9; i++) {
      await createTask(
        {
          title: i === 4 ? "Rotate the federation certificate" : `task ${i}`,
          priority: priorities[i % 4],
          assignee: i % 2 === 0 ? "codex" : "claude",
          status: i < 3 ? "done" : "not-started",
          ...(i % 3 === 0 ? {} : { dueDate: `2030-01-0${9 - i}` }),
          position: i,
        },
        listProject,
      );
    }
  });

  async function all(query: string, limit = 2): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const res = await call(A, "GET", url(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`));
      expect(res.statusCode, res.body).toBe(200);
      items.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    return items;
  }

  it("filters by status, assignee and full text", async () => {
    expect(await all("status=done")).toHaveLength(3);
    expect((await all("assignee=codex")).every((t) => t.assignee === "codex")).toBe(true);
    expect(await all("assignee=codex")).toHaveLength(5);
    const found = await all("q=certificates");
    expect(found.map((t) => t.title)).toEqual(["Rotate the federation certificate"]);
  });

  it.each([
    [
      "priority",
      "desc",
      (t: Record<string, unknown>) => ["low", "normal", "high", "urgent"].indexOf(t.priority as string),
    ],
    ["due", "asc", (t: Record<string, unknown>) => (t.dueDate as string | null) ?? "9999"],
    ["position", "asc", (t: Record<string, unknown>) => t.position as number],
    ["created", "desc", (t: Record<string, unknown>) => t.createdAt as string],
  ])("sort=%s pages through every task once, in %s order", async (sort, order, key) => {
    const items = await all(`sort=${sort}`);
    expect(items).toHaveLength(9);
    expect(new Set(items.map((t) => t.id)).size).toBe(9);
    const keys: Array<string | number> = items.map((t) => key(t));
    const sorted = [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(keys).toEqual(order === "asc" ? sorted : sorted.reverse());
    const flipped = await all(`sort=${sort}&order=${order === "asc" ? "desc" : "asc"}`);
    expect(flipped.map((t) => t.id)).toEqual([...items.map((t) => t.id)].reverse());
  });

  it("a cursor from another sort is a 400 naming query.cursor", async () => {
    const cursor = (await call(A, "GET", url("sort=priority&limit=2"))).json().nextCursor;
    const res = await call(A, "GET", url(`sort=due&cursor=${cursor}`));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe("query.cursor");
  });

  it.each([
    "foo=1",
    "sort=title",
    "order=up",
    "status=todo",
    "priority=high",
    "missionId=nope",
    "limit=0",
    "limit=101",
    `q=${"x".repeat(201)}`,
    "projectId=x",
  ])("unknown or bad query %s → 400", async (query) => {
    const res = await call(A, "GET", url(query));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("validation_error");
  });
});

describe("bad input → 400 with the field path, nothing written", () => {
  it.each([
    ["missing title", {}, "body.title"],
    ["wrong type", { title: 42 }, "body.title"],
    ["blank title", { title: "   " }, "body.title"],
    ["oversized title", { title: "x".repeat(501) }, "body.title"],
    ["oversized description", { title: "x", description: "x".repeat(20_001) }, "body.description"],
    ["oversized notes", { title: "x", notes: "x".repeat(5_001) }, "body.notes"],
    ["bad status", { title: "x", status: "todo" }, "body.status"],
    ["bad priority", { title: "x", priority: "asap" }, "body.priority"],
    ["bad due date", { title: "x", dueDate: "tomorrow" }, "body.dueDate"],
    ["dependsOn not uuids", { title: "x", dependsOn: ["FED-1"] }, "body.dependsOn.0"],
    ["dependsOn twice the same", { title: "x", dependsOn: [randomUUID()].flatMap((id) => [id, id]) }, "body.dependsOn"],
    ["external id with a space", { title: "x", externalId: "A 1" }, "body.externalId"],
    ["NUL in a field", { title: "a\u0000b" }, "body.title"],
    ["projectId", { title: "x", projectId: randomUUID() }, "body"],
    ["createdBy", { title: "x", createdBy: randomUUID() }, "body"],
    ["ownerUserId", { title: "x", ownerUserId: randomUUID() }, "body"],
    ["userId", { title: "x", userId: randomUUID() }, "body"],
    ["role", { title: "x", role: "admin" }, "body"],
    ["id", { title: "x", id: randomUUID() }, "body"],
  ])("create with %s", async (_label, payload, path) => {
    const before = await taskCount();
    const res = await call(A, "POST", `/api/projects/${projectId}/tasks`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("validation_error");
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await taskCount()).toBe(before);
  });

  it("update and move reject unknown fields, empty bodies, bad values and bad ids; nothing changes", async () => {
    const task = await createTask({ title: "keep" });
    for (const payload of [{}, { projectId: randomUUID() }, { title: "" }, { position: -1 }, { assignee: 7 }]) {
      expect((await call(A, "PATCH", `/api/tasks/${task.id}`, payload)).statusCode).toBe(400);
    }
    for (const payload of [{}, { status: "wip" }, { status: "done", title: "x" }]) {
      expect((await call(A, "POST", `/api/tasks/${task.id}/move`, payload)).statusCode).toBe(400);
    }
    const after = (await call(A, "GET", `/api/tasks/${task.id}`)).json().task;
    expect(after).toMatchObject({ title: "keep", status: "not-started", position: 0, assignee: null });
    const badId = await call(A, "GET", "/api/tasks/not-a-uuid");
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0].path).toBe("params.id");
  });

  it("a body that isn't JSON is a 400", async () => {
    const res = await gw.app.inject({
      method: "POST",
      url: `/api/projects/${projectId}/tasks`,
      headers: { ...A.bearer, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
  });
});
