/**
 * @module The federation listener (federation.port, 4243): a Fastify instance of its own over
 * mutual TLS — the gateway's federation server certificate, a client certificate required and
 * verified against this gateway's federation CA only. No cookie or token means anything here (the
 * API's auth hook is not registered); one onRequest guard judges the client certificate and its
 * grant on every request, and every request is one audit row. Sockets are tracked per grant so a
 * revocation closes them at once.
 */
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { FederatedReader } from "@mosaic/brain";
import { type AuditOutcome, FEDERATION_API_PREFIX } from "@mosaic/contracts";
import type { AuditInsert } from "@mosaic/db";
import type { AuthorizedPeer, FederationCa, PeerAuthorization } from "@mosaic/federation";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { DestinationStream } from "pino";
import { ReasonedError, registerErrorHandling } from "../errorHandler.js";
import { loggerOptions } from "../logger.js";
import { federationVerbRoutes } from "./verbs.js";

/** What one request's audit row says; the handlers fill in what they learn. */
export interface VerbAudit {
  action: string;
  resource: string | null;
  grantId: string | null;
  source: string | null;
  reason: string | null;
  rows: number | null;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The caller's grant and scope, set by the guard (every verb route runs after it). */
    peer: AuthorizedPeer | null;
    verbAudit: VerbAudit;
  }
}

export interface FederationAppOptions {
  ca: FederationCa;
  authorization: PeerAuthorization;
  reader: FederatedReader;
  recordAudit: (entry: AuditInsert) => Promise<unknown>;
  /** Subscribes to grant revocations/expiries (the listener closes the grant's sockets). */
  onGrantEnded: (listener: (grantId: string) => void) => () => void;
  /** The `_source` tag of every item. */
  sourceName: string;
  now: () => Date;
  logLevel: string;
  logger?: boolean | undefined;
  logStream?: DestinationStream;
}

export interface FederationListener {
  app: FastifyInstance;
  /** Every route of the listener with its declared auth mode (each must be `mtls`; a test checks). */
  routes: Array<{ method: string; url: string; auth: string | undefined }>;
  /** TLS handshakes completed so far (full or resumed): the keep-alive benchmark counts them. */
  handshakes(): number;
}

const VERB_PATH = new RegExp(`^${FEDERATION_API_PREFIX}/(capabilities|list|get|search)(?:/([^/?]{1,32}))?`);

/** The verb (audit `action`) and resource a URL names, from the raw URL (unknown routes too). */
function verbOf(url: string): { action: string; resource: string | null } {
  const match = VERB_PATH.exec(url);
  return match ? { action: match[1] ?? "unknown", resource: match[2] ?? null } : { action: "unknown", resource: null };
}

function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return "success";
  if (status === 400 || status === 413 || status === 415) return "invalid";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "error";
  return "denied";
}

/** The DER of the client certificate on this request's TLS socket (a resumed session keeps it). */
function peerCertificateDer(request: FastifyRequest): Uint8Array | null {
  const socket = request.raw.socket as TLSSocket;
  const cert = typeof socket.getPeerCertificate === "function" ? socket.getPeerCertificate(false) : null;
  return cert?.raw ? new Uint8Array(cert.raw) : null;
}

/** Builds (does not listen) the mutual-TLS data-plane app. */
export async function buildFederationApp(options: FederationAppOptions): Promise<FederationListener> {
  const app = Fastify({
    https: {
      key: options.ca.serverKeyPem,
      cert: `${options.ca.serverCertPem.trim()}\n${options.ca.caCertPem.trim()}\n`,
      // Only our own CA: no public root, no other gateway's CA can vouch for a client.
      ca: [options.ca.caCertPem],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: "TLSv1.2",
    },
    logger:
      options.logger === false
        ? false
        : { ...loggerOptions(options.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("peer", null);
  app.decorateRequest("verbAudit", null as unknown as VerbAudit);
  registerErrorHandling(app);
  const routes: FederationListener["routes"] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, auth: route.config?.auth });
  });

  let handshakes = 0;
  app.server.on("secureConnection", () => {
    handshakes += 1;
  });

  const socketsByGrant = new Map<string, Set<Socket>>();
  const track = (grantId: string, socket: Socket) => {
    let set = socketsByGrant.get(grantId);
    if (!set) {
      set = new Set();
      socketsByGrant.set(grantId, set);
    }
    if (set.has(socket)) return;
    set.add(socket);
    socket.once("close", () => {
      set.delete(socket);
      if (set.size === 0 && socketsByGrant.get(grantId) === set) socketsByGrant.delete(grantId);
    });
  };
  const unsubscribe = options.onGrantEnded((grantId) => {
    for (const socket of socketsByGrant.get(grantId) ?? []) socket.destroy();
    socketsByGrant.delete(grantId);
  });
  app.addHook("onClose", async () => {
    unsubscribe();
  });

  // The guard: every request, whatever its route (an unknown path needs a valid peer too).
  app.addHook("onRequest", async (request) => {
    request.verbAudit = { ...verbOf(request.url), grantId: null, source: request.ip, reason: null, rows: null };
    const decision = await options.authorization.authorize(peerCertificateDer(request));
    if (!decision.ok) {
      request.verbAudit.grantId = decision.grantId;
      request.verbAudit.reason = decision.reason;
      throw new ReasonedError(
        decision.status === 401 ? "unauthenticated" : "forbidden",
        decision.status === 401
          ? `the client certificate is not a valid federation identity (${decision.reason})`
          : `the grant refuses this request (${decision.reason})`,
        decision.reason,
      );
    }
    request.peer = decision.peer;
    request.verbAudit.grantId = decision.peer.grant.id;
    request.verbAudit.source = decision.peer.grant.peerLabel;
    track(decision.peer.grant.id, request.raw.socket);
  });

  app.addHook("onResponse", async (request, reply) => {
    const audit = request.verbAudit;
    if (!audit) return;
    await options
      .recordAudit({
        at: options.now(),
        grantId: audit.grantId,
        source: audit.source,
        action: audit.action,
        resource: audit.resource,
        outcome: outcomeOf(reply.statusCode),
        reason: audit.reason,
        rows: audit.rows,
        latencyMs: Math.round(reply.elapsedTime),
        requestId: String(request.id),
        details: { status: reply.statusCode },
      })
      .catch((err: unknown) => request.log.error({ err }, "could not write the federation audit row"));
  });

  await app.register(federationVerbRoutes({ reader: options.reader, sourceName: options.sourceName }), {
    prefix: FEDERATION_API_PREFIX,
  });
  return { app, routes, handshakes: () => handshakes };
}
