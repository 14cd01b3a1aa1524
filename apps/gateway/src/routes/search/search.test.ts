/**
 * Search over the HTTP API: hybrid ranking on PGlite, isolation of near-identical rows, bad input,
 * and the embedder-failure path (an OpenAI-compatible embedder at a closed port: writes still
 * succeed without a vector, the failure is logged, search falls back to full-text).
 */
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";
import { localConfig, localStore } from "../../test/fixtures.js";

let gw: TestGateway;
let A: TestUser;
let B: TestUser;
const ids: Record<string, string> = {};

async function call(user: TestUser, method: string, url: string, payload?: unknown, g: TestGateway = gw) {
  return g.app.inject({
    method: method as "GET",
    url,
    headers: user.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
  B = await signUp(gw.app, "b");
  const note = { title: "Deploying the database migration", body: "Apply every migration before restarting." };
  ids.noteA = (await call(A, "POST", "/api/notes", note)).json().note.id;
  ids.noteB = (await call(B, "POST", "/api/notes", { ...note, body: `${note.body} canary-of-B` })).json().note.id;
  ids.insightA = (
    await call(A, "POST", "/api/memory/insights", { text: "Deploys happen on Tuesdays" })
  ).json().insight.id;
  const project = (await call(A, "POST", "/api/projects", { name: "p" })).json().project.id;
  const [task] = await gw.store.query<{ id: string }>(
    "INSERT INTO tasks (project_id, title) VALUES ($1, 'Automate the deploy migration step') RETURNING id",
    [project],
  );
  ids.taskA = task?.id ?? "";
});

afterAll(async () => {
  await gw.close();
});

describe("GET /api/search", () => {
  it("ranks notes, memory and tasks together, each hit tagged with its kind and score", async () => {
    const res = await call(A, "GET", "/api/search?q=deploy%20migration");
    expect(res.statusCode).toBe(200);
    const answer = res.json();
    expect(answer.mode).toBe("hybrid");
    const kinds = Object.fromEntries(answer.items.map((i: { id: string; kind: string }) => [i.id, i.kind]));
    expect(kinds[ids.noteA ?? ""]).toBe("note");
    expect(kinds[ids.taskA ?? ""]).toBe("task");
    for (const item of answer.items) expect(item.score).toBeGreaterThan(0);
    const scores = answer.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it("finds by meaning-ish overlap and never returns another user's near-identical note", async () => {
    const res = await call(A, "GET", "/api/search?q=running%20db%20migrations%20on%20deploy&kinds=notes");
    expect(res.json().items[0]?.id).toBe(ids.noteA);
    expect(res.body).not.toContain(ids.noteB);
    expect(res.body).not.toContain("canary-of-B");
    const forB = await call(B, "GET", "/api/search?q=deploy%20migration&limit=50");
    expect(forB.body).not.toContain(ids.noteA);
    expect(forB.body).not.toContain(ids.insightA);
    expect(forB.body).not.toContain(ids.taskA);
  });

  it("kinds=memory and /api/memory/search return insights only", async () => {
    for (const url of ["/api/search?q=deploys&kinds=memory", "/api/memory/search?q=deploys"]) {
      const res = await call(A, "GET", url);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: { id: string; kind: string }) => [i.kind, i.id])).toEqual([
        ["insight", ids.insightA],
      ]);
    }
  });

  it.each([
    ["/api/search", "querystring.q"],
    ["/api/search?q=", "querystring.q"],
    [`/api/search?q=${"x".repeat(501)}`, "querystring.q"],
    ["/api/search?q=x&kinds=notes,secrets", "querystring.kinds"],
    ["/api/search?q=x&kinds=", "querystring.kinds"],
    ["/api/search?q=x&limit=51", "querystring.limit"],
    ["/api/search?q=x&projectId=nope", "querystring.projectId"],
    ["/api/search?q=x&sort=score", "querystring"],
    ["/api/memory/search?q=x&kinds=notes", "querystring"],
  ])("GET %s → 400 naming %s", async (url, path) => {
    const res = await call(A, "GET", url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});

describe("when the embedding provider is down", () => {
  let down: TestGateway;
  let user: TestUser;
  const logs: string[] = [];

  beforeAll(async () => {
    // A port that was free a moment ago: connections to it are refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const address = probe.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await new Promise((resolve) => probe.close(resolve));
    const config = localConfig({
      MOSAIC_EMBEDDINGS_PROVIDER: "openai",
      MOSAIC_EMBEDDINGS_URL: `http://127.0.0.1:${port}`,
      MOSAIC_EMBEDDINGS_MODEL: "text-embedding-3-small",
      MOSAIC_EMBEDDINGS_API_KEY: "sk-canary-should-never-be-logged",
      MOSAIC_LOG_LEVEL: "warn",
    });
    const store = await localStore(config);
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ config, store, logStream });
    await app.ready();
    down = {
      app,
      store,
      async close() {
        await app.close();
        await store.close();
      },
    };
    user = await signUp(app, "down");
  });

  afterAll(async () => {
    await down.close();
  });

  it("writes succeed without a vector, the failure is logged, and search falls back to full-text", async () => {
    const note = await call(
      user,
      "POST",
      "/api/notes",
      { title: "Offline migration notes", body: "kept anyway" },
      down,
    );
    expect(note.statusCode).toBe(201);
    expect(note.json().note.embeddingModel).toBeNull();
    const insight = await call(user, "POST", "/api/memory/insights", { text: "offline migration insight" }, down);
    expect(insight.statusCode).toBe(201);
    expect(insight.json().insight.embeddingModel).toBeNull();
    const [row] = await down.store.query<{ e: unknown }>("SELECT embedding AS e FROM notes WHERE id = $1", [
      note.json().note.id,
    ]);
    expect(row?.e).toBeNull();

    const search = await call(user, "GET", "/api/search?q=offline%20migration", undefined, down);
    expect(search.statusCode).toBe(200);
    expect(search.json().mode).toBe("fulltext");
    expect(
      search
        .json()
        .items.map((i: { kind: string }) => i.kind)
        .sort(),
    ).toEqual(["insight", "note"]);

    const text = logs.join("");
    expect(text).toMatch(/could not embed the note; saved without a vector/);
    expect(text).toMatch(/could not embed the search query; using full-text only/);
    expect(text).toMatch(/ECONNREFUSED/);
    expect(text).not.toContain("sk-canary-should-never-be-logged");
  });
});
