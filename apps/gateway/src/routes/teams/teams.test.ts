import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

// Rules under test: packages/auth/src/teams.ts. Non-member → 404; member without the role → 403.
let gw: TestGateway;
let A: TestUser;
let B: TestUser;
let C: TestUser;

async function call(user: TestUser, method: string, url: string, payload?: unknown) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: user.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Team X: A owner, C member. Team Y: B owner. Fresh per test so tests don't depend on each other. */
async function teams(): Promise<{ X: string; Y: string; nameX: string }> {
  const nameX = `X-${randomUUID()}`;
  const X = (await call(A, "POST", "/api/teams", { name: nameX })).json().team.id;
  const Y = (await call(B, "POST", "/api/teams", { name: `Y-${randomUUID()}` })).json().team.id;
  expect((await call(A, "POST", `/api/teams/${X}/members`, { email: C.email, role: "member" })).statusCode).toBe(201);
  return { X, Y, nameX };
}

async function memberCount(teamId: string): Promise<number> {
  const [row] = await gw.store.query<{ n: number }>("SELECT count(*)::int AS n FROM team_members WHERE team_id = $1", [
    teamId,
  ]);
  return row?.n ?? 0;
}

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
  B = await signUp(gw.app, "b");
  C = await signUp(gw.app, "c");
});

afterAll(async () => {
  await gw.close();
});

describe("team isolation", () => {
  it("read: members see the team and its members, outsiders get 404 without its name", async () => {
    const { X, nameX } = await teams();
    const asOwner = await call(A, "GET", `/api/teams/${X}`);
    expect(asOwner.statusCode).toBe(200);
    expect(asOwner.json().team.role).toBe("owner");
    expect(asOwner.json().members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [A.email, "owner"],
      [C.email, "member"],
    ]);
    expect((await call(C, "GET", `/api/teams/${X}`)).json().team.role).toBe("member");
    const outsider = await call(B, "GET", `/api/teams/${X}`);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.body).not.toContain(nameX);
  });

  it("list: each user sees only their teams", async () => {
    const { X, Y, nameX } = await teams();
    const listOf = async (u: TestUser) =>
      (await call(u, "GET", "/api/teams?limit=100")).json().items.map((t: { id: string }) => t.id);
    expect(await listOf(A)).toContain(X);
    expect(await listOf(A)).not.toContain(Y);
    expect(await listOf(C)).toContain(X);
    const bList = await call(B, "GET", "/api/teams?limit=100");
    expect(bList.json().items.map((t: { id: string }) => t.id)).toContain(Y);
    expect(bList.body).not.toContain(nameX);
  });

  it("update (rename): owner 200, member 403, outsider 404", async () => {
    const { X } = await teams();
    expect((await call(A, "PATCH", `/api/teams/${X}`, { name: "renamed" })).json().team.name).toBe("renamed");
    expect((await call(C, "PATCH", `/api/teams/${X}`, { name: "by C" })).statusCode).toBe(403);
    expect((await call(B, "PATCH", `/api/teams/${X}`, { name: "by B" })).statusCode).toBe(404);
    expect((await call(A, "GET", `/api/teams/${X}`)).json().team.name).toBe("renamed");
  });

  it("delete: member 403, outsider 404, team admin 403, owner 204", async () => {
    const { X } = await teams();
    expect((await call(C, "DELETE", `/api/teams/${X}`)).statusCode).toBe(403);
    expect((await call(B, "DELETE", `/api/teams/${X}`)).statusCode).toBe(404);
    expect((await call(A, "PATCH", `/api/teams/${X}/members/${C.id}`, { role: "admin" })).statusCode).toBe(200);
    expect((await call(C, "DELETE", `/api/teams/${X}`)).statusCode).toBe(403);
    expect((await call(A, "DELETE", `/api/teams/${X}`)).statusCode).toBe(204);
    expect((await call(A, "GET", `/api/teams/${X}`)).statusCode).toBe(404);
    expect(await memberCount(X)).toBe(0);
  });

  it("deleting a team deletes its projects", async () => {
    const { X } = await teams();
    const project = (await call(A, "POST", "/api/projects", { name: "team p", teamId: X })).json().project.id;
    expect((await call(A, "DELETE", `/api/teams/${X}`)).statusCode).toBe(204);
    expect((await call(A, "GET", `/api/projects/${project}`)).statusCode).toBe(404);
  });
});

