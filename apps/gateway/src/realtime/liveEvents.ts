/**
 * @module GET /api/ws: the live feed. A signed-in client (session cookie or bearer token) receives
 * `event` frames for brain changes it may read — the audience is computed once per event in SQL
 * (owner or team members, enabled users only) — and may send `req` frames (`ping`).
 */

import websocket from "@fastify/websocket";
import {
  type BrainEvent,
  WS_PROTOCOL_VERSION,
  WsRequest,
  type WsResponse,
  type WsServerFrame,
} from "@mosaic/contracts";
import type { AudienceRepository } from "@mosaic/db";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { GatewayDeps } from "../app.js";
import { actorOf } from "../authHook.js";

/** How often a connection's credentials are checked again (revoked tokens, disabled users). */
export const REAUTH_INTERVAL_MS = 15_000;
const HEARTBEAT_MS = 30_000;
const MAX_FRAME_BYTES = 16 * 1024;

interface Client {
  socket: WebSocket;
  userId: string;
}

async function audienceOf(event: BrainEvent, audience: AudienceRepository): Promise<Set<string>> {
  if (event.name === "project.deleted") {
    // The project row is gone; its owner is in the event's data.
    const owner = (event.data?.owner ?? null) as { kind?: string; teamId?: string; userId?: string } | null;
    if (owner?.kind === "team" && owner.teamId) return new Set(await audience.teamMembers(owner.teamId));
    if (owner?.kind === "user" && owner.userId) return new Set(await audience.enabledUser(owner.userId));
    return new Set();
  }
  if (event.projectId) return new Set(await audience.projectReaders(event.projectId));
  if (event.ownerUserId) return new Set(await audience.enabledUser(event.ownerUserId));
  return new Set();
}

function send(socket: WebSocket, frame: WsServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function response(id: string | null, body: Omit<WsResponse, "v" | "type" | "id">): WsResponse {
  return { v: WS_PROTOCOL_VERSION, type: "res", id, ...body };
}

export async function registerLiveEvents(
  app: FastifyInstance,
  deps: GatewayDeps,
  options: { reauthIntervalMs?: number } = {},
): Promise<void> {
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  const clients = new Set<Client>();

  const unsubscribe = deps.events.subscribe((event) => {
    if (clients.size === 0) return;
    audienceOf(event, deps.services.repos.audience).then(
      (readers) => {
        for (const client of clients) {
          if (readers.has(client.userId)) send(client.socket, { v: WS_PROTOCOL_VERSION, type: "event", event });
        }
      },
      (err: unknown) => app.log.warn({ err }, "could not compute the audience of a live event"),
    );
  });
  app.addHook("onClose", async () => {
    unsubscribe();
    for (const client of clients) client.socket.close(1001, "gateway shutting down");
  });

  app.get("/api/ws", { websocket: true, config: { auth: "session" }, schema: { hide: true } }, (socket, request) => {
    const actor = actorOf(request);
    const client: Client = { socket, userId: actor.userId };
    clients.add(client);
    const credentials = { authorization: request.headers.authorization, cookie: request.headers.cookie };
    let alive = true;

    // Credentials can be revoked or the user disabled while the socket is open: check again.
    const reauth = setInterval(() => {
      deps.services.authenticator.authenticate(credentials).then(
        (again) => {
          if (!again || again.userId !== actor.userId) socket.close(4401, "credentials no longer valid");
        },
        () => socket.close(4401, "credentials no longer valid"),
      );
    }, options.reauthIntervalMs ?? REAUTH_INTERVAL_MS);
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    socket.on("pong", () => {
      alive = true;
    });

    socket.on("message", (raw: Buffer) => {
      let frame: WsRequest;
      try {
        frame = WsRequest.parse(JSON.parse(raw.toString("utf8")));
      } catch (err) {
        const message = err instanceof SyntaxError ? "frame is not JSON" : "frame does not match the protocol";
        return send(
          socket,
          response(null, { ok: false, error: { code: "validation_error", message, retryable: false } }),
        );
      }
      if (frame.method === "ping") send(socket, response(frame.id, { ok: true, result: { pong: true } }));
    });
    socket.on("close", () => {
      clients.delete(client);
      clearInterval(reauth);
      clearInterval(heartbeat);
    });

    send(
      socket,
      response(null, { ok: true, result: { hello: { userId: actor.userId, protocol: WS_PROTOCOL_VERSION } } }),
    );
  });
}
