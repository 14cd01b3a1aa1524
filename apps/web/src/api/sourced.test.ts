/** The dashboard's source-aware endpoints: what they ask for, and that tags and partial markers survive parsing. */
import { describe, expect, it } from "vitest";
import { createClient } from "./client.js";
import { endpoints } from "./endpoints.js";

const NOW = "2026-01-01T00:00:00.000Z";
const task = (id: string, _source: string) => ({
  id,
  projectId: "00000000-0000-4000-8000-0000000000aa",
  missionId: null,
  milestoneId: null,
  externalId: null,
  title: `task ${id.slice(-1)}`,
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
  createdAt: NOW,
  updatedAt: NOW,
  _source,
});

function answering(status: number, body: unknown) {
  const urls: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { api: endpoints(createClient({ fetch })), urls };
}

describe("source-aware reads", () => {
  it("GET /api/tasks?source=all keeps each item's _source and the partial markers", async () => {
    const { api, urls } = answering(200, {
      items: [
        task("00000000-0000-4000-8000-000000000001", "local"),
        task("00000000-0000-4000-8000-000000000002", "nas"),
      ],
      nextCursor: null,
      _partial: true,
      _errors: [{ peer: "office", reason: "connection refused" }],
    });
    const page = await api.tasks.all({ source: "all", status: "blocked", limit: 100 });
    expect(urls[0]).toBe("/api/tasks?source=all&status=blocked&limit=100");
    expect(page.items.map((t) => t._source)).toEqual(["local", "nas"]);
    expect(page._partial).toBe(true);
    expect(page._errors).toEqual([{ peer: "office", reason: "connection refused" }]);
  });

  it("a peer's task is read with ?source=federated:<peer>; a local get sends no source", async () => {
    const { api, urls } = answering(200, { task: task("00000000-0000-4000-8000-000000000002", "nas") });
    const got = await api.tasks.get("00000000-0000-4000-8000-000000000002", "federated:nas");
    expect(got._source).toBe("nas");
    await api.tasks.get("00000000-0000-4000-8000-000000000002");
    expect(urls).toEqual([
      "/api/tasks/00000000-0000-4000-8000-000000000002?source=federated%3Anas",
      "/api/tasks/00000000-0000-4000-8000-000000000002",
    ]);
  });

  it("search and memory search pass the source and keep hit tags", async () => {
    const hit = {
      kind: "note",
      id: "00000000-0000-4000-8000-000000000003",
      projectId: null,
      title: "t",
      snippet: "",
      score: 0.1,
      ranks: { vector: null, text: 1 },
      _source: "nas",
    };
    const { api, urls } = answering(200, { mode: "fulltext", items: [hit] });
    const found = await api.search({ q: "backup", source: "federated:nas" });
    expect(found.items[0]?._source).toBe("nas");
    await api.memory.search({ q: "backup", source: "all" });
    expect(urls).toEqual(["/api/search?q=backup&source=federated%3Anas", "/api/memory/search?q=backup&source=all"]);
  });

  it("a 403 from the peers list (a member, not an admin) is an error the selector reads as 'no selector'", async () => {
    const { api } = answering(403, { error: { code: "forbidden", message: "admins only" } });
    await expect(api.federation.peers.list()).rejects.toMatchObject({ code: "forbidden", status: 403 });
  });
});
