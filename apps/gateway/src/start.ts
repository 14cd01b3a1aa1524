/** @module startGateway(): detect the tier, open the store, listen; and the graceful stop. */
import type { MosaicConfig } from "@mosaic/config";
import { assertTierReady, createRedis, detectTier, openStore, type Store } from "@mosaic/db";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { buildApp } from "./app.js";
import { type FederationRuntime, startFederation } from "./federation/runtime.js";
import { createValkeyBus, type EventBus } from "./realtime/eventBus.js";
import { createTracing, type Tracing } from "./telemetry.js";

export interface RunningGateway {
  app: FastifyInstance;
  store: Store;
  url: string;
  /** The enrollment listener's address when federation is enabled. */
  enrollUrl: string | null;
  /** The mutual-TLS federation listener's address when federation is enabled. */
  federationUrl: string | null;
  /** Stops accepting, lets in-flight requests finish, closes the store and connections. */
  stop(): Promise<void>;
}

/**
 * Boots a gateway for `config`: refuses with an actionable error when a service the tier needs
 * is missing (TierNotReadyError), otherwise migrates the store and listens.
 */
export async function startGateway(config: MosaicConfig, options: { logger?: boolean } = {}): Promise<RunningGateway> {
  assertTierReady(await detectTier(config));

  const store = await openStore(config);
  let redis: Redis | null = null;
  let tracing: Tracing | null = null;
  let events: EventBus | null = null;
  let federation: FederationRuntime | null = null;
  try {
    if (config.queue.type === "valkey" && config.queue.url) {
      redis = createRedis(config.queue.url, { connectTimeoutMs: config.probes.timeoutMs });
      await redis.connect();
    }
    tracing = await createTracing({
      endpoint: config.telemetry.otlpEndpoint,
      serviceName: config.telemetry.serviceName,
    });
    // Several gateways may share one database on the server tiers: changes fan out through Valkey.
    if (config.queue.type === "valkey" && config.queue.url) {
      events = await createValkeyBus(config.queue.url, { connectTimeoutMs: config.probes.timeoutMs });
    }
    const app = await buildApp({
      config,
      store,
      redis,
      events: events ?? undefined,
      tracerProvider: tracing?.provider ?? null,
      logger: options.logger,
    });
    for (const warning of config.warnings) app.log.warn(warning);
    // The CA and the enrollment listener come up before the API, so a grant's URL always works.
    if (config.federation.enabled) federation = await startFederation({ config, app, logger: options.logger });
    await app.listen({ host: config.gateway.host, port: config.gateway.port });
    // Brings rows embedded by another model (or not at all) up to the configured embedder.
    const { reembedder } = app.services;
    reembedder.start();
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.gateway.port;
    const host = config.gateway.host.includes(":") ? `[${config.gateway.host}]` : config.gateway.host;

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        await Promise.allSettled([app.close(), federation?.stop()]);
        await reembedder.stop();
        await Promise.allSettled([store.close(), redis?.quit(), events?.close(), tracing?.shutdown()]);
      })();
      return stopping;
    };
    return {
      app,
      store,
      url: `http://${host}:${port}`,
      enrollUrl: federation?.enrollUrl ?? null,
      federationUrl: federation?.federationUrl ?? null,
      stop,
    };
  } catch (err) {
    await Promise.allSettled([federation?.stop()]);
    await Promise.allSettled([store.close(), redis?.quit(), events?.close(), tracing?.shutdown()]);
    throw err;
  }
}

/**
 * Runs until SIGINT/SIGTERM, then drains and exits 0. A second signal, or a drain longer than
 * `gateway.shutdownTimeoutMs`, exits 1 at once.
 */
export function stopOnSignals(gateway: RunningGateway, config: MosaicConfig): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      gateway.app.log.warn(`${signal} again: exiting without draining`);
      process.exit(1);
    }
    signalled = true;
    gateway.app.log.info(`${signal}: draining in-flight requests, then stopping`);
    const timer = setTimeout(() => {
      gateway.app.log.error(`drain took longer than ${config.gateway.shutdownTimeoutMs} ms: exiting`);
      process.exit(1);
    }, config.gateway.shutdownTimeoutMs);
    timer.unref();
    gateway.stop().then(
      () => process.exit(0),
      (err) => {
        gateway.app.log.error({ err }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
