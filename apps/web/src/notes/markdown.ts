/**
 * @module A small markdown parser for note previews: the common subset (headings, paragraphs, lists,
 * quotes, fenced code, rules; code spans, bold, italic, links) into a plain tree. The tree is rendered
 * as React elements (Markdown.tsx), so text is always escaped: raw HTML in a note shows as text, and
 * a link keeps only http(s), mailto and relative targets (`javascript:` and friends become text).
 */

export type Inline =
  | { t: "text"; v: string }
  | { t: "code"; v: string }
  | { t: "strong"; c: Inline[] }
  | { t: "em"; c: Inline[] }
  | { t: "del"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] }
  | { t: "br" };

export type Block =
  | { t: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; c: Inline[] }
  | { t: "paragraph"; c: Inline[] }
  | { t: "code"; lang: string; v: string }
  | { t: "quote"; c: Block[] }
  | { t: "list"; ordered: boolean; start: number; items: Block[][] }
  | { t: "hr" };

/** Nesting deeper than this (quotes in lists in quotes…) is shown as text: bounds recursion on hostile input. */
const MAX_DEPTH = 8;

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])\s+(.*)$/;
const BLANK = /^\s*$/;

/** Whether a line starts a block other than a paragraph (so it ends the paragraph above it). */
function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
}

/** Parses markdown text into blocks. Never throws; anything it does not understand stays text. */
export function parseMarkdown(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (BLANK.test(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? "```";
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? "").trimStart().startsWith(marker)) body.push(lines[i++] ?? "");
      i++; // the closing fence (or the end of the text)
      blocks.push({ t: "code", lang: fence[2] ?? "", v: body.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1] ?? "#").length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ t: "heading", level, c: parseInline(heading[2] ?? "", depth) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ t: "hr" });
      i++;
      continue;
    }
    if (depth < MAX_DEPTH && QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? "")) inner.push(QUOTE.exec(lines[i++] ?? "")?.[1] ?? "");
      blocks.push({ t: "quote", c: parseMarkdown(inner.join("\n"), depth + 1) });
      continue;
    }
    const first = ITEM.exec(line);
    if (depth < MAX_DEPTH && first) {
      const ordered = /\d/.test(first[2] ?? "");
      const indent = (first[1] ?? "").length;
      const nestedLine = (l: string) => (/^\s*/.exec(l)?.[0].length ?? 0) >= indent + 2;
      const items: string[][] = [];
      while (i < lines.length) {
        const current = lines[i] ?? "";
        const item = ITEM.exec(current);
        if (item && !nestedLine(current) && /\d/.test(item[2] ?? "") === ordered) {
          items.push([item[3] ?? ""]);
          i++;
        } else if (!BLANK.test(current) && nestedLine(current) && items.length) {
          items[items.length - 1]?.push(
            current.slice(Math.min(indent + 2, current.length - current.trimStart().length)),
          );
          i++;
        } else if (BLANK.test(current) && nestedLine(lines[i + 1] ?? "") && !BLANK.test(lines[i + 1] ?? "")) {
          items[items.length - 1]?.push("");
          i++;
        } else {
          break;
        }
      }
      blocks.push({
        t: "list",
        ordered,
        start: ordered ? Number.parseInt(first[2] ?? "1", 10) : 1,
        items: items.map((item) => parseMarkdown(item.join("\n"), depth + 1)),
      });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !BLANK.test(lines[i] ?? "") && (para.length === 0 || !startsBlock(lines[i] ?? ""))) {
      para.push(lines[i++] ?? "");
    }
    blocks.push({ t: "paragraph", c: parseInline(para.join("\n"), depth) });
  }
  return blocks;
}

/** Only these link targets are followed; anything else (javascript:, data:, vbscript:…) is shown as text. */
export function safeHref(raw: string): string | null {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so we do too.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const href = raw.replace(/[\u0000-\u0020\u007f]/g, "");
  if (!href) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href);
  if (!scheme) return href.startsWith("//") ? null : href; // relative (path, #anchor, ?query)
  return ["http", "https", "mailto"].includes((scheme[1] ?? "").toLowerCase()) ? href : null;
}

// One alternation, tried left to right at each position: escapes, code spans, autolinks, links,
// strong, strikethrough, emphasis, bare URLs, hard breaks.
const INLINE =
  /\\([\\`*_{}[\]()#+\-.!>~|])|(`+)([^`][\s\S]*?)\2(?!`)|<((?:https?:\/\/|mailto:)[^>\s]+)>|(!?)\[([^\]\n]*)\]\(\s*<?([^\s)>]*)>?(?:\s+"[^"\n]*")?\s*\)|\*\*(?=\S)([\s\S]*?\S)\*\*|(?<![\w])__(?=\S)([\s\S]*?\S)__(?![\w])|~~(?=\S)([\s\S]*?\S)~~|\*(?=[^\s*])([\s\S]*?[^\s*])\*|(?<![\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\w])|(https?:\/\/[^\s<]*[^\s<.,:;"')\]!?])|( {2,}|\\)\n/g;

/** Parses the inline markup of one paragraph or heading. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  const pushText = (v: string) => {
    if (!v) return;
    const last = out[out.length - 1];
    if (last?.t === "text") last.v += v;
    else out.push({ t: "text", v });
  };
  if (depth >= MAX_DEPTH) {
    pushText(text);
    return out;
  }
  const re = new RegExp(INLINE.source, "g");
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    pushText(text.slice(at, m.index));
    at = m.index + m[0].length;
    const [whole, escaped, , code, autolink, bang, label, target, strong, strong2, del, em, em2, url] = m;
    const nested = (s: string) => parseInline(s, depth + 1);
    if (escaped !== undefined) pushText(escaped);
    else if (code !== undefined) out.push({ t: "code", v: code.replace(/\n/g, " ") });
    else if (autolink !== undefined) link(autolink, [{ t: "text", v: autolink }]);
    else if (label !== undefined) {
      // An image is shown as a link to it: a note preview never loads remote content by itself.
      link(target ?? "", nested(bang ? label || (target ?? "") : label), whole);
    } else if (strong !== undefined || strong2 !== undefined)
      out.push({ t: "strong", c: nested(strong ?? strong2 ?? "") });
    else if (del !== undefined) out.push({ t: "del", c: nested(del) });
    else if (em !== undefined || em2 !== undefined) out.push({ t: "em", c: nested(em ?? em2 ?? "") });
    else if (url !== undefined) link(url, [{ t: "text", v: url }]);
    else out.push({ t: "br" });
  }
  pushText(text.slice(at));
  return out;

  function link(target: string, c: Inline[], original?: string) {
    const href = safeHref(target);
    if (href) out.push({ t: "link", href, c });
    else pushText(original ?? target);
  }
}
