/**
 * @module The client the federation commands use: the signed-in profile's, like every other API
 * command, or — for scripts — the shared gateway client with an explicit admin token.
 */
import type { Command } from "commander";
import { GatewayClient } from "../../client.js";
import { DEFAULT_URL, sessionOf } from "../../context.js";

/** `--token`/MOSAIC_TOKEN (with `--url`/MOSAIC_URL) when given, else the logged-in profile. */
export function clientOf(command: Command, env: NodeJS.ProcessEnv = process.env): GatewayClient {
  const opts = command.optsWithGlobals<{ url?: string; token?: string }>();
  const token = opts.token ?? (env.MOSAIC_TOKEN?.trim() || undefined);
  if (!token) return sessionOf(command).client;
  return new GatewayClient({
    url: opts.url ?? (env.MOSAIC_URL?.trim() || DEFAULT_URL),
    token,
    loginHint: "pass --token or set MOSAIC_TOKEN to an admin's token",
  });
}
