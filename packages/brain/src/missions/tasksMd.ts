/**
 * @module TASKS.md: the mission planning format agent orchestrators use, parsed and written back.
 *
 * ```markdown
 * # Mission title
 *
 * Goal: what the whole mission achieves
 *
 * Free preamble markdown.
 *
 * ## Milestone 1 — Foundations (FED-M1)
 *
 * Goal: what this milestone achieves
 *
 * | id | status | description | issue | agent | branch | depends_on | estimate | notes |
 * | --- | --- | --- | --- | --- | --- | --- | --- | --- |
 * | FED-M1-01 | done | Build the CA | #12 | codex | fed/ca | | 2h | |
 * ```
 *
 * Import is lenient where intent is unambiguous and strict elsewhere; export writes one canonical
 * form. Import of a canonical file followed by export gives the same bytes; export → import →
 * export always does. Normalisation applied on import (full list in docs/TASKS_MD.md):
 * - a leading BOM is dropped, CRLF/CR become LF, trailing whitespace on every line is removed,
 *   leading/trailing blank lines of the preamble and of milestone descriptions are dropped;
 * - the mission and milestone `Goal:` lines move directly under their heading; an empty goal is
 *   dropped; free text anywhere else in a milestone section becomes its description, written
 *   between the goal and the table;
 * - milestone headings are written `## Milestone N — Title (ID)` (em dash, number without leading
 *   zeros) whatever dash or letter case was read;
 * - statuses are read in any letter case with `_` or spaces for `-` and written canonically;
 * - tables: cells are trimmed and written as `| cell |` without padding (`| |` when empty), the
 *   separator row is `| --- |` for every column (alignment colons are dropped), standard columns
 *   come first in their fixed order and lower case, then the extra columns of the whole file in
 *   order of first appearance — every milestone gets every column, and a milestone without a table
 *   gets an empty one; `depends_on` ids are joined with `, `.
 * Export also makes values edited outside TASKS.md safe (one-line fields lose line breaks, free
 * text lines that look like structure are backslash-escaped, open fences are closed).
 */
export { parseTasksMd, parseTasksMdOrThrow } from "./parseTasksMd.js";
export { parseStatus } from "./parseTaskTable.js";
export { serializeTasksMd } from "./serializeTasksMd.js";
export * from "./tasksMdTypes.js";
