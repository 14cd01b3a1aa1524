/** @module A note's markdown as terminal lines: markers turned into plain readable text, wrapped to a width. */

export type LineStyle = "heading" | "text" | "quote" | "code" | "rule";

export interface ReadableLine {
  text: string;
  style: LineStyle;
}

/**
 * Renders markdown for reading, not for fidelity: headings lose their `#`s (and get a style),
 * bullets become `•`, `**strong**`/`_em_`/`` `code` `` lose their markers, links read
 * `text (url)`, fenced code keeps its lines verbatim (indented, never re-wrapped), and everything
 * else is word-wrapped to `width` so no line is wider than the terminal.
 */
export function markdownLines(markdown: string, width: number): ReadableLine[] {
  const out: ReadableLine[] = [];
  const w = Math.max(8, width);
  let fence: string | undefined;
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/\t/g, "  ");
    const fenceMark = /^\s*(```|~~~)/.exec(line)?.[1];
    if (fenceMark && (fence === undefined || fence === fenceMark)) {
      fence = fence === undefined ? fenceMark : undefined;
      continue;
    }
    if (fence !== undefined) {
      out.push({ text: clip(`  ${line}`, w), style: "code" });
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push({ text: "─".repeat(Math.min(w, 40)), style: "rule" });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      wrapInto(out, inline(heading[2] ?? ""), w, "", "heading");
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      wrapInto(out, inline(quote[1] ?? ""), w, "│ ", "quote");
      continue;
    }
    const item = /^(\s*)([-*+]|\d+[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/.exec(line);
    if (item) {
      const indent = " ".repeat(Math.min(8, (item[1] ?? "").length));
      const marker = /\d/.test(item[2] ?? "") ? (item[2] ?? "") : "•";
      const box = item[3] === undefined ? "" : item[3] === " " ? "[ ] " : "[x] ";
      wrapInto(out, `${box}${inline(item[4] ?? "")}`, w, `${indent}${marker} `, "text");
      continue;
    }
    if (line.trim() === "") {
      // One blank line between paragraphs, never a run of them.
      if (out.length > 0 && out[out.length - 1]?.text !== "") out.push({ text: "", style: "text" });
      continue;
    }
    wrapInto(out, inline(line.trim()), w, "", "text");
  }
  while (out.length > 0 && out[out.length - 1]?.text === "") out.pop();
  return out;
}

/** Inline markers removed: images and links keep their text and URL, emphasis and code spans their words. */
function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, alt: string, url: string) => `[image: ${alt || url}]`)
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_m, label: string, url: string) =>
      label === url ? url : `${label} (${url})`,
    )
    .replace(/`([^`]+)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[^\w*])([*_])(?=\S)(.+?)(?<=\S)\2(?![\w*])/g, "$1$3")
    .replace(/~~(.+?)~~/g, "$1");
}

/** Word-wraps `text` after `prefix`; continuation lines are indented to line up under the text. */
function wrapInto(out: ReadableLine[], text: string, width: number, prefix: string, style: LineStyle): void {
  const room = Math.max(4, width - prefix.length);
  const hang = " ".repeat(prefix.length);
  let current = "";
  let first = true;
  const flush = () => {
    out.push({ text: `${first ? prefix : hang}${current}`, style });
    first = false;
    current = "";
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    // A word longer than the line (a URL) is cut into line-sized pieces.
    for (let piece = word; piece.length > 0; ) {
      const sep = current ? " " : "";
      if (current.length + sep.length + piece.length <= room) {
        current += sep + piece;
        piece = "";
      } else if (current) flush();
      else {
        current = piece.slice(0, room);
        piece = piece.slice(room);
        flush();
      }
    }
  }
  if (current || first) flush();
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
