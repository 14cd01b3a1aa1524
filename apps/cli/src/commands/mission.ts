/** @module `mosaic mission …`: list, show, create, update, delete missions; import and export TASKS.md files. */
import {
  MissionDetailView,
  MissionStatus,
  MissionView,
  sourced,
  sourcedItemOf,
  sourcedPageOf,
  TaskView,
  type TaskView as TaskViewType,
} from "@mosaic/contracts";
import { type Command, Option } from "commander";
import { z } from "zod";
import type { GatewayClient } from "../client.js";
import { sessionOf } from "../context.js";
import { keyValues, oneLine, shortDate } from "../format.js";
import { blockedTasks, missionText, outsideDependencies } from "../missionFormat.js";
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
import { registerMissionTransferCommands } from "./missionTransfer.js";
import { addSourceOption, type SourceOptions, sourceColumns, sourceQuery, warnPartial } from "./source.js";

const MissionPage = sourcedPageOf(MissionView);
/** A local mission has its milestone tree; a peer's is the plain view (the federation wire has no tree). */
const SourcedMissionResponse = sourcedItemOf("mission", z.union([sourced(MissionDetailView), sourced(MissionView)]));
const MissionResponse = inField("mission", MissionView);
const MissionDetailResponse = inField("mission", MissionDetailView);
const TaskResponse = inField("task", TaskView);

const statusOption = (what: string) => new Option("--status <status>", what).choices(MissionStatus.options);

