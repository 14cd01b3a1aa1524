/** @module Loads mosaic.config.json from MOSAIC_HOME, applies environment overrides, validates once. */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { redactSecrets, type Tier } from "@mosaic/contracts";
import type { z } from "zod";
import { ConfigFile } from "./schema.js";

export const CONFIG_FILE_NAME = "mosaic.config.json";

/** The typed, resolved configuration every package receives. Nothing else reads the environment. */
export interface MosaicConfig {
  home: string;
  /** Absolute path of the config file that was read, or null when none exists. */
  configFile: string | null;
  storage: { tier: Tier; url: string | null; dataDir: string };
  queue: { type: "memory" | "postgres" | "valkey"; url: string | null };
  gateway: { host: string; port: number; logLevel: string; shutdownTimeoutMs: number };
  federation: {
    enabled: boolean;
    host: string;
    port: number;
    enrollPort: number;
    certValidityDays: number;
    /** Extra hostnames/IPs for the federation server certificate. */
    serverNames: string[];
    enrollRateLimitPerMinute: number;
    /** Connect, headers and body timeout of each request B makes to a peer, in ms. */
    requestTimeoutMs: number;
  };
  telemetry: { otlpEndpoint: string | null; serviceName: string };
  probes: { timeoutMs: number };
  embeddings: EmbeddingsConfig;
  /**
   * The gateway's master secret (session cookie signing keys are derived from it). `secret` is null
   * when neither MOSAIC_SECRET nor auth.secret is set: the gateway then keeps a random one in
   * `secretFile` (mode 0600). Gateways sharing one database must share the secret.
   */
  auth: { secret: string | null; secretFile: string; signInFailuresPerMinute: number };
  /** Named failpoints (name → delay in ms) used by fault tests; empty in normal runs. */
  failpoints: Record<string, number>;
  /** Deprecation notices and the like, to be printed once by the process that loaded the config. */
  warnings: string[];
}

/**
 * Which embedder turns notes and insights into vectors. `model` is the provider's model name
 * (the local embedder's is fixed). `apiKey` comes from MOSAIC_EMBEDDINGS_API_KEY only and is
 * non-enumerable, so printing or serialising the config never shows it.
 */
export interface EmbeddingsConfig {
  provider: "local" | "openai" | "ollama";
  baseUrl: string | null;
  model: string | null;
  dimensions: number | null;
  timeoutMs: number;
  readonly apiKey: string | null;
  /** Rows re-embedded per batch when the configured model changes. */
  reembedBatchSize: number;
  /** How often the background re-embedder looks for rows of another model. */
  reembedIntervalMs: number;
}

const DEFAULT_EMBEDDING_URLS = { openai: "https://api.openai.com", ollama: "http://127.0.0.1:11434" } as const;

/** One readable line per problem, each naming the key (and the variable it came from). */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/** Environment variable → config key. Every key a person is likely to change has one. */
export const ENV_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ["MOSAIC_STORAGE_TIER", "storage.tier"],
  ["DATABASE_URL", "storage.url"],
  ["MOSAIC_DATA_DIR", "storage.dataDir"],
  ["MOSAIC_QUEUE", "queue.type"],
  ["VALKEY_URL", "queue.url"],
  ["MOSAIC_HOST", "gateway.host"],
  ["MOSAIC_PORT", "gateway.port"],
  ["MOSAIC_LOG_LEVEL", "gateway.logLevel"],
  ["MOSAIC_SHUTDOWN_TIMEOUT_MS", "gateway.shutdownTimeoutMs"],
  ["MOSAIC_FEDERATION", "federation.enabled"],
  ["MOSAIC_FEDERATION_HOST", "federation.host"],
  ["MOSAIC_FEDERATION_PORT", "federation.port"],
  ["MOSAIC_ENROLL_PORT", "federation.enrollPort"],
  ["MOSAIC_FEDERATION_SERVER_NAMES", "federation.serverNames"],
  ["MOSAIC_ENROLL_RATE_LIMIT", "federation.enrollRateLimitPerMinute"],
  ["MOSAIC_FEDERATION_TIMEOUT_MS", "federation.requestTimeoutMs"],
  ["OTEL_EXPORTER_OTLP_ENDPOINT", "telemetry.otlpEndpoint"],
  ["OTEL_SERVICE_NAME", "telemetry.serviceName"],
  ["MOSAIC_PROBE_TIMEOUT_MS", "probes.timeoutMs"],
  ["MOSAIC_SECRET", "auth.secret"],
  ["MOSAIC_SIGNIN_FAILURE_LIMIT", "auth.signInFailuresPerMinute"],
  ["MOSAIC_EMBEDDINGS_PROVIDER", "embeddings.provider"],
  ["MOSAIC_EMBEDDINGS_URL", "embeddings.baseUrl"],
  ["MOSAIC_EMBEDDINGS_MODEL", "embeddings.model"],
  ["MOSAIC_EMBEDDINGS_DIMENSIONS", "embeddings.dimensions"],
];

