import { GrantStatus } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { GRANT_TRANSITIONS, illegalTransition, statesLeadingTo } from "./grantTransitions.js";

describe("grant transitions", () => {
  it("allows exactly pending→active→revoked|expired and pending→revoked|expired", () => {
    const legal = GrantStatus.options.flatMap((from) => GRANT_TRANSITIONS[from].map((to) => `${from}→${to}`));
    expect(legal.sort()).toEqual(
      ["active→expired", "active→revoked", "pending→active", "pending→expired", "pending→revoked"].sort(),
    );
    expect(statesLeadingTo("revoked")).toEqual(["pending", "active"]);
    expect(statesLeadingTo("active")).toEqual(["pending"]);
  });

  it("describes an illegal move as a 409 naming both states", () => {
    const err = illegalTransition("g1", "revoked", "active");
    expect(err.status).toBe(409);
    expect(err.message).toContain("from revoked to active");
    expect(err.details).toEqual([{ path: "status", message: "illegal transition from revoked to active" }]);
  });
});
