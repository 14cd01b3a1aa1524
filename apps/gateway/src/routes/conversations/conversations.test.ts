/** Conversations over the HTTP API: CRUD, messages with roles and tool calls, pagination, bad input. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

let gw: TestGateway;
let A: TestUser;

async function call(method: string, url: string, payload?: unknown) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: A.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function count(table: "conversations" | "messages"): Promise<number> {
  const [row] = await gw.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? 0;
}

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
});

afterAll(async () => {
  await gw.close();
});

describe("conversations", () => {
  it("creates, renames, lists and deletes (messages go with it)", async () => {
    const res = await call("POST", "/api/conversations", { title: "Planning" });
    expect(res.statusCode).toBe(201);
    const conversation = res.json().conversation;
    expect(conversation).toMatchObject({ title: "Planning", projectId: null, agentId: null });
    const url = `/api/conversations/${conversation.id}`;
    expect((await call("PATCH", url, { title: "Plans" })).json().conversation.title).toBe("Plans");
    expect((await call("GET", "/api/conversations")).json().items.map((c: { id: string }) => c.id)).toContain(
      conversation.id,
    );
    await call("POST", `${url}/messages`, { role: "user", content: "hi" });
    expect((await call("DELETE", url)).statusCode).toBe(204);
    expect((await call("GET", url)).statusCode).toBe(404);
    const [row] = await gw.store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1",
      [conversation.id],
    );
    expect(row?.n).toBe(0);
  });

  it("appends messages with roles and tool calls, marks the conversation updated, pages newest first", async () => {
    const conversation = (await call("POST", "/api/conversations", {})).json().conversation;
    const url = `/api/conversations/${conversation.id}/messages`;
    const toolCalls = [{ id: "call_1", name: "search_notes", arguments: { q: "deploy" }, result: { hits: 2 } }];
    const sent = [
      { role: "system", content: "You are helpful." },
      { role: "user", content: "What did I note about deploys?" },
      { role: "assistant", content: "", toolCalls },
      { role: "tool", content: '{"hits":2}' },
      { role: "assistant", content: "Two notes mention deploys." },
    ];
    for (const m of sent) expect((await call("POST", url, m)).statusCode).toBe(201);

    const seen: Array<{ role: string; content: string; toolCalls: unknown }> = [];
    let cursor: string | null = null;
    do {
      const res = await call("GET", `${url}?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.map((m) => m.content)).toEqual(sent.map((m) => m.content).reverse());
    expect(seen[2]?.toolCalls).toEqual(toolCalls);
    expect(seen[0]?.toolCalls).toBeNull();
    const after = (await call("GET", `/api/conversations/${conversation.id}`)).json().conversation;
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(conversation.updatedAt));
  });

  it("a conversation about an unknown project is 404 and nothing is written", async () => {
    const before = await count("conversations");
    expect((await call("POST", "/api/conversations", { projectId: randomUUID() })).statusCode).toBe(404);
    expect(await count("conversations")).toBe(before);
  });
});

describe("bad input → 400 with the field path, nothing written", () => {
  let url: string;
  beforeAll(async () => {
    url = `/api/conversations/${(await call("POST", "/api/conversations", {})).json().conversation.id}/messages`;
  });

  it.each([
    ["unknown role", { role: "admin", content: "x" }, "body.role"],
    ["missing content", { role: "user" }, "body.content"],
    ["content wrong type", { role: "user", content: 5 }, "body.content"],
    ["oversized content", { role: "user", content: "x".repeat(200_001) }, "body.content"],
    ["tool call without a name", { role: "assistant", content: "", toolCalls: [{ id: "1" }] }, "body.toolCalls.0.name"],
    [
      "tool call with an unknown field",
      { role: "assistant", content: "", toolCalls: [{ id: "1", name: "n", x: 1 }] },
      "body.toolCalls.0",
    ],
    ["conversationId in the body", { role: "user", content: "x", conversationId: randomUUID() }, "body"],
  ])("append with %s", async (_label, payload, path) => {
    const before = await count("messages");
    const res = await call("POST", url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await count("messages")).toBe(before);
  });

  it.each([
    ["title wrong type", { title: 1 }, "body.title"],
    ["oversized title", { title: "x".repeat(301) }, "body.title"],
    ["userId (mass assignment)", { userId: randomUUID() }, "body"],
    ["agentId (not settable yet)", { agentId: randomUUID() }, "body"],
  ])("create with %s", async (_label, payload, path) => {
    const before = await count("conversations");
    const res = await call("POST", "/api/conversations", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await count("conversations")).toBe(before);
  });

  it("unknown list keys are a 400", async () => {
    expect((await call("GET", "/api/conversations?agentId=x")).statusCode).toBe(400);
    expect((await call("GET", `${url}?role=user`)).statusCode).toBe(400);
  });
});