export function resolveHome(env: Env): string {
  const raw = env.MOSAIC_HOME?.trim();
  if (raw) return resolve(raw);
  return join(homedir(), ".mosaic");
}

/**
 * Reads `MOSAIC_HOME/mosaic.config.json` (optional), overlays environment variables and validates.
 * Throws ConfigError listing every problem at once.
 */
export function loadConfig(env: Env = process.env): MosaicConfig {
  const home = resolveHome(env);
  const file = join(home, CONFIG_FILE_NAME);
  const problems: string[] = [];
  let raw: Record<string, unknown> = {};
  let configFile: string | null = null;

  if (existsSync(file)) {
    configFile = file;
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        problems.push(`${CONFIG_FILE_NAME}: must hold a JSON object`);
      } else {
        raw = parsed as Record<string, unknown>;
      }
    } catch (err) {
      problems.push(`${CONFIG_FILE_NAME}: not valid JSON (${(err as Error).message})`);
    }
  }
  if (problems.length) throw new ConfigError(problems);

  const sources = new Map<string, string>();
  for (const [variable, key] of ENV_OVERRIDES) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    setPath(raw, key, value);
    sources.set(key, variable);
  }

  const result = ConfigFile.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, sources)));
  }
  return finish(result.data, { home, configFile, sources, env });
}

function finish(
  file: ConfigFile,
  ctx: { home: string; configFile: string | null; sources: Map<string, string>; env: Env },
): MosaicConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const from = (key: string) => {
    const variable = ctx.sources.get(key);
    return variable ? ` (from ${variable})` : "";
  };

  let tier: Tier;
  if (file.storage.tier === "team") {
    warnings.push(`storage.tier "team" is deprecated; use "standalone" (same behaviour)${from("storage.tier")}`);
    tier = "standalone";
  } else {
    tier = file.storage.tier;
  }

  const url = file.storage.url ?? null;
  if (tier !== "local") {
    if (!url) {
      problems.push(
        `storage.url: required for the ${tier} tier — set DATABASE_URL or storage.url to a postgres:// URL`,
      );
    } else if (!/^postgres(ql)?:\/\//i.test(url)) {
      problems.push(
        `storage.url${from("storage.url")}: must be a postgres:// or postgresql:// URL (got ${redactSecrets(url).slice(0, 60)})`,
      );
    }
  }

  const queueType = file.queue.type ?? (tier === "local" ? "memory" : "valkey");
  if (tier === "federated" && queueType !== "valkey") {
    problems.push(
      `queue.type${from("queue.type")}: the federated tier needs a Valkey/Redis queue (got "${queueType}") — set queue.type to "valkey" and VALKEY_URL`,
    );
  }
  const queueUrl = file.queue.url ?? null;
  if (queueType === "valkey") {
    if (!queueUrl) {
      problems.push(
        `queue.url: required when the queue is valkey (the ${tier} tier) — set VALKEY_URL or queue.url, e.g. redis://127.0.0.1:6379`,
      );
    } else if (!/^(rediss?|valkeys?):\/\//i.test(queueUrl)) {
      problems.push(
        `queue.url${from("queue.url")}: must be a redis://, rediss:// or valkey:// URL (got ${redactSecrets(queueUrl).slice(0, 60)})`,
      );
    }
  }
  if (queueType === "postgres" && tier === "local") {
    // Allowed: the Postgres SKIP LOCKED queue runs on PGlite too.
  }
  problems.push(...embeddingProblems(file.embeddings, from));

  if (problems.length) throw new ConfigError(problems);

  const dataDirRaw = file.storage.dataDir ?? join(ctx.home, "data");
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(ctx.home, dataDirRaw);

  return {
    home: ctx.home,
    configFile: ctx.configFile,
    storage: { tier, url, dataDir },
    queue: { type: queueType, url: queueUrl },
    gateway: { ...file.gateway },
    federation: {
      enabled: file.federation.enabled ?? tier === "federated",
      host: file.federation.host ?? "localhost",
      port: file.federation.port,
      enrollPort: file.federation.enrollPort,
      certValidityDays: file.federation.certValidityDays,
      serverNames: file.federation.serverNames,
      enrollRateLimitPerMinute: file.federation.enrollRateLimitPerMinute,
      requestTimeoutMs: file.federation.requestTimeoutMs,
    },
    telemetry: {
      otlpEndpoint: file.telemetry.otlpEndpoint ?? null,
      serviceName: file.telemetry.serviceName,
    },
    probes: { ...file.probes },
    embeddings: embeddingsConfig(file.embeddings, ctx.env.MOSAIC_EMBEDDINGS_API_KEY),
    auth: {
      secret: file.auth.secret ?? null,
      secretFile: join(ctx.home, "secret.key"),
      signInFailuresPerMinute: file.auth.signInFailuresPerMinute,
    },
    failpoints: parseFailpoints(ctx.env.MOSAIC_FAILPOINTS),
    warnings,
  };
}

