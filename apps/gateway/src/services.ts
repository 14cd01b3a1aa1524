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
  createInsightService,
  createNoteService,
  createPreferenceService,
  createProjectService,
  createReembedder,
  createSearchService,
  type Embedder,
  type PublishEvent,
} from "@mosaic/brain";
import type { MosaicConfig } from "@mosaic/config";
import { createRepositories, type Store } from "@mosaic/db";

export interface ServiceDeps {
  config: MosaicConfig;
  store: Store;
  /** Publishes brain changes to every gateway's WebSocket clients; never blocks or fails a write. */
  publish: PublishEvent;
  /** Where services log what doesn't fail a request (an embedder that is down). */
  log: BrainLog;
  /** Overrides the configured embedder (tests). */
  embedder?: Embedder;
}

export function createServices(deps: ServiceDeps) {
  const { config, store, publish } = deps;
  const repos = createRepositories(store.db);
  const host = config.gateway.host.includes(":") ? `[${config.gateway.host}]` : config.gateway.host;
  const accounts = createAccounts({
    db: store.db,
    users: repos.users,
    secret: deriveKey(resolveMasterSecret(config), "session-cookie"),
    baseURL: `http://${host}:${config.gateway.port}`,
  });
  const tokens = createTokenService({ tokens: repos.tokens });
  const { log } = deps;
  const embedder = deps.embedder ?? createConfiguredEmbedder(config.embeddings);
  return {
    repos,
    accounts,
    tokens,
    authenticator: createAuthenticator({ accounts, tokens, users: repos.users }),
    userAdmin: createUserAdmin({ users: repos.users }),
    teams: createTeamService({ teams: repos.teams, users: repos.users }),
    projects: createProjectService({ projects: repos.projects, teams: repos.teams, publish }),
    embedder,
    notes: createNoteService({ notes: repos.notes, projects: repos.projects, embedder, publish, log }),
    preferences: createPreferenceService({ preferences: repos.preferences }),
    insights: createInsightService({ insights: repos.insights, projects: repos.projects, embedder, log }),
    search: createSearchService({ search: repos.search, embedder, hasVector: store.hasVector, log }),
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
