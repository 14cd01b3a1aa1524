/** @module buildApp(): the gateway's Fastify instance with its routes, hooks and error handling. No listen. */
import { randomUUID } from "node:crypto";
import type { Embedder } from "@mosaic/brain";
import type { MosaicConfig } from "@mosaic/config";
import type { Store } from "@mosaic/db";
import type { TracerProvider } from "@opentelemetry/api";
import Fastify, { type FastifyInstance } from "fastify";
import { validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Redis } from "ioredis";
import type { DestinationStream } from "pino";
import { registerAuthentication } from "./authHook.js";
import { registerErrorHandling } from "./errorHandler.js";
import { loggerOptions } from "./logger.js";
import { registerOpenApi } from "./openapi.js";
import { createLocalBus, type EventBus } from "./realtime/eventBus.js";
import { registerLiveEvents } from "./realtime/liveEvents.js";
import { authRoutes } from "./routes/auth/auth.js";
import { conversationRoutes } from "./routes/conversations/conversations.js";
import { federationAuditRoutes } from "./routes/federation/audit.js";
import { federationGrantRoutes } from "./routes/federation/grants.js";
import { federationPeerRoutes } from "./routes/federation/peers.js";
import { federationStatusRoutes } from "./routes/federation/status.js";
import { healthRoutes } from "./routes/health/health.js";
import { insightRoutes } from "./routes/memory/insights.js";
import { preferenceRoutes } from "./routes/memory/preferences.js";
import { milestoneRoutes } from "./routes/missions/milestones.js";
import { missionRoutes } from "./routes/missions/missions.js";
import { noteRoutes } from "./routes/notes/notes.js";
import { projectRoutes } from "./routes/projects/projects.js";
import { searchRoutes } from "./routes/search/search.js";
import { taskRoutes } from "./routes/tasks/tasks.js";
import { teamRoutes } from "./routes/teams/teams.js";
import { tokenRoutes } from "./routes/tokens/tokens.js";
import { userRoutes } from "./routes/users/users.js";
import { schemaController, serializerCompiler } from "./serializer.js";
import { createServices, type Services } from "./services.js";
import { registerTracing } from "./telemetry.js";
import { registerWebUi } from "./webUi.js";

/**
 * How a route is reached. Every route declares one (`config.auth`); a test enforces it, and
 * authHook.ts enforces each mode centrally (see there for what each one admits).
 */
export type AuthMode = "public" | "session" | "token" | "admin" | "mtls";

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: AuthMode;
    /**
     * A read whose handler may run while the credential is being checked (authHook.ts): GET only,
     * no side effects, answers by returning its value (never `reply.send`).
     */
    speculative?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered on this app with its declared auth mode (collected by an onRoute hook). */
    routeInventory: RouteEntry[];
    /** The federation services, for the listeners startGateway runs next to this app (enrollment). */
    federation: Services["federation"];
    /** The domain services the routes call (startGateway runs the background ones). */
    services: Services;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  auth: AuthMode | undefined;
}

export interface GatewayDeps {
  config: MosaicConfig;
  store: Store;
  /** The Valkey/Redis connection on tiers that have one. */
  redis: Redis | null;
  /** The brain's change feed (the WebSocket route subscribes to it). */
  events: EventBus;
  services: Services;
  /** Awaits the named failpoint's delay (fault tests); resolves at once when none is set. */
  failpoint(name: string): Promise<void>;
}

export interface BuildAppOptions {
  config: MosaicConfig;
  store: Store;
  redis?: Redis | null;
  tracerProvider?: TracerProvider | null;
  /** false silences logs (tests); otherwise pino at the configured level. */
  logger?: boolean;
  /** Where brain changes go (default: in-process; startGateway passes a Valkey bus on server tiers). */
  events?: EventBus;
  /** How often open WebSockets re-check their credentials (default 15 s; tests shorten it). */
  liveReauthIntervalMs?: number;
  /** The built dashboard to serve at `/` (default: apps/web/dist). */
  webDir?: string;
  /** Where log lines go (default stdout); tests pass a stream to read them. */
  logStream?: DestinationStream;
  /** The clock of federation (token expiry, issuance); tests move it. */
  now?: () => Date;
  /** Replaces the configured embedder (tests). */
  embedder?: Embedder;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { ...loggerOptions(config.gateway.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    schemaController,
    bodyLimit: 1024 * 1024,
    forceCloseConnections: "idle",
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const events = options.events ?? createLocalBus();
  const deps: GatewayDeps = {
    config,
    store: options.store,
    redis: options.redis ?? null,
    events,
    services: createServices({
      config,
      store: options.store,
      now: options.now,
      publish: (event) => {
        events.publish(event).catch((err: unknown) => app.log.warn({ err }, "could not publish a brain event"));
      },
      log: app.log,
      ...(options.embedder ? { embedder: options.embedder } : {}),
    }),
    failpoint: (name) => {
      const ms = config.failpoints[name];
      return ms ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
    },
  };

  const inventory: RouteEntry[] = [];
  app.decorate("routeInventory", inventory);
  app.decorate("federation", deps.services.federation);
  app.decorate("services", deps.services);
  app.addHook("onClose", () => deps.services.federation.peerClients.closeAll());
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      // Read lazily: later onRoute hooks (docs, static files) may still declare the mode.
      inventory.push({
        method,
        url: route.url,
        get auth() {
          return route.config?.auth;
        },
      });
    }
  });
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // While draining, answer in-flight requests with `Connection: close` so kept-alive sockets end
  // with their last response instead of holding the shutdown open until the keep-alive timeout.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
  // A refused WebSocket upgrade leaves a raw socket no HTTP machinery will close: end it once answered.
  app.addHook("onResponse", async (request, reply) => {
    if (request.headers.upgrade && reply.statusCode >= 400) request.raw.socket?.end();
  });
  if (options.tracerProvider) await registerTracing(app, options.tracerProvider);
  registerAuthentication(app, deps.services.authenticator);
  // The documented API routes, in the order the OpenAPI document lists them.
  const routes = () => [
    healthRoutes(deps),
    authRoutes(deps),
    tokenRoutes(deps),
    userRoutes(deps),
    teamRoutes(deps),
    projectRoutes(deps),
    missionRoutes(deps),
    milestoneRoutes(deps),
    taskRoutes(deps),
    federationGrantRoutes(deps),
    federationPeerRoutes(deps),
    federationAuditRoutes(deps),
    federationStatusRoutes(deps),
    noteRoutes(deps),
    preferenceRoutes(deps),
    insightRoutes(deps),
    searchRoutes(deps),
    conversationRoutes(deps),
  ];
  registerOpenApi(app, routes);
  registerErrorHandling(app, await registerWebUi(app, options.webDir));
  await registerLiveEvents(app, deps, { reauthIntervalMs: options.liveReauthIntervalMs });
  for (const plugin of routes()) await app.register(plugin);
  return app;
}
