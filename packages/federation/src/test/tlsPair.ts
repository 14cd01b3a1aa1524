/** @module Test helper: a real node:tls mTLS server on 127.0.0.1 and a client, reporting what each side saw. */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { connect, createServer, type TLSSocket } from "node:tls";

/** What the server saw for one connection attempt. */
export type ServerOutcome =
  | { kind: "accepted"; authorized: boolean; peerDer: Buffer }
  | { kind: "rejected"; authorizationError: string | undefined; code: string | undefined };

/** What the client saw: the bytes it received (the server sends "hello\n" after accepting) and any error. */
export interface ClientOutcome {
  received: string;
  error: { code: string | undefined; message: string } | undefined;
}

export interface MtlsServer {
  port: number;
  /** Resolves with the server's view of the next connection attempt. */
  nextOutcome(): Promise<ServerOutcome>;
  close(): Promise<void>;
}

/**
 * Starts the federation listener's TLS shape: our server certificate, `requestCert: true`,
 * `rejectUnauthorized: true`, trusting only `caPem` (plus an optional CRL).
 */
export async function startMtlsServer(options: {
  certPem: string;
  keyPem: string;
  caPem: string;
  crlPem?: string;
}): Promise<MtlsServer> {
  const outcomes: ServerOutcome[] = [];
  const waiters: Array<(outcome: ServerOutcome) => void> = [];
  const sockets = new Set<TLSSocket>();
  const report = (outcome: ServerOutcome) => {
    const waiter = waiters.shift();
    if (waiter) waiter(outcome);
    else outcomes.push(outcome);
  };
  const server = createServer(
    {
      cert: options.certPem,
      key: options.keyPem,
      ca: [options.caPem],
      crl: options.crlPem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
      report({ kind: "accepted", authorized: socket.authorized, peerDer: socket.getPeerCertificate(true).raw });
      socket.end("hello\n");
    },
  );
  // With rejectUnauthorized, Node destroys a socket whose client certificate failed verification
  // and reports only "socket hang up"; the verification result is on the socket.
  server.on("tlsClientError", (err: NodeJS.ErrnoException, socket: TLSSocket) =>
    report({ kind: "rejected", authorizationError: authorizationErrorOf(socket), code: err.code }),
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    nextOutcome: () => {
      const ready = outcomes.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Connects like a peer: verifies the server against the pinned CA and `servername` (Node's default
 * checkServerIdentity), optionally presenting a client certificate. Resolves when the socket closes.
 */
export function connectMtls(options: {
  port: number;
  caPem: string;
  servername?: string;
  certPem?: string;
  keyPem?: string;
}): Promise<ClientOutcome> {
  return new Promise((resolve) => {
    let received = "";
    let error: ClientOutcome["error"];
    const socket = connect({
      host: "127.0.0.1",
      port: options.port,
      servername: options.servername,
      ca: [options.caPem],
      cert: options.certPem,
      key: options.keyPem,
      rejectUnauthorized: true,
    });
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      error ??= { code: err.code, message: err.message };
    });
    socket.on("close", () => resolve({ received, error }));
  });
}

function authorizationErrorOf(socket: TLSSocket): string | undefined {
  const error: unknown = socket.authorizationError;
  if (error === undefined || error === null) return undefined;
  return typeof error === "string" ? error : String((error as { code?: string }).code ?? error);
}
