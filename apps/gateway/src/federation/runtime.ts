/** @module Federation next to the API: the CA at start, the enrollment listener, and the grant expiry sweep. */
import type { MosaicConfig } from "@mosaic/config";
import type { FastifyInstance } from "fastify";
import { buildEnrollmentApp } from "./enrollListener.js";

export interface FederationRuntime {
  enrollUrl: string;
  stop(): Promise<void>;
}

/** Expired grants are marked once a minute (the data plane also checks `expires_at` per request). */
const EXPIRY_SWEEP_MS = 60_000;

/**
 * Loads (or creates) the CA and re-issues the server certificate if needed, then listens on
 * federation.enrollPort on the same host as the API. Part 2 adds the mutual-TLS listener here.
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
  await enrollApp.listen({ host: config.gateway.host, port: config.federation.enrollPort });
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
  const address = enrollApp.server.address();
  const port = typeof address === "object" && address ? address.port : config.federation.enrollPort;
  app.log.info(
    `federation: enrollment listener on https://${config.gateway.host}:${port} (CA sha256 ${ca.fingerprint})`,
  );
  return {
    enrollUrl: `https://${config.gateway.host}:${port}`,
    async stop() {
      clearInterval(timer);
      await enrollApp.close();
    },
  };
}
