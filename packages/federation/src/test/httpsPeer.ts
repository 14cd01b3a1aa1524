/**
 * @module Test helper: a real HTTPS server with the federation listener's TLS shape (our server
 * certificate, requestCert, only our CA trusted) whose answers each test chooses. It stands in for
 * A's verbs where a test is about B's client, not A's server.
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { signClientCsr } from "../ca/clientCertificate.js";
import { randomSerial } from "../ca/keys.js";
import { generatePeerKeyAndCsr } from "../ca/peerCsr.js";
import { type CreatedCa, createCa } from "../ca/rootCa.js";
import { issueServerCertificate } from "../ca/serverCertificate.js";

export interface SeenRequest {
  method: string;
  url: string;
  body: unknown;
}

export type Responder = (
  req: SeenRequest,
) => { status: number; body?: unknown; raw?: string; headers?: Record<string, string> } | "hang";

export interface HttpsPeer {
  url: string;
  port: number;
  ca: CreatedCa;
  /** Requests the server answered or is holding, in order. */
  seen: SeenRequest[];
  /** TLS handshakes completed (keep-alive reuses one). */
  handshakes(): number;
  respond(responder: Responder): void;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 with a certificate for `hostnames` (and 127.0.0.1 unless `ips` is given). */
export async function startHttpsPeer(options: { ca?: CreatedCa; hostnames?: string[]; ips?: string[] } = {}) {
  const ca = options.ca ?? (await createCa({ commonName: "Test peer CA" }));
  const cert = await issueServerCertificate({
    ca,
    hostnames: options.hostnames ?? ["localhost"],
    ips: options.ips ?? ["127.0.0.1"],
    validityDays: 2,
  });
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let handshakes = 0;
  let responder: Responder = () => ({ status: 500, body: { error: { code: "internal", message: "no responder" } } });
  const server: Server = createServer(
    { cert: cert.certPem, key: cert.privateKeyPem, ca: [ca.certPem], requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const request: SeenRequest = {
          method: req.method ?? "",
          url: req.url ?? "",
          body: text ? JSON.parse(text) : undefined,
        };
        seen.push(request);
        const answer = responder(request);
        if (answer === "hang") return;
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(answer.raw ?? JSON.stringify(answer.body ?? {}));
      });
    },
  );
  server.on("secureConnection", (socket) => {
    handshakes += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const peer: HttpsPeer = {
    url: `https://127.0.0.1:${port}`,
    port,
    ca,
    seen,
    handshakes: () => handshakes,
    respond(next) {
      responder = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return peer;
}

/** A client certificate and key as enrollment would issue them from `ca`. */
export async function enrolledClientCertificate(ca: CreatedCa) {
  const { privateKeyPem, csrPem } = await generatePeerKeyAndCsr({ commonName: "gateway-b" });
  const issued = await signClientCsr({
    ca,
    csrPem,
    grantId: "00000000-0000-4000-8000-00000000000a",
    subjectUserId: "usr-a-subject",
    serial: randomSerial(),
    validityDays: 2,
    now: new Date(),
  });
  return { clientCertPem: issued.certPem, privateKeyPem };
}
