/** @module `mosaic project …`: list, show, create, update, archive, unarchive, delete projects over the API. */
import {
  type ProjectView,
  ProjectView as ProjectViewSchema,
  pageOf,
  sourced,
  sourcedItemOf,
  sourcedPageOf,
  TeamView,
} from "@mosaic/contracts";
import { type Command, Option } from "commander";
import type { GatewayClient } from "../client.js";
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

const ProjectPage = sourcedPageOf(ProjectViewSchema);
const SourcedProjectResponse = sourcedItemOf("project", sourced(ProjectViewSchema));
const ProjectResponse = inField("project", ProjectViewSchema);
const TeamPage = pageOf(TeamView);

export function registerProjectCommands(program: Command): void {
  const project = program.command("project").description("projects: personal or owned by a team");

  withExamples(
    addPageOptions(
      addSourceOption(project.command("list"))
        .description("list the projects you can see, newest first")
        .addOption(new Option("--status <status>", "only active or archived projects").choices(["active", "archived"]))
        .option("--team <teamId>", "only the projects of this team")
        .option("--json", "print the page as JSON ({ items, nextCursor })"),
    ),
    [
      "mosaic project list",
      "mosaic project list --status archived --all",
      "mosaic project list --team <teamId> --json",
      "mosaic project list --source all",
    ],
  ).action(
    async (
      opts: PageOptions & SourceOptions & { status?: string; team?: string; json?: boolean },
      command: Command,
    ) => {
      const { client } = sessionOf(command);
      const filters = {
        ...sourceQuery(opts),
        status: opts.status,
        teamId: opts.team === undefined ? undefined : idArg(opts.team, "--team"),
      };
      const page = await fetchPage(client, "/api/projects", ProjectPage, opts, filters);
      if (opts.json) return printJson(page);
      warnPartial(page);
      if (page.items.length === 0) {
        process.stdout.write("no projects — create one with `mosaic project create <name>`\n");
        return;
      }
      const teams = await teamNames(client, page.items);
      printTable(
        ...sourceColumns(opts, ["ID", "NAME", "STATUS", "OWNER", "UPDATED"], page.items, (p) => [
          p.id,
          oneLine(p.name, 40),
          p.status,
          ownerText(p, teams),
          shortDate(p.updatedAt),
        ]),
      );
      printMoreHint(page, `mosaic project list${opts.source ? ` --source ${opts.source}` : ""}`);
    },
  );

  withExamples(
    addSourceOption(project.command("show"))
      .description("show one project")
      .argument("<id>", "project id")
      .option("--json", "print the project as JSON"),
    ["mosaic project show <id>", "mosaic project show <id> --json", "mosaic project show <id> --source all"],
  ).action(async (id: string, opts: { json?: boolean } & SourceOptions, command: Command) => {
    const { client } = sessionOf(command);
    const answer = await client.json("GET", `/api/projects/${idArg(id, "project id")}`, SourcedProjectResponse, {
      query: sourceQuery(opts),
    });
    if (opts.json) return printJson(answer);
    warnPartial(answer);
    await printProject(client, answer.project, false);
  });

  withExamples(
    project
      .command("create")
      .description("create a project: personal, or in a team you own or administer (--team)")
      .argument("<name>", "project name (1–200 characters)")
      .option("-d, --description <text>", "what the project is about")
      .option("--team <teamId>", "create it in this team instead of as a personal project")
      .option("--json", "print the created project as JSON"),
    ['mosaic project create "Home lab"', 'mosaic project create Website --team <teamId> -d "the public site"'],
  ).action(async (name: string, opts: { description?: string; team?: string; json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const body = {
      name,
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      ...(opts.team !== undefined ? { teamId: idArg(opts.team, "--team") } : {}),
    };
    const { project: p } = await client.json("POST", "/api/projects", ProjectResponse, { body });
    await printProject(client, p, opts.json);
  });

  withExamples(
    project
      .command("update")
      .description("rename a project or change its description")
      .argument("<id>", "project id")
      .option("--name <name>", "new name")
      .option("-d, --description <text>", 'new description ("" clears it)')
      .option("--json", "print the updated project as JSON"),
    ['mosaic project update <id> --name "Home lab v2"', 'mosaic project update <id> --description ""'],
  ).action(async (id: string, opts: { name?: string; description?: string; json?: boolean }, command: Command) => {
    if (opts.name === undefined && opts.description === undefined) {
      throw new CliError("nothing to update: pass --name and/or --description", EXIT.usage);
    }
    const { client } = sessionOf(command);
    const body = {
      ...(opts.name !== undefined ? { name: opts.name } : {}),
      ...(opts.description !== undefined ? { description: opts.description } : {}),
    };
    const path = `/api/projects/${idArg(id, "project id")}`;
    const { project: p } = await client.json("PATCH", path, ProjectResponse, { body });
    await printProject(client, p, opts.json);
  });

  for (const verb of ["archive", "unarchive"] as const) {
    withExamples(
      project
        .command(verb)
        .description(
          verb === "archive"
            ? "mark a project archived, keeping everything in it (`list --status active` leaves it out)"
            : "make an archived project active again",
        )
        .argument("<id>", "project id")
        .option("--json", "print the project as JSON"),
      [`mosaic project ${verb} <id>`],
    ).action(async (id: string, opts: { json?: boolean }, command: Command) => {
      const { client } = sessionOf(command);
      const path = `/api/projects/${idArg(id, "project id")}/${verb}`;
      const { project: p } = await client.json("POST", path, ProjectResponse);
      await printProject(client, p, opts.json);
    });
  }

  withExamples(
    project
      .command("delete")
      .description("delete a project and everything in it (asks first on a terminal)")
      .argument("<id>", "project id")
      .option("--yes", "do not ask for confirmation (needed without a terminal)")
      .option("--json", "print the result as JSON"),
    ["mosaic project delete <id>", "mosaic project delete <id> --yes --json"],
  ).action(async (id: string, opts: { yes?: boolean; json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const projectId = idArg(id, "project id");
    if (!opts.yes) {
      const { project: p } = await client.json("GET", `/api/projects/${projectId}`, ProjectResponse);
      await confirmOrRefuse(
        `Delete project "${p.name}" and everything in it?`,
        "refusing to delete without confirmation",
      );
    }
    await client.empty("DELETE", `/api/projects/${projectId}`);
    printDone(opts.json, { id: projectId, deleted: true }, `deleted project ${projectId}`);
  });
}

async function printProject(
  client: GatewayClient,
  p: ProjectView & { _source?: string | undefined },
  json: boolean | undefined,
): Promise<void> {
  if (json) return printJson({ project: p });
  const teams = await teamNames(client, [p]);
  process.stdout.write(
    `${keyValues([
      ...(p._source === undefined ? [] : [["source", p._source] as [string, string]]),
      ["id", p.id],
      ["name", p.name],
      ["status", p.status],
      ["owner", ownerText(p, teams)],
      ["created", shortDate(p.createdAt)],
      ["updated", shortDate(p.updatedAt)],
      ["description", p.description || "-"],
    ])}\n`,
  );
}

/** Team names for the team-owned projects in a list: one extra request, only when there are any. */
async function teamNames(client: GatewayClient, projects: ProjectView[]): Promise<Map<string, string>> {
  if (!projects.some((p) => p.owner.kind === "team")) return new Map();
  const teams = await fetchPage(client, "/api/teams", TeamPage, { all: true });
  return new Map(teams.items.map((t) => [t.id, t.name]));
}

export function ownerText(p: ProjectView, teams: Map<string, string>): string {
  if (p.owner.kind === "user") return "personal";
  return `team ${teams.get(p.owner.teamId) ?? p.owner.teamId}`;
}
