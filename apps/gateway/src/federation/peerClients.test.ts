/** @module The peer client registry on a real PGlite store: lazy build, rebuild on a new certificate, drop on removal. */
import { randomBytes, randomUUID } from "node:crypto";
import { createRepositories, type PeerInsert, type Store } from "@mosaic/db";
import { createCa, peerKeyAad, seal } from "@mosaic/federation";
import { issueTestLeaf } from "@mosaic/federation/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localConfig, localStore } from "../test/fixtures.js";
import { createPeerClients } from "./peerClients.js";

let store: Store;
let repos: ReturnType<typeof createRepositories>;
const sealKey = randomBytes(32);
const warnings: string[] = [];

beforeAll(async () => {
  store = await localStore(localConfig());
  repos = createRepositories(store.db);
});
afterAll(async () => {
  await store?.close();
});

async function addPeer(name: string, state: PeerInsert["state"] = "active") {
  const ca = await createCa({ commonName: `CA of ${name}` });
  const leaf = await issueTestLeaf(ca);
  const id = randomUUID();
  const row = await repos.federationPeers.create({
    id,
    name,
    federationUrl: "https://127.0.0.1:1",
    enrollHost: "127.0.0.1",
    caCertPem: ca.certPem,
    caFingerprint: `fp-${name}`,
    clientCertPem: leaf.certPem,
    clientKeySealed: seal(leaf.privateKeyPem, sealKey, peerKeyAad(id)),
    certSerial: "01",
    grantId: randomUUID(),
    subjectUserId: "subject",
    certNotAfter: new Date(Date.now() + 86_400_000),
    state,
  });
  if (!row) throw new Error("peer insert failed");
  return { row, ca };
}

function registry(key = sealKey) {
  return createPeerClients({
    peers: repos.federationPeers,
    sealKey: key,
    timeoutMs: 500,
    now: () => new Date(),
    warn: (message) => warnings.push(message),
  });
}

describe("peer client registry", () => {
  it("builds one client per peer on first use and reuses it", async () => {
    await addPeer("reuse-a");
    const clients = registry();
    expect(clients.size()).toBe(0);
    const first = await clients.peer("reuse-a");
    const again = await clients.peer("reuse-a");
    expect(again.client).toBe(first.client);
    expect(clients.size()).toBe(1);
    await clients.closeAll();
  });

  it("rebuilds the client when the peer's certificate changes", async () => {
    const { row, ca } = await addPeer("rotated");
    const clients = registry();
    const before = (await clients.peer("rotated")).client;
    const next = await issueTestLeaf(ca);
    await repos.federationPeers.remove("rotated");
    await repos.federationPeers.create({
      ...row,
      clientCertPem: next.certPem,
      clientKeySealed: seal(next.privateKeyPem, sealKey, peerKeyAad(row.id)),
      certSerial: "02",
    });
    const after = (await clients.peer("rotated")).client;
    expect(after).not.toBe(before);
    expect(clients.size()).toBe(1);
    await clients.closeAll();
  });

  it("answers 404 naming a peer that is unknown or not active, and forgets its client", async () => {
    await addPeer("suspended-one", "suspended");
    const clients = registry();
    await expect(clients.peer("nobody")).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining("nobody"),
    });
    await expect(clients.peer("suspended-one")).rejects.toMatchObject({ code: "not_found" });
    expect((await clients.activePeers()).map((p) => p.row.name)).not.toContain("suspended-one");
  });

  it("drops a removed peer's client on the next listing", async () => {
    await addPeer("removed-later");
    const clients = registry();
    await clients.activePeers();
    const had = clients.size();
    await repos.federationPeers.remove("removed-later");
    const names = (await clients.activePeers()).map((p) => p.row.name);
    expect(names).not.toContain("removed-later");
    expect(clients.size()).toBe(had - 1);
    await clients.closeAll();
  });

  it("refuses to build with the wrong seal key, without the key or PEM in the error", async () => {
    await addPeer("wrong-key");
    const clients = registry(randomBytes(32));
    const err = (await clients.peer("wrong-key").then(
      () => null,
      (e: unknown) => e,
    )) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).not.toContain("PRIVATE KEY");
    expect(err.message).toContain("authentication");
  });
});
