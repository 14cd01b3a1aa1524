/** @module Unit tests: cosine similarity and the pgvector literal helper. */
import { describe, expect, it } from "vitest";
import { cosineSimilarity, toPgVector } from "./embedder.js";
import { embedLocally } from "./localEmbedder.js";

describe("cosineSimilarity", () => {
  it("is 1 for the same direction, -1 for the opposite, 0 for orthogonal or zero vectors", () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 2], [-1, -2])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });

  it("refuses vectors of different lengths", () => {
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(/different lengths \(2 and 3\)/);
  });
});

describe("toPgVector", () => {
  it("writes the pgvector text form, each number read back exactly", () => {
    expect(toPgVector([0.1, -0.2, 3])).toBe("[0.1,-0.2,3]");
    expect(toPgVector([1e-7, 0])).toBe("[1e-7,0]");
    const vector = embedLocally("round trip");
    const back = JSON.parse(toPgVector(vector)) as number[];
    expect(back).toEqual(vector);
  });

  it("refuses empty vectors and non-finite values, which pgvector would reject", () => {
    expect(() => toPgVector([])).toThrow(/at least one dimension/);
    expect(() => toPgVector([1, Number.NaN])).toThrow(/value 1 is NaN/);
    expect(() => toPgVector([Number.POSITIVE_INFINITY])).toThrow(/value 0 is Infinity/);
  });
});