function embeddingProblems(file: ConfigFile["embeddings"], from: (key: string) => string): string[] {
  const problems: string[] = [];
  if (file.provider === "local") {
    // The local embedder has one model and 384 dimensions; accepting these would suggest they matter.
    for (const key of ["baseUrl", "model", "dimensions"] as const) {
      if (file[key] !== undefined) {
        problems.push(
          `embeddings.${key}${from(`embeddings.${key}`)}: only for the openai and ollama providers — remove it or set embeddings.provider`,
        );
      }
    }
  } else if (!file.model) {
    problems.push(
      `embeddings.model: required for the ${file.provider} provider — set MOSAIC_EMBEDDINGS_MODEL or embeddings.model (e.g. ${file.provider === "openai" ? "text-embedding-3-small" : "nomic-embed-text"})`,
    );
  }
  return problems;
}

function embeddingsConfig(file: ConfigFile["embeddings"], apiKey: string | undefined): EmbeddingsConfig {
  const provider = file.provider;
  const config = {
    provider,
    baseUrl: provider === "local" ? null : (file.baseUrl ?? DEFAULT_EMBEDDING_URLS[provider]),
    model: provider === "local" ? null : (file.model ?? null),
    dimensions: file.dimensions ?? null,
    timeoutMs: file.timeoutMs,
    reembedBatchSize: file.reembedBatchSize,
    reembedIntervalMs: file.reembedIntervalMs,
  };
  // Non-enumerable: JSON.stringify, console.log and object spreads of the config leave it out.
  Object.defineProperty(config, "apiKey", { value: apiKey?.trim() ? apiKey.trim() : null, enumerable: false });
  return config as EmbeddingsConfig;
}

/** `MOSAIC_FAILPOINTS="ready.delay=2000,other=10"` → { "ready.delay": 2000, other: 10 }. */
function parseFailpoints(raw: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!raw) return out;
  for (const part of raw.split(",")) {
    const [name, value] = part.split("=");
    if (!name?.trim()) continue;
    const n = Number(value ?? "0");
    out[name.trim()] = Number.isFinite(n) ? n : 0;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, sources: Map<string, string>): string {
  const key = issue.path.map(String).join(".") || CONFIG_FILE_NAME;
  const variable = sources.get(key);
  const where = variable ? `${key} (from ${variable})` : key;
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    return `${key === CONFIG_FILE_NAME ? "" : `${key}.`}${issue.keys.join(", ")}: unknown key${issue.keys.length > 1 ? "s" : ""} — check the spelling (see docs/CONFIG.md)`;
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    message = `must be one of ${issue.values.map(String).join(", ")}`;
  }
  return redactSecrets(`${where}: ${message}`);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) {
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}
