import { describe, expect, it } from "vitest";
import { cookieHeader, examplesText, keyValues, oneLine, shortDate } from "./format.js";

describe("format", () => {
  it("shortDate prints local date and minutes, '-' for null, the input when unparseable", () => {
    const d = new Date(2026, 4, 1, 9, 5);
    expect(shortDate(d.toISOString())).toBe("2026-05-01 09:05");
    expect(shortDate(null)).toBe("-");
    expect(shortDate("soon")).toBe("soon");
  });

  it("keyValues aligns values and indents continuation lines", () => {
    expect(
      keyValues([
        ["id", "1"],
        ["description", "two\nlines"],
      ]),
    ).toBe("id           1\ndescription  two\n             lines");
  });

  it("cookieHeader keeps name=value and drops attributes", () => {
    expect(
      cookieHeader(["mosaic.session_token=abc.def; Path=/; HttpOnly; SameSite=Lax", "other=1; Max-Age=0", "junk"]),
    ).toBe("mosaic.session_token=abc.def; other=1");
  });

  it("oneLine flattens whitespace and cuts with an ellipsis", () => {
    expect(oneLine("a\n  b\tc")).toBe("a b c");
    expect(oneLine("abcdefghij", 5)).toBe("abcd…");
  });

  it("examplesText prefixes each line with $", () => {
    expect(examplesText(["mosaic a", "mosaic b"])).toBe("\nExamples:\n  $ mosaic a\n  $ mosaic b\n");
  });
});
