import { PartialMarkers, SourceSelector } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import {
  itemPath,
  mergeErrors,
  parseSource,
  partialErrors,
  partialText,
  peerOf,
  rememberedSource,
  rememberSource,
  sourceOptions,
  sourceQuery,
} from "./source.js";

const peer = (name: string, state: "pending" | "active" | "suspended" | "revoked" = "active") => ({ name, state });

describe("sourceOptions", () => {
  it("offers Local, All gateways and each active peer by name", () => {
    expect(sourceOptions([peer("nas"), peer("office")])).toEqual([
      { value: "local", label: "Local" },
      { value: "all", label: "All gateways" },
      { value: "federated:nas", label: "nas" },
      { value: "federated:office", label: "office" },
    ]);
  });

  it("offers nothing without an active peer (no selector at all)", () => {
    expect(sourceOptions([])).toEqual([]);
    expect(sourceOptions([peer("old", "revoked"), peer("new", "pending"), peer("x", "suspended")])).toEqual([]);
    expect(sourceOptions([peer("old", "revoked"), peer("nas")]).map((o) => o.value)).toEqual([
      "local",
      "all",
      "federated:nas",
    ]);
  });

  it("every value it offers is one the API's SourceSelector accepts", () => {
    for (const o of sourceOptions([peer("nas"), peer("a-b-9")])) expect(SourceSelector.parse(o.value)).toBe(o.value);
  });
});

describe("parseSource", () => {
  it("reads local, all and federated:<peer>", () => {
    expect(parseSource("all")).toBe("all");
    expect(parseSource("federated:nas")).toBe("federated:nas");
    expect(parseSource("local")).toBe("local");
    expect(parseSource(null)).toBe("local");
  });

  it("reads anything malformed as local, so a hand-edited URL never sends a request the API refuses", () => {
    for (const bad of ["ALL", "federated:", "federated:NAS", "federated:-x", "federated:a b", "peer:nas", ""]) {
      expect(parseSource(bad)).toBe("local");
      expect(SourceSelector.safeParse(parseSource(bad)).success).toBe(true);
    }
  });

  it("sends no source for local (a gateway without federation sees the request it always did)", () => {
    expect(sourceQuery("local")).toBeUndefined();
    expect(sourceQuery("all")).toBe("all");
    expect(sourceQuery("federated:nas")).toBe("federated:nas");
  });
});

describe("items and their source", () => {
  it("a peer's item names its peer; untagged and local-tagged items are this gateway's", () => {
    expect(peerOf({ _source: "nas" })).toBe("nas");
    expect(peerOf({ _source: "local" })).toBeNull();
    expect(peerOf({})).toBeNull();
  });

  it("a peer's item opens from that peer", () => {
    expect(itemPath("/tasks/t1", { _source: "nas" })).toBe("/tasks/t1?source=federated:nas");
    expect(itemPath("/tasks/t1", { _source: "local" })).toBe("/tasks/t1");
  });
});

describe("the partial notice", () => {
  it("names each peer that did not answer and why", () => {
    expect(partialText([{ peer: "nas", reason: "connection refused" }])).toBe(
      "partial: nas unreachable (connection refused)",
    );
    expect(
      partialText([
        { peer: "nas", reason: "timeout after 5000 ms" },
        { peer: "office", reason: "grant revoked" },
      ]),
    ).toBe("partial: nas unreachable (timeout after 5000 ms); office unreachable (grant revoked)");
  });

  it("takes the errors of a partial answer; a complete answer has none", () => {
    const answer = PartialMarkers.parse({ _partial: true, _errors: [{ peer: "nas", reason: "refused" }] });
    expect(partialErrors(answer)).toEqual([{ peer: "nas", reason: "refused" }]);
    expect(partialErrors({})).toEqual([]);
    expect(partialErrors({ _partial: false })).toEqual([]);
    // Partial without a reason still shows a notice rather than passing for complete.
    expect(partialErrors({ _partial: true })).toHaveLength(1);
  });

  it("merges pages' errors to one entry per peer", () => {
    const first = mergeErrors([], [{ peer: "nas", reason: "refused" }]);
    expect(
      mergeErrors(first, [
        { peer: "nas", reason: "timeout" },
        { peer: "office", reason: "refused" },
      ]),
    ).toEqual([
      { peer: "nas", reason: "timeout" },
      { peer: "office", reason: "refused" },
    ]);
    expect(mergeErrors(first, undefined)).toEqual(first);
  });
});

describe("the remembered choice", () => {
  it("keeps the tab's last choice and ignores garbage or a storage that throws", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    expect(rememberedSource(storage)).toBe("local");
    rememberSource(storage, "federated:nas");
    expect(rememberedSource(storage)).toBe("federated:nas");
    store.set("mosaic.source", "'; drop");
    expect(rememberedSource(storage)).toBe("local");
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(rememberedSource(broken)).toBe("local");
    expect(() => rememberSource(broken, "all")).not.toThrow();
    expect(rememberedSource(undefined)).toBe("local");
  });
});
