/** @module Tests of the HTTP embedders against local fake servers speaking the OpenAI and Ollama wire formats. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isMosaicError } from "@mosaic/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddingProviderError } from "./embeddingHttp.js";
import { createOllamaEmbedder, createOpenAICompatibleEmbedder } from "./remoteEmbedders.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}
type Handler = (seen: Seen, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Starts a server on 127.0.0.1 with a free port; records every request it gets. */
async function fakeServer(handler: Handler): Promise<{ baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const request = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: JSON.parse(raw || "{}"),
      };
      seen.push(request);
      handler(request, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
/** A deterministic fake vector: [text length, index-in-batch, 0.5, ...]. */
const fakeVector = (text: string, dims: number) => [text.length, 0.25, ...new Array(dims - 2).fill(0.5)];

/** OpenAI's answer shape, with `data` deliberately reversed: clients must order by `index`. */
const openAIHandler =
  (dims = 4): Handler =>
  (seen, res) => {
    const input = seen.body.input as string[];
    const data = input.map((text, index) => ({ object: "embedding", index, embedding: fakeVector(text, dims) }));
    json(res, 200, {
      object: "list",
      data: data.reverse(),
      model: seen.body.model,
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
  };

async function failure(promise: Promise<unknown>): Promise<EmbeddingProviderError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof EmbeddingProviderError) return err;
    throw err;
  }
  throw new Error("expected an EmbeddingProviderError");
}

const KEY = "sk-test-CANARY-0123456789abcdef";

