import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

// Users A, B, C; team X (A owner, C member); team Y (B owner). Projects: pA (A personal), pB (B
// personal), pX (team X), pY (team Y). Rules: see packages/auth/src/access.ts.
let gw: TestGateway;
let A: TestUser;
let B: TestUser;
let C: TestUser;
const ids: Record<string, string> = {};
const canary: Record<string, string> = {};

async function call(user: TestUser, method: string, url: string, payload?: unknown) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: user.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function projectCount(): Promise<number> {
  const [row] = await gw.store.query<{ n: number }>("SELECT count(*)::int AS n FROM projects");
  return row?.n ?? 0;
}

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
  B = await signUp(gw.app, "b");
  C = await signUp(gw.app, "c");
  const teamX = (await call(A, "POST", "/api/teams", { name: "X" })).json().team.id;
  const teamY = (await call(B, "POST", "/api/teams", { name: "Y" })).json().team.id;
  expect((await call(A, "POST", `/api/teams/${teamX}/members`, { email: C.email })).statusCode).toBe(201);
  ids.teamX = teamX;
  ids.teamY = teamY;
  const make = async (key: string, user: TestUser, teamId?: string) => {
    canary[key] = `canary-${key}-${randomUUID()}`;
    const res = await call(user, "POST", "/api/projects", {
      name: canary[key],
      description: `secret of ${key}`,
      ...(teamId ? { teamId } : {}),
    });
    expect(res.statusCode).toBe(201);
    ids[key] = res.json().project.id;
  };
  await make("pA", A);
  await make("pB", B);
  await make("pX", A, teamX);
  await make("pY", B, teamY);
});

afterAll(async () => {
  await gw.close();
});

type Cell = {
  user: () => TestUser;
  who: string;
  project: string;
  read: number;
  update: number;
  archive: number;
  del: number;
};
// Expected statuses per (actor, project): 404 = not reachable, 403 = reachable but not allowed.
const matrix: Cell[] = [
  { user: () => A, who: "A", project: "pA", read: 200, update: 200, archive: 200, del: 204 },
  { user: () => A, who: "A", project: "pX", read: 200, update: 200, archive: 200, del: 204 },
  { user: () => A, who: "A", project: "pB", read: 404, update: 404, archive: 404, del: 404 },
  { user: () => A, who: "A", project: "pY", read: 404, update: 404, archive: 404, del: 404 },
  { user: () => C, who: "C", project: "pX", read: 200, update: 200, archive: 403, del: 403 },
  { user: () => C, who: "C", project: "pA", read: 404, update: 404, archive: 404, del: 404 },
  { user: () => C, who: "C", project: "pB", read: 404, update: 404, archive: 404, del: 404 },
  { user: () => C, who: "C", project: "pY", read: 404, update: 404, archive: 404, del: 404 },
  { user: () => B, who: "B", project: "pB", read: 200, update: 200, archive: 200, del: 204 },
  { user: () => B, who: "B", project: "pY", read: 200, update: 200, archive: 200, del: 204 },
  { user: () => B, who: "B", project: "pA", read: 404, update: 404, archive: 404, del: 404 },
  { user: () => B, who: "B", project: "pX", read: 404, update: 404, archive: 404, del: 404 },
];

