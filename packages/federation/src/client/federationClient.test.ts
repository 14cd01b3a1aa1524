/** @module The mTLS client against a real HTTPS server: verbs, retagging, keep-alive, and every error kind. */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreatedCa, createCa } from "../ca/rootCa.js";
import { enrolledClientCertificate, type HttpsPeer, startHttpsPeer } from "../test/httpsPeer.js";
import { FederationClientError } from "./clientError.js";
import { createFederationClient, type FederationClient, type PeerConnection } from "./federationClient.js";

let peer: HttpsPeer;
let connection: PeerConnection;
const clients: FederationClient[] = [];

beforeAll(async () => {
  peer = await startHttpsPeer();
  connection = {
    name: "gateway-a",
    federationUrl: peer.url,
    caCertPem: peer.ca.certPem,
    ...(await enrolledClientCertificate(peer.ca)),
  };
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await peer?.close();
});

function clientFor(conn: PeerConnection = connection, timeoutMs = 3000, onOutcome?: (o: string) => void) {
  const client = createFederationClient({ peer: conn, timeoutMs, onOutcome });
  clients.push(client);
  return client;
}

function task(source = "a.example") {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    projectId: randomUUID(),
    missionId: null,
    milestoneId: null,
    externalId: null,
    title: "from A",
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
    createdAt: now,
    updatedAt: now,
    _source: source,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<FederationClientError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(FederationClientError);
    return err as FederationClientError;
  }
  throw new Error("expected the call to fail");
}

describe("federation client: verbs", () => {
  it("lists over mTLS, sends the wire body, and tags items with B's name for the peer", async () => {
    const item = task();
    peer.respond(() => ({ status: 200, body: { items: [item], next_cursor: "c2" } }));
    const outcomes: string[] = [];
    const page = await clientFor(connection, 3000, (o) => outcomes.push(o)).list("tasks", {
      filter: { status: "not-started" },
      limit: 10,
    });
    expect(page).toEqual({ items: [{ ...item, _source: "gateway-a" }], next_cursor: "c2" });
    expect(peer.seen.at(-1)).toEqual({
      method: "POST",
      url: "/api/federation/v1/list/tasks",
      body: { filter: { status: "not-started" }, limit: 10 },
    });
    expect(outcomes).toEqual(["success"]);
  });

  it("gets one item and searches, each answer parsed with the contract", async () => {
    const item = task();
    const client = clientFor();
    peer.respond(() => ({ status: 200, body: { item } }));
    expect((await client.get("tasks", item.id)).item._source).toBe("gateway-a");
    expect(peer.seen.at(-1)?.url).toBe(`/api/federation/v1/get/tasks/${item.id}`);
    const hit = {
      kind: "note",
      id: randomUUID(),
      projectId: null,
      title: "t",
      snippet: "s",
      score: 0.5,
      ranks: { vector: null, text: 1 },
      _source: "a",
    };
    peer.respond(() => ({ status: 200, body: { mode: "fulltext", items: [hit] } }));
    expect(await client.search("notes", { query: "hello", limit: 5 })).toEqual({
      mode: "fulltext",
      items: [{ ...hit, _source: "gateway-a" }],
    });
    expect(peer.seen.at(-1)?.body).toEqual({ query: "hello", limit: 5 });
  });

  it("reuses its TLS connections for consecutive calls (keep-alive)", async () => {
    peer.respond(() => ({ status: 200, body: { items: [], next_cursor: null } }));
    const client = clientFor();
    const before = peer.handshakes();
    for (let i = 0; i < 20; i += 1) await client.list("notes", {});
    // undici may open a second socket when a call follows the previous answer within the same tick;
    // without keep-alive this would be 20.
    expect(peer.handshakes() - before).toBeLessThanOrEqual(2);
  });
});

describe("federation client: A's refusals keep their status and reason", () => {
  const cases = [
    { status: 401, reason: "missing_grant_id", kind: "unauthenticated" },
    { status: 403, reason: "grant_revoked", kind: "forbidden" },
    { status: 403, reason: "resource_excluded", kind: "forbidden" },
    { status: 404, reason: undefined, kind: "not_found" },
    { status: 429, reason: undefined, kind: "rate_limited" },
    { status: 500, reason: undefined, kind: "server" },
    { status: 503, reason: undefined, kind: "server" },
  ] as const;
  for (const c of cases) {
    it(`HTTP ${c.status}${c.reason ? ` ${c.reason}` : ""} → ${c.kind}`, async () => {
      peer.respond(() => ({
        status: c.status,
        body: { error: { code: "x", message: "refused", ...(c.reason ? { reason: c.reason } : {}) } },
        headers: c.status === 429 ? { "retry-after": "7" } : ({} as Record<string, string>),
      }));
      const outcomes: string[] = [];
      const err = await failureOf(clientFor(connection, 3000, (o) => outcomes.push(o)).list("tasks", {}));
      expect(err).toMatchObject({ kind: c.kind, httpStatus: c.status, reason: c.reason, peer: "gateway-a" });
      expect(err.message).toContain("peer gateway-a");
      expect(err.message).toContain(`HTTP ${c.status}`);
      if (c.status === 429) expect(err.retryAfterSeconds).toBe(7);
      expect(outcomes).toEqual([c.kind === "not_found" ? "success" : "failure"]);
    });
  }
});

