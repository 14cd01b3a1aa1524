/** @module Table-row splitting and cell escaping for TASKS.md: the one place that knows about `\|`. */

/**
 * Splits a table row into its trimmed, unescaped cells, or returns null when the line is not a
 * complete row (it must start and end with an unescaped `|`).
 *
 * One left-to-right scan both splits and unescapes: `\|` is a literal pipe inside a cell, every
 * other backslash is kept as written. Because `escapeCell` only ever inserts a backslash directly
 * before a pipe, this scan is its exact inverse — a cell value ending in `\` or holding `\|`
 * survives a round trip.
 */
export function splitRow(line: string): string[] | null {
  const row = line.trim();
  if (!row.startsWith("|")) return null;
  const cells: string[] = [];
  let current = "";
  let endsWithPipe = false;
  for (let i = 1; i < row.length; i++) {
    const ch = row.charAt(i);
    if (ch === "\\" && row.charAt(i + 1) === "|") {
      current += "|";
      i++;
      endsWithPipe = false;
    } else if (ch === "|") {
      cells.push(current.trim());
      current = "";
      endsWithPipe = true;
    } else {
      current += ch;
      endsWithPipe = false;
    }
  }
  return endsWithPipe ? cells : null;
}

/**
 * Makes a value safe for one table cell: line breaks become spaces (a cell is one line), the
 * value is trimmed (parsing trims cells, so untrimmed text could not round-trip) and pipes are
 * escaped.
 */
export function escapeCell(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, " ")
    .trim()
    .replaceAll("|", "\\|");
}

/** Formats cells as one canonical row: `| a | b |`, an empty cell as `| |`. */
export function formatRow(cells: readonly string[]): string {
  return `|${cells.map((cell) => (cell === "" ? " " : ` ${cell} `)).join("|")}|`;
}

/** True for a separator cell such as `---`, `:---`, `---:` or `:---:`. */
export function isSeparatorCell(cell: string): boolean {
  return /^:?-+:?$/.test(cell);
}
