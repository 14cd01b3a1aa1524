import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors.js";
import { checkGrantForm, DEFAULT_VALUES, formField, serverGrantErrors } from "./grantForm.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const GOOD = { ...DEFAULT_VALUES, userEmail: "me@example.com", peerLabel: "laptop", resources: ["tasks" as const] };

describe("grant form", () => {
  it("builds the body the gateway expects from valid values", () => {
    const result = checkGrantForm({ ...GOOD, excludedResources: ["notes"], includeTeams: false, maxRows: "250" }, NOW);
    expect(result).toEqual({
      ok: true,
      body: {
        userEmail: "me@example.com",
        peerLabel: "laptop",
        scope: {
          resources: ["tasks"],
          excluded_resources: ["notes"],
          include_teams: false,
          include_personal: true,
          max_rows_per_query: 250,
        },
      },
    });
  });

  it("sends the expiry as an ISO instant", () => {
    const result = checkGrantForm({ ...GOOD, expires: "2027-01-02T03:04" }, NOW);
    expect(result.ok && result.body.expiresAt).toBe(new Date("2027-01-02T03:04").toISOString());
  });

  it("names each bad field: no resource, rows out of range, bad email, empty label, past expiry", () => {
    const result = checkGrantForm(
      { ...DEFAULT_VALUES, userEmail: "nope", maxRows: "10001", expires: "2020-01-01T00:00" },
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      fields: {
        userEmail: "Enter an email address like name@example.com.",
        peerLabel: "Required.",
        "scope.resources": "Pick at least one resource.",
        "scope.max_rows_per_query": "Must be at most 10000.",
        expiresAt: "Must be in the future.",
      },
    });
  });

  it("rejects zero, fractional and missing row caps", () => {
    for (const maxRows of ["0", "1.5", "", "abc"]) {
      const result = checkGrantForm({ ...GOOD, maxRows }, NOW);
      expect(result.ok ? "" : result.fields["scope.max_rows_per_query"], maxRows).toBeTruthy();
    }
  });

  it("puts list errors on the list and a 404 subject on the email field", () => {
    expect(formField("scope.resources.0")).toBe("scope.resources");
    expect(formField("scope.include_teams")).toBe("scope.include_teams");
    const invalid = new ApiError("validation_error", 400, "fix", { "scope.resources.0": "Invalid option" });
    expect(serverGrantErrors(invalid)).toEqual({ "scope.resources": "Invalid option" });
    expect(serverGrantErrors(new ApiError("not_found", 404, "user x not found"))).toEqual({
      userEmail: "No account on this gateway has this email.",
    });
  });
});
