/** @module The shapes of a parsed TASKS.md mission file: mission, milestones, tasks, errors. */

/** Task statuses in the order a task usually moves through them; the canonical spelling. */
export const TASK_STATUSES = ["not-started", "in-progress", "done", "blocked", "failed", "needs-qa"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The columns every task table has, in the order the serializer writes them. */
export const STANDARD_COLUMNS = [
  "id",
  "status",
  "description",
  "issue",
  "agent",
  "branch",
  "depends_on",
  "estimate",
  "notes",
] as const;
export type StandardColumn = (typeof STANDARD_COLUMNS)[number];

/**
 * Columns a task table must have. The others default to an empty cell when a table omits them, so
 * a hand-written table with only the columns its author uses still imports.
 */
export const REQUIRED_COLUMNS: readonly StandardColumn[] = ["id", "status", "description"];

export interface TasksMdTask {
  /** The external id (e.g. `FED-M3-04`): unique in the file, no whitespace, no commas. */
  id: string;
  status: TaskStatus;
  description: string;
  issue: string;
  agent: string;
  branch: string;
  /** Ids of tasks (anywhere in the file) this one waits for, in the order written. */
  dependsOn: string[];
  estimate: string;
  notes: string;
  /** One entry per name in `TasksMd.extraColumns` (empty string when the task's table lacked it). */
  extra: Record<string, string>;
}

export interface TasksMdMilestone {
  /** The N of `## Milestone N — Title (ID)`. */
  ordinal: number;
  title: string;
  /** The ID in parentheses at the end of the heading (e.g. `FED-M1`). */
  externalId: string;
  /** The text of the milestone's `Goal:` line, or null when it has none. */
  goal: string | null;
  /** Free markdown between the heading and the table (other than the goal), "" when none. */
  description: string;
  tasks: TasksMdTask[];
}

export interface TasksMdMission {
  /** The text of the leading `# ` heading, or null when the file doesn't start with one. */
  title: string | null;
  /** The text of a `Goal:` line before the first milestone, or null. */
  goal: string | null;
  /** Free markdown before the first milestone (other than the title and goal), "" when none. */
  preamble: string;
}

export interface TasksMd {
  mission: TasksMdMission;
  milestones: TasksMdMilestone[];
  /** Columns beyond the standard ones, in the order they first appear in the file. */
  extraColumns: string[];
}

/** One problem in a TASKS.md file; `line` is 1-based. */
export interface TasksMdError {
  line: number;
  message: string;
}

export type TasksMdParseResult = { ok: true; value: TasksMd } | { ok: false; errors: TasksMdError[] };
