/**
 * @module The client the federation commands use: the session every API command uses (the
 * signed-in profile, or MOSAIC_TOKEN), or — for scripts — an explicit admin `--token`.
 */
import type { Command } from "commander";
import type { GatewayClient } from "../../client.js";
import { sessionOf } from "../../context.js";

/** `--token`/MOSAIC_TOKEN (with `--url`/MOSAIC_URL) when given, else the logged-in profile. */
export function clientOf(command: Command, env: NodeJS.ProcessEnv = process.env): GatewayClient {
  const token = command.optsWithGlobals<{ token?: string }>().token;
  const withToken = token ? { ...env, MOSAIC_TOKEN: token } : env;
  return sessionOf(command, withToken, "pass --token or set MOSAIC_TOKEN to an admin's token").client;
}
