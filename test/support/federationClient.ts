/**
 * @module Test clients for A's mutual-TLS federation listener: an undici keep-alive Agent holding a
 * peer's key and certificate (what B's real client does), and a raw `tls` request that can save and
 * resume a TLS session — for the revocation tests on kept-alive and resumed connections.
 */
import { connect, type TLSSocket } from "node:tls";
import { FEDERATION_API_PREFIX } from "@mosaic/contracts";
import { Agent, request } from "undici";

/** What a peer presents: its key and certificate, and the CA it trusts for the server. */
export interface PeerCredentials {
  certPem: string;
  keyPem: string;
  /** A's CA (the server's issuer). */
  caPem: string;
}

export interface FedAnswer {
  status: number;
  json: unknown;
  text: string;
}

/** A keep-alive Agent with the peer's certificate (one per peer, as B holds one). */
export function peerAgent(creds: PeerCredentials, connections = 4): Agent {
  return new Agent({
    connect: { cert: creds.certPem, key: creds.keyPem, ca: creds.caPem, rejectUnauthorized: true },
    connections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });
}

/** Calls `verbPath` (e.g. `list/tasks`) on the listener at `port` with `agent`; JSON body for POST. */
export async function fedCall(
  agent: Agent,
  port: number,
  method: "GET" | "POST",
  verbPath: string,
  body?: unknown,
): Promise<FedAnswer> {
  const res = await request(`https://127.0.0.1:${port}${FEDERATION_API_PREFIX}/${verbPath}`, {
    method,
    dispatcher: agent,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.statusCode, json, text };
}

/** One-shot call with a fresh connection and no keep-alive (a certificate under test). */
export async function fedCallOnce(
  creds: PeerCredentials | { caPem: string },
  port: number,
  method: "GET" | "POST",
  verbPath: string,
  body?: unknown,
): Promise<FedAnswer> {
  const agent = new Agent({
    connect: {
      ca: creds.caPem,
      rejectUnauthorized: true,
      ...("certPem" in creds ? { cert: creds.certPem, key: creds.keyPem } : {}),
    },
    pipelining: 0,
  });
  try {
    return await fedCall(agent, port, method, verbPath, body);
  } finally {
    await agent.destroy();
  }
}

export interface RawTlsAnswer {
  status: number;
  body: string;
  /** The TLS session to resume next time (TLS 1.3 tickets arrive after the handshake). */
  session: Buffer | null;
  /** Whether this connection resumed `session` instead of a full handshake. */
  reused: boolean;
}

/**
 * One HTTP/1.1 request on a new TLS connection, optionally resuming `session`: lets a test prove
 * that a resumed session (no certificate verification at all) is still judged per request.
 */
export function rawTlsRequest(props: {
  port: number;
  creds: PeerCredentials;
  method: "GET" | "POST";
  verbPath: string;
  body?: unknown;
  session?: Buffer | null;
}): Promise<RawTlsAnswer> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect({
      host: "127.0.0.1",
      port: props.port,
      servername: "localhost",
      cert: props.creds.certPem,
      key: props.creds.keyPem,
      ca: props.creds.caPem,
      ...(props.session ? { session: props.session } : {}),
    });
    let session: Buffer | null = null;
    let reused = false;
    let raw = "";
    socket.on("session", (s: Buffer) => {
      session = s;
    });
    socket.once("secureConnect", () => {
      // Read now: once the socket is closed the TLS state is gone and this answers null.
      reused = socket.isSessionReused();
      const payload = props.body === undefined ? "" : JSON.stringify(props.body);
      socket.write(
        `${props.method} ${FEDERATION_API_PREFIX}/${props.verbPath} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n` +
          (payload ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n` : "") +
          `\r\n${payload}`,
      );
    });
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      raw += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
      const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
      resolve({ status, body, session, reused });
    });
  });
}