export function registerMissionCommands(program: Command): void {
  const mission = program.command("mission").description("missions: plans of milestones and tasks inside a project");

  withExamples(
    addPageOptions(
      addSourceOption(mission.command("list"))
        .description("list a project's missions, newest first")
        .requiredOption("--project <id>", "the project")
        .addOption(statusOption("only missions with this status"))
        .option("--json", "print the page as JSON ({ items, nextCursor })"),
    ),
    [
      "mosaic mission list --project <id>",
      "mosaic mission list --project <id> --status active --all --json",
      "mosaic mission list --project <peer's project id> --source federated:<peer>",
    ],
  ).action(
    async (
      opts: PageOptions & SourceOptions & { project: string; status?: string; json?: boolean },
      command: Command,
    ) => {
      const { client } = sessionOf(command);
      const projectId = idArg(opts.project, "--project");
      const path = `/api/projects/${projectId}/missions`;
      const page = await fetchPage(client, path, MissionPage, opts, { ...sourceQuery(opts), status: opts.status });
      if (opts.json) return printJson(page);
      warnPartial(page);
      if (page.items.length === 0) {
        process.stdout.write(
          `no missions — import one with \`mosaic mission import TASKS.md --project ${projectId}\`\n`,
        );
        return;
      }
      printTable(
        ...sourceColumns(opts, ["ID", "TITLE", "STATUS", "UPDATED"], page.items, (m) => [
          m.id,
          oneLine(m.title, 50),
          m.status,
          shortDate(m.updatedAt),
        ]),
      );
      // The same filter and page size, so the printed command continues the same list.
      const more = [`mosaic mission list --project ${projectId}`];
      if (opts.source) more.push(`--source ${opts.source}`);
      if (opts.status) more.push(`--status ${opts.status}`);
      if (opts.limit) more.push(`--limit ${opts.limit}`);
      printMoreHint(page, more.join(" "));
    },
  );

  withExamples(
    addSourceOption(mission.command("show"))
      .description("show a mission: milestones with progress bars, and the tasks blocked by an unfinished dependency")
      .argument("<id>", "mission id")
      .option("--json", "print the mission with its milestones and tasks as JSON"),
    ["mosaic mission show <id>", "mosaic mission show <id> --json", "mosaic mission show <id> --source all"],
  ).action(async (id: string, opts: { json?: boolean } & SourceOptions, command: Command) => {
    const { client } = sessionOf(command);
    const answer = await client.json("GET", `/api/missions/${idArg(id, "mission id")}`, SourcedMissionResponse, {
      query: sourceQuery(opts),
    });
    if (opts.json) return printJson(answer);
    warnPartial(answer);
    const m = answer.mission;
    if (m._source !== undefined) process.stdout.write(`source: ${m._source}\n`);
    if (!("milestones" in m)) {
      // A peer's mission: the federation wire carries the mission, not its milestone tree.
      process.stdout.write(
        `${keyValues([
          ["id", m.id],
          ["title", m.title],
          ["status", m.status],
          ["project", m.projectId],
          ["updated", shortDate(m.updatedAt)],
          ["goal", m.goal || "-"],
        ])}\n(milestones are not shared over federation — list its tasks with \`mosaic task list --source ${opts.source} --mission ${m.id}\`)\n`,
      );
      return;
    }
    const outside = await fetchOutsideDependencies(client, m.tasks);
    process.stdout.write(missionText(m, blockedTasks(m.tasks, outside)));
  });

  withExamples(
    mission
      .command("create")
      .description("create an empty mission in a project (add tasks with `mosaic task create`, or import a TASKS.md)")
      .requiredOption("--project <id>", "the project")
      .requiredOption("--title <title>", "the mission's title")
      .option("--goal <text>", "what the mission is for")
      .addOption(statusOption("initial status (default active)"))
      .option("--json", "print the created mission as JSON"),
    ['mosaic mission create --project <id> --title "Federation v1" --goal "two gateways share a brain"'],
  ).action(
    async (opts: { project: string; title: string; goal?: string; status?: string; json?: boolean }, command) => {
      const { client } = sessionOf(command);
      const body = {
        title: opts.title,
        ...(opts.goal !== undefined ? { goal: opts.goal } : {}),
        ...(opts.status !== undefined ? { status: opts.status } : {}),
      };
      const path = `/api/projects/${idArg(opts.project, "--project")}/missions`;
      const { mission: m } = await client.json("POST", path, MissionResponse, { body });
      printMission(m, opts.json);
    },
  );

  withExamples(
    mission
      .command("update")
      .description("change a mission's title, goal or status")
      .argument("<id>", "mission id")
      .option("--title <title>", "new title")
      .option("--goal <text>", 'new goal ("" clears it)')
      .addOption(statusOption("new status"))
      .option("--json", "print the updated mission as JSON"),
    ["mosaic mission update <id> --status completed", 'mosaic mission update <id> --title "Federation v2"'],
  ).action(async (id: string, opts: { title?: string; goal?: string; status?: string; json?: boolean }, command) => {
    const body = {
      ...(opts.title !== undefined ? { title: opts.title } : {}),
      ...(opts.goal !== undefined ? { goal: opts.goal } : {}),
      ...(opts.status !== undefined ? { status: opts.status } : {}),
    };
    if (Object.keys(body).length === 0) {
      throw new CliError("nothing to update: pass --title, --goal and/or --status", EXIT.usage);
    }
    const { client } = sessionOf(command);
    const path = `/api/missions/${idArg(id, "mission id")}`;
    const { mission: m } = await client.json("PATCH", path, MissionResponse, { body });
    printMission(m, opts.json);
  });

  withExamples(
    mission
      .command("delete")
      .description("delete a mission with its milestones and tasks (asks first on a terminal)")
      .argument("<id>", "mission id")
      .option("--yes", "do not ask for confirmation (needed without a terminal)")
      .option("--json", "print the result as JSON"),
    ["mosaic mission delete <id>", "mosaic mission delete <id> --yes --json"],
  ).action(async (id: string, opts: { yes?: boolean; json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const missionId = idArg(id, "mission id");
    if (!opts.yes) {
      const { mission: m } = await client.json("GET", `/api/missions/${missionId}`, MissionDetailResponse);
      await confirmOrRefuse(
        `Delete mission "${m.title}" with its ${m.milestones.length} milestones and ${m.tasks.length} tasks?`,
        "refusing to delete without confirmation",
      );
    }
    await client.empty("DELETE", `/api/missions/${missionId}`);
    printDone(opts.json, { id: missionId, deleted: true }, `deleted mission ${missionId}`);
  });

  registerMissionTransferCommands(mission);
}

function printMission(m: MissionView, json: boolean | undefined): void {
  if (json) printJson({ mission: m });
  else process.stdout.write(`${m.id}  ${m.title}  [${m.status}]\n`);
}

/**
 * A task may depend on any task of its project, not only the mission's: those few are read one by
 * one so `show` can tell whether they are done. One the caller can't read stays unknown.
 */
async function fetchOutsideDependencies(
  client: GatewayClient,
  tasks: TaskViewType[],
): Promise<Map<string, TaskViewType>> {
  const found = new Map<string, TaskViewType>();
  for (const id of outsideDependencies(tasks)) {
    const { task } = await client.json("GET", `/api/tasks/${id}`, TaskResponse).catch(() => ({ task: undefined }));
    if (task) found.set(id, task);
  }
  return found;
}
