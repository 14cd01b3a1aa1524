/** @module `mosaic team …`: teams and their members over the API. Access rules are the gateway's (docs/ACCESS.md). */
import { pageOf, TeamDetailResponse, TeamMemberView, TeamView } from "@mosaic/contracts";
import { type Command, Option } from "commander";
import type { GatewayClient } from "../client.js";
import { sessionOf } from "../context.js";
import { keyValues, shortDate } from "../format.js";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import { confirmOrRefuse } from "../prompt.js";
import {
  addPageOptions,
  fetchPage,
  idArg,
  inField,
  isUuid,
  type PageOptions,
  printDone,
  printMoreHint,
  withExamples,
} from "./common.js";

const TeamPage = pageOf(TeamView);
const TeamResponse = inField("team", TeamView);
const MembersResponse = inField("members", { parse: (v: unknown) => TeamMemberView.array().parse(v) });
const ROLES = ["owner", "admin", "member"];

export function registerTeamCommands(program: Command): void {
  const team = program.command("team").description("teams, their members and roles (owner, admin, member)");

  withExamples(
    addPageOptions(
      team.command("list").description("list the teams you belong to, with your role").option("--json", "print JSON"),
    ),
    ["mosaic team list", "mosaic team list --all --json"],
  ).action(async (opts: PageOptions & { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const page = await fetchPage(client, "/api/teams", TeamPage, opts);
    if (opts.json) return printJson(page);
    if (page.items.length === 0) {
      process.stdout.write("no teams — create one with `mosaic team create <name>`\n");
      return;
    }
    printTable(
      ["ID", "NAME", "YOUR ROLE", "CREATED"],
      page.items.map((t) => [t.id, t.name, t.role, shortDate(t.createdAt)]),
    );
    printMoreHint(page, "mosaic team list");
  });

  withExamples(
    team
      .command("show")
      .description("show a team and its members")
      .argument("<id>", "team id")
      .option("--json", "print JSON"),
    ["mosaic team show <teamId>"],
  ).action(async (id: string, opts: { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const detail = await client.json("GET", `/api/teams/${idArg(id, "team id")}`, TeamDetailResponse);
    if (opts.json) return printJson(detail);
    process.stdout.write(
      `${keyValues([
        ["id", detail.team.id],
        ["name", detail.team.name],
        ["your role", detail.team.role],
        ["created", shortDate(detail.team.createdAt)],
      ])}\n\n`,
    );
    printMembers(detail.members);
  });

  withExamples(
    team
      .command("create")
      .description("create a team; you become its owner")
      .argument("<name>")
      .option("--json", "print JSON"),
    ['mosaic team create "Platform"'],
  ).action(async (name: string, opts: { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const created = await client.json("POST", "/api/teams", TeamResponse, { body: { name } });
    if (opts.json) return printJson(created);
    process.stdout.write(`created team "${created.team.name}" (${created.team.id}); you are its owner\n`);
  });

  withExamples(
    team
      .command("rename")
      .description("rename a team (owner or admin)")
      .argument("<id>", "team id")
      .argument("<name>", "new name")
      .option("--json", "print JSON"),
    ['mosaic team rename <teamId> "Platform team"'],
  ).action(async (id: string, name: string, opts: { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const renamed = await client.json("PATCH", `/api/teams/${idArg(id, "team id")}`, TeamResponse, { body: { name } });
    if (opts.json) return printJson(renamed);
    process.stdout.write(`renamed team ${renamed.team.id} to "${renamed.team.name}"\n`);
  });

  withExamples(
    team
      .command("delete")
      .description("delete a team and its projects (owner only; asks first on a terminal)")
      .argument("<id>", "team id")
      .option("--yes", "do not ask for confirmation (needed without a terminal)")
      .option("--json", "print JSON"),
    ["mosaic team delete <teamId>", "mosaic team delete <teamId> --yes"],
  ).action(async (id: string, opts: { yes?: boolean; json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const teamId = idArg(id, "team id");
    if (!opts.yes) {
      const { team: t } = await client.json("GET", `/api/teams/${teamId}`, TeamDetailResponse);
      await confirmOrRefuse(`Delete team "${t.name}" and all its projects?`, "refusing to delete without confirmation");
    }
    await client.empty("DELETE", `/api/teams/${teamId}`);
    printDone(opts.json, { id: teamId, deleted: true }, `deleted team ${teamId}`);
  });

  withExamples(
    team
      .command("leave")
      .description("leave a team (its last owner can't)")
      .argument("<id>", "team id")
      .option("--json", "print JSON"),
    ["mosaic team leave <teamId>"],
  ).action(async (id: string, opts: { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const teamId = idArg(id, "team id");
    await client.empty("POST", `/api/teams/${teamId}/leave`);
    printDone(opts.json, { id: teamId, left: true }, `left team ${teamId}`);
  });

  registerMemberCommands(team);
}

function registerMemberCommands(team: Command): void {
  const member = team.command("member").description("add, re-role and remove team members (owner or admin)");
  const roleOption = () => new Option("--role <role>", "role in the team").choices(ROLES).default("member");

  withExamples(
    member
      .command("add")
      .description("add an existing account to a team, by email")
      .argument("<teamId>", "team id")
      .argument("<email>", "the account's email")
      .addOption(roleOption())
      .option("--json", "print the members as JSON"),
    [
      "mosaic team member add <teamId> grace@example.com",
      "mosaic team member add <teamId> grace@example.com --role admin",
    ],
  ).action(async (teamId: string, email: string, opts: { role: string; json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const path = `/api/teams/${idArg(teamId, "team id")}/members`;
    const result = await client.json("POST", path, MembersResponse, { body: { email, role: opts.role } });
    if (opts.json) return printJson(result);
    printMembers(result.members);
  });

  withExamples(
    member
      .command("role")
      .description("change a member's role")
      .argument("<teamId>", "team id")
      .argument("<member>", "the member's user id or email")
      .argument("<role>", "owner | admin | member")
      .option("--json", "print the members as JSON"),
    ["mosaic team member role <teamId> grace@example.com admin"],
  ).action(async (teamId: string, who: string, role: string, opts: { json?: boolean }, command: Command) => {
    if (!ROLES.includes(role))
      throw new CliError(`role must be one of ${ROLES.join(", ")} (got "${role}")`, EXIT.usage);
    const { client } = sessionOf(command);
    const id = idArg(teamId, "team id");
    const userId = await memberId(client, id, who);
    const result = await client.json("PATCH", `/api/teams/${id}/members/${userId}`, MembersResponse, {
      body: { role },
    });
    if (opts.json) return printJson(result);
    printMembers(result.members);
  });

  withExamples(
    member
      .command("remove")
      .description("remove a member from a team")
      .argument("<teamId>", "team id")
      .argument("<member>", "the member's user id or email")
      .option("--json", "print the result as JSON"),
    ["mosaic team member remove <teamId> grace@example.com"],
  ).action(async (teamId: string, who: string, opts: { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const id = idArg(teamId, "team id");
    const userId = await memberId(client, id, who);
    await client.empty("DELETE", `/api/teams/${id}/members/${userId}`);
    printDone(opts.json, { teamId: id, userId, removed: true }, `removed ${who} from team ${id}`);
  });
}

/** A member named by email is looked up in the team; a user id is taken as is. */
async function memberId(client: GatewayClient, teamId: string, who: string): Promise<string> {
  if (isUuid(who)) return who.trim().toLowerCase();
  if (!who.includes("@")) throw new CliError(`member must be a user id or an email (got "${who}")`, EXIT.usage);
  const { members } = await client.json("GET", `/api/teams/${teamId}`, TeamDetailResponse);
  const found = members.find((m) => m.email.toLowerCase() === who.trim().toLowerCase());
  if (!found) throw new CliError(`${who} is not a member of team ${teamId}`, EXIT.notFound);
  return found.userId;
}

function printMembers(members: TeamMemberView[]): void {
  printTable(
    ["USER ID", "EMAIL", "NAME", "ROLE", "JOINED"],
    members.map((m) => [m.userId, m.email, m.name, m.role, shortDate(m.joinedAt)]),
  );
}
