/**
 * @module A local stand-in for the gateway's wire protocol — projects, tasks, missions, notes, search,
 * peers and `?source=` reads (items tagged `_source`, `_partial`/`_errors` for a down peer),
 * /api/ws — for the TUI's component tests (real HTTP, real WebSocket; answers parsed by the real contracts).
 * The real gateway is exercised by the tmux end-to-end test (apps/cli/test/tui.e2e.test.ts).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BrainEvent,
  MilestoneView,
  MissionView,
  NoteView,
  ProjectView,
  SearchHit,
  TaskStatus,
  TaskView,
} from "@mosaic/contracts";
import { WebSocketServer } from "ws";

export interface FakeGateway {
  url: string;
  projects: ProjectView[];
  tasks: TaskView[];
  /** Every request as `METHOD path body`, to assert what the TUI asked for. */
  requests: string[];
  /** Task ids whose moves answer 409 with this message (the dependency rule's wording). */
  refuseMoves: Map<string, string>;
  missions: MissionView[];
  milestones: MilestoneView[];
  notes: NoteView[];
  /** Insights for search: `{ id, category, content }`. */
  insights: Array<{ id: string; category: string; content: string }>;
  /** Note ids whose saves answer 409 with this message. */
  refuseSaves: Map<string, string>;
  /** Every `q` the search endpoint received, in order. */
  searches: string[];
  /** Queries whose answer is held back this long (ms), to race a newer query against them. */
  searchDelays: Map<string, number>;
  /** Queries whose request the client dropped before the answer was sent. */
  abandonedSearches: string[];
  /** Peer gateways by name, with the tasks and notes each one answers `?source=` reads with. */
  peers: Map<string, { tasks: TaskView[]; notes: NoteView[] }>;
  /** Peers that fail (name → reason): `all` answers `_partial` without them. */
  downPeers: Map<string, string>;
  /** When set, `GET /api/federation/peers` answers 403 (a member, not an admin). */
  peersForbidden: { value: boolean };
  /** Pushes an event frame to every open socket, as the gateway's event bus does. */
  publish(event: Omit<BrainEvent, "ownerUserId" | "actorId" | "at">): void;
  close(): Promise<void>;
}

const NOW = "2026-01-01T00:00:00.000Z";

/** A peer as `GET /api/federation/peers` lists it (active, with made-up certificate fields). */
function peerView(name: string) {
  return {
    id: randomUUID(),
    name,
    federationUrl: `https://${name}.example:4243`,
    enrollHost: `${name}.example`,
    caFingerprint: "00".repeat(32),
    grantId: randomUUID(),
    subjectUserId: randomUUID(),
    certSerial: "01",
    certNotAfter: "2027-01-01T00:00:00.000Z",
    state: "active",
    lastSuccessAt: null,
    lastFailureAt: null,
    createdAt: NOW,
  };
}

export function project(name: string): ProjectView {
  const id = randomUUID();
  return {
    id,
    name,
    description: "",
    status: "active",
    owner: { kind: "user", userId: randomUUID() },
    createdAt: NOW,
    updatedAt: NOW,
  };
}

export function mission(projectId: string, title: string): MissionView {
  return {
    id: randomUUID(),
    projectId,
    title,
    goal: "",
    status: "active",
    preamble: "",
    extraColumns: [],
    createdAt: NOW,
    updatedAt: NOW,
  };
}

export function milestone(missionId: string, ordinal: number, title: string): MilestoneView {
  const fields = { goal: "", description: "", createdAt: NOW, updatedAt: NOW };
  return { id: randomUUID(), missionId, ordinal, externalId: `M${ordinal}`, title, ...fields };
}

export function note(projectId: string | null, title: string, body = ""): NoteView {
  const fields = { tags: [], embeddingModel: null, createdAt: NOW, updatedAt: NOW };
  return { id: randomUUID(), projectId, ownerUserId: OWNER, title, body, ...fields };
}

const OWNER = randomUUID();

export function task(projectId: string, title: string, status: TaskStatus, position = 0): TaskView {
  return {
    id: randomUUID(),
    projectId,
    missionId: null,
    milestoneId: null,
    externalId: null,
    title,
    description: "",
    status,
    priority: "normal",
    assignee: null,
    dependsOn: [],
    estimate: null,
    branch: null,
    issue: null,
    notes: null,
    dueDate: null,
    position,
    extra: {},
    createdAt: NOW,
    updatedAt: NOW,
  };
}

