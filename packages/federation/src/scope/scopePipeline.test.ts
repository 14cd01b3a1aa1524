import { FEDERATION_DEFAULT_PAGE, FEDERATION_MAX_PAGE, type FederationScope } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { capLimit, effectiveResources, planRead, remainingRows } from "./scopePipeline.js";

const scope = (over: Partial<FederationScope> = {}): FederationScope => ({
  resources: ["projects", "missions", "tasks", "notes", "memory"],
  excluded_resources: [],
  include_teams: true,
  include_personal: true,
  max_rows_per_query: 100,
  ...over,
});
const subjectUserId = "00000000-0000-4000-8000-0000000000aa";
const plan = (s: FederationScope, resource: string, limit?: number) =>
  planRead({ scope: s, subjectUserId, verb: "list", resource, limit });

describe("scope pipeline", () => {
  it("plans a read of an allowlisted resource as the subject, with the grant's reach", () => {
    expect(plan(scope({ include_personal: false }), "tasks", 10)).toEqual({
      ok: true,
      plan: { resource: "tasks", subjectUserId, reach: { teams: true, personal: false }, limit: 10 },
    });
  });

  it("denies a resource missing from the allowlist with resource_not_allowed", () => {
    expect(plan(scope({ resources: ["tasks"] }), "notes")).toEqual({ ok: false, reason: "resource_not_allowed" });
  });

  it("denies an allowlisted but excluded resource with resource_excluded", () => {
    expect(plan(scope({ excluded_resources: ["memory"] }), "memory")).toEqual({
      ok: false,
      reason: "resource_excluded",
    });
  });

  it("names anything outside the five resources unknown (users, tokens, audit, case variants)", () => {
    for (const name of ["users", "tokens", "audit", "Tasks", "tasks ", "", "__proto__"]) {
      expect(plan(scope(), name)).toEqual({ ok: false, reason: "unknown_resource" });
    }
  });

  it("caps rows at max_rows_per_query whatever limit asks, and at the page maximum", () => {
    expect(plan(scope({ max_rows_per_query: 7 }), "tasks", Number.MAX_SAFE_INTEGER)).toMatchObject({
      plan: { limit: 7 },
    });
    expect(capLimit(undefined, 7)).toBe(7);
    expect(capLimit(undefined, 10_000)).toBe(FEDERATION_DEFAULT_PAGE);
    expect(capLimit(1_000_000, 10_000)).toBe(FEDERATION_MAX_PAGE);
    expect(capLimit(3, 10_000)).toBe(3);
    // Defensive: the wire schema already refuses these, the pipeline still never goes below 1.
    expect(capLimit(0, 10)).toBe(1);
    expect(capLimit(-5, 10)).toBe(1);
  });

  it("keeps a request that assembles several pages under its cap", () => {
    const decision = plan(scope({ max_rows_per_query: 5 }), "notes", 50);
    if (!decision.ok) throw new Error("expected a plan");
    expect(remainingRows(decision.plan, 0)).toBe(5);
    expect(remainingRows(decision.plan, 3)).toBe(2);
    expect(remainingRows(decision.plan, 5)).toBe(0);
    expect(remainingRows(decision.plan, 9)).toBe(0);
  });

  it("reports the effective resources: the allowlist minus the exclusions, in a stable order", () => {
    expect(
      effectiveResources(scope({ resources: ["notes", "tasks", "memory"], excluded_resources: ["memory"] })),
    ).toEqual(["tasks", "notes"]);
  });

  it("passes both reach flags through untouched (both false reaches nothing: the reader's predicate is FALSE)", () => {
    const decision = plan(scope({ include_teams: false, include_personal: false }), "projects");
    expect(decision).toMatchObject({ ok: true, plan: { reach: { teams: false, personal: false } } });
  });
});
