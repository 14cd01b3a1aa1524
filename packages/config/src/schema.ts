/** @module The schema of mosaic.config.json: every key, its type and its default. */
import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);
const flag = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  const s = v.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(s)) return true;
  if (["0", "false", "no", "off", ""].includes(s)) return false;
  return v;
}, z.boolean());

// A list from the file (JSON array) or from the environment (comma-separated).
const nameList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().trim().min(1).max(253)).max(32),
);

export const TierName = z.enum(["local", "standalone", "federated", "team"]);
export const QueueType = z.enum(["memory", "postgres", "valkey"]);
export const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
export const EmbeddingsProvider = z.enum(["local", "openai", "ollama"]);

/** The file as a person writes it. Unknown keys are errors (a typo must not be silently ignored). */
export const ConfigFile = z.strictObject({
  $schema: z.string().optional(),
  storage: z
    .strictObject({
      tier: TierName.default("local"),
      url: z.string().min(1).optional(),
      dataDir: z.string().min(1).optional(),
    })
    .default({ tier: "local" }),
  queue: z
    .strictObject({
      type: QueueType.optional(),
      url: z.string().min(1).optional(),
    })
    .default({}),
  gateway: z
    .strictObject({
      host: z.string().min(1).default("127.0.0.1"),
      port: port.default(4242),
      logLevel: LogLevel.default("info"),
      shutdownTimeoutMs: z.coerce.number().int().min(0).max(600_000).default(10_000),
    })
    .default({ host: "127.0.0.1", port: 4242, logLevel: "info", shutdownTimeoutMs: 10_000 }),
  federation: z
    .strictObject({
      enabled: flag.optional(),
      host: z.string().min(1).optional(),
      port: port.default(4243),
      enrollPort: port.default(4244),
      certValidityDays: z.coerce.number().int().min(1).max(825).default(30),
      /** Extra names/IPs for the federation server certificate (besides localhost, 127.0.0.1 and host). */
      serverNames: nameList.default([]),
      /** Enrollment attempts per source address per minute; more get 429 + Retry-After. */
      enrollRateLimitPerMinute: z.coerce.number().int().min(1).max(100_000).default(10),
      /** Connect, headers and body timeout of each request to a peer (B → A), in ms. */
      requestTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(5000),
    })
    .default({
      port: 4243,
      enrollPort: 4244,
      certValidityDays: 30,
      serverNames: [],
      enrollRateLimitPerMinute: 10,
      requestTimeoutMs: 5000,
    }),
  telemetry: z
    .strictObject({
      otlpEndpoint: z.url().optional(),
      serviceName: z.string().min(1).default("mosaic-gateway"),
    })
    .default({ serviceName: "mosaic-gateway" }),
  auth: z
    .strictObject({
      /** Master secret (≥ 32 chars) keys are derived from; unset: a key file in MOSAIC_HOME is used. */
      secret: z.string().min(32, "must be at least 32 characters").optional(),
      /** Failed sign-ins allowed per source address and per email per minute; more get 429 + Retry-After. */
      signInFailuresPerMinute: z.coerce.number().int().min(1).max(100_000).default(10),
    })
    .default({ signInFailuresPerMinute: 10 }),
  /** The embedder for notes and insights. The API key is not a file key: MOSAIC_EMBEDDINGS_API_KEY only. */
  embeddings: z
    .strictObject({
      provider: EmbeddingsProvider.default("local"),
      baseUrl: z.url({ protocol: /^https?$/ }).optional(),
      model: z.string().trim().min(1).max(200).optional(),
      dimensions: z.coerce.number().int().min(1).max(16_000).optional(),
      timeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
      reembedBatchSize: z.coerce.number().int().min(1).max(1_000).default(64),
      reembedIntervalMs: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
    })
    .default({ provider: "local", timeoutMs: 30_000, reembedBatchSize: 64, reembedIntervalMs: 60_000 }),
  probes: z
    .strictObject({
      timeoutMs: z.coerce.number().int().min(100).max(60_000).default(5_000),
    })
    .default({ timeoutMs: 5_000 }),
});
export type ConfigFile = z.infer<typeof ConfigFile>;
