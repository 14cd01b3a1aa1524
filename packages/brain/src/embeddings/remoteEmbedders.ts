/** @module Embedders backed by an HTTP API: OpenAI-compatible `/v1/embeddings` and Ollama's `/api/embed`. */
import { MosaicError } from "@mosaic/contracts";
import type { Embedder } from "./embedder.js";
import {
  badResponse,
  checkRemoteOptions,
  checkVector,
  DEFAULT_BATCH_SIZE,
  DEFAULT_TIMEOUT_MS,
  describeEndpoint,
  endpointUrl,
  inBatches,
  isRecord,
  postJson,
  type RemoteEmbedderOptions,
} from "./embeddingHttp.js";

export interface OpenAICompatibleEmbedderOptions extends RemoteEmbedderOptions {
  /** `https://api.openai.com`, `http://127.0.0.1:11434` (Ollama)…; a trailing `/v1` is accepted too. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when given and non-empty; never put in an error message. */
  apiKey?: string;
  model: string;
  /**
   * Requested vector length (the API's `dimensions` parameter, which shortens text-embedding-3
   * vectors). Leave it out for models that don't accept it; the length is then learnt from the
   * first answer.
   */
  dimensions?: number;
}

/**
 * An embedder for any OpenAI-compatible embeddings API (OpenAI, Ollama's `/v1`, vLLM, LM Studio,
 * LiteLLM…): `POST {baseUrl}/v1/embeddings` with `{ model, input: [...], encoding_format: "float" }`.
 * Answers are put back in input order by their `index`. Providers reject empty strings, so callers
 * should not embed empty text.
 */
export function createOpenAICompatibleEmbedder(options: OpenAICompatibleEmbedderOptions): Embedder {
  checkRemoteOptions(options);
  if (options.apiKey && !/^[\x21-\x7e]+$/.test(options.apiKey)) {
    // Checked here because fetch would reject it later with the header value in its message.
    throw new MosaicError("validation_error", "apiKey must be printable ASCII without spaces");
  }
  const url = endpointUrl(options.baseUrl, (path) => (path.endsWith("/v1") ? "/embeddings" : "/v1/embeddings"));
  const where = describeEndpoint(url);
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  let dimensions = options.dimensions ?? 0;

  const embedBatch = async (batch: string[]): Promise<number[][]> => {
    const body = {
      model: options.model,
      input: batch,
      encoding_format: "float",
      ...(options.dimensions ? { dimensions: options.dimensions } : {}),
    };
    const answer = await postJson({
      url,
      body,
      headers,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      secrets: options.apiKey ? [options.apiKey] : [],
    });
    const data = isRecord(answer) ? answer.data : undefined;
    if (!Array.isArray(data) || data.length !== batch.length) {
      throw badResponse(
        where,
        `expected ${batch.length} embeddings in "data", got ${Array.isArray(data) ? data.length : "none"}`,
      );
    }
    const vectors: (number[] | undefined)[] = new Array(batch.length);
    // The length is learnt only from a fully valid answer, so a broken one can't teach a wrong size.
    let expected = dimensions;
    data.forEach((item, position) => {
      const index = isRecord(item) ? item.index : undefined;
      if (
        typeof index !== "number" ||
        !Number.isInteger(index) ||
        index < 0 ||
        index >= batch.length ||
        vectors[index]
      ) {
        throw badResponse(where, `data[${position}] has a missing, out-of-range or repeated index`);
      }
      const vector = checkVector(isRecord(item) ? item.embedding : undefined, expected, where, index);
      expected = vector.length;
      vectors[index] = vector;
    });
    dimensions = expected;
    return vectors as number[][];
  };

  return {
    modelId: `openai-compatible:${options.model}${options.dimensions ? `:${options.dimensions}` : ""}`,
    get dimensions() {
      return dimensions;
    },
    embed: (texts) => inBatches(texts, options.batchSize ?? DEFAULT_BATCH_SIZE, embedBatch),
  };
}

export interface OllamaEmbedderOptions extends RemoteEmbedderOptions {
  /** Where Ollama listens, e.g. `http://127.0.0.1:11434`. */
  baseUrl: string;
  /** e.g. `nomic-embed-text`, `mxbai-embed-large`, `all-minilm`. */
  model: string;
  /** The model's vector length, when known; checked against every answer. Otherwise learnt from the first one. */
  dimensions?: number;
}

/**
 * An embedder for Ollama's native API: `POST {baseUrl}/api/embed` with `{ model, input: [...] }`,
 * answering `{ embeddings: [[...], ...] }` in input order.
 */
export function createOllamaEmbedder(options: OllamaEmbedderOptions): Embedder {
  checkRemoteOptions(options);
  const url = endpointUrl(options.baseUrl, () => "/api/embed");
  const where = describeEndpoint(url);
  let dimensions = options.dimensions ?? 0;

  const embedBatch = async (batch: string[]): Promise<number[][]> => {
    const answer = await postJson({
      url,
      body: { model: options.model, input: batch },
      headers: {},
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      secrets: [],
    });
    const embeddings = isRecord(answer) ? answer.embeddings : undefined;
    if (!Array.isArray(embeddings) || embeddings.length !== batch.length) {
      throw badResponse(
        where,
        `expected ${batch.length} embeddings in "embeddings", got ${Array.isArray(embeddings) ? embeddings.length : "none"}`,
      );
    }
    let expected = dimensions;
    const vectors = embeddings.map((value, i) => {
      const vector = checkVector(value, expected, where, i);
      expected = vector.length;
      return vector;
    });
    dimensions = expected;
    return vectors;
  };

  return {
    modelId: `ollama:${options.model}`,
    get dimensions() {
      return dimensions;
    },
    embed: (texts) => inBatches(texts, options.batchSize ?? DEFAULT_BATCH_SIZE, embedBatch),
  };
}
