/** @module Writes a mission back as canonical TASKS.md markdown (see tasksMd.ts for the canonical form). */
import { escapeCell, formatRow } from "./tasksMdCells.js";
import { protectFreeText } from "./tasksMdLines.js";
import { STANDARD_COLUMNS, type TasksMd, type TasksMdMilestone, type TasksMdTask } from "./tasksMdTypes.js";

/**
 * Serializes a mission to canonical TASKS.md. For any value `parseTasksMd` returned, parsing the
 * output gives that value back, and serializing a parsed canonical file reproduces it byte for
 * byte. Blocks are separated by one blank line and the file ends with one newline.
 *
 * Values from elsewhere (a database row edited through the API) are made safe rather than
 * trusted: line breaks in one-line fields become spaces, free text is normalised and
 * structure-looking lines in it are escaped (see `protectFreeText`), so export → import → export
 * is stable for them too. What the format can't express is the caller's to prevent: task and
 * milestone ids must be non-empty without spaces (task ids also without commas), milestone titles
 * non-empty, and `dependsOn` must name tasks in the mission.
 */
export function serializeTasksMd(tasksMd: TasksMd): string {
  const { mission, milestones, extraColumns } = tasksMd;
  const blocks: string[] = [];
  const title = mission.title === null ? "" : singleLine(mission.title);
  const goal = mission.goal === null ? "" : singleLine(mission.goal);
  if (title !== "") blocks.push(`# ${title}`);
  if (goal !== "") blocks.push(`Goal: ${goal}`);
  const preamble = protectFreeText(mission.preamble, title === "" && goal === "" ? "preamble-first" : "preamble");
  if (preamble !== "") blocks.push(preamble);
  for (const milestone of milestones) blocks.push(...milestoneBlocks(milestone, extraColumns));
  return `${blocks.join("\n\n")}\n`;
}

function milestoneBlocks(milestone: TasksMdMilestone, extraColumns: readonly string[]): string[] {
  const blocks = [`## Milestone ${milestone.ordinal} — ${singleLine(milestone.title)} (${milestone.externalId})`];
  const goal = milestone.goal === null ? "" : singleLine(milestone.goal);
  if (goal !== "") blocks.push(`Goal: ${goal}`);
  const description = protectFreeText(milestone.description, "milestone");
  if (description !== "") blocks.push(description);
  blocks.push(taskTable(milestone.tasks, extraColumns));
  return blocks;
}

/**
 * Every table gets the standard columns in their fixed order, then the file's extra columns, so
 * all milestones share one header (an empty milestone still shows it, ready to fill in).
 */
function taskTable(tasks: readonly TasksMdTask[], extraColumns: readonly string[]): string {
  const header = [...STANDARD_COLUMNS, ...extraColumns].map(escapeCell);
  const rows = [formatRow(header), formatRow(header.map(() => "---"))];
  for (const task of tasks) {
    const cells = [
      task.id,
      task.status,
      task.description,
      task.issue,
      task.agent,
      task.branch,
      task.dependsOn.join(", "),
      task.estimate,
      task.notes,
      ...extraColumns.map((name) => (Object.hasOwn(task.extra, name) ? (task.extra[name] ?? "") : "")),
    ];
    rows.push(formatRow(cells.map(escapeCell)));
  }
  return rows.join("\n");
}

/** Headings and goal lines are one line each; a value holding line breaks is joined with spaces. */
function singleLine(text: string): string {
  return text.replace(/\s*(?:\r\n|\r|\n)\s*/g, " ").trim();
}
