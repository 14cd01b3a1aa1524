import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./Markdown.js";
import { parseInline, parseMarkdown, safeHref } from "./markdown.js";

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe("parseMarkdown", () => {
  it("reads headings, paragraphs, rules, quotes and fenced code", () => {
    const blocks = parseMarkdown("# Title\n\nOne\nline two\n\n---\n> quoted *text*\n\n```ts\nconst a = 1;\n```\n");
    expect(blocks.map((b) => b.t)).toEqual(["heading", "paragraph", "hr", "quote", "code"]);
    expect(blocks[0]).toEqual({ t: "heading", level: 1, c: [{ t: "text", v: "Title" }] });
    expect(blocks[4]).toEqual({ t: "code", lang: "ts", v: "const a = 1;" });
  });

  it("reads bullet and numbered lists, with nested items", () => {
    const [list, numbered] = parseMarkdown("- a\n- b\n  - b1\n\n3. three\n4. four");
    expect(list).toMatchObject({ t: "list", ordered: false });
    expect(list?.t === "list" && list.items.length).toBe(2);
    expect(list?.t === "list" && list.items[1]?.[1]).toMatchObject({ t: "list", ordered: false });
    expect(numbered).toMatchObject({ t: "list", ordered: true, start: 3 });
  });

  it("an unclosed fence runs to the end instead of failing", () => {
    expect(parseMarkdown("```\nno end")).toEqual([{ t: "code", lang: "", v: "no end" }]);
  });

  it("deep nesting stops at a bound (hostile input cannot exhaust the stack)", () => {
    expect(() => parseMarkdown(`${">".repeat(5000)} deep`)).not.toThrow();
    expect(() => parseInline(`${"**".repeat(2000)}x${"**".repeat(2000)}`)).not.toThrow();
  });
});

describe("parseInline", () => {
  it("reads code, strong, emphasis, strikethrough, links and escapes", () => {
    expect(parseInline("`x*y*` **b** *i* _j_ ~~d~~ [site](https://example.com) \\*no\\*")).toEqual([
      { t: "code", v: "x*y*" },
      { t: "text", v: " " },
      { t: "strong", c: [{ t: "text", v: "b" }] },
      { t: "text", v: " " },
      { t: "em", c: [{ t: "text", v: "i" }] },
      { t: "text", v: " " },
      { t: "em", c: [{ t: "text", v: "j" }] },
      { t: "text", v: " " },
      { t: "del", c: [{ t: "text", v: "d" }] },
      { t: "text", v: " " },
      { t: "link", href: "https://example.com", c: [{ t: "text", v: "site" }] },
      { t: "text", v: " *no*" },
    ]);
  });

  it("leaves snake_case words alone and links bare URLs", () => {
    expect(parseInline("snake_case_name at https://example.com/a.")).toEqual([
      { t: "text", v: "snake_case_name at " },
      { t: "link", href: "https://example.com/a", c: [{ t: "text", v: "https://example.com/a" }] },
      { t: "text", v: "." },
    ]);
  });
});

describe("safeHref", () => {
  it("keeps http(s), mailto and relative targets", () => {
    for (const ok of ["https://a.example", "http://a.example/x?y", "mailto:me@example.com", "/notes/1", "#top", "x.md"])
      expect(safeHref(ok)).toBe(ok);
  });

  it("refuses script-capable and protocol-relative targets, however they are disguised", () => {
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "java\tscript:alert(1)",
      " javascript:x",
      "data:text/html,x",
      "vbscript:x",
      "//evil.example",
    ])
      expect(safeHref(bad)).toBeNull();
  });
});

describe("<Markdown>", () => {
  it("escapes raw HTML: a note cannot inject markup or scripts", () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> **bold**');
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("<strong>bold</strong>");
  });

  it("a javascript: link is shown as text, not a link", () => {
    const out = html("[click](javascript:alert(1))");
    expect(out).not.toContain("<a");
    expect(out).toContain("[click](javascript:alert(1))");
  });

  it("an image is a link to its target, never an <img> that loads by itself", () => {
    const out = html("![diagram](https://example.com/d.png)");
    expect(out).toBe(
      '<div class="markdown"><p><a href="https://example.com/d.png" rel="noopener noreferrer nofollow" target="_blank">diagram</a></p></div>',
    );
  });

  it("renders a tight list without paragraphs, and code blocks verbatim", () => {
    expect(html("- one\n- two")).toBe('<div class="markdown"><ul><li>one</li><li>two</li></ul></div>');
    expect(html("```\n<b>&amp;\n```")).toBe('<div class="markdown"><pre><code>&lt;b&gt;&amp;amp;</code></pre></div>');
  });
});
