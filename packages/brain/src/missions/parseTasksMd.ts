/** @module Parses a TASKS.md mission file into a mission, milestones and tasks — all of it, or every error. */
import { invalid } from "@mosaic/contracts";
import { checkDependencies } from "./checkDependencies.js";
import { type NumberedLine, parseTaskTable, type RowTask, type TaskRef } from "./parseTaskTable.js";
import {
  GOAL_LINE,
  isTableLine,
  MILESTONE_HEADING,
  MILESTONE_LIKE,
  MISSION_TITLE,
  nextFence,
  STRUCTURAL_HEADING,
  toLines,
  trimBlankLines,
} from "./tasksMdLines.js";
import type { TasksMd, TasksMdError, TasksMdMilestone, TasksMdParseResult, TasksMdTask } from "./tasksMdTypes.js";

interface MissionDraft {
  title: string | null;
  goal: string | null;
  goalLine: number | null;
  preamble: string[];
}

/** A milestone while its section is being read. */
interface OpenMilestone {
  heading: NumberedLine;
  /** False for a section under a malformed heading. */
  valid: boolean;
  ordinal: number;
  title: string;
  externalId: string;
  goal: string | null;
  goalLine: number | null;
  body: string[];
  table: NumberedLine[] | null;
  rows: RowTask[];
  refs: TaskRef[];
  extraColumns: string[];
}

/**
 * Parses TASKS.md markdown. Never returns part of a file: either the whole mission or every
 * problem found (sorted by line), so an importer can be all-or-nothing and show them all at once.
 */
export function parseTasksMd(markdown: string): TasksMdParseResult {
  const lines = toLines(markdown);
  const errors: TasksMdError[] = [];
  const mission: MissionDraft = { title: null, goal: null, goalLine: null, preamble: [] };
  const milestones: OpenMilestone[] = [];
  // Sections under malformed headings: not returned, but their tasks still count as existing ids.
  const broken: OpenMilestone[] = [];
  let current: OpenMilestone | null = null;
  let fence: string | null = null;
  let fenceLine = 0;
  let tableBlock: NumberedLine[] | null = null;

  const closeTable = () => {
    if (!current || !tableBlock) return;
    if (current.table) {
      errors.push({
        line: tableBlock[0]?.line ?? 0,
        message: `milestone ${current.ordinal} already has a task table (line ${current.table[0]?.line}); a milestone holds one table`,
      });
    } else {
      current.table = tableBlock;
      const parsed = parseTaskTable(tableBlock, errors);
      current.rows = parsed.tasks;
      current.refs = parsed.refs;
      current.extraColumns = parsed.extraColumns;
    }
    tableBlock = null;
  };

  let sawContent = false;
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    const inFence = fence !== null;
    fence = nextFence(fence, text);
    if (!inFence && fence !== null) fenceLine = line;
    if (inFence || fence !== null) {
      closeTable();
      (current ? current.body : mission.preamble).push(text);
      continue;
    }
    const isFirstContent = !sawContent && text.trim() !== "";
    if (text.trim() !== "") sawContent = true;

    if (isTableLine(text)) {
      // One error per stray table, on its first line, rather than one per row.
      if (!current && !isTableLine(lines[index - 1] ?? "")) {
        errors.push({
          line,
          message: "table outside a milestone: put task tables under a '## Milestone N — Title (ID)' heading",
        });
      } else if (current) {
        tableBlock = tableBlock ?? [];
        tableBlock.push({ line, text });
      }
      continue;
    }
    closeTable();

    if (isFirstContent && !current && MISSION_TITLE.test(text)) {
      mission.title = MISSION_TITLE.exec(text)?.[1] ?? null;
      continue;
    }
    if (STRUCTURAL_HEADING.test(text) && (current || MILESTONE_LIKE.test(text))) {
      // A malformed heading still opens a section, so its table is checked rather than blamed on the milestone above.
      current = openMilestone({ line, text }, errors);
      (current.valid ? milestones : broken).push(current);
      continue;
    }
    const goal = GOAL_LINE.exec(text);
    if (goal) {
      const target = current ?? mission;
      if (target.goalLine !== null) {
        errors.push({ line, message: `a second Goal: line (the first is on line ${target.goalLine})` });
      }
      target.goal = goal[1]?.trim() || null;
      target.goalLine = line;
      continue;
    }
    (current ? current.body : mission.preamble).push(text);
  }
  closeTable();

  if (fence !== null) {
    // Everything after an unclosed fence is text, which hides any milestone below it.
    errors.push({ line: fenceLine, message: `the code fence opened on line ${fenceLine} is never closed` });
  }
  if (milestones.length === 0 && broken.length === 0) {
    errors.push({ line: 1, message: "no milestones found: expected headings like '## Milestone 1 — Title (ID)'" });
  }
  checkMilestoneIdentity(milestones, errors);
  checkDependencies(
    [...milestones, ...broken].flatMap((m) => m.refs),
    errors,
  );
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, value: assemble(mission, milestones) };
}

