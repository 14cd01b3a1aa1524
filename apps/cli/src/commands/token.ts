/** @module `mosaic token …`: your personal access tokens — create (shown once), list, revoke. */
import { TokenCreatedResponse, TokenListResponse, type TokenView } from "@mosaic/contracts";
import type { Command } from "commander";
import { sessionOf } from "../context.js";
import { removeProfile } from "../credentials.js";
import { shortDate } from "../format.js";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import { idArg, printDone, withExamples } from "./common.js";

export function registerTokenCommands(program: Command): void {
  const token = program
    .command("token")
    .description("personal access tokens for scripts, the TUI and other machines (Authorization: Bearer mos_…)");

  withExamples(
    token
      .command("create")
      .description("create a token; it is printed once and never shown again")
      .argument("<name>", "what the token is for (1–100 characters)")
      .option("--expires-in-days <days>", "stop working after this many days (default: never; revoke it instead)")
      .option("--json", "print { token, secret } as JSON"),
    ["mosaic token create ci --expires-in-days 90", "mosaic token create backup-script --json"],
  ).action(async (name: string, opts: { expiresInDays?: string; json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const body = { name, ...(opts.expiresInDays !== undefined ? { expiresInDays: daysOf(opts.expiresInDays) } : {}) };
    const created = await client.json("POST", "/api/tokens", TokenCreatedResponse, { body });
    if (opts.json) return printJson(created);
    // The secret alone on stdout (so `$(mosaic token create x)` captures just it); the rest on stderr.
    process.stderr.write(
      `created token "${created.token.name}" (${created.token.id}, expires ${created.token.expiresAt ? shortDate(created.token.expiresAt) : "never"}) — copy it now, it is not shown again:\n`,
    );
    process.stdout.write(`${created.secret}\n`);
  });

  withExamples(
    token
      .command("list")
      .description("list your tokens (never their secrets); `*` marks the one this CLI uses")
      .option("--json", "print { items } as JSON"),
    ["mosaic token list"],
  ).action(async (opts: { json?: boolean }, command: Command) => {
    const { client, profile } = sessionOf(command);
    const list = await client.json("GET", "/api/tokens", TokenListResponse);
    if (opts.json) return printJson(list);
    printTable(
      ["", "ID", "NAME", "PREFIX", "STATUS", "CREATED", "LAST USED", "EXPIRES"],
      list.items.map((t) => [
        t.id === profile?.tokenId ? "*" : "",
        t.id,
        t.name,
        `${t.prefix}…`,
        tokenStatus(t),
        shortDate(t.createdAt),
        shortDate(t.lastUsedAt),
        t.expiresAt ? shortDate(t.expiresAt) : "never",
      ]),
    );
  });

  withExamples(
    token
      .command("revoke")
      .description("revoke a token: it stops working on the next request")
      .argument("<id>", "token id (see `mosaic token list`)")
      .option("--json", "print the result as JSON"),
    ["mosaic token revoke <tokenId>"],
  ).action(async (id: string, opts: { json?: boolean }, command: Command) => {
    const { client, profile, target } = sessionOf(command);
    const tokenId = idArg(id, "token id");
    await client.empty("DELETE", `/api/tokens/${tokenId}`);
    const ownToken = profile !== null && tokenId === profile.tokenId;
    // Revoking the token this profile logs in with is a logout: keep no dead credential around.
    if (ownToken) removeProfile(target.home, target.profileName);
    printDone(
      opts.json,
      { id: tokenId, revoked: true, loggedOut: ownToken },
      ownToken
        ? `revoked token ${tokenId} — it was this CLI's own, so profile "${target.profileName}" is now logged out`
        : `revoked token ${tokenId}`,
    );
  });
}

export function tokenStatus(t: TokenView, now: Date = new Date()): string {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && Date.parse(t.expiresAt) <= now.getTime()) return "expired";
  return "active";
}

function daysOf(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 3650) {
    throw new CliError(`--expires-in-days must be a whole number from 1 to 3650 (got "${raw}")`, EXIT.usage);
  }
  return n;
}
