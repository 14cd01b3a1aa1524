/** @module Writes a mission back as canonical TASKS.md markdown (see tasksMd.ts for the canonical form). */
import { escapeCell, formatRow } from "./tasksMdCells.js";
import { STANDARD_COLUMNS, type TasksMd, type TasksMdMilestone, type TasksMdTask } from "./tasksMdTypes.js";

/**
 * Serializes a mission to canonical TASKS.md. For any value `parseTasksMd` returned, parsing the
 * output gives that value back, and serializing a parsed canonical file reproduces it byte for
 * byte. Blocks are separated by one blank line and the file ends with one newline.
 */
export function serializeTasksMd(tasksMd: TasksMd): string {
  const { mission, milestones, extraColumns } = tasksMd;
  const blocks: string[] = [];
  if (mission.title !== null) blocks.push(`# ${singleLine(mission.title)}`);
  if (mission.goal !== null) blocks.push(goalLine(mission.goal));
  if (mission.preamble !== "") blocks.push(mission.preamble);
  for (const milestone of milestones) blocks.push(...milestoneBlocks(milestone, extraColumns));
  return `${blocks.join("\n\n")}\n`;
}

function milestoneBlocks(milestone: TasksMdMilestone, extraColumns: readonly string[]): string[] {
  const blocks = [`## Milestone ${milestone.ordinal} — ${singleLine(milestone.title)} (${milestone.externalId})`];
  if (milestone.goal !== null) blocks.push(goalLine(milestone.goal));
  if (milestone.description !== "") blocks.push(milestone.description);
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

function goalLine(goal: string): string {
  return `Goal: ${singleLine(goal)}`;
}

/** Headings and goal lines are one line each; a value holding line breaks is joined with spaces. */
function singleLine(text: string): string {
  return text.replace(/\s*(?:\r\n|\r|\n)\s*/g, " ").trim();
}
