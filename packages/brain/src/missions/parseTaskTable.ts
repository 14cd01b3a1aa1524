/** @module Turns one milestone's markdown table into tasks, collecting every problem with its line. */
import { isSeparatorCell, splitRow } from "./tasksMdCells.js";
import {
  REQUIRED_COLUMNS,
  STANDARD_COLUMNS,
  type StandardColumn,
  TASK_STATUSES,
  type TaskStatus,
  type TasksMdError,
} from "./tasksMdTypes.js";

/** A source line and its 1-based number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/** What the file-wide checks need of a row: its id, where it is and what it waits for. */
export interface TaskRef {
  line: number;
  id: string;
  dependsOn: string[];
}

/** A task as read from its row, before the file-wide checks (unique ids, known dependencies). */
export interface RowTask extends TaskRef {
  status: TaskStatus;
  standard: Record<Exclude<StandardColumn, "id" | "status" | "depends_on">, string>;
  /** Extra (non-standard) cells by column name, in the table's column order. */
  extra: [string, string][];
}

export interface ParsedTable {
  tasks: RowTask[];
  /**
   * Every row with a readable id, including rows with other problems: their ids still exist, so
   * a dependency on them must not be reported as unknown on top of the row's own error.
   */
  refs: TaskRef[];
  /** This table's extra column names, in its order. */
  extraColumns: string[];
}

const STANDARD_SET: ReadonlySet<string> = new Set(STANDARD_COLUMNS);

/**
 * Parses a contiguous block of `|` lines. Errors go to `errors`; rows that can't be read are
 * skipped so the caller can keep going and report everything in one pass.
 */
export function parseTaskTable(rows: readonly NumberedLine[], errors: TasksMdError[]): ParsedTable {
  const empty: ParsedTable = { tasks: [], refs: [], extraColumns: [] };
  const [headerLine, separatorLine, ...dataLines] = rows;
  if (!headerLine) return empty;
  const header = splitRow(headerLine.text);
  if (!header) {
    errors.push({ line: headerLine.line, message: "table row must start and end with '|'" });
    return empty;
  }
  const separator = separatorLine ? splitRow(separatorLine.text) : null;
  if (!separatorLine || !separator?.every(isSeparatorCell)) {
    errors.push({
      line: separatorLine?.line ?? headerLine.line,
      message: "missing table header: a task table starts with a header row and a separator row like '| --- | --- |'",
    });
    return empty;
  }
  const columns = readHeader(header, headerLine.line, errors);
  if (!columns) return empty;
  if (separator.length !== header.length) {
    errors.push({
      line: separatorLine.line,
      message: `separator row has ${separator.length} cells but the header has ${header.length}`,
    });
    return empty;
  }
  const tasks: RowTask[] = [];
  const refs: TaskRef[] = [];
  for (const row of dataLines) {
    const { task, ref } = readRow(row, columns, errors);
    if (task) tasks.push(task);
    if (ref) refs.push(ref);
  }
  return { tasks, refs, extraColumns: columns.filter((c) => !STANDARD_SET.has(c)) };
}

/** Resolves header cells to column keys: standard names case-insensitively, extra names as written. */
function readHeader(cells: string[], line: number, errors: TasksMdError[]): string[] | null {
  const keys: string[] = [];
  let ok = true;
  cells.forEach((cell, index) => {
    const lower = cell.toLowerCase();
    const key = STANDARD_SET.has(lower) ? lower : cell;
    if (key === "") {
      errors.push({ line, message: `column ${index + 1} of the table header has no name` });
      ok = false;
    } else if (keys.includes(key)) {
      errors.push({ line, message: `the table header names the column '${key}' twice` });
      ok = false;
    }
    keys.push(key);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!keys.includes(required)) {
      errors.push({ line, message: `the table header has no '${required}' column` });
      ok = false;
    }
  }
  return ok ? keys : null;
}

function readRow(
  row: NumberedLine,
  columns: string[],
  errors: TasksMdError[],
): { task: RowTask | null; ref: TaskRef | null } {
  const cells = splitRow(row.text);
  if (!cells) {
    errors.push({ line: row.line, message: "table row must start and end with '|' (escape a pipe in a cell as \\|)" });
    return { task: null, ref: null };
  }
  if (cells.length !== columns.length) {
    errors.push({
      line: row.line,
      message: `row has ${cells.length} cells but the header has ${columns.length} (escape a pipe in a cell as \\|)`,
    });
    return { task: null, ref: null };
  }
  const byColumn = new Map(columns.map((column, i) => [column, cells[i] ?? ""]));
  const cell = (column: string): string => byColumn.get(column) ?? "";
  const errorCount = errors.length;
  const id = cell("id");
  const idOk = isValidTaskId(id);
  if (!idOk) {
    errors.push({
      line: row.line,
      message: id === "" ? "task id is empty" : `task id '${id}' must not contain spaces or commas`,
    });
  }
  const status = parseStatus(cell("status"));
  if (!status) {
    errors.push({
      line: row.line,
      message: `unknown status '${cell("status")}' for task '${id}' — use one of ${TASK_STATUSES.join(", ")}`,
    });
  }
  const dependsOn = parseDependsOn(cell("depends_on"), row.line, errors);
  const ref = idOk ? { line: row.line, id, dependsOn: dependsOn.filter(isValidTaskId) } : null;
  if (errors.length !== errorCount || !status) return { task: null, ref };
  const task: RowTask = {
    line: row.line,
    id,
    status,
    dependsOn,
    standard: {
      description: cell("description"),
      issue: cell("issue"),
      agent: cell("agent"),
      branch: cell("branch"),
      estimate: cell("estimate"),
      notes: cell("notes"),
    },
    extra: columns.filter((c) => !STANDARD_SET.has(c)).map((c) => [c, cell(c)]),
  };
  return { task, ref };
}

/** Task ids are referenced from comma-separated `depends_on` cells, so they can't hold commas or spaces. */
export function isValidTaskId(id: string): boolean {
  return /^[^\s,]+$/u.test(id);
}

/**
 * Reads a status. Accepted leniently: any letter case, and `_` or spaces in place of `-`
 * (`In Progress`, `NEEDS_QA`) — spellings people and agents commonly write. Anything else is an
 * error rather than a guess.
 */
export function parseStatus(raw: string): TaskStatus | null {
  const normalised = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return (TASK_STATUSES as readonly string[]).includes(normalised) ? (normalised as TaskStatus) : null;
}

function parseDependsOn(raw: string, line: number, errors: TasksMdError[]): string[] {
  if (raw === "") return [];
  const ids = raw.split(",").map((part) => part.trim());
  const seen = new Set<string>();
  for (const id of ids) {
    if (id === "") {
      errors.push({ line, message: `depends_on '${raw}' has an empty entry — separate task ids with single commas` });
    } else if (!isValidTaskId(id)) {
      errors.push({ line, message: `depends_on entry '${id}' is not a task id — separate task ids with commas` });
    } else if (seen.has(id)) {
      errors.push({ line, message: `depends_on names '${id}' twice` });
    }
    seen.add(id);
  }
  return ids;
}
