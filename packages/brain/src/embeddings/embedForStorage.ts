/**
 * @module Embedding at write time. A note or insight is saved even when the embedder fails: the
 * row keeps no vector (full-text search still finds it), the failure is logged, and the background
 * re-embedder fills the vector in once the provider is back.
 */
import type { Embedder } from "./embedder.js";

/** What brain services log through (pino's logger fits). */
export interface BrainLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Longest text sent to an embedder: remote models cap their input, and the start carries the gist. */
export const MAX_EMBEDDED_CHARS = 8_000;

/** The text a row is embedded from (note: title and body; insight: text). One rule for writes and re-embedding. */
export function embeddingText(parts: readonly string[]): string {
  return parts
    .filter((p) => p.length > 0)
    .join("\n\n")
    .slice(0, MAX_EMBEDDED_CHARS);
}

/** The vector and model id for `parts`, or nulls when the embedder fails (logged, never thrown). */
export async function embedForStorage(
  embedder: Embedder,
  parts: readonly string[],
  log: BrainLog,
  what: { kind: string; id?: string },
): Promise<{ embedding: number[] | null; embeddingModel: string | null }> {
  try {
    const [vector] = await embedder.embed([embeddingText(parts)]);
    if (!vector) throw new Error("the embedder returned no vector");
    return { embedding: vector, embeddingModel: embedder.modelId };
  } catch (err) {
    log.warn(
      { err, model: embedder.modelId, ...what },
      `could not embed the ${what.kind}; saved without a vector (full-text search still finds it, the re-embedder retries)`,
    );
    return { embedding: null, embeddingModel: null };
  }
}
