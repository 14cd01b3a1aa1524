/** @module The task fields `task create` and `task update` share: their options, and turning them into a request body. */
import { TaskPriority, TaskStatus } from "@mosaic/contracts";
import { type Command, Option } from "commander";
import { CliError, EXIT } from "../output.js";
import { idArg } from "./common.js";

export interface TaskFieldOptions {
  title?: string;
  description?: string;
  status?: string;
  priority?: string;
  assignee?: string;
  dependsOn?: string;
  estimate?: string;
  branch?: string;
  issue?: string;
  notes?: string;
  due?: string;
  externalId?: string;
  milestone?: string;
  position?: string;
}

/** The options for every editable field; on update, "" clears a field the API lets be empty. */
export function addTaskFieldOptions(command: Command, titleRequired: boolean): Command {
  const title = new Option("--title <title>", "what the task is");
  if (titleRequired) title.makeOptionMandatory();
  return command
    .addOption(title)
    .option("-d, --description <text>", "longer description (markdown)")
    .addOption(new Option("--status <status>", "status").choices(TaskStatus.options))
    .addOption(new Option("--priority <priority>", "priority").choices(TaskPriority.options))
    .option("--assignee <name>", "a person's or agent's name")
    .option("--depends-on <ids>", "comma-separated ids of tasks in the same project that must be done first")
    .option("--estimate <text>", "e.g. 4h or 2d")
    .option("--branch <name>", "git branch")
    .option("--issue <ref>", "issue reference, e.g. #104")
    .option("--notes <text>", "short notes")
    .option("--due <date>", "due date, YYYY-MM-DD")
    .option("--external-id <id>", "TASKS.md id, e.g. FED-M1-04 (no spaces or commas)")
    .option("--milestone <id>", "put the task in this milestone (and its mission)")
    .option("--position <n>", "order inside its milestone (0 first)");
}

/**
 * Only the options given become fields, so an update changes nothing else. On update an empty
 * string sets a nullable field to null (the API's "clear"), and `--depends-on ""` drops every
 * dependency; on create an empty value is left for the gateway to judge.
 */
export function taskBody(opts: TaskFieldOptions, mode: "create" | "update"): Record<string, unknown> {
  const clearable = (value: string | undefined) => (mode === "update" && value === "" ? null : value);
  const fields: Record<string, unknown> = {
    title: opts.title,
    description: opts.description,
    status: opts.status,
    priority: opts.priority,
    assignee: clearable(opts.assignee),
    dependsOn: opts.dependsOn === undefined ? undefined : dependsOnArg(opts.dependsOn),
    estimate: clearable(opts.estimate),
    branch: clearable(opts.branch),
    issue: clearable(opts.issue),
    notes: clearable(opts.notes),
    dueDate: clearable(opts.due),
    externalId: clearable(opts.externalId),
    milestoneId: milestoneArg(opts.milestone, mode),
    position: opts.position === undefined ? undefined : positionArg(opts.position),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

export function dependsOnArg(raw: string): string[] {
  const parts = raw
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return parts.map((p) => idArg(p, "--depends-on"));
}

function milestoneArg(raw: string | undefined, mode: "create" | "update"): string | null | undefined {
  if (raw === undefined) return undefined;
  // `--milestone ""` on update takes the task out of its mission, as `milestoneId: null` does.
  if (raw === "" && mode === "update") return null;
  return idArg(raw, "--milestone");
}

function positionArg(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new CliError(`--position must be a whole number ≥ 0 (got "${raw}")`, EXIT.usage);
  return n;
}
