/**
 * @module Federation next to the API: the CA at start, the enrollment listener, the mutual-TLS
 * federation listener (the data plane) and the grant expiry sweep.
 */
import type { MosaicConfig } from "@mosaic/config";
import type { FastifyInstance } from "fastify";
import { buildEnrollmentApp } from "./enrollListener.js";
import { buildFederationApp } from "./federationListener.js";

export interface FederationRuntime {
  enrollUrl: string;
  /** The mutual-TLS listener peers read from. */
  federationUrl: string;
  stop(): Promise<void>;
}

/** Expired grants are marked once a minute (the data plane also checks `expires_at` per request). */
const EXPIRY_SWEEP_MS = 60_000;

/**
 * Loads (or creates) the CA and re-issues the server certificate if needed, then listens on
 * federation.enrollPort and federation.port (mutual TLS) on the same host as the API.
 */
export async function startFederation(props: {
  config: MosaicConfig;
  app: FastifyInstance;
  logger?: boolean | undefined;
  now?: () => Date;
}): Promise<FederationRuntime> {
  const { config, app } = props;
  const now = props.now ?? (() => new Date());
  const ca = await app.federation.ca();
  const enrollApp = await buildEnrollmentApp({
    enrollment: app.federation.enrollment,
    ca,
    rateLimitPerMinute: config.federation.enrollRateLimitPerMinute,
    now,
    logLevel: config.gateway.logLevel,
    logger: props.logger,
  });
  const fed = app.federation;
  const dataPlane = await buildFederationApp({
    ca,
    authorization: fed.peerAuthorization,
    reader: app.services.federatedReader,
    recordAudit: fed.recordAudit,
    onGrantEnded: fed.grants.onGrantEnded,
    sourceName: fed.sourceName,
    now,
    logLevel: config.gateway.logLevel,
    logger: props.logger,
  });
  try {
    await enrollApp.listen({ host: config.gateway.host, port: config.federation.enrollPort });
    await dataPlane.app.listen({ host: config.gateway.host, port: config.federation.port });
  } catch (err) {
    await Promise.allSettled([enrollApp.close(), dataPlane.app.close()]);
    throw err;
  }
  const sweep = async () => {
    try {
      const expired = await app.federation.grants.expireDue();
      if (expired > 0) app.log.info(`federation: ${expired} grant(s) expired`);
    } catch (err) {
      app.log.warn({ err }, "federation: the grant expiry sweep failed");
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), EXPIRY_SWEEP_MS);
  timer.unref();
  const portOf = (server: typeof enrollApp.server, fallback: number) => {
    const address = server.address();
    return typeof address === "object" && address ? address.port : fallback;
  };
  const port = portOf(enrollApp.server, config.federation.enrollPort);
  const dataPort = portOf(dataPlane.app.server, config.federation.port);
  app.log.info(
    `federation: enrollment listener on https://${config.gateway.host}:${port} (CA sha256 ${ca.fingerprint})`,
  );
  app.log.info(`federation: mutual-TLS listener on https://${config.gateway.host}:${dataPort}`);
  return {
    enrollUrl: `https://${config.gateway.host}:${port}`,
    federationUrl: `https://${config.gateway.host}:${dataPort}`,
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([enrollApp.close(), dataPlane.app.close()]);
    },
  };
}
