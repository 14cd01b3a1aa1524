/**
 * The federation verbs on the real mutual-TLS listener of a PGlite gateway seeded through its REST
 * API: the happy path for every resource, the scope pipeline toggled one setting at a time, the row
 * cap, team membership judged per request, and filter fuzz. Each grant is a fresh enrollment.
 */
import { randomUUID } from "node:crypto";
import { FederatedItemViews, FederatedSearchResponse, federatedListResponse } from "@mosaic/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fedCall, type PeerCredentials, peerAgent } from "../../../../test/support/federationClient.js";
import { type SeededBrain, seedBrain } from "../../../../test/support/federationSeed.js";
import { signUp } from "../test/actors.js";
import {
  enrollPeer,
  type FederationTestGateway,
  federationGateway,
  listenFederation,
  verbAudit,
} from "../test/federation.js";

const ALL = {
  resources: ["projects", "missions", "tasks", "notes", "memory"],
  excluded_resources: [],
  include_teams: true,
  include_personal: true,
  max_rows_per_query: 100,
};

let gw: FederationTestGateway;
let fed: Awaited<ReturnType<typeof listenFederation>>;
let seed: SeededBrain;
const agents: Array<ReturnType<typeof peerAgent>> = [];

beforeAll(async () => {
  gw = await federationGateway();
  fed = await listenFederation(gw);
  const [teamOwner, outsider] = [await signUp(gw.app, "owner"), await signUp(gw.app, "outsider")];
  seed = await seedBrain(
    async (method, url, payload, token) => {
      const res = await gw.app.inject({
        method: method as "POST",
        url,
        headers: { authorization: `Bearer ${token}` },
        payload: payload as object,
      });
      return { status: res.statusCode, json: res.json() };
    },
    { subject: gw.admin, teamOwner, outsider },
  );
}, 120_000);
afterAll(async () => {
  await Promise.allSettled(agents.map((a) => a.destroy()));
  await fed?.close();
  await gw?.close();
});

/** A peer enrolled with `scope` and a caller bound to its keep-alive agent. */
async function peerWith(scope: object = ALL) {
  const creds: PeerCredentials & { grant: { id: string } } = await enrollPeer(gw, scope);
  const agent = peerAgent(creds);
  agents.push(agent);
  return {
    grantId: creds.grant.id,
    get: (path: string) => fedCall(agent, fed.port, "GET", path),
    post: (path: string, body: unknown = {}) => fedCall(agent, fed.port, "POST", path, body),
  };
}

type Listed = {
  items: Array<{ id: string; _source: string; title?: string; text?: string; name?: string }>;
  next_cursor: string | null;
};
const ids = (res: { json: unknown }) => (res.json as Listed).items.map((i) => i.id).sort();
const sorted = (...lists: string[][]) => lists.flat().sort();

