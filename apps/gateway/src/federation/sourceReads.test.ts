/**
 * @module `?source=` on B's read routes, in process: B really enrolls with A (part 1) and reads over
 * real mTLS with its unsealed key from a stand-in of A's verb listener (test/standInPeer.ts).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestUser } from "../test/actors.js";
import { createGrant, type FederationTestGateway, federationGateway, listenEnrollment } from "../test/federation.js";
import { type StandInPeer, startStandInPeer } from "../test/standInPeer.js";

let a: FederationTestGateway;
let b: FederationTestGateway;
let standIn: StandInPeer;
let member: TestUser;
let localProjectId: string;
const localTaskIds: string[] = [];
const closers: Array<() => Promise<unknown>> = [];

const iso = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

function remoteTask(title: string, minutesAgo: number) {
  return {
    id: randomUUID(),
    projectId: randomUUID(),
    missionId: null,
    milestoneId: null,
    externalId: null,
    title,
    description: "",
    status: "not-started",
    priority: "normal",
    assignee: null,
    dependsOn: [],
    estimate: null,
    branch: null,
    issue: null,
    notes: null,
    dueDate: null,
    position: 0,
    extra: {},
    createdAt: iso(minutesAgo),
    updatedAt: iso(minutesAgo),
  };
}

function remoteNote(title: string, minutesAgo: number) {
  return {
    id: randomUUID(),
    projectId: null,
    ownerUserId: randomUUID(),
    title,
    body: "remote body",
    tags: [],
    embeddingModel: null,
    createdAt: iso(minutesAgo),
    updatedAt: iso(minutesAgo),
  };
}

async function get(path: string, user: { bearer: { authorization: string } } = b.admin) {
  const res = await b.app.inject({ method: "GET", url: path, headers: user.bearer });
  return {
    status: res.statusCode,
    body: res.json() as Record<string, unknown> & { items?: Array<Record<string, unknown>> },
  };
}

beforeAll(async () => {
  // The stand-in listens first, so A's config names a port that is already ours.
  standIn = await startStandInPeer();
  closers.push(() => standIn.close());
  a = await federationGateway({ MOSAIC_FEDERATION_PORT: String(standIn.port) });
  closers.push(() => a.close());
  standIn.useCertificates(await a.app.federation.ca());
  const enroll = await listenEnrollment(a);
  closers.push(enroll.close);

  b = await federationGateway({ MOSAIC_FEDERATION_TIMEOUT_MS: "600" });
  closers.push(() => b.close());
  member = await signUp(b.app, "member");
  const grant = await createGrant(a);
  const enrollmentUrl = grant.enrollment.url.replace(/:\d+\/enroll\//, `:${enroll.port}/enroll/`);
  const added = await b.app.inject({
    method: "POST",
    url: "/api/federation/peers",
    headers: b.admin.bearer,
    payload: { enrollmentUrl, name: "gw-a" },
  });
  expect(added.statusCode).toBe(201);

  const project = await b.app.inject({
    method: "POST",
    url: "/api/projects",
    headers: b.admin.bearer,
    payload: { name: "B's project" },
  });
  localProjectId = project.json().project.id;
  for (const title of ["local one", "local two"]) {
    const res = await b.app.inject({
      method: "POST",
      url: `/api/projects/${localProjectId}/tasks`,
      headers: b.admin.bearer,
      payload: { title },
    });
    localTaskIds.push(res.json().task.id);
  }
  standIn.items.tasks = [
    remoteTask("remote newest", -60),
    remoteTask("remote older", 120),
    remoteTask("remote oldest", 240),
  ];
  standIn.items.notes = [remoteNote("remote note about enrollment", 5)];
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
});

describe("source=local (the default) is unchanged", () => {
  it("lists only B's tasks, without _source or partial markers", async () => {
    const res = await get("/api/tasks");
    expect(res.status).toBe(200);
    expect(res.body.items?.map((t) => t.title).sort()).toEqual(["local one", "local two"]);
    expect(res.body.items?.[0]).not.toHaveProperty("_source");
    expect(res.body).not.toHaveProperty("_partial");
    expect(standIn.calls).toEqual([]);
  });

  it("GET /api/tasks is every task the caller can read: none of the admin's for a member; 401 without credentials", async () => {
    expect((await get("/api/tasks", member)).body.items).toEqual([]);
    const anonymous = await b.app.inject({ method: "GET", url: "/api/tasks" });
    expect(anonymous.statusCode).toBe(401);
    const anonymousAll = await b.app.inject({ method: "GET", url: "/api/tasks?source=all" });
    expect(anonymousAll.statusCode).toBe(401);
  });

  it("GET /api/tasks filters across projects and refuses unknown keys (400)", async () => {
    expect((await get(`/api/tasks?projectId=${localProjectId}&q=two`)).body.items?.map((t) => t.title)).toEqual([
      "local two",
    ]);
    expect((await get("/api/tasks?bogus=1")).status).toBe(400);
    expect((await get(`/api/tasks?projectId=${randomUUID()}`)).body.items).toEqual([]);
  });
});

describe("who may read through peers", () => {
  it("a member gets 403 for source=all", async () => {
    const res = await get("/api/tasks?source=all", member);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain("admins");
  });

  it("a member gets 403 (not 404) for an unknown peer, so peers cannot be enumerated", async () => {
    expect((await get("/api/tasks?source=federated:nope", member)).status).toBe(403);
    expect((await get("/api/tasks?source=federated:gw-a", member)).status).toBe(403);
  });

  it("an admin naming an unknown peer gets 404 naming it", async () => {
    const res = await get("/api/tasks?source=federated:nope");
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).toContain("nope");
  });

  it("a malformed source is a 400", async () => {
    for (const source of ["everything", "federated:", "federated:UPPER", "federated:a/b"]) {
      expect((await get(`/api/tasks?source=${encodeURIComponent(source)}`)).status).toBe(400);
    }
  });

  it("a team or personal filter with a peer source is a 400", async () => {
    expect((await get(`/api/projects?source=all&teamId=${randomUUID()}`)).status).toBe(400);
    expect((await get("/api/notes?source=all&personal=true")).status).toBe(400);
  });
});

describe("source=federated:<peer>", () => {
  it("lists A's tasks over mTLS, tagged with B's name for A, A's own cursor passed through", async () => {
    const first = await get("/api/tasks?source=federated:gw-a&limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items?.map((t) => [t.title, t._source])).toEqual([
      ["remote newest", "gw-a"],
      ["remote older", "gw-a"],
    ]);
    const second = await get(`/api/tasks?source=federated:gw-a&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items?.map((t) => t.title)).toEqual(["remote oldest"]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("gets one of A's tasks and notes by id; an id A lacks is 404", async () => {
    const remote = standIn.items.tasks?.[0];
    const res = await get(`/api/tasks/${remote?.id}?source=federated:gw-a`);
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ id: remote?.id, _source: "gw-a" });
    const note = standIn.items.notes?.[0];
    expect((await get(`/api/notes/${note?.id}?source=federated:gw-a`)).body.note).toMatchObject({ _source: "gw-a" });
    expect((await get(`/api/tasks/${randomUUID()}?source=federated:gw-a`)).status).toBe(404);
  });

  it("stamps the peer's lastSuccessAt", async () => {
    const peers = await b.app.inject({ method: "GET", url: "/api/federation/peers", headers: b.admin.bearer });
    expect(peers.json().items[0].lastSuccessAt).not.toBeNull();
  });
});

describe("source=all", () => {
  it("merges local and A newest first, every item tagged, in a stable order", async () => {
    const res = await get("/api/tasks?source=all");
    expect(res.status).toBe(200);
    const seen = res.body.items?.map((t) => `${t._source}:${t.title}`);
    expect(seen).toEqual([
      "gw-a:remote newest",
      expect.stringMatching(/^local:local (one|two)$/),
      expect.stringMatching(/^local:local (one|two)$/),
      "gw-a:remote older",
      "gw-a:remote oldest",
    ]);
    expect(res.body).not.toHaveProperty("_partial");
    expect((await get("/api/tasks?source=all")).body.items).toEqual(res.body.items);
  });

  it("pages with one composite cursor until every source is exhausted, no item twice", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/api/tasks?source=all&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...(res.body.items ?? []).map((t) => `${t._source}:${t.id}`));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 10);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(5);
    expect(seen).toHaveLength(5);
  });

  it("refuses a cursor that is not a source=all cursor (400)", async () => {
    expect((await get("/api/tasks?source=all&cursor=abc")).status).toBe(400);
  });

  it("gets by id from whichever source has it", async () => {
    const remote = standIn.items.tasks?.[1];
    expect((await get(`/api/tasks/${remote?.id}?source=all`)).body.task).toMatchObject({ _source: "gw-a" });
    expect((await get(`/api/tasks/${localTaskIds[0]}?source=all`)).body.task).toMatchObject({ _source: "local" });
    expect((await get(`/api/tasks/${randomUUID()}?source=all`)).status).toBe(404);
  });

  it("searches local and A, hits interleaved by rank and tagged", async () => {
    await b.app.inject({
      method: "POST",
      url: "/api/notes",
      headers: b.admin.bearer,
      payload: { title: "local note about enrollment", body: "enrollment steps" },
    });
    const res = await get("/api/search?q=enrollment&kinds=notes&source=all");
    expect(res.status).toBe(200);
    expect(res.body.items?.map((h) => h._source)).toEqual(["local", "gw-a"]);
  });

  it("a hung peer: the answer arrives with _partial (timeout) and B's own results", async () => {
    standIn.mode = "hang";
    try {
      const res = await get("/api/tasks?source=all");
      expect(res.status).toBe(200);
      expect(res.body._partial).toBe(true);
      expect(res.body._errors).toEqual([{ peer: "gw-a", reason: "timeout" }]);
      expect(res.body.items?.map((t) => t._source)).toEqual(["local", "local"]);
      const single = await get("/api/tasks?source=federated:gw-a");
      expect(single.status).toBe(503);
      expect(JSON.stringify(single.body)).toContain("gw-a");
    } finally {
      standIn.mode = "serve";
    }
  });

  it("a peer that is down: _partial (network) on lists, 503 on a get found nowhere else; lastFailureAt stamped", async () => {
    const port = standIn.port;
    await standIn.close();
    const list = await get("/api/tasks?source=all");
    expect(list.body).toMatchObject({ _partial: true, _errors: [{ peer: "gw-a", reason: "network" }] });
    expect((await get(`/api/tasks/${randomUUID()}?source=all`)).status).toBe(503);
    expect((await get(`/api/tasks/${localTaskIds[0]}?source=all`)).body).toMatchObject({ _partial: true });
    const peers = await b.app.inject({ method: "GET", url: "/api/federation/peers", headers: b.admin.bearer });
    expect(peers.json().items[0].lastFailureAt).not.toBeNull();
    standIn = await startStandInPeer({ port });
    standIn.useCertificates(await a.app.federation.ca());
    closers.push(() => standIn.close());
  });

  it("nothing read from a peer is written to B's database", async () => {
    const local = await get("/api/tasks");
    expect(local.body.items?.map((t) => t.id).sort()).toEqual([...localTaskIds].sort());
    const notes = await get("/api/notes");
    expect(notes.body.items?.map((n) => n.title)).toEqual(["local note about enrollment"]);
  });
});

describe("a resource A's grant does not share", () => {
  it("is empty, not partial, in source=all; a 503 naming the reason with federated:<peer>", async () => {
    await b.app.inject({
      method: "POST",
      url: "/api/memory/insights",
      headers: b.admin.bearer,
      payload: { text: "a local insight", category: "local" },
    });
    standIn.deny.memory = "resource_excluded";
    try {
      const all = await get("/api/memory/insights?source=all");
      expect(all.status).toBe(200);
      expect(all.body).not.toHaveProperty("_partial");
      expect(all.body.items?.map((i) => i._source)).toEqual(["local"]);
      const search = await get("/api/memory/search?q=insight&source=all");
      expect(search.status).toBe(200);
      expect(search.body).not.toHaveProperty("_partial");
      const single = await get("/api/memory/insights?source=federated:gw-a");
      expect(single.status).toBe(503);
      expect(JSON.stringify(single.body)).toContain("resource_excluded");
    } finally {
      delete standIn.deny.memory;
    }
  });
});

describe("a removed peer", () => {
  it("is dropped from the registry at once and is a 404 afterwards", async () => {
    await get("/api/tasks?source=federated:gw-a");
    expect(b.app.federation.peerClients.size()).toBe(1);
    const removed = await b.app.inject({
      method: "DELETE",
      url: "/api/federation/peers/gw-a",
      headers: b.admin.bearer,
    });
    expect(removed.statusCode).toBe(204);
    expect(b.app.federation.peerClients.size()).toBe(0);
    expect((await get("/api/tasks?source=federated:gw-a")).status).toBe(404);
    const all = await get("/api/tasks?source=all");
    expect(all.body.items?.every((t) => t._source === "local")).toBe(true);
  });
});