describe("federation client: bad payloads", () => {
  it("a 200 that is not JSON → bad_payload", async () => {
    peer.respond(() => ({ status: 200, raw: "<html>hello</html>" }));
    expect((await failureOf(clientFor().list("tasks", {}))).kind).toBe("bad_payload");
  });

  it("a 200 whose items do not match the contract → bad_payload", async () => {
    peer.respond(() => ({ status: 200, body: { items: [{ id: "nope" }], next_cursor: null } }));
    expect((await failureOf(clientFor().list("tasks", {}))).kind).toBe("bad_payload");
  });

  it("an item of the wrong resource → bad_payload", async () => {
    peer.respond(() => ({ status: 200, body: { item: task() } }));
    expect((await failureOf(clientFor().get("notes", randomUUID()))).kind).toBe("bad_payload");
  });
});

describe("federation client: transport failures", () => {
  it("a peer that accepts and never answers → timeout", async () => {
    peer.respond(() => "hang");
    const err = await failureOf(clientFor(connection, 300).list("tasks", {}));
    expect(err.kind).toBe("timeout");
  });

  it("a TLS server that accepts the TCP connection and never speaks → timeout", async () => {
    const silent = await startSilentServer();
    try {
      const err = await failureOf(clientFor({ ...connection, federationUrl: silent.url }, 300).list("tasks", {}));
      expect(err.kind).toBe("timeout");
    } finally {
      await silent.close();
    }
  });

  it("connection refused → network", async () => {
    const closed = await startSilentServer();
    await closed.close();
    const err = await failureOf(clientFor({ ...connection, federationUrl: closed.url }).list("tasks", {}));
    expect(err).toMatchObject({ kind: "network", causeCode: "ECONNREFUSED" });
  });

  it("a server whose certificate is not from the pinned CA → tls", async () => {
    const impostor = await startHttpsPeer();
    try {
      impostor.respond(() => ({ status: 200, body: { items: [], next_cursor: null } }));
      const err = await failureOf(clientFor({ ...connection, federationUrl: impostor.url }).list("tasks", {}));
      expect(err.kind).toBe("tls");
      expect(impostor.seen).toEqual([]);
    } finally {
      await impostor.close();
    }
  });

  it("a server certificate for another host name → tls (the name is checked, not just the CA)", async () => {
    const misnamed = await startHttpsPeer({ ca: peer.ca, hostnames: ["other.example"], ips: [] });
    try {
      const err = await failureOf(clientFor({ ...connection, federationUrl: misnamed.url }).list("tasks", {}));
      expect(err).toMatchObject({ kind: "tls", causeCode: "ERR_TLS_CERT_ALTNAME_INVALID" });
    } finally {
      await misnamed.close();
    }
  });

  it("A refusing our client certificate (another CA issued it) → tls or network, never a result", async () => {
    const otherCa: CreatedCa = await createCa({ commonName: "Not A" });
    const stranger = { ...connection, ...(await enrolledClientCertificate(otherCa)) };
    peer.respond(() => ({ status: 200, body: { items: [], next_cursor: null } }));
    const before = peer.seen.length;
    const err = await failureOf(clientFor(stranger).list("tasks", {}));
    expect(["tls", "network"]).toContain(err.kind);
    expect(peer.seen.length).toBe(before);
  });

  it("error messages never carry the key, the certificates or the URL", async () => {
    peer.respond(() => ({
      status: 403,
      body: { error: { code: "forbidden", message: "no", reason: "grant_revoked" } },
    }));
    const err = await failureOf(clientFor().list("tasks", {}));
    const text = `${err.message} ${JSON.stringify(err)}`;
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain("CERTIFICATE");
    expect(text).not.toContain(String(peer.port));
    expect(err.shortReason).toBe("forbidden: grant_revoked");
  });
});

/** A TCP server that accepts connections and never writes a byte (a hung TLS peer). */
async function startSilentServer() {
  const sockets = new Set<Socket>();
  const server: Server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