/** Starts on `port` (0: any free port). */
export async function startFakeGateway(port = 0): Promise<FakeGateway> {
  const state = {
    projects: [] as ProjectView[],
    tasks: [] as TaskView[],
    requests: [] as string[],
    refuseMoves: new Map<string, string>(),
    missions: [] as MissionView[],
    milestones: [] as MilestoneView[],
    notes: [] as NoteView[],
    insights: [] as Array<{ id: string; category: string; content: string }>,
    refuseSaves: new Map<string, string>(),
    searches: [] as string[],
    searchDelays: new Map<string, number>(),
    abandonedSearches: [] as string[],
    peers: new Map<string, { tasks: TaskView[]; notes: NoteView[] }>(),
    downPeers: new Map<string, string>(),
    peersForbidden: { value: false },
  };
  /** A `?source=` read: local items (tagged `local` unless the read is local), then each peer's, tagged. */
  const sourced = <T>(
    source: string | null,
    local: T[],
    pick: (peer: { tasks: TaskView[]; notes: NoteView[] }) => T[],
  ) => {
    if (!source || source === "local") return { items: local, nextCursor: null };
    const names = source === "all" ? [...state.peers.keys()] : [source.slice("federated:".length)];
    const items: Array<T & { _source: string }> =
      source === "all" ? local.map((x) => ({ ...x, _source: "local" })) : [];
    const errors: Array<{ peer: string; reason: string }> = [];
    for (const name of names) {
      const down = state.downPeers.get(name);
      const peer = state.peers.get(name);
      if (down || !peer) errors.push({ peer: name, reason: down ?? "unknown peer" });
      else items.push(...pick(peer).map((x) => ({ ...x, _source: name })));
    }
    return { items, nextCursor: null, ...(errors.length ? { _partial: true, _errors: errors } : {}) };
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const [path = "", search = ""] = (req.url ?? "").split("?");
    const query = new URLSearchParams(search);
    state.requests.push(`${req.method} ${path}${body ? ` ${body}` : ""}`);
    const notFound = () => send(res, 404, { error: { code: "not_found", message: "not found" } });
    const projectMatch = path.match(/^\/api\/projects\/([^/]+)$/);
    const tasksMatch = path.match(/^\/api\/projects\/([^/]+)\/tasks$/);
    const moveMatch = path.match(/^\/api\/tasks\/([^/]+)\/move$/);
    if (req.method === "GET" && path === "/api/federation/peers") {
      if (state.peersForbidden.value) return send(res, 403, { error: { code: "forbidden", message: "admins only" } });
      return send(res, 200, { items: [...state.peers.keys()].map(peerView) });
    }
    if (req.method === "GET" && path === "/api/tasks")
      return send(
        res,
        200,
        sourced(query.get("source"), state.tasks, (p) => p.tasks),
      );
    if (req.method === "GET" && path === "/api/projects")
      return send(res, 200, { items: state.projects, nextCursor: null });
    if (req.method === "GET" && projectMatch) {
      const p = state.projects.find((x) => x.id === projectMatch[1]);
      return p ? send(res, 200, { project: p }) : notFound();
    }
    if (req.method === "GET" && tasksMatch) {
      return send(res, 200, { items: state.tasks.filter((t) => t.projectId === tasksMatch[1]), nextCursor: null });
    }
    if (req.method === "POST" && moveMatch) {
      const t = state.tasks.find((x) => x.id === moveMatch[1]);
      if (!t) return notFound();
      const refusal = state.refuseMoves.get(t.id);
      if (refusal) return send(res, 409, { error: { code: "conflict", message: refusal } });
      t.status = (JSON.parse(body) as { status: TaskStatus }).status;
      t.updatedAt = new Date().toISOString();
      return send(res, 200, { task: t });
    }
    if (await missionRoutes(req.method ?? "", path, res)) return;
    if (await noteRoutes(req.method ?? "", path, query, body, res)) return;
    if (req.method === "GET" && path === "/api/search") return searchRoute(query, req, res);
    notFound();
  };

  const missionRoutes = async (method: string, path: string, res: ServerResponse): Promise<boolean> => {
    const list = path.match(/^\/api\/projects\/([^/]+)\/missions$/);
    const one = path.match(/^\/api\/missions\/([^/]+)$/);
    if (method === "GET" && list) {
      send(res, 200, { items: state.missions.filter((m) => m.projectId === list[1]), nextCursor: null });
      return true;
    }
    const m = one && method === "GET" ? state.missions.find((x) => x.id === one[1]) : undefined;
    if (!m) return false;
    const tasks = state.tasks.filter((t) => t.missionId === m.id);
    const progress = (ts: TaskView[]) => ({ done: ts.filter((t) => t.status === "done").length, total: ts.length });
    const milestones = state.milestones
      .filter((x) => x.missionId === m.id)
      .map((x) => ({ ...x, progress: progress(tasks.filter((t) => t.milestoneId === x.id)) }));
    send(res, 200, { mission: { ...m, progress: progress(tasks), milestones, tasks } });
    return true;
  };

  const noteRoutes = async (
    method: string,
    path: string,
    query: URLSearchParams,
    body: string,
    res: ServerResponse,
  ): Promise<boolean> => {
    const one = path.match(/^\/api\/notes\/([^/]+)$/);
    const inProject = path.match(/^\/api\/projects\/([^/]+)\/notes$/);
    if (method === "GET" && path === "/api/notes" && query.get("source")) {
      send(
        res,
        200,
        sourced(query.get("source"), state.notes, (p) => p.notes),
      );
      return true;
    }
    if (method === "GET" && path === "/api/notes") {
      const projectId = query.get("projectId");
      const items = state.notes.filter((n) =>
        query.get("personal") === "true" ? n.projectId === null : projectId ? n.projectId === projectId : true,
      );
      send(res, 200, { items, nextCursor: null });
      return true;
    }
    if (method === "POST" && (path === "/api/notes" || inProject)) {
      const { title } = JSON.parse(body) as { title: string };
      const created = note(inProject?.[1] ?? null, title);
      state.notes.unshift(created);
      send(res, 201, { note: created });
      return true;
    }
    const n = one ? state.notes.find((x) => x.id === one[1]) : undefined;
    if (!one) return false;
    if (!n) {
      send(res, 404, { error: { code: "not_found", message: "note not found" } });
      return true;
    }
    if (method === "GET") send(res, 200, { note: n });
    else if (method === "DELETE") {
      state.notes.splice(state.notes.indexOf(n), 1);
      res.writeHead(204).end();
    } else if (method === "PATCH") {
      const refusal = state.refuseSaves.get(n.id);
      if (refusal) send(res, 409, { error: { code: "conflict", message: refusal } });
      else {
        Object.assign(n, JSON.parse(body) as Partial<NoteView>, { updatedAt: new Date().toISOString() });
        send(res, 200, { note: n });
      }
    } else return false;
    return true;
  };

  /** Case-insensitive substring match over notes, insights and tasks, ranked by where the word is found. */
  const searchRoute = async (query: URLSearchParams, req: IncomingMessage, res: ServerResponse) => {
    const q = query.get("q") ?? "";
    state.searches.push(q);
    const word = q.toLowerCase();
    const found: Array<Omit<SearchHit, "score" | "ranks">> = [
      ...state.notes.map((n) => ({
        kind: "note" as const,
        id: n.id,
        projectId: n.projectId,
        title: n.title,
        snippet: n.body,
      })),
      ...state.insights.map((i) => ({
        kind: "insight" as const,
        id: i.id,
        projectId: null,
        title: i.category,
        snippet: i.content,
      })),
      ...state.tasks.map((t) => ({
        kind: "task" as const,
        id: t.id,
        projectId: t.projectId,
        title: t.title,
        snippet: t.description,
      })),
    ].filter((h) => `${h.title} ${h.snippet}`.toLowerCase().includes(word));
    found.sort((a, b) => Number(b.title.toLowerCase().includes(word)) - Number(a.title.toLowerCase().includes(word)));
    const items = found.map((h, i) => ({ ...h, score: 1 / (61 + i), ranks: { vector: null, text: i + 1 } }));
    const delay = state.searchDelays.get(q) ?? 0;
    if (delay > 0) {
      let gone = false;
      res.on("close", () => {
        if (!res.writableEnded) gone = true;
      });
      await new Promise((r) => setTimeout(r, delay));
      if (gone || req.destroyed) {
        state.abandonedSearches.push(q);
        return;
      }
    }
    send(res, 200, { mode: "fulltext", items });
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  const wss = new WebSocketServer({ server, path: "/api/ws" });
  wss.on("connection", (socket) => {
    socket.send(JSON.stringify({ v: 1, type: "res", id: null, ok: true, result: { hello: { protocol: 1 } } }));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    ...state,
    publish(event) {
      const frame = JSON.stringify({
        v: 1,
        type: "event",
        event: { ownerUserId: null, actorId: null, at: NOW, ...event },
      });
      for (const client of wss.clients) client.send(frame);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
