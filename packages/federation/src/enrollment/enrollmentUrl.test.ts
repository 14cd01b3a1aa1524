import { describe, expect, it } from "vitest";
import { formatEnrollmentUrl, hashEnrollmentToken, newEnrollmentToken, parseEnrollmentUrl } from "./enrollmentUrl.js";

const FP = "ab".repeat(32);

describe("enrollment tokens and URLs", () => {
  it("makes 256-bit base64url tokens, distinct each time, hashed to SHA-256 hex", () => {
    const a = newEnrollmentToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(newEnrollmentToken()).not.toBe(a);
    expect(hashEnrollmentToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEnrollmentToken(a)).not.toContain(a);
  });

  it("round-trips a URL, with IPv6 hosts in brackets", () => {
    const token = newEnrollmentToken();
    const url = formatEnrollmentUrl({ host: "mosaic.example", port: 4244, token, fingerprint: FP });
    expect(url).toBe(`https://mosaic.example:4244/enroll/${token}#sha256=${FP}`);
    expect(parseEnrollmentUrl(url)).toEqual({ host: "mosaic.example", port: 4244, token, fingerprint: FP });
    const v6 = formatEnrollmentUrl({ host: "::1", port: 9, token, fingerprint: FP });
    expect(v6).toContain("https://[::1]:9/");
    expect(parseEnrollmentUrl(v6).host).toBe("::1");
  });

  it("accepts the fingerprint with colons and in upper case, as openssl prints it", () => {
    const colons = FP.toUpperCase().match(/../g)?.join(":") ?? "";
    const parsed = parseEnrollmentUrl(`https://h:1/enroll/${"x".repeat(43)}#sha256=${colons}`);
    expect(parsed.fingerprint).toBe(FP);
  });

  const token = "t".repeat(43);
  it.each([
    ["http, not https", `http://h:1/enroll/${token}#sha256=${FP}`],
    ["no fingerprint", `https://h:1/enroll/${token}`],
    ["a short fingerprint", `https://h:1/enroll/${token}#sha256=abcd`],
    ["another hash", `https://h:1/enroll/${token}#sha1=${FP}`],
    ["a query string", `https://h:1/enroll/${token}?x=1#sha256=${FP}`],
    ["credentials", `https://u:p@h:1/enroll/${token}#sha256=${FP}`],
    ["another path", `https://h:1/api/enroll/${token}#sha256=${FP}`],
    ["a short token", `https://h:1/enroll/abc#sha256=${FP}`],
    ["not a URL", "enroll me"],
  ])("refuses %s with a 400 naming body.enrollmentUrl and never echoing the token", (_name, url) => {
    try {
      parseEnrollmentUrl(url);
      expect.unreachable();
    } catch (err) {
      const e = err as { code: string; message: string; details: Array<{ path: string }> };
      expect(e.code).toBe("validation_error");
      expect(e.details[0]?.path).toBe("body.enrollmentUrl");
      expect(e.message).not.toContain(token);
    }
  });
});
