/** @module A local stand-in for the gateway's projects/tasks/ws wire protocol, for the TUI's component tests (real HTTP, real WebSocket). */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrainEvent, ProjectView, TaskStatus, TaskView } from "@mosaic/contracts";
import { WebSocketServer } from "ws";

export interface FakeGateway {
  url: string;
  projects: ProjectView[];
  tasks: TaskView[];
  /** Every request as `METHOD path body`, to assert what the TUI asked for. */
  requests: string[];
  /** Task ids whose moves answer 409 with this message (the dependency rule's wording). */
  refuseMoves: Map<string, string>;
  /** Pushes an event frame to every open socket, as the gateway's event bus does. */
  publish(event: Omit<BrainEvent, "ownerUserId" | "actorId" | "at">): void;
  close(): Promise<void>;
}

const NOW = "2026-01-01T00:00:00.000Z";

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
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const path = (req.url ?? "").split("?")[0] ?? "";
    state.requests.push(`${req.method} ${path}${body ? ` ${body}` : ""}`);
    const notFound = () => send(res, 404, { error: { code: "not_found", message: "not found" } });
    const projectMatch = path.match(/^\/api\/projects\/([^/]+)$/);
    const tasksMatch = path.match(/^\/api\/projects\/([^/]+)\/tasks$/);
    const moveMatch = path.match(/^\/api\/tasks\/([^/]+)\/move$/);
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
    notFound();
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
