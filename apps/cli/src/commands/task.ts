/** @module `mosaic task …`: list, show, create, update, move and delete a project's tasks over the API. */
import { sourced, sourcedItemOf, sourcedPageOf, TaskSortKey, TaskStatus, TaskView } from "@mosaic/contracts";
import { Argument, type Command, Option } from "commander";
import { sessionOf } from "../context.js";
import { keyValues, oneLine, shortDate } from "../format.js";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import { confirmOrRefuse } from "../prompt.js";
import {
  addPageOptions,
  fetchPage,
  idArg,
  inField,
  type PageOptions,
  printDone,
  printMoreHint,
  withExamples,
} from "./common.js";
import { addSourceOption, type SourceOptions, sourceColumns, sourceQuery, warnPartial } from "./source.js";
import { addTaskFieldOptions, type TaskFieldOptions, taskBody } from "./taskFields.js";

const TaskPage = sourcedPageOf(TaskView);
const TaskResponse = inField("task", TaskView);
const SourcedTaskResponse = sourcedItemOf("task", sourced(TaskView));

interface ListOptions extends PageOptions, SourceOptions {
  project?: string;
  status?: string;
  assignee?: string;
  mission?: string;
  milestone?: string;
  q?: string;
  sort?: string;
  order?: string;
  json?: boolean;
}

