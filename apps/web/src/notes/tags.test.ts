import { describe, expect, it } from "vitest";
import { excerpt, formatTags, parseTags } from "./tags.js";

describe("parseTags", () => {
  it("splits on commas and whitespace, dropping empties and repeats in order", () => {
    expect(parseTags(" ops, urgent  ideas,,ops\nlater ")).toEqual(["ops", "urgent", "ideas", "later"]);
    expect(parseTags("   ")).toEqual([]);
  });

  it("round-trips through formatTags", () => {
    expect(parseTags(formatTags(["a", "b-c", "d.e"]))).toEqual(["a", "b-c", "d.e"]);
  });
});

describe("excerpt", () => {
  it("drops markdown markers and code blocks, folds whitespace and cuts long text", () => {
    expect(excerpt("# Title\n\n**bold** and `code`\n```\nhidden\n```\n- item")).toBe("Title bold and code item");
    expect(excerpt("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
