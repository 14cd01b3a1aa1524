import { ProjectView } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { createClient, queryString } from "./client.js";
import { endpoints } from "./endpoints.js";

const project = {
  id: "3f1e6a52-8a52-4a49-9d53-1c1f1f0c2b10",
  name: "Apollo",
  description: "",
  status: "active",
  owner: { kind: "user", userId: "9b2f7b35-5d0a-4c8e-9a43-0e6a7c3b1d22" },
  createdAt: "2026-11-22T10:00:00.000Z",
  updatedAt: "2026-11-22T10:00:00.000Z",
};

/** A server answering every request with one response, recording what it was sent. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const sent: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), init });
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
  };
  return { fetch, sent };
}

describe("the HTTP client", () => {
  it("sends JSON with the session cookie and parses the answer with the contract", async () => {
    const server = answering(201, { project });
    const api = endpoints(createClient({ fetch: server.fetch }));
    const created = await api.projects.create({ name: "Apollo", description: "" });
    expect(created).toEqual(ProjectView.parse(project));
    const [req] = server.sent;
    expect(req?.url).toBe("/api/projects");
    expect(req?.init?.method).toBe("POST");
    expect(req?.init?.credentials).toBe("same-origin");
    expect(JSON.parse(String(req?.init?.body))).toEqual({ name: "Apollo", description: "" });
  });

  it("rejects a 2xx answer that doesn't match the contract (old tab vs new gateway)", async () => {
    const server = answering(200, { project: { ...project, status: "deleted" } }, { "x-request-id": "r-7" });
    const api = endpoints(createClient({ fetch: server.fetch }));
    await expect(api.projects.get(project.id)).rejects.toMatchObject({ code: "bad_response", requestId: "r-7" });
  });

  it("throws the mapped ApiError on an error envelope and reports the gateway reachable", async () => {
    const reach: boolean[] = [];
    const server = answering(404, { error: { code: "not_found", message: "project not found" } });
    const api = endpoints(createClient({ fetch: server.fetch, onReachable: (r) => reach.push(r) }));
    await expect(api.projects.get(project.id)).rejects.toMatchObject({
      code: "not_found",
      status: 404,
      message: "Project not found",
    });
    expect(reach).toEqual([true]);
  });

  it("signals a lost session on 401, except where 401 means a wrong password", async () => {
    let lost = 0;
    const server = answering(401, { error: { code: "unauthenticated", message: "wrong email or password" } });
    const api = endpoints(createClient({ fetch: server.fetch, onSessionLost: () => lost++ }));
    await expect(api.auth.signIn({ email: "a@example.com", password: "x" })).rejects.toMatchObject({
      message: "Wrong email or password",
    });
    expect(lost).toBe(0);
    await expect(api.tokens.list()).rejects.toMatchObject({ code: "unauthenticated" });
    expect(lost).toBe(1);
  });

  it("reports the gateway unreachable when nothing answers (a real refused connection)", async () => {
    const reach: boolean[] = [];
    // Port 9 (discard) on loopback: nothing listens there on a test machine, so fetch rejects.
    const client = createClient({ baseUrl: "http://127.0.0.1:9", onReachable: (r) => reach.push(r) });
    await expect(endpoints(client).auth.status()).rejects.toMatchObject({ code: "network", unreachable: true });
    expect(reach).toEqual([false]);
  });

  it("accepts 204 answers without a body", async () => {
    const server = answering(204, "");
    await expect(endpoints(createClient({ fetch: server.fetch })).tokens.revoke(project.id)).resolves.toBeUndefined();
    expect(server.sent[0]?.init?.method).toBe("DELETE");
  });

  it("builds query strings without empty values", () => {
    expect(queryString({ status: "active", teamId: undefined, cursor: "", limit: 20 })).toBe("?status=active&limit=20");
    expect(queryString({})).toBe("");
  });
});
