/** @module What counts as structure in a TASKS.md line, shared by the parser and the serializer so they agree. */

export const MISSION_TITLE = /^#[ \t]+(.*\S)\s*$/;
// The dash may be an em dash (canonical), an en dash or a hyphen; the ID is the last parenthesised word.
export const MILESTONE_HEADING = /^##[ \t]+milestone[ \t]+(\d+)[ \t]*[—–-][ \t]*(.*\S)[ \t]+\(([^()\s]+)\)\s*$/i;
export const MILESTONE_LIKE = /^##[ \t]+milestone\b/i;
/** `#` and `##` headings end a milestone section; `###` and deeper are free text inside it. */
export const STRUCTURAL_HEADING = /^#{1,2}(?:[ \t]|$)/;
export const GOAL_LINE = /^goal:(.*)$/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function isTableLine(text: string): boolean {
  return text.trimStart().startsWith("|");
}

/**
 * Tracks fenced code blocks so a `## Milestone` or `|` line inside one is only text. Returns the
 * open fence's marker after `text`, or null when outside a fence.
 */
export function nextFence(open: string | null, text: string): string | null {
  const marker = FENCE.exec(text)?.[1];
  if (open === null) return marker ?? null;
  const closes =
    marker !== undefined && marker[0] === open[0] && marker.length >= open.length && text.trim() === marker;
  return closes ? null : open;
}

/** Splits into lines: BOM dropped, CRLF/CR read as LF, trailing whitespace removed, a final newline not a line. */
export function toLines(markdown: string): string[] {
  const text = markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n").map((l) => l.trimEnd());
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

export function trimBlankLines(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end).join("\n");
}

/** Where free text is written: the lines that would be read as structure differ. */
export type FreeTextPlace = "preamble" | "preamble-first" | "milestone";

/**
 * Makes free markdown (a preamble or milestone description, possibly edited outside TASKS.md)
 * safe to write: it is normalised as the parser would (line endings, trailing whitespace, blank
 * edges), a line that would be read as structure gets a backslash (`\| …`, `\## …`, `\Goal: …`,
 * which markdown renders as the literal text), and a code fence left open is closed, so the text
 * can't swallow the milestones after it. Text the parser produced passes through unchanged.
 */
export function protectFreeText(text: string, place: FreeTextPlace): string {
  const out: string[] = [];
  let fence: string | null = null;
  let sawContent = false;
  for (const line of toLines(text)) {
    const inFence = fence !== null;
    fence = nextFence(fence, line);
    out.push(inFence || fence !== null ? line : protectLine(line, place, !sawContent));
    sawContent ||= line !== "";
  }
  if (fence !== null) out.push(fence);
  return trimBlankLines(out);
}

function protectLine(line: string, place: FreeTextPlace, isFirst: boolean): string {
  if (isTableLine(line)) return line.replace("|", "\\|");
  const structuralHeading =
    place === "milestone"
      ? STRUCTURAL_HEADING.test(line)
      : MILESTONE_LIKE.test(line) || (place === "preamble-first" && isFirst && MISSION_TITLE.test(line));
  if (structuralHeading || GOAL_LINE.test(line)) return `\\${line}`;
  return line;
}
