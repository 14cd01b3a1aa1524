/**
 * Federation part 2, server side, end to end on the harness: real gateway processes on 127.0.0.1
 * (A holds data, B pairs with the built CLI), A's mutual-TLS listener read with a peer certificate
 * from real enrollment, revocation by A's CLI taking effect on a kept-alive connection.
 */
import { FederatedSearchResponse, federatedListResponse } from "@mosaic/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  enrollDirect,
  type FederatedGateway,
  pairGateways,
  SHARE_ALL,
  seedBed,
  startFederationBed,
} from "./support/federation.js";
import { fedCall, fedCallOnce, peerAgent } from "./support/federationClient.js";
import type { SeededBrain } from "./support/federationSeed.js";

let bed: Awaited<ReturnType<typeof startFederationBed>>;
let A: FederatedGateway;
let B: FederatedGateway;
let seed: SeededBrain;

beforeAll(async () => {
  bed = await startFederationBed(2);
  [A, B] = bed.gateways as [FederatedGateway, FederatedGateway];
  seed = await seedBed(A);
}, 320_000);
afterAll(async () => {
  await bed?.stop();
});

const sorted = (...lists: string[][]) => lists.flat().sort();

describe("A's federation listener (real processes)", { timeout: 180_000 }, () => {
  it("B pairs with A through the CLI; A's grant is then active with B's certificate serial", async () => {
    const paired = await pairGateways(A, B, { name: "a", scope: SHARE_ALL });
    const grant = await A.api("GET", `/api/federation/grants/${paired.grantId}`);
    expect(grant.json).toMatchObject({ grant: { status: "active" } });
    const peer = await B.cli(["federation", "peer", "show", "a", "--json"]);
    expect(JSON.parse(peer.stdout).peer.certSerial).toBe(
      (grant.json as { grant: { currentCertSerial: string } }).grant.currentCertSerial,
    );
  });

  it("serves capabilities, list, get and search of tasks, notes and memory in scope, tagged and audited", async () => {
    const peer = await enrollDirect(A, { ...SHARE_ALL, excluded_resources: ["projects"] });
    const agent = peerAgent(peer);
    try {
      const caps = await fedCall(agent, A.federationPort, "GET", "capabilities");
      expect(caps.json).toMatchObject({ grantId: peer.grantId, resources: ["missions", "tasks", "notes", "memory"] });

      const tasks = await fedCall(agent, A.federationPort, "POST", "list/tasks", { filter: {} });
      const listed = federatedListResponse("tasks").parse(tasks.json);
      expect(listed.items.map((i) => i.id).sort()).toEqual(sorted(seed.tasks.personal, seed.tasks.team));
      expect(new Set(listed.items.map((i) => i._source))).toEqual(new Set(["127.0.0.1"]));

      const notes = federatedListResponse("notes").parse(
        (await fedCall(agent, A.federationPort, "POST", "list/notes", {})).json,
      );
      expect(notes.items.map((i) => i.id).sort()).toEqual(
        sorted(seed.notes.personal, seed.notes.personalProject, seed.notes.team),
      );
      const memory = federatedListResponse("memory").parse(
        (await fedCall(agent, A.federationPort, "POST", "list/memory", {})).json,
      );
      expect(memory.items.map((i) => i.id).sort()).toEqual(sorted(seed.memory.personal, seed.memory.team));

      const got = await fedCall(agent, A.federationPort, "POST", `get/notes/${seed.notes.team[0]}`);
      expect(got.json).toMatchObject({ item: { id: seed.notes.team[0], _source: "127.0.0.1" } });
      const hidden = await fedCall(agent, A.federationPort, "POST", `get/tasks/${seed.tasks.outsider[0]}`);
      expect(hidden.status).toBe(404);

      const search = FederatedSearchResponse.parse(
        (await fedCall(agent, A.federationPort, "POST", "search/memory", { query: "searchable" })).json,
      );
      expect(search.items.map((i) => i.id).sort()).toEqual(sorted(seed.memory.personal, seed.memory.team));

      const projects = await fedCall(agent, A.federationPort, "POST", "list/projects", {});
      expect(projects.status).toBe(403);

      const audit = await A.api("GET", `/api/federation/audit?grantId=${peer.grantId}&limit=50`);
      const rows = (audit.json as { items: Array<{ action: string; outcome: string; reason: string | null }> }).items;
      expect(rows.filter((r) => ["capabilities", "list", "get", "search"].includes(r.action)).length).toBe(8);
      expect(rows.find((r) => r.action === "get" && r.outcome === "denied")?.reason).toBe("out_of_scope");
      expect(rows.find((r) => r.action === "list" && r.outcome === "denied")?.reason).toBe("resource_excluded");
    } finally {
      await agent.destroy();
    }
  });

  it("revoking with A's CLI while a keep-alive connection is open: the next request is refused 403 grant_revoked", async () => {
    const peer = await enrollDirect(A, SHARE_ALL);
    const agent = peerAgent(peer, 1);
    try {
      expect((await fedCall(agent, A.federationPort, "GET", "capabilities")).status).toBe(200);
      const disconnected = new Promise<void>((resolve) => agent.once("disconnect", () => resolve()));
      const revoked = await A.cli(["federation", "grant", "revoke", peer.grantId, "--json"]);
      expect(revoked.code, revoked.stderr).toBe(0);
      await disconnected;
      const next = await fedCall(agent, A.federationPort, "GET", "capabilities");
      expect(next.status).toBe(403);
      expect((next.json as { error: { reason: string } }).error.reason).toBe("grant_revoked");
    } finally {
      await agent.destroy();
    }
  });

  it("the main API port is no federation endpoint: a verb path there is a 404, with or without a token", async () => {
    const anonymous = await fetch(`${A.proc.url}/api/federation/v1/capabilities`);
    expect([401, 404]).toContain(anonymous.status);
    const withToken = await A.api("POST", "/api/federation/v1/list/tasks", {});
    expect(withToken.status).toBe(404);
  });

  it("a client without a certificate never gets an HTTP answer from 4243", async () => {
    const ca = await enrollDirect(A, SHARE_ALL);
    await expect(fedCallOnce({ caPem: ca.caPem }, A.federationPort, "GET", "capabilities")).rejects.toThrow();
  });
});
