/**
 * @module A STAND-IN for gateway A's federation listener in B's in-process tests: real mutual TLS
 * with A's own server certificate and CA, the verbs of federationWire.ts served from items the test
 * seeds. It exists to test B (fan-out, merge, errors, timeouts) without A's server code; the
 * end-to-end suites run B against A's real listener.
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import {
  FEDERATION_API_PREFIX,
  FederatedListBody,
  FederatedSearchBody,
  type FederationResource,
  type SearchHit,
} from "@mosaic/contracts";

export type StandInItem = Record<string, unknown> & { id: string; createdAt: string };

export interface StandInPeer {
  port: number;
  /** Serves with A's server certificate and trusts A's CA (call once A exists). */
  useCertificates(material: { serverCertPem: string; serverKeyPem: string; caCertPem: string }): void;
  /** Items per resource, newest first, as A would list them. */
  items: Partial<Record<FederationResource, StandInItem[]>>;
  /** `hang`: accept requests and never answer. */
  mode: "serve" | "hang";
  /** Resources A's grant refuses, with the 403 reason A would give. */
  deny: Partial<Record<FederationResource, string>>;
  /** Requests received, as `verb resource`. */
  calls: string[];
  close(): Promise<void>;
}

/**
 * Listens first (port 0 unless given), so A can be configured with the port without a race; TLS
 * handshakes fail until `useCertificates` gives it A's material.
 */
export async function startStandInPeer(
  props: {
    port?: number;
    /** The name A gives itself in `_source` (B must replace it). */
    selfName?: string;
  } = {},
): Promise<StandInPeer> {
  const self = props.selfName ?? "a.example";
  const sockets = new Set<Socket>();
  const peer: StandInPeer = {
    port: props.port ?? 0,
    useCertificates(material) {
      server.setSecureContext({
        cert: material.serverCertPem,
        key: material.serverKeyPem,
        ca: [material.caCertPem],
      });
    },
    items: {},
    mode: "serve",
    deny: {},
    calls: [],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer({ requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (peer.mode === "hang") return;
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const path = (req.url ?? "").slice(FEDERATION_API_PREFIX.length + 1).split("/");
      const [verb, resource, id] = path as [string, FederationResource, string | undefined];
      peer.calls.push(`${verb} ${resource}`);
      const denied = peer.deny[resource];
      if (denied) return send(403, { error: { code: "forbidden", message: "not in scope", reason: denied } });
      const all: StandInItem[] = (peer.items[resource] ?? []).map((item) => ({ ...item, _source: self }));
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
      if (verb === "list") {
        const parsed = FederatedListBody.parse(body);
        const filter = parsed.filter as Record<string, unknown>;
        const matching = all.filter((item) => Object.entries(filter).every(([k, v]) => item[k] === v));
        const start = parsed.cursor ? Number(parsed.cursor) : 0;
        const limit = parsed.limit ?? 50;
        const page = matching.slice(start, start + limit);
        const more = start + limit < matching.length;
        return send(200, { items: page, next_cursor: more ? String(start + limit) : null });
      }
      if (verb === "get") {
        const item = all.find((candidate) => candidate.id === id);
        return item ? send(200, { item }) : send(404, { error: { code: "not_found", message: "not found" } });
      }
      if (verb === "search") {
        const { query, limit } = FederatedSearchBody.parse(body);
        const kind = resource === "memory" ? "insight" : resource === "notes" ? "note" : "task";
        const hits: Array<SearchHit & { _source: string }> = all
          .filter((item) => String(item.title ?? item.text ?? "").includes(query))
          .slice(0, limit ?? 10)
          .map((item, i) => ({
            kind,
            id: item.id,
            projectId: (item.projectId as string | null | undefined) ?? null,
            title: String(item.title ?? item.category ?? ""),
            snippet: "",
            score: 1 / (60 + i + 1),
            ranks: { vector: null, text: i + 1 },
            _source: self,
          }));
        return send(200, { mode: "fulltext", items: hits });
      }
      return send(404, { error: { code: "not_found", message: "no such verb" } });
    });
  });
  server.on("secureConnection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(props.port ?? 0, "127.0.0.1", resolve);
  });
  peer.port = (server.address() as AddressInfo).port;
  return peer;
}
