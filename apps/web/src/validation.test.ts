import {
  PeerAddBody,
  ProjectCreateBody,
  SignUpBody,
  TaskUpdateBody,
  TeamMemberAddBody,
  TokenCreateBody,
} from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { validate } from "./validation.js";

describe("validate (client-side checks with the contract schemas)", () => {
  it("passes valid input through, parsed (trimmed, defaults applied)", () => {
    expect(validate(SignUpBody, { name: "  Ada ", email: "ada@example.com", password: "correct horse" })).toEqual({
      ok: true,
      value: { name: "Ada", email: "ada@example.com", password: "correct horse" },
    });
    expect(validate(TeamMemberAddBody, { email: "b@example.com" })).toEqual({
      ok: true,
      value: { email: "b@example.com", role: "member" },
    });
  });

  it("names each bad field with a sentence a person can act on", () => {
    expect(validate(SignUpBody, { name: "   ", email: "not-an-email", password: "short" })).toEqual({
      ok: false,
      fields: {
        name: "Required.",
        email: "Enter an email address like name@example.com.",
        password: "At least 8 characters.",
      },
    });
  });

  it("reports missing fields as required and oversized ones with the limit", () => {
    const result = validate(SignUpBody, { email: "a@example.com", password: "x".repeat(129) });
    expect(result).toEqual({ ok: false, fields: { name: "Required.", password: "At most 128 characters." } });
  });

  it("says what a pattern allows, in the schema's own words", () => {
    expect(validate(PeerAddBody, { enrollmentUrl: "https://x", name: "Bad Name" })).toEqual({
      ok: false,
      fields: { name: "Lowercase letters, digits and inner hyphens, 1–63 characters." },
    });
  });

  it("reports numeric bounds and form-wide problems", () => {
    expect(validate(TokenCreateBody, { name: "ci", expiresInDays: 0 })).toEqual({
      ok: false,
      fields: { expiresInDays: "Must be at least 1." },
    });
    expect(validate(ProjectCreateBody, { name: "x", role: "admin" })).toEqual({
      ok: false,
      fields: { "": "Not accepted: role." },
    });
  });

  it("a pattern's own message and a date's format read as sentences", () => {
    expect(validate(TaskUpdateBody, { externalId: "G 1", dueDate: "31/01/2030" })).toEqual({
      ok: false,
      fields: { externalId: "An id has no spaces or commas.", dueDate: "Enter a date as YYYY-MM-DD." },
    });
  });
});
