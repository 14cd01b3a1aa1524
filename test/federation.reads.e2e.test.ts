/**
 * Federation part 2, B's side, end to end on the harness (docs/federation/HARNESS.md): real gateway
 * processes, B paired with A and C through the built CLI, reads with `?source=` over real mTLS to
 * A's and C's real listeners, the CLI's SOURCE column, a peer killed, and a peer that hangs.
 */
import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, type CliResult, runCli, tempHome } from "./support/cli.js";
import {
  type FederatedGateway,
  pairGateways,
  SHARE_ALL,
  seedBed,
  startFederatedGateway,
  startFederationBed,
} from "./support/federation.js";
import type { SeededBrain } from "./support/federationSeed.js";

const TIMEOUT_MS = 1500;

let bed: Awaited<ReturnType<typeof startFederationBed>>;
let A: FederatedGateway;
let C: FederatedGateway;
let B: FederatedGateway;
let seed: SeededBrain;
let localTask: string;
let cTask: string;
/** A CLI home logged in to B as its admin (the general commands read the stored login). */
let cliHome: string;
const cli = (args: string[]): Promise<CliResult> =>
  runCli(args, baseEnv({ MOSAIC_HOME: cliHome, MOSAIC_URL: B.proc.url }));

type Item = { id: string; title?: string; _source?: string };
type Page = {
  items: Item[];
  nextCursor: string | null;
  _partial?: boolean;
  _errors?: { peer: string; reason: string }[];
};

beforeAll(async () => {
  [bed, B] = await Promise.all([
    startFederationBed(2),
    startFederatedGateway("b", { MOSAIC_FEDERATION_TIMEOUT_MS: String(TIMEOUT_MS) }),
  ]);
  [A, C] = bed.gateways as [FederatedGateway, FederatedGateway];
  seed = await seedBed(A);
  await pairGateways(A, B, { name: "gw-a", scope: SHARE_ALL });
  await pairGateways(C, B, { name: "gw-c", scope: SHARE_ALL });
  const cProject = (await C.api("POST", "/api/projects", { name: "C's project" })).json as { project: { id: string } };
  cTask = (
    (await C.api("POST", `/api/projects/${cProject.project.id}/tasks`, { title: "C's task" })).json as {
      task: { id: string };
    }
  ).task.id;
  const bProject = (await B.api("POST", "/api/projects", { name: "B's project" })).json as { project: { id: string } };
  localTask = (
    (await B.api("POST", `/api/projects/${bProject.project.id}/tasks`, { title: "B's own task" })).json as {
      task: { id: string };
    }
  ).task.id;
  cliHome = tempHome();
  const login = await cli(["login", "--token", B.admin.token]);
  if (login.code !== 0) throw new Error(`CLI login on B failed: ${login.stderr}`);
}, 320_000);

afterAll(async () => {
  await Promise.allSettled([bed?.stop(), B?.proc.stop()]);
});

const sorted = (...lists: string[][]) => lists.flat().sort();

