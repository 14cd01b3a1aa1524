import type { WsServerFrame } from "@mosaic/contracts";
import type { Store } from "@mosaic/db";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { buildApp } from "../app.js";
import { signUp, type TestUser } from "../test/actors.js";
import { localConfig, localStore } from "../test/fixtures.js";

let app: FastifyInstance;
let store: Store;
let url: string;
let ada: TestUser;
let bob: TestUser;
let cyd: TestUser;

beforeAll(async () => {
  const config = localConfig();
  store = await localStore(config);
  app = await buildApp({ config, store, logger: false, liveReauthIntervalMs: 200 });
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `ws://127.0.0.1:${(app.server.address() as { port: number }).port}/api/ws`;
  ada = await signUp(app, "ada");
  bob = await signUp(app, "bob");
  cyd = await signUp(app, "cyd");
});
afterAll(async () => {
  await app.close();
  await store.close();
});

/** A connected client that records every frame it receives. */
async function connect(headers: Record<string, string>) {
  const socket = new WebSocket(url, { headers });
  const frames: WsServerFrame[] = [];
  socket.on("message", (raw) => frames.push(JSON.parse(String(raw)) as WsServerFrame));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  await until(() => frames.length > 0); // the hello
  return { socket, frames, events: () => frames.filter((f) => f.type === "event") };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  await countConnections();
  while (!check()) {
    await countConnections();
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

let openConnections = -1;
async function countConnections(): Promise<void> {
  openConnections = await new Promise<number>((resolve) => app.server.getConnections((_err, n) => resolve(n)));
}

function rejection(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.on("open", () => resolve(101));
    socket.on("error", () => {});
  });
}

describe("GET /api/ws", () => {
  it("401 without credentials, with a malformed bearer, or with an unknown token — and the socket is closed", async () => {
    expect(await rejection({})).toBe(401);
    expect(await rejection({ authorization: "Bearer" })).toBe(401);
    expect(await rejection({ authorization: "Bearer mos_notarealtoken000000000000000000000000000" })).toBe(401);
    await until(() => openConnections === 0);
  });

  it("greets, answers ping, and rejects malformed frames without closing", async () => {
    const client = await connect(ada.bearer);
    expect(client.frames[0]).toMatchObject({
      v: 1,
      type: "res",
      id: null,
      ok: true,
      result: { hello: { userId: ada.id } },
    });
    client.socket.send(JSON.stringify({ v: 1, type: "req", id: "p1", method: "ping" }));
    client.socket.send("{nope");
    client.socket.send(JSON.stringify({ v: 2, type: "req", id: "x", method: "ping" }));
    await until(() => client.frames.length === 4);
    expect(client.frames[1]).toEqual({ v: 1, type: "res", id: "p1", ok: true, result: { pong: true } });
    expect(client.frames[2]).toMatchObject({
      ok: false,
      error: { code: "validation_error", message: "frame is not JSON" },
    });
    expect(client.frames[3]).toMatchObject({ ok: false, error: { message: "frame does not match the protocol" } });
    client.socket.close();
  });

  it("delivers a change only to users who can read it (session cookie or token)", async () => {
    const adaLive = await connect({ cookie: ada.cookie });
    const bobLive = await connect(bob.bearer);
    const cydLive = await connect(cyd.bearer);

    const team = await app.inject({ method: "POST", url: "/api/teams", headers: ada.bearer, payload: { name: "X" } });
    const teamId = team.json().team.id as string;
    await app.inject({
      method: "POST",
      url: `/api/teams/${teamId}/members`,
      headers: ada.bearer,
      payload: { email: cyd.email },
    });

    const personal = await app.inject({
      method: "POST",
      url: "/api/projects",
      headers: ada.bearer,
      payload: { name: "Ada's secret plan", description: "" },
    });
    const shared = await app.inject({
      method: "POST",
      url: "/api/projects",
      headers: ada.bearer,
      payload: { name: "Team plan", description: "", teamId },
    });
    expect(personal.statusCode).toBe(201);
    expect(shared.statusCode).toBe(201);

    await until(() => adaLive.events().length === 2 && cydLive.events().length === 1);
    await new Promise((r) => setTimeout(r, 200)); // give a wrongly-delivered event time to arrive
    const names = (c: typeof adaLive) =>
      c.events().map((f) => (f.type === "event" ? `${f.event.name}:${f.event.data?.name}` : ""));
    expect(names(adaLive)).toEqual(["project.created:Ada's secret plan", "project.created:Team plan"]);
    expect(names(cydLive)).toEqual(["project.created:Team plan"]);
    expect(bobLive.events()).toEqual([]);
    expect(JSON.stringify(bobLive.frames)).not.toContain("secret plan");

    // A deletion reaches the team, though the project row is gone by then.
    await app.inject({ method: "DELETE", url: `/api/projects/${shared.json().project.id}`, headers: ada.bearer });
    await until(() => cydLive.events().length === 2);
    expect(names(cydLive)[1]).toBe("project.deleted:Team plan");
    for (const c of [adaLive, bobLive, cydLive]) c.socket.close();
  });

  it("closes an open socket once its token is revoked", async () => {
    const live = await connect(bob.bearer);
    const closed = new Promise<number>((resolve) => live.socket.on("close", (code) => resolve(code)));
    const list = await app.inject({ method: "GET", url: "/api/tokens", headers: { cookie: bob.cookie } });
    const tokenId = list.json().items[0].id as string;
    const revoked = await app.inject({
      method: "DELETE",
      url: `/api/tokens/${tokenId}`,
      headers: { cookie: bob.cookie },
    });
    expect(revoked.statusCode).toBe(204);
    expect(await closed).toBe(4401);
  });
});
