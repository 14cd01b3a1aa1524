/** @module The built-in embedder: deterministic signed feature hashing of words, bigrams and character n-grams. */
import type { Embedder } from "./embedder.js";
import { textFeatures } from "./textFeatures.js";

/**
 * The model id names the whole algorithm (normalisation, stopwords, stemmer, feature weights,
 * hash, dimension count). Any change to them must bump it, so stored vectors get re-embedded
 * instead of being compared with vectors from a different space.
 */
export const LOCAL_EMBEDDER_MODEL_ID = "mosaic-local-hash-v1";
export const LOCAL_EMBEDDER_DIMENSIONS = 384;

/** Stands in for a text with no letters or digits at all, so it still gets a unit vector. */
const EMPTY_TEXT_FEATURE = "e:empty";

/**
 * Creates the default embedder: no dependencies, no downloads, no network, the same vector for
 * the same text on every machine. Similarity comes from shared (stemmed) words, word pairs and
 * 3–5 character fragments — lexical overlap, not meaning, but enough to find "running db
 * migrations on deploy" from "deploying the database migration" on a fresh offline gateway.
 */
export function createLocalEmbedder(): Embedder {
  return {
    modelId: LOCAL_EMBEDDER_MODEL_ID,
    dimensions: LOCAL_EMBEDDER_DIMENSIONS,
    embed: async (texts) => texts.map((text) => embedLocally(text)),
  };
}

/** The local embedding of one text: an L2-normalised vector of LOCAL_EMBEDDER_DIMENSIONS numbers. */
export function embedLocally(text: string): number[] {
  const features = textFeatures(text);
  if (features.size === 0) features.set(EMPTY_TEXT_FEATURE, 1);
  const vector = new Float64Array(LOCAL_EMBEDDER_DIMENSIONS);
  for (const [key, weight] of features) {
    const hash = fnv1a(key);
    // Signed hashing: colliding features cancel out on average instead of piling up (Weinberger et al. 2009).
    const sign = fmix32(hash ^ 0x9e3779b9) & 1 ? -1 : 1;
    const index = fmix32(hash) % LOCAL_EMBEDDER_DIMENSIONS;
    vector[index] = (vector[index] ?? 0) + sign * weight;
  }
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  // Features that all cancel (vanishingly rare) would leave a zero vector; fall back to the empty-text vector.
  if (norm === 0) return embedLocally("");
  return Array.from(vector, (v) => v / norm);
}

/** FNV-1a over UTF-16 code units: tiny, fast and fixed forever (it defines the model). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: spreads FNV's weak low bits before they pick an index and a sign. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