describe("B reads through its peers (real processes)", { timeout: 180_000 }, () => {
  it("lists A's tasks, notes and memory with source=federated:gw-a, each item tagged gw-a, nothing out of scope", async () => {
    const tasks = (await B.api("GET", "/api/tasks?source=federated:gw-a&limit=100")).json as Page;
    expect(tasks.items.map((t) => t.id).sort()).toEqual(sorted(seed.tasks.personal, seed.tasks.team));
    expect(new Set(tasks.items.map((t) => t._source))).toEqual(new Set(["gw-a"]));
    const notes = (await B.api("GET", "/api/notes?source=federated:gw-a&limit=100")).json as Page;
    expect(notes.items.map((n) => n.id).sort()).toEqual(
      sorted(seed.notes.personal, seed.notes.personalProject, seed.notes.team),
    );
    const memory = (await B.api("GET", "/api/memory/insights?source=federated:gw-a&limit=100")).json as Page;
    expect(memory.items.map((i) => i.id).sort()).toEqual(sorted(seed.memory.personal, seed.memory.team));
    expect(memory.items.every((i) => i._source === "gw-a")).toBe(true);
  });

  it("gets one of A's tasks, notes and insights by id, through federated:gw-a and through all", async () => {
    const [taskId, noteId, insightId] = [seed.tasks.team[0], seed.notes.personal[0], seed.memory.team[0]];
    const task = await B.api("GET", `/api/tasks/${taskId}?source=federated:gw-a`);
    expect(task.json).toMatchObject({ task: { id: taskId, _source: "gw-a" } });
    const note = await B.api("GET", `/api/notes/${noteId}?source=all`);
    expect(note.json).toMatchObject({ note: { id: noteId, _source: "gw-a" } });
    const insight = await B.api("GET", `/api/memory/insights/${insightId}?source=all`);
    expect(insight.json).toMatchObject({ insight: { id: insightId, _source: "gw-a" } });
    const outsider = await B.api("GET", `/api/tasks/${seed.tasks.outsider[0]}?source=federated:gw-a`);
    expect(outsider.status).toBe(404);
  });

  it("source=all merges B, A and C, every item tagged, and B's local read is untouched", async () => {
    const all = (await B.api("GET", "/api/tasks?source=all&limit=100")).json as Page;
    expect(all._partial).toBeUndefined();
    const bySource = (source: string) => all.items.filter((t) => t._source === source).map((t) => t.id);
    expect(bySource("local")).toEqual([localTask]);
    expect(bySource("gw-a").sort()).toEqual(sorted(seed.tasks.personal, seed.tasks.team));
    expect(bySource("gw-c")).toEqual([cTask]);
    const local = (await B.api("GET", "/api/tasks")).json as Page;
    expect(local.items.map((t) => t.id)).toEqual([localTask]);
    expect(local.items[0]).not.toHaveProperty("_source");
    const search = (await B.api("GET", "/api/search?q=searchable&source=all")).json as { items: Item[] };
    expect(search.items.length).toBeGreaterThan(0);
    expect(search.items.every((h) => h._source === "gw-a")).toBe(true);
  });

  it("the CLI's --source all shows the SOURCE column; --json passes _source through", async () => {
    const table = await cli(["task", "list", "--source", "all", "--limit", "100"]);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trim().split("\n");
    expect(header?.split(/\s+/)[0]).toBe("SOURCE");
    const sources = new Set(rows.map((row) => row.split(/\s+/)[0]));
    expect(sources).toEqual(new Set(["local", "gw-a", "gw-c"]));
    expect(table.stderr).not.toContain("partial:");
    const json = await cli(["note", "list", "--source", "federated:gw-a", "--json"]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as Page).items.every((n) => n._source === "gw-a")).toBe(true);
  });

  it("with C killed, source=all answers _partial naming gw-c, with B's and A's results; the CLI warns and exits 0", async () => {
    await C.proc.stop();
    const all = await B.api("GET", "/api/tasks?source=all&limit=100");
    expect(all.status).toBe(200);
    const page = all.json as Page;
    expect(page._partial).toBe(true);
    expect(page._errors).toEqual([{ peer: "gw-c", reason: "network" }]);
    expect(page.items.some((t) => t._source === "gw-a")).toBe(true);
    expect(page.items.some((t) => t._source === "local")).toBe(true);
    const warned = await cli(["task", "list", "--source", "all"]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain("partial: gw-c unreachable (network)");
    expect(warned.stdout.split("\n")[0]?.split(/\s+/)[0]).toBe("SOURCE");
    const one = await cli(["task", "list", "--source", "federated:gw-c"]);
    expect(one.code).toBe(3);
    expect(one.stderr).toContain("gw-c");
  });

  it("with C's port held by a server that accepts and never answers, the answer arrives within the timeout", async () => {
    const hung = await hangOn(C.federationPort);
    try {
      const started = Date.now();
      const all = await B.api("GET", "/api/tasks?source=all&limit=100");
      const elapsed = Date.now() - started;
      expect(all.status).toBe(200);
      expect((all.json as Page)._errors).toEqual([{ peer: "gw-c", reason: "timeout" }]);
      expect((all.json as Page).items.some((t) => t._source === "gw-a")).toBe(true);
      // Without the timeout this would wait forever; generous slack for a loaded machine.
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 10_000);
      expect(hung.accepted()).toBeGreaterThan(0);
    } finally {
      await hung.close();
    }
  });
});

/** Listens on 127.0.0.1:`port`, accepts every connection and never writes a byte. */
async function hangOn(port: number) {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    accepted: () => accepted,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
