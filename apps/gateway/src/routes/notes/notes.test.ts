/** Notes over the HTTP API: CRUD, tags, pagination, project notes, embeddings at write, bad input. */
import { randomUUID } from "node:crypto";
import { LOCAL_EMBEDDER_MODEL_ID } from "@mosaic/brain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

let gw: TestGateway;
let A: TestUser;

async function call(user: TestUser, method: string, url: string, payload?: unknown) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: user.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function noteCount(): Promise<number> {
  const [row] = await gw.store.query<{ n: number }>("SELECT count(*)::int AS n FROM notes");
  return row?.n ?? 0;
}

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
});

afterAll(async () => {
  await gw.close();
});

describe("notes CRUD", () => {
  it("creates a personal note with markdown and tags, embedded by the local model", async () => {
    const res = await call(A, "POST", "/api/notes", {
      title: "Deploy checklist",
      body: "# Steps\n\n- run the **database migrations**\n- restart the gateway",
      tags: ["ops", "deploy", "ops"],
    });
    expect(res.statusCode).toBe(201);
    const note = res.json().note;
    expect(note).toMatchObject({
      projectId: null,
      ownerUserId: A.id,
      title: "Deploy checklist",
      tags: ["ops", "deploy"],
      embeddingModel: LOCAL_EMBEDDER_MODEL_ID,
    });
    expect(note.body).toContain("**database migrations**");
    const [stored] = await gw.store.query<{ dims: number }>(
      "SELECT array_length(embedding, 1) AS dims FROM notes WHERE id = $1",
      [note.id],
    );
    expect(stored?.dims).toBe(384);
    expect(res.body).not.toContain('embedding":[');
  });

  it("reads, updates (re-embedding a changed text) and deletes", async () => {
    const id = (await call(A, "POST", "/api/notes", { title: "first", body: "alpha" })).json().note.id;
    const before = await gw.store.query<{ e: number[] }>("SELECT embedding AS e FROM notes WHERE id = $1", [id]);
    expect((await call(A, "GET", `/api/notes/${id}`)).json().note.title).toBe("first");

    const tagsOnly = await call(A, "PATCH", `/api/notes/${id}`, { tags: ["x"] });
    expect(tagsOnly.statusCode).toBe(200);
    const same = await gw.store.query<{ e: number[] }>("SELECT embedding AS e FROM notes WHERE id = $1", [id]);
    expect(same[0]?.e).toEqual(before[0]?.e);

    const edited = await call(A, "PATCH", `/api/notes/${id}`, { body: "beta gamma" });
    expect(edited.json().note).toMatchObject({ title: "first", body: "beta gamma", tags: ["x"] });
    const after = await gw.store.query<{ e: number[] }>("SELECT embedding AS e FROM notes WHERE id = $1", [id]);
    expect(after[0]?.e).not.toEqual(before[0]?.e);

    expect((await call(A, "DELETE", `/api/notes/${id}`)).statusCode).toBe(204);
    expect((await call(A, "GET", `/api/notes/${id}`)).statusCode).toBe(404);
    expect((await call(A, "DELETE", `/api/notes/${id}`)).statusCode).toBe(404);
  });

  it("filters by tag, by project and to personal notes", async () => {
    const D = await signUp(gw.app, "d");
    const project = (await call(D, "POST", "/api/projects", { name: "p" })).json().project.id;
    await call(D, "POST", "/api/notes", { title: "one", tags: ["red"] });
    await call(D, "POST", "/api/notes", { title: "two", tags: ["blue"] });
    const inProject = await call(D, "POST", `/api/projects/${project}/notes`, { title: "three", tags: ["red"] });
    expect(inProject.statusCode).toBe(201);
    expect(inProject.json().note.projectId).toBe(project);

    const titles = async (url: string) =>
      (await call(D, "GET", url)).json().items.map((n: { title: string }) => n.title);
    expect(await titles("/api/notes?tag=red")).toEqual(["three", "one"]);
    expect(await titles(`/api/notes?projectId=${project}`)).toEqual(["three"]);
    expect(await titles("/api/notes?personal=true")).toEqual(["two", "one"]);
    expect(await titles(`/api/projects/${project}/notes`)).toEqual(["three"]);
    expect(await titles(`/api/projects/${project}/notes?tag=blue`)).toEqual([]);
  });

  it("pages through notes exactly once, newest first", async () => {
    const E = await signUp(gw.app, "e");
    for (let i = 0; i < 5; i++) await call(E, "POST", "/api/notes", { title: `n${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(E, "GET", `/api/notes?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((n: { title: string }) => n.title));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(["n4", "n3", "n2", "n1", "n0"]);
  });

  it("a note in an unknown project is 404 and nothing is written", async () => {
    const before = await noteCount();
    const res = await call(A, "POST", `/api/projects/${randomUUID()}/notes`, { title: "x" });
    expect(res.statusCode).toBe(404);
    expect((await call(A, "GET", `/api/projects/${randomUUID()}/notes`)).statusCode).toBe(404);
    expect(await noteCount()).toBe(before);
  });
});

describe("bad input → 400 with the field path, nothing written", () => {
  it.each([
    ["wrong type", { title: 42 }, "body.title"],
    ["missing title", { body: "no title" }, "body.title"],
    ["blank title", { title: "   " }, "body.title"],
    ["oversized title", { title: "x".repeat(301) }, "body.title"],
    ["oversized body", { title: "t", body: "x".repeat(200_001) }, "body.body"],
    ["tags not a list", { title: "t", tags: "a" }, "body.tags"],
    ["tag with a space", { title: "t", tags: ["a b"] }, "body.tags.0"],
    ["too many tags", { title: "t", tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, "body.tags"],
    ["ownerUserId (mass assignment)", { title: "t", ownerUserId: randomUUID() }, "body"],
    ["projectId in the body", { title: "t", projectId: randomUUID() }, "body"],
    ["embedding in the body", { title: "t", embedding: [1, 2] }, "body"],
  ])("create with %s", async (_label, payload, path) => {
    const before = await noteCount();
    const res = await call(A, "POST", "/api/notes", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("validation_error");
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await noteCount()).toBe(before);
  });

  it("an empty or unknown-field update is a 400 and changes nothing", async () => {
    const id = (await call(A, "POST", "/api/notes", { title: "keep" })).json().note.id;
    expect((await call(A, "PATCH", `/api/notes/${id}`, {})).statusCode).toBe(400);
    const res = await call(A, "PATCH", `/api/notes/${id}`, { title: "changed", ownerUserId: randomUUID() });
    expect(res.statusCode).toBe(400);
    expect((await call(A, "GET", `/api/notes/${id}`)).json().note.title).toBe("keep");
  });

  it.each([
    ["/api/notes?sort=title", "querystring"],
    ["/api/notes?tag=a%20b", "querystring.tag"],
    ["/api/notes?projectId=nope", "querystring.projectId"],
    ["/api/notes?personal=yes", "querystring.personal"],
    ["/api/notes?limit=0", "querystring.limit"],
    ["/api/notes/not-a-uuid", "params.id"],
  ])("GET %s → 400 naming %s", async (url, path) => {
    const res = await call(A, "GET", url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});
