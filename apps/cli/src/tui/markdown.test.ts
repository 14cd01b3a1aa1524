import { describe, expect, it } from "vitest";
import { markdownLines } from "./markdown.js";

const texts = (md: string, width = 40) => markdownLines(md, width).map((l) => l.text);

describe("markdownLines", () => {
  it("drops heading marks and styles the heading", () => {
    expect(markdownLines("## Rack plan ##", 40)).toEqual([{ text: "Rack plan", style: "heading" }]);
  });

  it("turns bullets, numbers and task boxes into readable list lines", () => {
    expect(texts("- one\n* two\n1. first\n- [x] done thing\n  - nested")).toEqual([
      "• one",
      "• two",
      "1. first",
      "• [x] done thing",
      "  • nested",
    ]);
  });

  it("removes emphasis and code markers and spells links out", () => {
    expect(texts("Use **bold**, _em_, `npm ci` and [docs](https://x.dev/a) but keep snake_case_names", 200)).toEqual([
      "Use bold, em, npm ci and docs (https://x.dev/a) but keep snake_case_names",
    ]);
  });

  it("wraps paragraphs to the width with no line wider, hanging list continuations", () => {
    const lines = texts(`- ${"word ".repeat(30)}\n\n${"https://example.com/".repeat(5)}`, 30);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
    expect(lines[0]?.startsWith("• word")).toBe(true);
    expect(lines[1]?.startsWith("  word")).toBe(true);
    expect(lines).toContain("");
  });

  it("keeps fenced code verbatim and indented, and collapses runs of blank lines", () => {
    expect(markdownLines("text\n\n\n\n```sh\n  **not bold**\n```\n> quoted", 40)).toEqual([
      { text: "text", style: "text" },
      { text: "", style: "text" },
      { text: "    **not bold**", style: "code" },
      { text: "│ quoted", style: "quote" },
    ]);
  });
});