describe("project isolation matrix", () => {
  it("list shows exactly the reachable projects", async () => {
    const expected: Record<string, string[]> = { A: ["pA", "pX"], B: ["pB", "pY"], C: ["pX"] };
    for (const [who, user] of [
      ["A", A],
      ["B", B],
      ["C", C],
    ] as const) {
      const res = await call(user, "GET", "/api/projects?limit=100");
      expect(res.statusCode).toBe(200);
      const got = res.json().items.map((p: { id: string }) => p.id);
      expect(got.sort()).toEqual((expected[who] ?? []).map((k) => ids[k]).sort());
      for (const key of Object.keys(canary).filter((k) => !(expected[who] ?? []).includes(k))) {
        expect(res.body).not.toContain(canary[key]);
      }
    }
  });

  it.each(matrix)("$who reads, updates and archives $project → $read/$update/$archive", async (cell) => {
    const user = cell.user();
    const url = `/api/projects/${ids[cell.project]}`;
    const responses = [
      [await call(user, "GET", url), cell.read],
      [await call(user, "PATCH", url, { description: `edited by ${cell.who}` }), cell.update],
      [await call(user, "POST", `${url}/archive`), cell.archive],
    ] as const;
    for (const [res, expected] of responses) {
      expect(res.statusCode, `${res.raw.req.method} ${res.raw.req.url}`).toBe(expected);
      if (expected === 404) {
        expect(res.json().error.code).toBe("not_found");
        expect(res.body).not.toContain(canary[cell.project]);
        expect(res.body).not.toContain(`secret of ${cell.project}`);
      }
      if (expected === 403) expect(res.json().error.code).toBe("forbidden");
    }
    if (cell.archive === 200) {
      expect((await call(user, "POST", `${url}/unarchive`)).json().project.status).toBe("active");
    }
  });

  it("a refused update changes nothing", async () => {
    const before = (await call(A, "GET", `/api/projects/${ids.pA}`)).json().project;
    expect((await call(B, "PATCH", `/api/projects/${ids.pA}`, { name: "pwned" })).statusCode).toBe(404);
    expect((await call(A, "GET", `/api/projects/${ids.pA}`)).json().project.name).toBe(before.name);
  });

  it("deletes follow the same rules, and only the allowed ones delete", async () => {
    // Refusals first, so every project still exists when someone not allowed tries.
    const ordered = [...matrix].sort((x, y) => Number(x.del === 204) - Number(y.del === 204));
    for (const cell of ordered) {
      const res = await call(cell.user(), "DELETE", `/api/projects/${ids[cell.project]}`);
      expect(res.statusCode, `${cell.who} deletes ${cell.project}`).toBe(cell.del);
      if (cell.del === 404) expect(res.body).not.toContain(canary[cell.project]);
    }
    expect(await projectCount()).toBe(0);
  });

  it("an unknown id is 404 like a foreign one", async () => {
    expect((await call(A, "GET", `/api/projects/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe("creating team projects", () => {
  it("team member → 403, outsider → 404 (team not revealed), owner → 201", async () => {
    expect((await call(C, "POST", "/api/projects", { name: "c", teamId: ids.teamX })).statusCode).toBe(403);
    const outsider = await call(B, "POST", "/api/projects", { name: "b", teamId: ids.teamX });
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().error.code).toBe("not_found");
    const ok = await call(A, "POST", "/api/projects", { name: "a", teamId: ids.teamX });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().project.owner).toEqual({ kind: "team", teamId: ids.teamX });
  });
});

describe("pagination", () => {
  it("pages through every project exactly once, newest first, with a capped limit", async () => {
    const D = await signUp(gw.app, "d");
    for (let i = 0; i < 7; i++) await call(D, "POST", "/api/projects", { name: `p${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const res = await call(D, "GET", `/api/projects?limit=3${q}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((p: { name: string }) => p.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(["p6", "p5", "p4", "p3", "p2", "p1", "p0"]);
    expect((await call(D, "GET", "/api/projects?limit=101")).statusCode).toBe(400);
    expect((await call(D, "GET", "/api/projects?status=archived")).json().items).toEqual([]);
  });

  it("a cursor that isn't ours is a 400 naming query.cursor", async () => {
    const res = await call(A, "GET", "/api/projects?cursor=bm9wZQ");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: "query.cursor", message: "not a cursor from this API" }]);
  });
});

describe("bad input → 400 with the field path, nothing written", () => {
  it.each([
    ["wrong type", { name: 42 }, "body.name"],
    ["missing field", { description: "no name" }, "body.name"],
    ["oversized string", { name: "x".repeat(201) }, "body.name"],
    ["oversized description", { name: "ok", description: "x".repeat(10_001) }, "body.description"],
    ["empty name", { name: "   " }, "body.name"],
    ["teamId not a uuid", { name: "ok", teamId: "x" }, "body.teamId"],
  ])("create with %s", async (_label, payload, path) => {
    const before = await projectCount();
    const res = await call(A, "POST", "/api/projects", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("validation_error");
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await projectCount()).toBe(before);
  });

  it.each([
    ["ownerUserId", { name: "x", ownerUserId: randomUUID() }],
    ["userId", { name: "x", userId: randomUUID() }],
    ["role", { name: "x", role: "admin" }],
    ["status", { name: "x", status: "archived" }],
    ["id", { name: "x", id: randomUUID() }],
  ])("mass assignment of %s is rejected", async (field, payload) => {
    const before = await projectCount();
    const res = await call(A, "POST", "/api/projects", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.some((d: { message: string }) => d.message.includes(field))).toBe(true);
    expect(await projectCount()).toBe(before);
  });

  it("update with an unknown field, an empty body, or a bad id", async () => {
    const id = (await call(A, "POST", "/api/projects", { name: "keep" })).json().project.id;
    for (const payload of [{ ownerTeamId: randomUUID() }, {}, { name: "" }]) {
      const res = await call(A, "PATCH", `/api/projects/${id}`, payload);
      expect(res.statusCode).toBe(400);
    }
    expect((await call(A, "GET", `/api/projects/${id}`)).json().project.name).toBe("keep");
    const badId = await call(A, "GET", "/api/projects/not-a-uuid");
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0].path).toBe("params.id");
  });

  it.each(["foo=1", "sort=name", "limit=abc", "limit=0", "status=deleted", "ownerUserId=x"])(
    "list with query %s",
    async (query) => {
      const res = await call(A, "GET", `/api/projects?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("validation_error");
    },
  );
});
