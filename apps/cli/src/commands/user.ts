/** @module `mosaic user …` (gateway admins): list accounts, disable and enable them. */
import { pageOf, type UserView, UserView as UserViewSchema } from "@mosaic/contracts";
import type { Command } from "commander";
import type { GatewayClient } from "../client.js";
import { sessionOf } from "../context.js";
import { shortDate } from "../format.js";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import { addPageOptions, fetchPage, inField, isUuid, type PageOptions, printMoreHint, withExamples } from "./common.js";

const UserPage = pageOf(UserViewSchema);
const UserResponse = inField("user", UserViewSchema);

export function registerUserCommands(program: Command): void {
  const user = program
    .command("user")
    .description("account administration (gateway admins only; members get exit code 7)");

  withExamples(
    addPageOptions(
      user.command("list").description("list every account on the gateway").option("--json", "print JSON"),
    ),
    ["mosaic user list", "mosaic user list --all --json"],
  ).action(async (opts: PageOptions & { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const page = await fetchPage(client, "/api/admin/users", UserPage, opts);
    if (opts.json) return printJson(page);
    printTable(
      ["ID", "EMAIL", "NAME", "ROLE", "STATUS", "CREATED"],
      page.items.map((u) => [
        u.id,
        u.email,
        u.name,
        u.role,
        u.disabled ? "disabled" : "active",
        shortDate(u.createdAt),
      ]),
    );
    printMoreHint(page, "mosaic user list");
  });

  for (const verb of ["disable", "enable"] as const) {
    withExamples(
      user
        .command(verb)
        .description(
          verb === "disable"
            ? "disable an account: its sessions end and its tokens are refused on the next request"
            : "enable a disabled account: its tokens work again (sessions stay ended)",
        )
        .argument("<user>", "the account's id or email")
        .option("--json", "print the account as JSON"),
      [`mosaic user ${verb} grace@example.com`, `mosaic user ${verb} <userId> --json`],
    ).action(async (who: string, opts: { json?: boolean }, command: Command) => {
      const { client } = sessionOf(command);
      const userId = await userIdOf(client, who);
      const result = await client.json("POST", `/api/admin/users/${userId}/${verb}`, UserResponse);
      if (opts.json) return printJson(result);
      process.stdout.write(`${verb}d ${result.user.email} (${result.user.id})\n`);
    });
  }
}

/** An email is looked up in the user list (admins only, like the command itself). */
async function userIdOf(client: GatewayClient, who: string): Promise<string> {
  if (isUuid(who)) return who.trim().toLowerCase();
  if (!who.includes("@")) throw new CliError(`user must be an id or an email (got "${who}")`, EXIT.usage);
  const { items } = await fetchPage(client, "/api/admin/users", UserPage, { all: true });
  const found = items.find((u: UserView) => u.email.toLowerCase() === who.trim().toLowerCase());
  if (!found) throw new CliError(`no account with email ${who}`, EXIT.notFound);
  return found.id;
}
