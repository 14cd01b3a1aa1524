import { describe, expect, it } from "vitest";
import { ApiError, fieldOf, toApiError } from "./errors.js";

describe("toApiError (the error envelope → what a person reads)", () => {
  it("maps validation details to form fields by name, first problem per field", () => {
    const err = toApiError(400, {
      error: {
        code: "validation_error",
        message: "invalid body",
        details: [
          { path: "body.password", message: "Too small" },
          { path: "body.password", message: "second problem" },
          { path: "body.owner.teamId", message: "Invalid UUID" },
          { path: "body", message: 'Unrecognized key: "role"' },
        ],
        requestId: "req-1",
      },
    });
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("validation_error");
    expect(err.status).toBe(400);
    expect(err.fields).toEqual({
      password: "Too small",
      "owner.teamId": "Invalid UUID",
      "": 'Unrecognized key: "role"',
    });
    expect(err.message).toBe("Some fields need fixing — see the messages below them.");
    expect(err.requestId).toBe("req-1");
    // Every detail is kept in order too: an import report lists two problems on one line.
    expect(err.details.map((d) => d.message)).toEqual([
      "Too small",
      "second problem",
      "Invalid UUID",
      'Unrecognized key: "role"',
    ]);
  });

  it("keeps the server's own sentence for domain errors, capitalised", () => {
    const err = toApiError(409, { error: { code: "conflict", message: "an account with this email already exists" } });
    expect(err.message).toBe("An account with this email already exists");
    expect(err.fields).toEqual({});
    expect(err.unreachable).toBe(false);
  });

  it("hides nothing useful on 500: the request id is in the message to quote", () => {
    const err = toApiError(500, { error: { code: "internal", message: "internal error", requestId: "abc" } });
    expect(err.message).toContain("request id abc");
  });

  it("uses the x-request-id header when the body has none", () => {
    expect(toApiError(404, { error: { code: "not_found", message: "project not found" } }, "hdr-9").requestId).toBe(
      "hdr-9",
    );
  });

  it("treats a proxy's 502/504 page as the gateway being away, not as the user's fault", () => {
    for (const status of [502, 504]) {
      const err = toApiError(status, undefined);
      expect(err.code).toBe("network");
      expect(err.unreachable).toBe(true);
    }
  });

  it("says so when an answer is not a Mosaic error at all", () => {
    const err = toApiError(418, { hello: "world" });
    expect(err.code).toBe("bad_response");
    expect(err.message).toMatch(/418 without an error description/);
  });

  it("rejects envelopes with unknown codes instead of trusting them", () => {
    expect(toApiError(400, { error: { code: "made_up", message: "x" } }).code).toBe("bad_response");
  });
});

describe("fieldOf", () => {
  it.each([
    ["body.name", "name"],
    ["query.limit", "limit"],
    ["params.id", "id"],
    ["body.scope.resources.0", "scope.resources.0"],
    ["body", ""],
    ["name", "name"],
  ])("%s → %s", (path, field) => {
    expect(fieldOf(path)).toBe(field);
  });
});