export function registerTaskCommands(program: Command): void {
  const task = program.command("task").description("tasks: in a project, optionally in a mission's milestone");

  withExamples(
    addPageOptions(
      addSourceOption(task.command("list"))
        .description("list your tasks (or one project's), filtered and sorted (newest first by default)")
        .option("--project <id>", "only this project's tasks (default: every project you can read)")
        .addOption(new Option("--status <status>", "only tasks with this status").choices(TaskStatus.options))
        .option("--assignee <name>", "only tasks assigned to this name")
        .option("--mission <id>", "only the tasks of this mission")
        .option("--milestone <id>", "only the tasks of this milestone")
        .option("-q, --query <text>", "full-text search over id, title, description and notes")
        .addOption(new Option("--sort <key>", "sort by (default created)").choices(TaskSortKey.options))
        .addOption(new Option("--order <order>", "asc or desc (default depends on --sort)").choices(["asc", "desc"]))
        .option("--json", "print the page as JSON ({ items, nextCursor })"),
    ),
    [
      "mosaic task list",
      "mosaic task list --project <id> --status in-progress --assignee codex",
      'mosaic task list --project <id> -q "enrollment token" --sort priority --all --json',
      "mosaic task list --source all --status in-progress",
    ],
  ).action(async (opts: ListOptions & { query?: string }, command: Command) => {
    const { client } = sessionOf(command);
    const projectId = opts.project === undefined ? undefined : idArg(opts.project, "--project");
    const filters = {
      ...sourceQuery(opts),
      status: opts.status,
      assignee: opts.assignee,
      missionId: opts.mission === undefined ? undefined : idArg(opts.mission, "--mission"),
      milestoneId: opts.milestone === undefined ? undefined : idArg(opts.milestone, "--milestone"),
      q: opts.query,
      sort: opts.sort,
      order: opts.order,
    };
    const path = projectId === undefined ? "/api/tasks" : `/api/projects/${projectId}/tasks`;
    const page = await fetchPage(client, path, TaskPage, opts, filters);
    if (opts.json) return printJson(page);
    warnPartial(page);
    if (page.items.length === 0) {
      process.stdout.write(
        `no tasks — create one with \`mosaic task create --project ${projectId ?? "<id>"} --title …\`\n`,
      );
      return;
    }
    printTable(
      ...sourceColumns(opts, ["ID", "REF", "STATUS", "PRIORITY", "ASSIGNEE", "TITLE"], page.items, (t) => [
        t.id,
        t.externalId ?? "-",
        t.status,
        t.priority,
        t.assignee ?? "-",
        oneLine(t.title, 50),
      ]),
    );
    printMoreHint(page, listCommandLine(projectId, opts));
  });

  withExamples(
    addSourceOption(task.command("show"))
      .description("show one task with all its fields")
      .argument("<id>", "task id")
      .option("--json", "print the task as JSON"),
    ["mosaic task show <id>", "mosaic task show <id> --json", "mosaic task show <id> --source federated:<peer>"],
  ).action(async (id: string, opts: { json?: boolean } & SourceOptions, command: Command) => {
    const { client } = sessionOf(command);
    const answer = await client.json("GET", `/api/tasks/${idArg(id, "task id")}`, SourcedTaskResponse, {
      query: sourceQuery(opts),
    });
    if (opts.json) return printJson(answer);
    warnPartial(answer);
    printTask(answer.task, false);
  });

  withExamples(
    addTaskFieldOptions(
      task
        .command("create")
        .description("create a task in a project (in a milestone with --milestone)")
        .requiredOption("--project <id>", "the project"),
      true,
    ).option("--json", "print the created task as JSON"),
    [
      'mosaic task create --project <id> --title "Write the enrollment docs"',
      'mosaic task create --project <id> --title "Ship it" --depends-on <taskId>,<taskId> --assignee ada',
    ],
  ).action(async (opts: TaskFieldOptions & { project: string; json?: boolean }, command: Command) => {
    const projectId = idArg(opts.project, "--project");
    const body = taskBody(opts, "create");
    const { client } = sessionOf(command);
    const { task: t } = await client.json("POST", `/api/projects/${projectId}/tasks`, TaskResponse, { body });
    printTask(t, opts.json);
  });

  withExamples(
    addTaskFieldOptions(
      task
        .command("update")
        .description('change a task\'s fields ("" clears an optional one)')
        .argument("<id>", "task id"),
      false,
    ).option("--json", "print the updated task as JSON"),
    ["mosaic task update <id> --assignee codex --priority high", 'mosaic task update <id> --depends-on "" --due ""'],
  ).action(async (id: string, opts: TaskFieldOptions & { json?: boolean }, command: Command) => {
    const taskId = idArg(id, "task id");
    const body = taskBody(opts, "update");
    if (Object.keys(body).length === 0)
      throw new CliError("nothing to update: pass a field option (see --help)", EXIT.usage);
    const { client } = sessionOf(command);
    const { task: t } = await client.json("PATCH", `/api/tasks/${taskId}`, TaskResponse, { body });
    printTask(t, opts.json);
  });

  withExamples(
    task
      .command("move")
      .description(
        "change a task's status (the kanban move); in-progress is refused (exit 5) while a dependency isn't done",
      )
      .argument("<id>", "task id")
      .addArgument(statusArgument())
      .option("--json", "print the moved task as JSON"),
    ["mosaic task move <id> in-progress", "mosaic task move <id> done --json"],
  ).action(async (id: string, status: string, opts: { json?: boolean }, command: Command) => {
    const taskId = idArg(id, "task id");
    const { client } = sessionOf(command);
    const body = { status };
    const { task: t } = await client.json("POST", `/api/tasks/${taskId}/move`, TaskResponse, { body });
    if (opts.json) return printJson({ task: t });
    process.stdout.write(`${t.externalId ?? t.id} is now ${t.status}\n`);
  });

  withExamples(
    task
      .command("delete")
      .description("delete a task; it is also removed from its dependents' dependencies (asks first on a terminal)")
      .argument("<id>", "task id")
      .option("--yes", "do not ask for confirmation (needed without a terminal)")
      .option("--json", "print the result as JSON"),
    ["mosaic task delete <id>", "mosaic task delete <id> --yes --json"],
  ).action(async (id: string, opts: { yes?: boolean; json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const taskId = idArg(id, "task id");
    if (!opts.yes) {
      const { task: t } = await client.json("GET", `/api/tasks/${taskId}`, TaskResponse);
      await confirmOrRefuse(`Delete task "${oneLine(t.title, 60)}"?`, "refusing to delete without confirmation");
    }
    await client.empty("DELETE", `/api/tasks/${taskId}`);
    printDone(opts.json, { id: taskId, deleted: true }, `deleted task ${taskId}`);
  });
}

/**
 * The command that fetches the next page: the same filters and sort, since a cursor is tied to
 * its sort and the gateway refuses it under another (400).
 */
export function listCommandLine(projectId: string | undefined, opts: ListOptions & { query?: string }): string {
  const flags: Array<[string, string | undefined]> = [
    ["--source", opts.source],
    ["--status", opts.status],
    ["--assignee", opts.assignee],
    ["--mission", opts.mission],
    ["--milestone", opts.milestone],
    ["-q", opts.query],
    ["--sort", opts.sort],
    ["--order", opts.order],
    ["--limit", opts.limit],
  ];
  const parts = [projectId === undefined ? "mosaic task list" : `mosaic task list --project ${projectId}`];
  for (const [flag, value] of flags) if (value !== undefined) parts.push(`${flag} ${shellWord(value)}`);
  return parts.join(" ");
}

/** A value as one shell word: bare when it is safe, else single-quoted. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

function statusArgument(): Argument {
  return new Argument("<status>", "the new status").choices(TaskStatus.options);
}

function printTask(t: TaskView & { _source?: string | undefined }, json: boolean | undefined): void {
  if (json) {
    printJson({ task: t });
    return;
  }
  const orDash = (v: string | null) => v || "-";
  process.stdout.write(
    `${keyValues([
      ...(t._source === undefined ? [] : [["source", t._source] as [string, string]]),
      ["id", t.id],
      ["ref", orDash(t.externalId)],
      ["title", t.title],
      ["status", t.status],
      ["priority", t.priority],
      ["assignee", orDash(t.assignee)],
      ["project", t.projectId],
      ["mission", orDash(t.missionId)],
      ["milestone", orDash(t.milestoneId)],
      ["depends on", t.dependsOn.join("\n") || "-"],
      ["estimate", orDash(t.estimate)],
      ["branch", orDash(t.branch)],
      ["issue", orDash(t.issue)],
      ["due", orDash(t.dueDate)],
      ["notes", orDash(t.notes)],
      ["created", shortDate(t.createdAt)],
      ["updated", shortDate(t.updatedAt)],
      ["description", t.description || "-"],
    ])}\n`,
  );
}
