/** @module The embedding provider interface and the vector helpers every provider's output goes through. */

/**
 * Turns texts into vectors. Vectors from different `modelId`s live in different spaces and must
 * never be compared, which is why the model id is stored next to every vector.
 */
export interface Embedder {
  /** Identifies the vector space (provider, model and, where it is chosen, the dimension count). */
  readonly modelId: string;
  /**
   * Length of every vector this embedder returns. A remote embedder created without a known
   * dimension count reports 0 until its first answer tells it.
   */
  readonly dimensions: number;
  /** One vector per text, in the order given. An empty list resolves to an empty list. */
  embed(texts: string[]): Promise<number[][]>;
}

/**
 * Cosine similarity in [-1, 1]. A zero vector is similar to nothing (0), rather than NaN leaking
 * into a ranking. Vectors of different lengths come from different models: that is a bug, so it
 * throws.
 */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new RangeError(`cosineSimilarity: vectors have different lengths (${a.length} and ${b.length})`);
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}

/**
 * Formats a vector as a pgvector text literal, `[0.1,0.2,...]`, to pass as a query parameter
 * cast to `vector`. pgvector rejects NaN, infinities and empty vectors, so they are refused here
 * with a clearer message than the database would give.
 */
export function toPgVector(values: readonly number[]): string {
  if (values.length === 0) throw new RangeError("toPgVector: a vector needs at least one dimension");
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v)) throw new RangeError(`toPgVector: value ${i} is ${v}, not a finite number`);
  }
  // String(number) is the shortest text that reads back as the same double; pgvector parses it,
  // exponent form (1e-7) included.
  return `[${values.map((v) => String(v)).join(",")}]`;
}
