/** @module What the remote embedders share: one POST with a timeout, typed errors that never hold the key, batching. */
import { MosaicError, redactSecrets } from "@mosaic/contracts";

export type EmbeddingFailure = "timeout" | "unreachable" | "http_status" | "bad_response";

/**
 * A remote embedding provider failed. `code` is `service_unavailable` for every reason: to
 * Mosaic's callers the provider is a dependency that is down or misconfigured. `reason` and
 * `upstreamStatus` say which; `retryable` says whether trying again later may help (timeouts,
 * connection failures, 408/429/5xx) or the configuration must change (401, 404, bad answers).
 */
export class EmbeddingProviderError extends MosaicError {
  readonly reason: EmbeddingFailure;
  readonly upstreamStatus: number | undefined;
  readonly retryable: boolean;

  constructor(reason: EmbeddingFailure, message: string, upstreamStatus?: number) {
    super("service_unavailable", message);
    this.name = "EmbeddingProviderError";
    this.reason = reason;
    this.upstreamStatus = upstreamStatus;
    this.retryable =
      reason === "timeout" ||
      reason === "unreachable" ||
      (upstreamStatus !== undefined && (upstreamStatus === 408 || upstreamStatus === 429 || upstreamStatus >= 500));
  }
}

/** Options every remote embedder takes. */
export interface RemoteEmbedderOptions {
  /** Per-request timeout (the whole request, body included). Default 30 s. */
  timeoutMs?: number;
  /** Texts per request; larger inputs are sent as several requests, one after another. Default 64. */
  batchSize?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_BATCH_SIZE = 64;
const MAX_UPSTREAM_MESSAGE = 300;

/** The provider's endpoint as safe to show: no user info, no query string (Azure-style `?api-key=`). */
export function describeEndpoint(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * Builds the endpoint from a base URL: `pathFor` gets the base path (without a trailing slash) and
 * returns what to append. A query string on the base is kept. Credentials in the URL are refused —
 * fetch would reject them later with the whole URL in its message — and nothing of the URL is
 * echoed, since it may hold a secret.
 */
export function endpointUrl(baseUrl: string, pathFor: (basePath: string) => string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new MosaicError("validation_error", "embedding provider base URL is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MosaicError("validation_error", "embedding provider base URL must be http:// or https://");
  }
  if (url.username || url.password) {
    throw new MosaicError(
      "validation_error",
      "embedding provider base URL must not hold credentials; pass the key as apiKey",
    );
  }
  const basePath = url.pathname.replace(/\/+$/, "");
  url.pathname = `${basePath}${pathFor(basePath)}`;
  return url;
}

export interface PostJsonRequest {
  url: URL;
  body: unknown;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Secrets that must never appear in an error message (the API key). */
  secrets: readonly string[];
}

/**
 * POSTs JSON and returns the parsed JSON answer, or throws an EmbeddingProviderError. Redirects
 * are not followed: an embeddings API has no reason to redirect, and following one could carry
 * the Authorization header to another host.
 */
export async function postJson(request: PostJsonRequest): Promise<unknown> {
  const where = describeEndpoint(request.url);
  const scrub = (text: string) => scrubSecrets(text, request.secrets);
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...request.headers },
      body: JSON.stringify(request.body),
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
      throw new EmbeddingProviderError(
        "timeout",
        `embedding provider at ${where} did not answer within ${request.timeoutMs} ms — check that it is running, or raise the timeout for large batches`,
      );
    }
    throw new EmbeddingProviderError(
      "unreachable",
      `embedding provider at ${where} is unreachable (${scrub(networkCause(err))}) — start it or fix the base URL`,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    throw new EmbeddingProviderError(
      "http_status",
      `embedding provider at ${where} answered ${response.status} (a redirect), which is not followed so the key stays with this host — set the base URL to the final address`,
      response.status,
    );
  }
  if (!response.ok) {
    const upstream = scrub(upstreamMessage(text)) || response.statusText;
    throw new EmbeddingProviderError(
      "http_status",
      `embedding provider at ${where} answered ${response.status}: ${upstream}${hintFor(response.status)}`,
      response.status,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse(where, "the body is not JSON");
  }
}

export function badResponse(where: string, problem: string): EmbeddingProviderError {
  return new EmbeddingProviderError(
    "bad_response",
    `embedding provider at ${where} sent an unusable answer: ${problem}`,
  );
}

function hintFor(status: number): string {
  if (status === 401 || status === 403) return " — check the API key";
  if (status === 404) return " — check the model name and the base URL";
  if (status === 429) return " — rate limited; try again later";
  return "";
}

/** Pulls the human message out of an OpenAI-style `{error:{message}}` or Ollama-style `{error:"..."}` body. */
function upstreamMessage(body: string): string {
  let message = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed)) {
      const error = parsed.error;
      if (typeof error === "string") message = error;
      else if (isRecord(error) && typeof error.message === "string") message = error.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): show the start of the raw text.
  }
  const oneLine = message.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_UPSTREAM_MESSAGE ? `${oneLine.slice(0, MAX_UPSTREAM_MESSAGE)}…` : oneLine;
}

/** fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED…) in `cause`. */
function networkCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return err.message;
}

/**
 * Removes secrets from text shown to people. The provider may echo the key back (OpenAI's
 * "Incorrect API key provided: sk-…" does, partly masked), so the key itself is removed along with
 * bearer tokens and URL credentials.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join("***");
  return redactSecrets(out);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks one vector from a provider: an array of finite numbers of the expected length (if known). */
export function checkVector(value: unknown, expected: number, where: string, position: number): number[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw badResponse(where, `embedding ${position} is not a non-empty list of finite numbers`);
  }
  if (expected > 0 && value.length !== expected) {
    throw badResponse(where, `embedding ${position} has ${value.length} dimensions, expected ${expected}`);
  }
  return value as number[];
}

/** Runs `embedBatch` over `texts` in slices of `batchSize`, in order, one request at a time. */
export async function inBatches(
  texts: readonly string[],
  batchSize: number,
  embedBatch: (batch: string[]) => Promise<number[][]>,
): Promise<number[][]> {
  const out: number[][] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    out.push(...(await embedBatch(texts.slice(start, start + batchSize))));
  }
  return out;
}

/** Validates the shared numeric options once, at creation, rather than failing on first use. */
export function checkRemoteOptions(options: RemoteEmbedderOptions & { dimensions?: number | undefined }): void {
  const positiveInt = (v: number | undefined) => v === undefined || (Number.isInteger(v) && v > 0);
  if (!positiveInt(options.timeoutMs))
    throw new MosaicError("validation_error", "timeoutMs must be a positive integer");
  if (!positiveInt(options.batchSize))
    throw new MosaicError("validation_error", "batchSize must be a positive integer");
  if (!positiveInt(options.dimensions))
    throw new MosaicError("validation_error", "dimensions must be a positive integer");
}
