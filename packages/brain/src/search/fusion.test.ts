/** Unit tests of reciprocal-rank fusion. */
import { describe, expect, it } from "vitest";
import { RRF_K, reciprocalRankFusion } from "./fusion.js";

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe("reciprocalRankFusion", () => {
  it("sums 1/(k+rank) over the lists a row is in, best first", () => {
    const fused = reciprocalRankFusion({ vector: rows("a", "b", "c"), text: rows("c", "a") });
    expect(fused.map((f) => f.item.id)).toEqual(["a", "c", "b"]);
    expect(fused[0]?.score).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2));
    expect(fused[0]?.ranks).toEqual({ vector: 1, text: 2 });
    expect(fused[2]?.ranks).toEqual({ vector: 2, text: null });
  });

  it("ranks agreement between lists above a single list's top hit", () => {
    const fused = reciprocalRankFusion({ vector: rows("solo", "both"), text: rows("x", "both") });
    expect(fused[0]?.item.id).toBe("both");
  });

  it("works with one empty list and breaks ties by id", () => {
    expect(reciprocalRankFusion({ vector: [], text: rows("b", "a") }).map((f) => f.item.id)).toEqual(["b", "a"]);
    const tie = reciprocalRankFusion({ vector: rows("z"), text: rows("y") });
    expect(tie.map((f) => f.item.id)).toEqual(["y", "z"]);
  });
});
