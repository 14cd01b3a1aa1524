/** @module Pure text formatting for people: dates, key/value blocks, cookies. No I/O, unit-tested. */

/** `2026-05-01 14:03` in the local time zone; `-` for null. Tables stay narrow and scannable. */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return "-";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Lines of `key  value` with the values aligned; multi-line values are indented under the first line. */
export function keyValues(pairs: Array<[string, string]>): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs
    .map(([k, v]) => {
      const [first = "", ...rest] = v.split("\n");
      const pad = " ".repeat(width + 2);
      return [`${k.padEnd(width)}  ${first}`.trimEnd(), ...rest.map((line) => `${pad}${line}`.trimEnd())].join("\n");
    })
    .join("\n");
}

/** The `name=value` parts of Set-Cookie headers as one Cookie header (attributes dropped). */
export function cookieHeader(setCookies: string[]): string {
  return setCookies
    .map((c) => c.split(";")[0]?.trim() ?? "")
    .filter((c) => c.includes("="))
    .join("; ");
}

/** Text cut to `max` characters with an ellipsis, on one line: descriptions in tables. */
export function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The "Examples:" block shown by `--help`. */
export function examplesText(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}
