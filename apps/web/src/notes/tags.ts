/** @module Tags as people type them ("ops, urgent  ideas") and as the API takes them (a list). */

/** Splits on commas and whitespace, drops empties and repeats (first spelling wins), keeps order. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of text.split(/[\s,]+/u)) {
    if (!tag || seen.has(tag)) continue;
    seen.add(tag);
    out.push(tag);
  }
  return out;
}

export const formatTags = (tags: readonly string[]): string => tags.join(", ");

/** The start of a note's text for a list row: markdown markers dropped, whitespace folded. */
export function excerpt(body: string, max = 160): string {
  const plain = body
    .replace(/```[\s\S]*?(```|$)/g, " ")
    .replace(/[#>*_`~[\]()!-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
