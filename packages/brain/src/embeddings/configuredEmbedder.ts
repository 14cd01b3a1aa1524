/** @module The embedder the configuration asks for (local by default; OpenAI-compatible or Ollama). */
import type { Embedder } from "./embedder.js";
import { createLocalEmbedder } from "./localEmbedder.js";
import { createOllamaEmbedder, createOpenAICompatibleEmbedder } from "./remoteEmbedders.js";

/** The `embeddings` section of the gateway's config (structurally the same as @mosaic/config's). */
export interface EmbedderSettings {
  provider: "local" | "openai" | "ollama";
  baseUrl: string | null;
  model: string | null;
  dimensions: number | null;
  timeoutMs: number;
  readonly apiKey: string | null;
}

/** Builds the configured embedder; a remote one with a bad URL or key format throws here, at boot. */
export function createConfiguredEmbedder(settings: EmbedderSettings): Embedder {
  if (settings.provider === "local") return createLocalEmbedder();
  const common = {
    baseUrl: settings.baseUrl ?? "",
    model: settings.model ?? "",
    timeoutMs: settings.timeoutMs,
    ...(settings.dimensions ? { dimensions: settings.dimensions } : {}),
  };
  if (settings.provider === "ollama") return createOllamaEmbedder(common);
  return createOpenAICompatibleEmbedder({ ...common, ...(settings.apiKey ? { apiKey: settings.apiKey } : {}) });
}
