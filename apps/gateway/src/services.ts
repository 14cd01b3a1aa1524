/** @module createServices(): the domain services the routes call, wired explicitly from the store and config. */
import {
  createAccounts,
  createAuthenticator,
  createTeamService,
  createTokenService,
  createUserAdmin,
  deriveKey,
  resolveMasterSecret,
} from "@mosaic/auth";
import {
  type BrainLog,
  createConfiguredEmbedder,
  createConversationService,
  createFederatedReader,
  createInsightService,
  createMissionService,
  createNoteService,
  createPreferenceService,
  createProjectService,
  createReembedder,
  createSearchService,
  createTaskService,
  type Embedder,
  type PublishEvent,
} from "@mosaic/brain";
import type { MosaicConfig } from "@mosaic/config";
import { createRepositories, type Store } from "@mosaic/db";
import { createFederationServices } from "./federation/federationServices.js";

export interface ServiceDeps {
  config: MosaicConfig;
  store: Store;
  /** Publishes brain changes to every gateway's WebSocket clients; never blocks or fails a write. */
  publish: PublishEvent;
  /** The clock federation uses for token expiry and issuance (tests move it). */
  now?: () => Date;
  /** Where services log what doesn't fail a request (an embedder that is down). */
  log: BrainLog;
  /** Overrides the configured embedder (tests). */
  embedder?: Embedder;
}

export function createServices(deps: ServiceDeps) {
  const { config, store, publish } = deps;
  const repos = createRepositories(store.db);
  const master = resolveMasterSecret(config);
  const host = config.gateway.host.includes(":") ? `[${config.gateway.host}]` : config.gateway.host;
  const accounts = createAccounts({
    db: store.db,
    users: repos.users,
    secret: deriveKey(master, "session-cookie"),
    baseURL: `http://${host}:${config.gateway.port}`,
  });
  const tokens = createTokenService({ tokens: repos.tokens });
  const { log } = deps;
  const embedder = deps.embedder ?? createConfiguredEmbedder(config.embeddings);
  const search = createSearchService({ search: repos.search, embedder, hasVector: store.hasVector, log });
  return {
    repos,
    accounts,
    tokens,
    authenticator: createAuthenticator({ accounts, tokens, users: repos.users }),
    userAdmin: createUserAdmin({ users: repos.users }),
    teams: createTeamService({ teams: repos.teams, users: repos.users }),
    projects: createProjectService({ projects: repos.projects, teams: repos.teams, publish }),
    missions: createMissionService({ ...repos, publish }),
    tasks: createTaskService({ ...repos, publish }),
    federation: createFederationServices({
      config,
      repos,
      // Its own derived key: sealing never shares a key with cookie signing.
      sealKey: Buffer.from(deriveKey(master, "federation-seal"), "base64url"),
      now: deps.now ?? (() => new Date()),
      warn: (message, err) => log.warn({ err }, message),
    }),
    embedder,
    notes: createNoteService({ notes: repos.notes, projects: repos.projects, embedder, publish, log }),
    preferences: createPreferenceService({ preferences: repos.preferences }),
    insights: createInsightService({ insights: repos.insights, projects: repos.projects, embedder, log }),
    search,
    /** What peers read through A's federation listener (the scope pipeline's plans, in SQL). */
    federatedReader: createFederatedReader({ ...repos, search }),
    conversations: createConversationService({ conversations: repos.conversations, projects: repos.projects }),
    /** Started by startGateway (not by buildApp, so tests choose when it runs). */
    reembedder: createReembedder({
      backlog: repos.embeddingBacklog,
      embedder,
      log,
      batchSize: config.embeddings.reembedBatchSize,
      intervalMs: config.embeddings.reembedIntervalMs,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
