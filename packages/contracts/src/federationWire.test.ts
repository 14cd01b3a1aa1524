import { describe, expect, it } from "vitest";
import { FederatedLimit, FederatedListBody, FederatedListFilters, SourceSelector } from "./federationWire.js";

describe("SourceSelector", () => {
  it("accepts local, all and federated:<peer>", () => {
    for (const ok of ["local", "all", "federated:laptop", "federated:a-1"]) {
      expect(SourceSelector.safeParse(ok).success, ok).toBe(true);
    }
  });
  it("refuses anything else", () => {
    for (const bad of ["", "ALL", "federated:", "federated:Bad_Name", "federated:-x", "remote:a", "local "]) {
      expect(SourceSelector.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("federated list bodies", () => {
  it("refuses unknown and operator-shaped filter keys per resource", () => {
    expect(FederatedListFilters.tasks.safeParse({ status: "done" }).success).toBe(true);
    expect(FederatedListFilters.tasks.safeParse({ ownerUserId: "x" }).success).toBe(false);
    expect(FederatedListFilters.notes.safeParse({ tag: { $ne: "x" } }).success).toBe(false);
    expect(FederatedListFilters.projects.safeParse({ title: "x" }).success).toBe(false);
  });
  it("takes a positive integer limit and nothing else", () => {
    expect(FederatedLimit.safeParse(1e9).success).toBe(true);
    for (const bad of [-1, 0, 1.5, "10", null]) expect(FederatedLimit.safeParse(bad).success, String(bad)).toBe(false);
    expect(FederatedListBody.parse({}).filter).toEqual({});
    expect(FederatedListBody.safeParse({ filter: {}, extra: 1 }).success).toBe(false);
  });
});