describe("members and roles", () => {
  it("adding: member 403, outsider 404, unknown email 404, twice 409", async () => {
    const { X } = await teams();
    expect((await call(C, "POST", `/api/teams/${X}/members`, { email: B.email })).statusCode).toBe(403);
    expect((await call(B, "POST", `/api/teams/${X}/members`, { email: B.email })).statusCode).toBe(404);
    expect((await call(A, "POST", `/api/teams/${X}/members`, { email: "nobody@example.com" })).statusCode).toBe(404);
    expect((await call(A, "POST", `/api/teams/${X}/members`, { email: C.email })).statusCode).toBe(409);
    expect(await memberCount(X)).toBe(2);
  });

  it("a team admin manages members but never owners, and can't hand out owner", async () => {
    const { X } = await teams();
    expect((await call(A, "POST", `/api/teams/${X}/members`, { email: B.email, role: "admin" })).statusCode).toBe(201);
    expect((await call(B, "DELETE", `/api/teams/${X}/members/${A.id}`)).statusCode).toBe(403);
    expect((await call(B, "PATCH", `/api/teams/${X}/members/${A.id}`, { role: "member" })).statusCode).toBe(403);
    expect((await call(B, "PATCH", `/api/teams/${X}/members/${C.id}`, { role: "owner" })).statusCode).toBe(403);
    const D = await signUp(gw.app, "d");
    expect((await call(B, "POST", `/api/teams/${X}/members`, { email: D.email, role: "owner" })).statusCode).toBe(403);
    expect((await call(B, "PATCH", `/api/teams/${X}/members/${C.id}`, { role: "admin" })).statusCode).toBe(200);
    expect((await call(B, "DELETE", `/api/teams/${X}/members/${C.id}`)).statusCode).toBe(204);
    expect((await call(C, "GET", `/api/teams/${X}`)).statusCode).toBe(404);
  });

  it("a plain member can't change roles or remove others", async () => {
    const { X } = await teams();
    expect((await call(C, "PATCH", `/api/teams/${X}/members/${C.id}`, { role: "owner" })).statusCode).toBe(403);
    expect((await call(C, "DELETE", `/api/teams/${X}/members/${A.id}`)).statusCode).toBe(403);
    expect((await call(A, "GET", `/api/teams/${X}`)).json().members).toHaveLength(2);
  });

  it("changing the role of someone not in the team is 404", async () => {
    const { X } = await teams();
    expect((await call(A, "PATCH", `/api/teams/${X}/members/${B.id}`, { role: "admin" })).statusCode).toBe(404);
  });
});

describe("leaving", () => {
  it("a member leaves and loses access; leaving again is 404", async () => {
    const { X } = await teams();
    expect((await call(C, "POST", `/api/teams/${X}/leave`)).statusCode).toBe(204);
    expect((await call(C, "GET", `/api/teams/${X}`)).statusCode).toBe(404);
    expect((await call(C, "POST", `/api/teams/${X}/leave`)).statusCode).toBe(404);
  });

  it("the last owner can't leave, be demoted or be removed (409); with a second owner they can", async () => {
    const { X } = await teams();
    const leave = await call(A, "POST", `/api/teams/${X}/leave`);
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error.code).toBe("conflict");
    expect((await call(A, "PATCH", `/api/teams/${X}/members/${A.id}`, { role: "admin" })).statusCode).toBe(409);
    expect((await call(A, "DELETE", `/api/teams/${X}/members/${A.id}`)).statusCode).toBe(409);
    expect((await call(A, "PATCH", `/api/teams/${X}/members/${C.id}`, { role: "owner" })).statusCode).toBe(200);
    expect((await call(A, "POST", `/api/teams/${X}/leave`)).statusCode).toBe(204);
    expect((await call(C, "GET", `/api/teams/${X}`)).json().members).toEqual([
      expect.objectContaining({ email: C.email, role: "owner" }),
    ]);
  });
});

describe("bad input → 400 with the field path, nothing written", () => {
  it.each([
    ["missing name", {}, "body.name"],
    ["wrong type", { name: ["x"] }, "body.name"],
    ["oversized name", { name: "x".repeat(101) }, "body.name"],
    ["unknown field", { name: "ok", ownerId: randomUUID() }, "body"],
  ])("create with %s", async (_label, payload, path) => {
    const [before] = await gw.store.query<{ n: number }>("SELECT count(*)::int AS n FROM teams");
    const res = await call(A, "POST", "/api/teams", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    const [after] = await gw.store.query<{ n: number }>("SELECT count(*)::int AS n FROM teams");
    expect(after?.n).toBe(before?.n);
  });

  it.each([
    ["bad email", { email: "nope" }, "body.email"],
    ["unknown role", { email: "x@example.com", role: "superuser" }, "body.role"],
    ["userId instead of email", { userId: randomUUID() }, "body"],
  ])("add member with %s", async (_label, payload, path) => {
    const { X } = await teams();
    const res = await call(A, "POST", `/api/teams/${X}/members`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await memberCount(X)).toBe(2);
  });

  it("unknown query keys on the list", async () => {
    expect((await call(A, "GET", "/api/teams?role=owner")).statusCode).toBe(400);
  });
});
