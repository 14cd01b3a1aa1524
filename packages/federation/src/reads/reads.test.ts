/** @module Unit tests of source=all: the composite cursor, list merging, rank interleaving and fan-out. */
import { describe, expect, it } from "vitest";
import { FederationClientError } from "../client/clientError.js";
import { fanOut, partialMarkers } from "./fanOut.js";
import { compareSources, interleaveByRank, mergeLists } from "./mergeSources.js";
import { decodeSourceCursor, encodeSourceCursor, firstPageCursors } from "./sourceCursor.js";

describe("source cursor", () => {
  it("round-trips each source's cursor and drops exhausted sources", () => {
    const cursor = encodeSourceCursor({ local: "abc", "gateway-a": "" });
    expect(cursor).toMatch(/^all\./);
    expect(decodeSourceCursor(cursor as string)).toEqual({ local: "abc", "gateway-a": "" });
    expect(encodeSourceCursor({})).toBeNull();
    expect(firstPageCursors(["local", "x"])).toEqual({ local: "", x: "" });
  });

  it.each([
    ["a local cursor", "MjAyNi0wMS0wMQ"],
    ["not base64 JSON", "all.%%%"],
    ["JSON of the wrong shape", `all.${Buffer.from('{"v":2,"s":{}}').toString("base64url")}`],
    ["extra keys", `all.${Buffer.from('{"v":1,"s":{},"x":1}').toString("base64url")}`],
    ["a non-string cursor", `all.${Buffer.from('{"v":1,"s":{"local":5}}').toString("base64url")}`],
    ["oversized", `all.${"a".repeat(5000)}`],
  ])("refuses %s with a 400 on query.cursor", (_what, cursor) => {
    expect(() => decodeSourceCursor(cursor)).toThrow(expect.objectContaining({ code: "validation_error" }));
  });
});

describe("mergeLists", () => {
  const a = (id: string, at: string | null) => ({ id, at });
  it("orders by the key, then local before peers (by name), then id; tags every item", () => {
    const merged = mergeLists(
      [
        { source: "zeta", items: [a("3", "2026-01-02"), a("1", "2026-01-01")] },
        { source: "local", items: [a("2", "2026-01-02"), a("9", null)] },
        { source: "alpha", items: [a("4", "2026-01-02"), a("0", "2026-01-03")] },
      ],
      { key: (x) => x.at, order: "desc" },
    );
    expect(merged.map((x) => `${x._source}:${x.id}`)).toEqual([
      "alpha:0",
      "local:2",
      "alpha:4",
      "zeta:3",
      "zeta:1",
      "local:9",
    ]);
  });

  it("is deterministic whatever order the sources arrive in; nulls stay last ascending too", () => {
    const parts = [
      { source: "local", items: [a("1", "b"), a("2", null)] },
      { source: "p", items: [a("3", "a"), a("4", "b")] },
    ];
    const order = { key: (x: { at: string | null }) => x.at, order: "asc" as const };
    const forward = mergeLists(parts, order).map((x) => x.id);
    expect(mergeLists([...parts].reverse(), order).map((x) => x.id)).toEqual(forward);
    expect(forward).toEqual(["3", "1", "4", "2"]);
  });

  it("sorts local first, then peers by name", () => {
    expect(["b", "local", "a"].sort(compareSources)).toEqual(["local", "a", "b"]);
  });
});

describe("interleaveByRank", () => {
  it("takes rank 1 of each source, then rank 2…, capped at the limit", () => {
    const hits = interleaveByRank(
      [
        { source: "peer-b", items: ["b1", "b2"] },
        { source: "local", items: ["l1", "l2", "l3"] },
        { source: "peer-a", items: ["a1"] },
      ].map((p) => ({ source: p.source, items: p.items.map((id) => ({ id })) })),
      5,
    );
    expect(hits.map((h) => `${h._source}:${h.id}`)).toEqual([
      "local:l1",
      "peer-a:a1",
      "peer-b:b1",
      "local:l2",
      "peer-b:b2",
    ]);
  });
});

describe("fanOut", () => {
  it("runs every source in parallel and reports failed peers with a short reason", async () => {
    let running = 0;
    let most = 0;
    const call = (value: number, fail?: Error) => async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      if (fail) throw fail;
      return value;
    };
    const result = await fanOut([
      { source: "local", run: call(1) },
      { source: "down", run: call(2, new FederationClientError({ kind: "network", peer: "down" })) },
      {
        source: "revoked",
        run: call(3, new FederationClientError({ kind: "forbidden", peer: "r", reason: "grant_revoked" })),
      },
      { source: "odd", run: call(4, new Error("secret detail")) },
      { source: "up", run: call(5) },
    ]);
    expect(most).toBe(5);
    expect(result.answers).toEqual([
      { source: "local", value: 1 },
      { source: "up", value: 5 },
    ]);
    expect(result.errors).toEqual([
      { peer: "down", reason: "network" },
      { peer: "revoked", reason: "forbidden: grant_revoked" },
      { peer: "odd", reason: "internal" },
    ]);
    expect(partialMarkers(result.errors)).toEqual({ _partial: true, _errors: result.errors });
    expect(partialMarkers([])).toEqual({});
  });

  it("a failing local read fails the whole read", async () => {
    const denied = Object.assign(new Error("no"), { code: "forbidden" });
    await expect(
      fanOut([
        { source: "local", run: () => Promise.reject(denied) },
        { source: "up", run: () => Promise.resolve(1) },
      ]),
    ).rejects.toBe(denied);
  });
});