describe("happy path", () => {
  it("lists tasks, notes and memory in scope, tagged with A's name, valid against the wire contract", async () => {
    const peer = await peerWith();
    const tasks = await peer.post("list/tasks", { filter: {} });
    expect(tasks.status, tasks.text).toBe(200);
    expect(
      federatedListResponse("tasks")
        .parse(tasks.json)
        .items.every((i) => i._source === "127.0.0.1"),
    ).toBe(true);
    expect(ids(tasks)).toEqual(sorted(seed.tasks.personal, seed.tasks.team));

    const notes = await peer.post("list/notes", {});
    expect(federatedListResponse("notes").safeParse(notes.json).success).toBe(true);
    expect(ids(notes)).toEqual(sorted(seed.notes.personal, seed.notes.personalProject, seed.notes.team));

    const memory = await peer.post("list/memory", {});
    expect(federatedListResponse("memory").safeParse(memory.json).success).toBe(true);
    expect(ids(memory)).toEqual(sorted(seed.memory.personal, seed.memory.team));

    const projects = await peer.post("list/projects", {});
    expect(ids(projects)).toEqual(sorted([seed.projects.personal, seed.projects.team]));
    const missions = await peer.post("list/missions", {});
    expect(ids(missions)).toEqual(sorted([seed.missions.personal, seed.missions.team]));

    const audit = await verbAudit(gw, peer.grantId);
    expect(audit.map((r) => [r.action, r.resource, r.outcome, r.rows])).toEqual([
      ["list", "tasks", "success", 6],
      ["list", "notes", "success", 6],
      ["list", "memory", "success", 4],
      ["list", "projects", "success", 2],
      ["list", "missions", "success", 2],
    ]);
  });

  it("filters with the resource's own keys (projectId, assignee, tag, category)", async () => {
    const peer = await peerWith();
    const team = await peer.post("list/tasks", { filter: { projectId: seed.projects.team, assignee: "alice" } });
    expect(ids(team)).toEqual(sorted([seed.tasks.team[0] ?? "", seed.tasks.team[2] ?? ""]));
    const tagged = await peer.post("list/notes", { filter: { tag: "team" } });
    expect(ids(tagged)).toEqual(sorted(seed.notes.team));
    const category = await peer.post("list/memory", { filter: { category: "personal" } });
    expect(ids(category)).toEqual(sorted(seed.memory.personal));
  });

  it("a filter naming an out-of-scope project finds nothing (the outsider's project)", async () => {
    const peer = await peerWith();
    const res = await peer.post("list/tasks", { filter: { projectId: seed.projects.outsider } });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([]);
  });

  it("gets one task, note and insight; an out-of-scope id and a missing id are the same 404, audited apart", async () => {
    const peer = await peerWith();
    for (const [resource, id] of [
      ["tasks", seed.tasks.team[0]],
      ["notes", seed.notes.personal[0]],
      ["memory", seed.memory.team[0]],
    ] as const) {
      const res = await peer.post(`get/${resource}/${id}`);
      expect(res.status, res.text).toBe(200);
      expect(FederatedItemViews[resource].parse((res.json as { item: unknown }).item)).toMatchObject({
        id,
        _source: "127.0.0.1",
      });
    }
    const outOfScope = await peer.post(`get/tasks/${seed.tasks.outsider[0]}`);
    const missing = await peer.post(`get/tasks/${randomUUID()}`);
    expect(outOfScope.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = (r: { json: unknown }) => ({ ...(r.json as { error: object }).error, requestId: undefined });
    expect(strip(outOfScope)).toEqual(strip(missing));
    const reasons = (await verbAudit(gw, peer.grantId)).filter((r) => r.outcome === "denied").map((r) => r.reason);
    expect(reasons).toEqual(["out_of_scope", "not_found"]);
  });

  it("searches tasks, notes and memory within scope only", async () => {
    const peer = await peerWith();
    for (const [resource, expected] of [
      ["tasks", sorted(seed.tasks.personal, seed.tasks.team)],
      ["notes", sorted(seed.notes.personal, seed.notes.personalProject, seed.notes.team)],
      ["memory", sorted(seed.memory.personal, seed.memory.team)],
    ] as const) {
      const res = await peer.post(`search/${resource}`, { query: "searchable", limit: 50 });
      expect(res.status, res.text).toBe(200);
      const body = FederatedSearchResponse.parse(res.json);
      expect(body.items.map((i) => i.id).sort()).toEqual(expected);
      expect(body.items.every((i) => i._source === "127.0.0.1")).toBe(true);
    }
  });
});

describe("scope: each setting toggled alone", () => {
  it("allowlist: a resource not listed is refused 403 resource_not_allowed (0 rows), for list, get and search", async () => {
    const peer = await peerWith({ ...ALL, resources: ["tasks"] });
    for (const res of [
      await peer.post("list/notes", {}),
      await peer.post(`get/notes/${seed.notes.personal[0]}`),
      await peer.post("search/notes", { query: "searchable" }),
    ]) {
      expect(res.status).toBe(403);
      expect((res.json as { error: { reason: string } }).error.reason).toBe("resource_not_allowed");
    }
    expect((await peer.post("list/tasks", {})).status).toBe(200);
  });

  it("excluded_resources: an allowlisted but excluded resource is refused 403 resource_excluded", async () => {
    const peer = await peerWith({ ...ALL, excluded_resources: ["memory"] });
    const res = await peer.post("list/memory", {});
    expect(res.status).toBe(403);
    expect((res.json as { error: { reason: string } }).error.reason).toBe("resource_excluded");
    const audit = await verbAudit(gw, peer.grantId);
    expect(audit.at(-1)).toMatchObject({
      action: "list",
      resource: "memory",
      outcome: "denied",
      reason: "resource_excluded",
    });
  });

  it("include_teams=false: no team project, task, note or insight; personal ones still served", async () => {
    const peer = await peerWith({ ...ALL, include_teams: false });
    expect(ids(await peer.post("list/tasks", {}))).toEqual(sorted(seed.tasks.personal));
    expect(ids(await peer.post("list/projects", {}))).toEqual([seed.projects.personal]);
    expect(ids(await peer.post("list/notes", {}))).toEqual(sorted(seed.notes.personal, seed.notes.personalProject));
    expect(ids(await peer.post("list/memory", {}))).toEqual(sorted(seed.memory.personal));
    expect((await peer.post(`get/tasks/${seed.tasks.team[0]}`)).status).toBe(404);
    const search = await peer.post("search/tasks", { query: "team" });
    expect(
      (search.json as { items: Array<{ id: string }> }).items.filter((i) => seed.tasks.team.includes(i.id)),
    ).toEqual([]);
  });

  it("include_personal=false: no personal project, task, note or insight; team ones still served", async () => {
    const peer = await peerWith({ ...ALL, include_personal: false });
    expect(ids(await peer.post("list/tasks", {}))).toEqual(sorted(seed.tasks.team));
    expect(ids(await peer.post("list/projects", {}))).toEqual([seed.projects.team]);
    expect(ids(await peer.post("list/notes", {}))).toEqual(sorted(seed.notes.team));
    expect(ids(await peer.post("list/memory", {}))).toEqual(sorted(seed.memory.team));
    expect((await peer.post(`get/notes/${seed.notes.personal[0]}`)).status).toBe(404);
    // Hybrid search ranks by vector too, so hits need not contain the word: none may be personal.
    const search = await peer.post("search/notes", { query: "personal" });
    const personal = new Set([...seed.notes.personal, ...seed.notes.personalProject]);
    const hits = (search.json as { items: Array<{ id: string }> }).items;
    expect(hits.filter((i) => personal.has(i.id))).toEqual([]);
    expect(hits.every((i) => seed.notes.team.includes(i.id))).toBe(true);
  });
});

describe("scope: max_rows_per_query", () => {
  it("limit huge, absent or within the cap: never more rows than the cap, across pages too", async () => {
    const peer = await peerWith({ ...ALL, max_rows_per_query: 2 });
    for (const body of [{ limit: 1_000_000 }, {}, { limit: Number.MAX_SAFE_INTEGER }, { limit: 2 }]) {
      const res = await peer.post("list/tasks", body);
      expect(res.status, res.text).toBe(200);
      expect((res.json as Listed).items.length).toBe(2);
    }
    // Walking the pages returns every row once, 2 at a time.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: unknown } = await peer.post("list/tasks", cursor ? { cursor, limit: 99 } : { limit: 99 });
      const body = page.json as Listed;
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(sorted(seed.tasks.personal, seed.tasks.team));
    const search = await peer.post("search/tasks", { query: "searchable", limit: 1000 });
    expect((search.json as { items: unknown[] }).items.length).toBe(2);
  });

  it("limit negative, zero, fractional or a string: 400 naming body.limit, no rows", async () => {
    const peer = await peerWith({ ...ALL, max_rows_per_query: 2 });
    for (const limit of [-1, 0, 1.5, "5", "1000000", null, 1e300]) {
      const res = await peer.post("list/tasks", { limit });
      expect(res.status, `${limit}`).toBe(400);
      const error = (res.json as { error: { code: string; details: Array<{ path: string }> } }).error;
      expect(error.code).toBe("validation_error");
      expect(error.details.map((d) => d.path)).toContain("body.limit");
    }
    const audit = await verbAudit(gw, peer.grantId);
    expect(audit.every((r) => r.outcome === "invalid" && r.rows === null)).toBe(true);
  });
});

describe("scope: the subject's team membership is judged per request", () => {
  it("removing the subject from the team hides the team's data on the next request", async () => {
    const member = await signUp(gw.app, "member");
    const add = await gw.app.inject({
      method: "POST",
      url: `/api/teams/${seed.teamId}/members`,
      headers: { authorization: `Bearer ${seed.teamOwner.token}` },
      payload: { email: member.email },
    });
    expect(add.statusCode).toBe(201);
    const creds = await enrollPeer(gw, ALL, member.email);
    const agent = peerAgent(creds, 1);
    agents.push(agent);
    const list = () => fedCall(agent, fed.port, "POST", "list/tasks", {});
    expect(ids(await list())).toEqual(sorted(seed.tasks.team));
    const removed = await gw.app.inject({
      method: "DELETE",
      url: `/api/teams/${seed.teamId}/members/${member.id}`,
      headers: { authorization: `Bearer ${seed.teamOwner.token}` },
    });
    expect(removed.statusCode).toBe(204);
    expect(ids(await list())).toEqual([]);
    expect((await fedCall(agent, fed.port, "POST", `get/tasks/${seed.tasks.team[0]}`)).status).toBe(404);
  });
});

describe("filter fuzz", () => {
  const bad: Array<[string, unknown]> = [
    ["an unknown key", { colour: "red" }],
    ["another table's field (notes' tag on tasks)", { tag: "team" }],
    ["a column that is not a filter", { ownerUserId: randomUUID() }],
    ["an operator object", { projectId: { $ne: null } }],
    ["an operator on status", { status: { $in: ["todo", "done"] } }],
    ["SQL in an id", { projectId: "' OR 1=1 --" }],
    ["an array value", { assignee: ["alice", "bob"] }],
    ["a mass-assignment field", { subjectUserId: randomUUID() }],
  ];
  it.each(bad)("400 for %s, with the offending path", async (_name, filter) => {
    const peer = await peerWith();
    const res = await peer.post("list/tasks", { filter });
    expect(res.status, res.text).toBe(400);
    const error = (res.json as { error: { details: Array<{ path: string }> } }).error;
    expect(error.details.every((d) => d.path.startsWith("body.filter"))).toBe(true);
  });

  it("400 for a __proto__ key (refused by the JSON parser before any handler)", async () => {
    const peer = await peerWith();
    const res = await peer.post("list/tasks", '{"filter": {"__proto__": {"admin": true}}}');
    expect(res.status, res.text).toBe(400);
    expect((res.json as { error: { code: string } }).error.code).toBe("validation_error");
  });

  it("SQL in a free-text value is only a bound parameter: in-scope rows only", async () => {
    const peer = await peerWith();
    for (const q of ["' OR 1=1 --", "x'); DROP TABLE tasks; --", "searchable | outsider"]) {
      const res = await peer.post("list/tasks", { filter: { q } });
      expect(res.status, res.text).toBe(200);
      const allowed = new Set([...seed.tasks.personal, ...seed.tasks.team]);
      expect((res.json as Listed).items.every((i) => allowed.has(i.id))).toBe(true);
    }
    const search = await peer.post("search/tasks", { query: "outsider" });
    const outsider = new Set(seed.tasks.outsider);
    expect((search.json as { items: Array<{ id: string }> }).items.filter((i) => outsider.has(i.id))).toEqual([]);
  });

  it("unknown body keys, unknown resources and unsearchable resources are 400s naming their path", async () => {
    const peer = await peerWith();
    const extra = await peer.post("list/tasks", { filter: {}, owner: "me" });
    expect(extra.status).toBe(400);
    for (const [path, body] of [
      ["list/users", {}],
      ["list/tokens", {}],
      ["search/projects", { query: "x" }],
      [`get/audit/${randomUUID()}`, undefined],
    ] as const) {
      const res = await peer.post(path, body);
      expect(res.status, path).toBe(400);
      expect((res.json as { error: { details: Array<{ path: string }> } }).error.details[0]?.path).toBe(
        "params.resource",
      );
    }
  });
});

describe("random bodies (seeded, reproducible)", () => {
  /** mulberry32: a tiny deterministic PRNG, so a failure replays with the same inputs. */
  function rng(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it("300 random list/get/search calls: no 5xx, and every 200 holds only in-scope rows", async () => {
    const next = rng(20261122);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const scalars = [
      0,
      -1,
      1,
      2 ** 53,
      1.5,
      "",
      "x",
      "' OR 1=1 --",
      "todo",
      null,
      true,
      [],
      {},
      { $ne: null },
      randomUUID(),
    ];
    const keys = [
      "projectId",
      "status",
      "tag",
      "category",
      "assignee",
      "q",
      "missionId",
      "ownerUserId",
      "$where",
      "id",
    ];
    const value = (): unknown => (next() < 0.15 ? Object.fromEntries([[pick(keys), pick(scalars)]]) : pick(scalars));
    const resources = ["projects", "missions", "tasks", "notes", "memory", "users", "TASKS", "%00", "..%2f"];
    const inScope = new Set([
      ...seed.tasks.personal,
      ...seed.tasks.team,
      ...seed.notes.personal,
      ...seed.notes.personalProject,
      ...seed.notes.team,
      ...seed.memory.personal,
      ...seed.memory.team,
      seed.projects.personal,
      seed.projects.team,
      seed.missions.personal,
      seed.missions.team,
    ]);
    const outsiderIds = [...seed.tasks.outsider, ...seed.notes.outsider, ...seed.memory.outsider];
    const peer = await peerWith();
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const verb = pick(["list", "get", "search"] as const);
      const resource = pick(resources);
      const body: Record<string, unknown> = {};
      if (next() < 0.7)
        body.filter = Object.fromEntries(Array.from({ length: Math.floor(next() * 3) }, () => [pick(keys), value()]));
      if (next() < 0.5) body.limit = value();
      if (next() < 0.3) body.query = pick(["searchable", "", "outsider", 42]);
      if (next() < 0.1) body[pick(keys)] = value();
      const path =
        verb === "get"
          ? `get/${resource}/${pick([...outsiderIds, ...inScope, "nope", randomUUID()])}`
          : `${verb}/${resource}`;
      const res = await peer.post(path, verb === "get" && next() < 0.5 ? undefined : body);
      expect(res.status, `${path} ${JSON.stringify(body)} → ${res.text}`).toBeLessThan(500);
      statuses.push(res.status);
      if (res.status === 200) {
        const json = res.json as { items?: Array<{ id: string }>; item?: { id: string } };
        for (const item of json.items ?? (json.item ? [json.item] : [])) expect(inScope.has(item.id), path).toBe(true);
      }
    }
    // The run exercised both sides: answers with rows to check, and refusals.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(10);
  }, 180_000);
});