describe("createOpenAICompatibleEmbedder", () => {
  it("posts the OpenAI wire format with the bearer key and returns vectors in input order", async () => {
    const { baseUrl, seen } = await fakeServer(openAIHandler(4));
    const embedder = createOpenAICompatibleEmbedder({ baseUrl, apiKey: KEY, model: "text-embedding-3-small" });
    const vectors = await embedder.embed(["a", "bbb", "cc"]);
    expect(vectors.map((v) => v[0])).toEqual([1, 3, 2]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/v1/embeddings",
      body: { model: "text-embedding-3-small", input: ["a", "bbb", "cc"], encoding_format: "float" },
    });
    expect(seen[0]?.body).not.toHaveProperty("dimensions");
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(embedder.modelId).toBe("openai-compatible:text-embedding-3-small");
  });

  it("sends no Authorization header without a key (Ollama's /v1) and accepts a base URL ending in /v1", async () => {
    const { baseUrl, seen } = await fakeServer(openAIHandler(3));
    const embedder = createOpenAICompatibleEmbedder({ baseUrl: `${baseUrl}/v1/`, model: "nomic-embed-text" });
    expect(embedder.dimensions).toBe(0);
    await embedder.embed(["x"]);
    expect(seen[0]?.url).toBe("/v1/embeddings");
    expect(seen[0]?.headers).not.toHaveProperty("authorization");
    expect(embedder.dimensions).toBe(3);
  });

  it("sends the dimensions parameter when given, names it in the model id, and checks every vector", async () => {
    const { baseUrl, seen } = await fakeServer(openAIHandler(8));
    const ok = createOpenAICompatibleEmbedder({ baseUrl, model: "m", dimensions: 8 });
    expect(ok.modelId).toBe("openai-compatible:m:8");
    expect(ok.dimensions).toBe(8);
    await ok.embed(["x"]);
    expect(seen[0]?.body.dimensions).toBe(8);
    const wrong = createOpenAICompatibleEmbedder({ baseUrl, model: "m", dimensions: 16 });
    const err = await failure(wrong.embed(["x"]));
    expect(err.reason).toBe("bad_response");
    expect(err.message).toMatch(/embedding 0 has 8 dimensions, expected 16/);
  });

  it("splits large inputs into batches, sent one after another, and keeps the overall order", async () => {
    const { baseUrl, seen } = await fakeServer(openAIHandler(2));
    const embedder = createOpenAICompatibleEmbedder({ baseUrl, model: "m", batchSize: 2 });
    const texts = ["a", "bb", "ccc", "dddd", "eeeee"];
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => v[0])).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((s) => s.body.input)).toEqual([["a", "bb"], ["ccc", "dddd"], ["eeeee"]]);
    expect(await embedder.embed([])).toEqual([]);
    expect(seen).toHaveLength(3);
  });

  it("a 401 says to check the key, is not retryable, and never contains the key even when echoed", async () => {
    const { baseUrl } = await fakeServer((_seen, res) =>
      json(res, 401, {
        error: {
          message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com.`,
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      }),
    );
    const embedder = createOpenAICompatibleEmbedder({ baseUrl, apiKey: KEY, model: "m" });
    const err = await failure(embedder.embed(["x"]));
    expect(err).toMatchObject({
      reason: "http_status",
      upstreamStatus: 401,
      retryable: false,
      code: "service_unavailable",
    });
    expect(err.message).toMatch(/answered 401: Incorrect API key provided: \*\*\*\..* — check the API key$/);
    expect(err.message).not.toContain(KEY);
    expect(JSON.stringify(err)).not.toContain(KEY);
    expect(String(err.stack)).not.toContain(KEY);
    expect(isMosaicError(err)).toBe(true);
  });

  it("a 500 or 429 is retryable; a non-JSON error body is shown trimmed", async () => {
    const { baseUrl } = await fakeServer((seen, res) => {
      if (seen.body.model === "busy") json(res, 429, { error: { message: "Rate limit reached" } });
      else {
        res.writeHead(502, { "content-type": "text/html" });
        res.end(`<html>\n<body>Bad gateway ${"x".repeat(1000)}</body></html>`);
      }
    });
    const busy = await failure(createOpenAICompatibleEmbedder({ baseUrl, model: "busy" }).embed(["x"]));
    expect(busy).toMatchObject({ upstreamStatus: 429, retryable: true });
    expect(busy.message).toMatch(/answered 429: Rate limit reached — rate limited/);
    const proxy = await failure(createOpenAICompatibleEmbedder({ baseUrl, model: "m" }).embed(["x"]));
    expect(proxy).toMatchObject({ upstreamStatus: 502, retryable: true });
    expect(proxy.message).toMatch(/answered 502: <html> <body>Bad gateway x+…$/);
    expect(proxy.message.length).toBeLessThan(450);
  });

  it("answers that are not JSON, miss vectors, repeat an index or hold non-numbers are bad responses", async () => {
    const bodies: Record<string, string> = {
      notJson: "this is not json",
      short: JSON.stringify({ data: [{ index: 0, embedding: [1, 2] }] }),
      repeated: JSON.stringify({
        data: [
          { index: 0, embedding: [1] },
          { index: 0, embedding: [2] },
        ],
      }),
      nan: JSON.stringify({
        data: [
          { index: 0, embedding: ["1", 2] },
          { index: 1, embedding: [1, 2] },
        ],
      }),
      ragged: JSON.stringify({
        data: [
          { index: 0, embedding: [1, 2] },
          { index: 1, embedding: [1, 2, 3] },
        ],
      }),
    };
    const { baseUrl } = await fakeServer((seen, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(bodies[seen.body.model as string]);
    });
    const messages: Record<string, string> = {};
    for (const model of Object.keys(bodies)) {
      const embedder = createOpenAICompatibleEmbedder({ baseUrl, model });
      const err = await failure(embedder.embed(["a", "b"]));
      expect(err.reason, model).toBe("bad_response");
      expect(embedder.dimensions, model).toBe(0);
      messages[model] = err.message;
    }
    expect(messages.notJson).toMatch(/the body is not JSON/);
    expect(messages.short).toMatch(/expected 2 embeddings in "data", got 1/);
    expect(messages.repeated).toMatch(/data\[1\] has a missing, out-of-range or repeated index/);
    expect(messages.nan).toMatch(/embedding 0 is not a non-empty list of finite numbers/);
    expect(messages.ragged).toMatch(/embedding 1 has 3 dimensions, expected 2/);
  });

  it("times out on a server that never answers, naming the endpoint and the timeout", async () => {
    const { baseUrl } = await fakeServer(() => {
      // Never answers.
    });
    const embedder = createOpenAICompatibleEmbedder({ baseUrl, apiKey: KEY, model: "m", timeoutMs: 200 });
    const started = Date.now();
    const err = await failure(embedder.embed(["x"]));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err).toMatchObject({ reason: "timeout", retryable: true });
    expect(err.message).toBe(
      `embedding provider at ${baseUrl}/v1/embeddings did not answer within 200 ms — check that it is running, or raise the timeout for large batches`,
    );
    expect(err.message).not.toContain(KEY);
  });

  it("times out when the server sends headers but stalls the body", async () => {
    const { baseUrl } = await fakeServer((_seen, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data": [');
    });
    const err = await failure(createOpenAICompatibleEmbedder({ baseUrl, model: "m", timeoutMs: 200 }).embed(["x"]));
    expect(err.reason).toBe("timeout");
  });

  it("reports a closed port as unreachable, without the query string that may hold a key", async () => {
    const { baseUrl } = await fakeServer(openAIHandler());
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    const err = await failure(
      createOpenAICompatibleEmbedder({ baseUrl: `${baseUrl}/openai?api-key=${KEY}`, apiKey: KEY, model: "m" }).embed([
        "x",
      ]),
    );
    expect(err).toMatchObject({ reason: "unreachable", retryable: true });
    expect(err.message).toBe(
      `embedding provider at ${baseUrl}/openai/v1/embeddings is unreachable (ECONNREFUSED) — start it or fix the base URL`,
    );
  });

  it("keeps a base URL's query string on the request (Azure-style api-version)", async () => {
    const { baseUrl, seen } = await fakeServer(openAIHandler());
    await createOpenAICompatibleEmbedder({ baseUrl: `${baseUrl}/proxy/v1?api-version=2024-02-01`, model: "m" }).embed([
      "x",
    ]);
    expect(seen[0]?.url).toBe("/proxy/v1/embeddings?api-version=2024-02-01");
  });

  it("does not follow a redirect, which could carry the key to another host", async () => {
    const { baseUrl, seen } = await fakeServer((s, res) => {
      if (s.url === "/v1/embeddings") {
        res.writeHead(307, { location: "/elsewhere" });
        res.end();
      } else openAIHandler()(s, res);
    });
    const err = await failure(createOpenAICompatibleEmbedder({ baseUrl, apiKey: KEY, model: "m" }).embed(["x"]));
    expect(err).toMatchObject({ reason: "http_status", upstreamStatus: 307, retryable: false });
    expect(err.message).toMatch(
      /answered 307 \(a redirect\), which is not followed .* set the base URL to the final address$/,
    );
    expect(seen.map((s) => s.url)).toEqual(["/v1/embeddings"]);
    expect(err.message).not.toContain(KEY);
  });

  it("rejects bad options at creation: a key with whitespace, a bad batch size, a bad or credentialed URL — echoing no secret", () => {
    const secret = "sk-with space";
    try {
      createOpenAICompatibleEmbedder({ baseUrl: "http://127.0.0.1:1", apiKey: secret, model: "m" });
      expect.unreachable("should have thrown");
    } catch (err) {
      if (!isMosaicError(err)) throw err;
      expect(err.code).toBe("validation_error");
      expect(err.message).not.toContain(secret);
    }
    expect(() => createOpenAICompatibleEmbedder({ baseUrl: "http://127.0.0.1:1", model: "m", batchSize: 0 })).toThrow(
      /batchSize must be a positive integer/,
    );
    expect(() => createOpenAICompatibleEmbedder({ baseUrl: "not a url", model: "m" })).toThrow(/not a valid URL/);
    expect(() => createOllamaEmbedder({ baseUrl: "file:///etc", model: "m" })).toThrow(/must be http/);
    try {
      createOllamaEmbedder({ baseUrl: "http://user:hunter2@127.0.0.1:11434", model: "m" });
      expect.unreachable("should have thrown");
    } catch (err) {
      if (!isMosaicError(err)) throw err;
      expect(err.message).toBe("embedding provider base URL must not hold credentials; pass the key as apiKey");
    }
  });
});

describe("createOllamaEmbedder", () => {
  /** Ollama's /api/embed answer shape. */
  const ollamaHandler: Handler = (seen, res) => {
    if (seen.body.model !== "nomic-embed-text") {
      json(res, 404, { error: `model "${seen.body.model}" not found, try pulling it first` });
      return;
    }
    const input = seen.body.input as string[];
    json(res, 200, {
      model: seen.body.model,
      embeddings: input.map((text) => fakeVector(text, 5)),
      total_duration: 14143917,
      load_duration: 1019500,
      prompt_eval_count: 8,
    });
  };

  it("posts { model, input } to /api/embed and learns the dimension count from the answer", async () => {
    const { baseUrl, seen } = await fakeServer(ollamaHandler);
    const embedder = createOllamaEmbedder({ baseUrl: `${baseUrl}/`, model: "nomic-embed-text" });
    expect(embedder.modelId).toBe("ollama:nomic-embed-text");
    expect(embedder.dimensions).toBe(0);
    const vectors = await embedder.embed(["hello", "hi"]);
    expect(vectors.map((v) => [v[0], v.length])).toEqual([
      [5, 5],
      [2, 5],
    ]);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/api/embed",
      body: { model: "nomic-embed-text", input: ["hello", "hi"] },
    });
    expect(embedder.dimensions).toBe(5);
  });

  it("batches, and checks every answer against the configured dimension count", async () => {
    const { baseUrl, seen } = await fakeServer(ollamaHandler);
    const ok = createOllamaEmbedder({ baseUrl, model: "nomic-embed-text", batchSize: 1, dimensions: 5 });
    await ok.embed(["a", "b", "c"]);
    expect(seen.map((s) => s.body.input)).toEqual([["a"], ["b"], ["c"]]);
    const err = await failure(
      createOllamaEmbedder({ baseUrl, model: "nomic-embed-text", dimensions: 768 }).embed(["a"]),
    );
    expect(err.message).toMatch(/embedding 0 has 5 dimensions, expected 768/);
  });

  it("a missing model is a 404 with Ollama's own message and a hint", async () => {
    const { baseUrl } = await fakeServer(ollamaHandler);
    const err = await failure(createOllamaEmbedder({ baseUrl, model: "llama-nope" }).embed(["a"]));
    expect(err).toMatchObject({ reason: "http_status", upstreamStatus: 404, retryable: false });
    expect(err.message).toBe(
      `embedding provider at ${baseUrl}/api/embed answered 404: model "llama-nope" not found, try pulling it first — check the model name and the base URL`,
    );
  });

  it("an answer with too few embeddings is a bad response; a silent server times out", async () => {
    const { baseUrl } = await fakeServer((seen, res) => {
      if (seen.body.model === "short") json(res, 200, { embeddings: [[1, 2]] });
    });
    const short = await failure(createOllamaEmbedder({ baseUrl, model: "short" }).embed(["a", "b"]));
    expect(short.message).toMatch(/expected 2 embeddings in "embeddings", got 1/);
    const silent = await failure(createOllamaEmbedder({ baseUrl, model: "silent", timeoutMs: 150 }).embed(["a"]));
    expect(silent.reason).toBe("timeout");
  });
});