/** Opens the section a `#`/`##` heading starts; a malformed heading opens an invalid one. */
function openMilestone(heading: NumberedLine, errors: TasksMdError[]): OpenMilestone {
  const match = MILESTONE_HEADING.exec(heading.text);
  if (!match) {
    errors.push({
      line: heading.line,
      message: MILESTONE_LIKE.test(heading.text)
        ? `malformed milestone heading '${heading.text}': expected '## Milestone N — Title (ID)'`
        : `unexpected heading '${heading.text}' after the first milestone: only '## Milestone N — Title (ID)' headings may follow (use ### inside a milestone)`,
    });
    return placeholderMilestone(heading);
  }
  return {
    ...placeholderMilestone(heading),
    valid: true,
    ordinal: Number(match[1]),
    title: match[2] ?? "",
    externalId: match[3] ?? "",
  };
}

function placeholderMilestone(heading: NumberedLine): OpenMilestone {
  return {
    heading,
    valid: false,
    ordinal: 0,
    title: "",
    externalId: "",
    goal: null,
    goalLine: null,
    body: [],
    table: null,
    rows: [],
    refs: [],
    extraColumns: [],
  };
}

function checkMilestoneIdentity(milestones: OpenMilestone[], errors: TasksMdError[]): void {
  const ordinals = new Map<number, number>();
  const ids = new Map<string, number>();
  for (const m of milestones) {
    const ordinalLine = ordinals.get(m.ordinal);
    if (ordinalLine !== undefined) {
      errors.push({
        line: m.heading.line,
        message: `milestone number ${m.ordinal} is already used on line ${ordinalLine}`,
      });
    } else ordinals.set(m.ordinal, m.heading.line);
    const idLine = ids.get(m.externalId);
    if (idLine !== undefined) {
      errors.push({
        line: m.heading.line,
        message: `milestone id '${m.externalId}' is already used on line ${idLine}`,
      });
    } else ids.set(m.externalId, m.heading.line);
  }
}

function assemble(mission: MissionDraft, open: OpenMilestone[]): TasksMd {
  const extraColumns = [...new Set(open.flatMap((m) => m.extraColumns))];
  const milestones: TasksMdMilestone[] = open.map((m) => ({
    ordinal: m.ordinal,
    title: m.title,
    externalId: m.externalId,
    goal: m.goal,
    description: trimBlankLines(m.body),
    tasks: m.rows.map((row) => toTask(row, extraColumns)),
  }));
  return {
    mission: { title: mission.title, goal: mission.goal, preamble: trimBlankLines(mission.preamble) },
    milestones,
    extraColumns,
  };
}

function toTask(row: RowTask, extraColumns: string[]): TasksMdTask {
  const cells = new Map(row.extra);
  // fromEntries defines own properties, so a column named "__proto__" is kept as data.
  const extra = Object.fromEntries(extraColumns.map((name) => [name, cells.get(name) ?? ""]));
  return { id: row.id, status: row.status, ...row.standard, dependsOn: row.dependsOn, extra };
}

/**
 * Parses or throws a `validation_error` MosaicError whose details hold one entry per problem, with
 * the path `line.N`, for services that import a mission all-or-nothing.
 */
export function parseTasksMdOrThrow(markdown: string): TasksMd {
  const result = parseTasksMd(markdown);
  if (result.ok) return result.value;
  const count = result.errors.length;
  throw invalid(
    `TASKS.md has ${count} problem${count === 1 ? "" : "s"}; nothing was imported`,
    result.errors.map((e) => ({ path: `line.${e.line}`, message: e.message })),
  );
}
