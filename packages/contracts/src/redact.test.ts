import { describe, expect, it } from "vitest";
import { redactDeep, redactSecrets } from "./redact.js";

describe("redactSecrets", () => {
  it.each([
    ["postgres://mosaic:hunter2@db:5432/brain", "postgres://***@db:5432/brain"],
    ["postgresql://mosaic:hunter2@db/brain", "postgres://***@db/brain"],
    ["redis://:hunter2@cache:6379", "redis://***@cache:6379"],
    ["rediss://default:hunter2@cache:6380/0", "rediss://***@cache:6380/0"],
    ["POSTGRES://u:p@h/d", "postgres://***@h/d"],
    [
      "connect failed for postgres://a:b@h/d and redis://x:y@k",
      "connect failed for postgres://***@h/d and redis://***@k",
    ],
  ])("hides the credentials of %s", (input, expected) => {
    const out = redactSecrets(input);
    expect(out).toBe(expected);
    expect(out).not.toContain("hunter2");
  });

  it("keeps URLs without credentials as they are", () => {
    expect(redactSecrets("postgres://db:5432/brain")).toBe("postgres://db:5432/brain");
  });

  it("hides password query parameters and bearer tokens", () => {
    expect(redactSecrets("postgres://db/x?password=hunter2&ssl=1")).toBe("postgres://db/x?password=***&ssl=1");
    expect(redactSecrets("Authorization: Bearer mos_abcdefghijklmnop")).toBe("Authorization: Bearer ***");
  });

  it("redacts nested strings, errors included, and leaves class instances alone", () => {
    const date = new Date(0);
    const out = redactDeep({ a: ["postgres://u:hunter2@h/d"], e: new Error("redis://u:hunter2@h"), date });
    expect(JSON.stringify(out)).not.toContain("hunter2");
    expect(out.e.message).toBe("redis://***@h");
    expect(out.date).toBe(date);
  });
});
