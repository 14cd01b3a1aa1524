import { describe, expect, it } from "vitest";
import { FederationScope, GrantCreateBody } from "./federation.js";

const valid = { resources: ["tasks", "notes"], include_teams: true, include_personal: false, max_rows_per_query: 500 };

function pathsOf(input: unknown): string[] {
  const result = FederationScope.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => i.path.join("."));
}

describe("FederationScope", () => {
  it("accepts a valid scope and defaults excluded_resources to []", () => {
    expect(FederationScope.parse(valid)).toEqual({ ...valid, excluded_resources: [] });
    expect(
      FederationScope.parse({ ...valid, resources: ["projects", "missions", "tasks", "notes", "memory"] }).resources,
    ).toHaveLength(5);
  });

  it.each([
    ["empty resources", { ...valid, resources: [] }, "resources"],
    ["a repeated resource", { ...valid, resources: ["tasks", "tasks"] }, "resources"],
    ["users as a resource", { ...valid, resources: ["users"] }, "resources.0"],
    ["credentials as a resource", { ...valid, resources: ["tasks", "credentials"] }, "resources.1"],
    ["tokens excluded (still not a resource)", { ...valid, excluded_resources: ["tokens"] }, "excluded_resources.0"],
    ["audit as a resource", { ...valid, resources: ["audit"] }, "resources.0"],
    ["max_rows_per_query 0", { ...valid, max_rows_per_query: 0 }, "max_rows_per_query"],
    ["max_rows_per_query 10001", { ...valid, max_rows_per_query: 10_001 }, "max_rows_per_query"],
    ["max_rows_per_query 1.5", { ...valid, max_rows_per_query: 1.5 }, "max_rows_per_query"],
    ["max_rows_per_query as a string", { ...valid, max_rows_per_query: "100" }, "max_rows_per_query"],
    ["include_teams missing", { ...valid, include_teams: undefined }, "include_teams"],
    ["include_personal as a string", { ...valid, include_personal: "yes" }, "include_personal"],
    ["an unknown key", { ...valid, include_admins: true }, ""],
  ])("rejects %s at its field path", (_name, input, path) => {
    expect(pathsOf(input)).toContain(path);
  });

  it("accepts the bounds 1 and 10000", () => {
    expect(pathsOf({ ...valid, max_rows_per_query: 1 })).toEqual([]);
    expect(pathsOf({ ...valid, max_rows_per_query: 10_000 })).toEqual([]);
  });

  it("keeps grant bodies strict: no subjectUserId, status or id can be smuggled in", () => {
    const body = { userEmail: "a@example.com", peerLabel: "laptop", scope: valid };
    expect(GrantCreateBody.safeParse(body).success).toBe(true);
    for (const extra of [{ subjectUserId: "x" }, { status: "active" }, { id: "x" }]) {
      expect(GrantCreateBody.safeParse({ ...body, ...extra }).success).toBe(false);
    }
  });
});
