/** Unit tests of the `embeddings` config section: defaults, remote providers, the API key's secrecy. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

function home(file?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "mosaic-config-emb-"));
  if (file !== undefined) writeFileSync(join(dir, "mosaic.config.json"), JSON.stringify(file));
  return dir;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("embeddings config", () => {
  it("defaults to the local embedder with no URL, model or key", () => {
    const { embeddings } = loadConfig({ MOSAIC_HOME: home() });
    expect(embeddings).toEqual({
      provider: "local",
      baseUrl: null,
      model: null,
      dimensions: null,
      timeoutMs: 30_000,
      reembedBatchSize: 64,
      reembedIntervalMs: 60_000,
    });
    expect(embeddings.apiKey).toBeNull();
  });

  it("configures an OpenAI-compatible provider from the environment, with its default URL", () => {
    const { embeddings } = loadConfig({
      MOSAIC_HOME: home(),
      MOSAIC_EMBEDDINGS_PROVIDER: "openai",
      MOSAIC_EMBEDDINGS_MODEL: "text-embedding-3-small",
      MOSAIC_EMBEDDINGS_DIMENSIONS: "384",
      MOSAIC_EMBEDDINGS_API_KEY: "sk-canary-1234567890",
    });
    expect(embeddings).toMatchObject({
      provider: "openai",
      baseUrl: "https://api.openai.com",
      model: "text-embedding-3-small",
      dimensions: 384,
    });
    expect(embeddings.apiKey).toBe("sk-canary-1234567890");
  });

  it("reads Ollama from the file, with the default local URL", () => {
    const { embeddings } = loadConfig({
      MOSAIC_HOME: home({ embeddings: { provider: "ollama", model: "nomic-embed-text", reembedBatchSize: 8 } }),
    });
    expect(embeddings).toMatchObject({
      provider: "ollama",
      baseUrl: "http://127.0.0.1:11434",
      reembedBatchSize: 8,
    });
  });

  it("never shows the API key when the config is printed or serialised", () => {
    const config = loadConfig({
      MOSAIC_HOME: home(),
      MOSAIC_EMBEDDINGS_PROVIDER: "openai",
      MOSAIC_EMBEDDINGS_MODEL: "m",
      MOSAIC_EMBEDDINGS_API_KEY: "sk-canary-1234567890",
    });
    expect(JSON.stringify(config)).not.toContain("sk-canary");
    expect(inspect(config, { depth: 10 })).not.toContain("sk-canary");
    expect(JSON.stringify({ ...config.embeddings })).not.toContain("sk-canary");
  });

  it("refuses the key in the file: it belongs in the environment", () => {
    expect(problemsOf({ MOSAIC_HOME: home({ embeddings: { apiKey: "sk-x" } }) })).toEqual([
      expect.stringMatching(/^embeddings\.apiKey: unknown key/),
    ]);
  });

  it("needs a model for remote providers and rejects remote-only keys for local, naming them", () => {
    expect(problemsOf({ MOSAIC_HOME: home(), MOSAIC_EMBEDDINGS_PROVIDER: "ollama" })).toEqual([
      expect.stringMatching(/^embeddings\.model: required for the ollama provider/),
    ]);
    expect(problemsOf({ MOSAIC_HOME: home(), MOSAIC_EMBEDDINGS_MODEL: "x" })).toEqual([
      expect.stringMatching(/^embeddings\.model \(from MOSAIC_EMBEDDINGS_MODEL\): only for the openai and ollama/),
    ]);
  });

  it("rejects a bad provider, URL or dimension count, and never echoes URL credentials", () => {
    const problems = problemsOf({
      MOSAIC_HOME: home(),
      MOSAIC_EMBEDDINGS_PROVIDER: "cohere",
      MOSAIC_EMBEDDINGS_URL: "ftp://user:hunter2@host/",
      MOSAIC_EMBEDDINGS_DIMENSIONS: "-3",
    });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith("embeddings.provider (from MOSAIC_EMBEDDINGS_PROVIDER)"))).toMatch(
      /must be one of local, openai, ollama/,
    );
    expect(problems.find((p) => p.startsWith("embeddings.baseUrl (from MOSAIC_EMBEDDINGS_URL)"))).toBeDefined();
    expect(problems.find((p) => p.startsWith("embeddings.dimensions"))).toBeDefined();
    expect(problems.join("\n")).not.toContain("hunter2");
  });
});
