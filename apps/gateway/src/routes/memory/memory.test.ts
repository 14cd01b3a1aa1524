/** Memory over the HTTP API: preferences (PUT/GET/DELETE, immutable rule for the owner) and insights CRUD, bad input. */
import { randomUUID } from "node:crypto";
import { LOCAL_EMBEDDER_MODEL_ID } from "@mosaic/brain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

let gw: TestGateway;
let A: TestUser;

async function call(method: string, url: string, payload?: unknown, user: TestUser = A) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: user.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function count(table: "preferences" | "insights"): Promise<number> {
  const [row] = await gw.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? 0;
}

const paths = (res: { json(): { error: { details: Array<{ path: string }> } } }) =>
  res.json().error.details.map((d) => d.path);

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
});

afterAll(async () => {
  await gw.close();
});

describe("preferences", () => {
  it("PUT creates (201) then replaces (200); GET lists and shows; DELETE removes", async () => {
    const first = await call("PUT", "/api/memory/preferences/editor.theme", { value: { mode: "dark" } });
    expect(first.statusCode).toBe(201);
    expect(first.json().preference).toMatchObject({ key: "editor.theme", value: { mode: "dark" }, mutable: true });
    const second = await call("PUT", "/api/memory/preferences/editor.theme", { value: "light" });
    expect(second.statusCode).toBe(200);
    expect((await call("GET", "/api/memory/preferences/editor.theme")).json().preference.value).toBe("light");
    expect((await call("GET", "/api/memory/preferences")).json().items.map((p: { key: string }) => p.key)).toContain(
      "editor.theme",
    );
    expect((await call("DELETE", "/api/memory/preferences/editor.theme")).statusCode).toBe(204);
    expect((await call("GET", "/api/memory/preferences/editor.theme")).statusCode).toBe(404);
    expect((await call("DELETE", "/api/memory/preferences/editor.theme")).statusCode).toBe(404);
  });

  it("an immutable preference is still the owner's to change and delete through the API", async () => {
    const put = await call("PUT", "/api/memory/preferences/reply.language", { value: "en", mutable: false });
    expect(put.json().preference.mutable).toBe(false);
    const changed = await call("PUT", "/api/memory/preferences/reply.language", { value: "fr" });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().preference).toMatchObject({ value: "fr", mutable: false });
    expect((await call("DELETE", "/api/memory/preferences/reply.language")).statusCode).toBe(204);
  });

  it("agents are refused on an immutable preference (403) through the service the agent tools use", async () => {
    await call("PUT", "/api/memory/preferences/locked.key", { value: 1, mutable: false });
    const actor = { userId: A.id, role: "member" as const, via: "token" as const };
    await expect(
      gw.app.services.preferences.set(actor, "locked.key", { value: 2 }, { via: "agent" }),
    ).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect((await call("GET", "/api/memory/preferences/locked.key")).json().preference.value).toBe(1);
  });

  it.each([
    ["upper-case key", "/api/memory/preferences/Editor", { value: 1 }, "params.key"],
    ["key with a slash-like char", "/api/memory/preferences/a%20b", { value: 1 }, "params.key"],
    ["key with a star", "/api/memory/preferences/a*b", { value: 1 }, "params.key"],
    ["missing value", "/api/memory/preferences/ok.key", { mutable: true }, "body.value"],
    ["mutable not a boolean", "/api/memory/preferences/ok.key", { value: 1, mutable: "no" }, "body.mutable"],
    ["unknown field", "/api/memory/preferences/ok.key", { value: 1, userId: randomUUID() }, "body"],
    ["oversized value", "/api/memory/preferences/ok.key", { value: "x".repeat(17_000) }, "body.value"],
  ])("PUT with %s → 400, nothing written", async (_label, url, payload, path) => {
    const before = await count("preferences");
    const res = await call("PUT", url, payload);
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toContain(path);
    expect(await count("preferences")).toBe(before);
  });

  it("unknown list keys are a 400", async () => {
    expect((await call("GET", "/api/memory/preferences?sort=key")).statusCode).toBe(400);
  });
});

describe("insights", () => {
  it("CRUD with category, source and provenance, embedded like notes", async () => {
    const res = await call("POST", "/api/memory/insights", {
      text: "Prefers short answers in the morning",
      category: "style",
      source: "agent",
      provenance: { conversationId: randomUUID(), messageIds: ["m1"] },
    });
    expect(res.statusCode).toBe(201);
    const insight = res.json().insight;
    expect(insight).toMatchObject({
      userId: A.id,
      projectId: null,
      category: "style",
      source: "agent",
      embeddingModel: LOCAL_EMBEDDER_MODEL_ID,
    });
    expect(insight.provenance.messageIds).toEqual(["m1"]);
    const defaults = (await call("POST", "/api/memory/insights", { text: "plain" })).json().insight;
    expect(defaults).toMatchObject({ category: "general", source: "user", provenance: {} });

    const url = `/api/memory/insights/${insight.id}`;
    expect((await call("PATCH", url, { category: "tone" })).json().insight.category).toBe("tone");
    expect(
      (await call("GET", "/api/memory/insights?category=tone")).json().items.map((i: { id: string }) => i.id),
    ).toEqual([insight.id]);
    expect((await call("DELETE", url)).statusCode).toBe(204);
    expect((await call("GET", url)).statusCode).toBe(404);
  });

  it("an insight in a project needs the project (unknown → 404)", async () => {
    const project = (await call("POST", "/api/projects", { name: "p" })).json().project.id;
    const ok = await call("POST", "/api/memory/insights", { text: "team fact", projectId: project });
    expect(ok.json().insight.projectId).toBe(project);
    const before = await count("insights");
    expect((await call("POST", "/api/memory/insights", { text: "x", projectId: randomUUID() })).statusCode).toBe(404);
    expect(await count("insights")).toBe(before);
  });

  it.each([
    ["missing text", {}, "body.text"],
    ["blank text", { text: "  " }, "body.text"],
    ["oversized text", { text: "x".repeat(20_001) }, "body.text"],
    ["category wrong type", { text: "t", category: 3 }, "body.category"],
    ["provenance not an object", { text: "t", provenance: [1] }, "body.provenance"],
    ["oversized provenance", { text: "t", provenance: { a: "x".repeat(9_000) } }, "body.provenance"],
    ["userId (mass assignment)", { text: "t", userId: randomUUID() }, "body"],
    ["embeddingModel", { text: "t", embeddingModel: "x" }, "body"],
  ])("create with %s → 400, nothing written", async (_label, payload, path) => {
    const before = await count("insights");
    const res = await call("POST", "/api/memory/insights", payload);
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toContain(path);
    expect(await count("insights")).toBe(before);
  });

  it("an empty update and unknown list keys are a 400", async () => {
    const id = (await call("POST", "/api/memory/insights", { text: "keep" })).json().insight.id;
    expect((await call("PATCH", `/api/memory/insights/${id}`, {})).statusCode).toBe(400);
    expect((await call("GET", "/api/memory/insights?source=user")).statusCode).toBe(400);
  });
});
