/** @module Which gateway and token a command uses: --profile / MOSAIC_PROFILE, --url / MOSAIC_URL, the stored login. */
import { resolveHome } from "@mosaic/config";
import type { Command } from "commander";
import { DEFAULT_TIMEOUT_MS, GatewayClient, normaliseUrl } from "./client.js";
import { checkProfileName, DEFAULT_PROFILE, readProfile, type StoredProfile } from "./credentials.js";
import { CliError, EXIT } from "./output.js";

export const DEFAULT_URL = "http://127.0.0.1:4242";

export interface Target {
  home: string;
  profileName: string;
  /** --url or MOSAIC_URL, normalised; undefined when neither is set. */
  urlOverride: string | undefined;
  timeoutMs: number;
}

/** Reads the global options (they may appear before or after the subcommand) and the environment. */
export function targetOf(command: Command, env: NodeJS.ProcessEnv = process.env): Target {
  const globals = command.optsWithGlobals<{ profile?: string; url?: string }>();
  const profileName = checkProfileName(globals.profile ?? (env.MOSAIC_PROFILE?.trim() || DEFAULT_PROFILE));
  const rawUrl = globals.url ?? (env.MOSAIC_URL?.trim() || undefined);
  return {
    home: resolveHome(env),
    profileName,
    urlOverride: rawUrl === undefined ? undefined : normaliseUrl(rawUrl),
    timeoutMs: timeoutOf(env.MOSAIC_TIMEOUT_MS),
  };
}

export function timeoutOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new CliError(`MOSAIC_TIMEOUT_MS must be a positive whole number of milliseconds (got "${raw}")`, EXIT.usage);
  }
  return ms;
}

/** `mosaic login`, plus `--profile x` when the profile is not the default one. */
export function loginCommandFor(profileName: string, url?: string): string {
  const parts = ["mosaic login"];
  if (url) parts.push(`--url ${url}`);
  if (profileName !== DEFAULT_PROFILE) parts.push(`--profile ${profileName}`);
  return parts.join(" ");
}

export interface Session {
  target: Target;
  /** The stored login in use; null when the token came from MOSAIC_TOKEN. */
  profile: StoredProfile | null;
  /** The bearer token the client sends. */
  token: string;
  client: GatewayClient;
}

/**
 * The logged-in client for a command: MOSAIC_TOKEN (sent to --url / MOSAIC_URL, else the default
 * gateway) when set — for scripts and CI, no stored login needed — else the profile's login. A
 * stored token is only ever sent to the gateway it was issued by: an --url / MOSAIC_URL pointing
 * elsewhere is refused rather than leaking the token.
 */
export function sessionOf(
  command: Command,
  env: NodeJS.ProcessEnv = process.env,
  tokenHint = "MOSAIC_TOKEN is set: check that token (or unset it to use the stored login)",
): Session {
  const target = targetOf(command, env);
  const envToken = env.MOSAIC_TOKEN?.trim();
  if (envToken) {
    const client = new GatewayClient({
      url: target.urlOverride ?? DEFAULT_URL,
      token: envToken,
      timeoutMs: target.timeoutMs,
      loginHint: tokenHint,
    });
    return { target, profile: null, token: envToken, client };
  }
  const profile = readProfile(target.home, target.profileName);
  const hint = loginCommandFor(target.profileName, target.urlOverride);
  if (!profile) {
    const which = target.profileName === DEFAULT_PROFILE ? "" : ` (profile "${target.profileName}")`;
    throw new CliError(
      `not logged in${which} — run \`${hint}\`, or set MOSAIC_TOKEN to a personal access token`,
      EXIT.unauthenticated,
    );
  }
  if (target.urlOverride && target.urlOverride !== profile.url) {
    throw new CliError(
      `profile "${target.profileName}" is logged in to ${profile.url}, not ${target.urlOverride}, and its token is only sent there — log in to ${target.urlOverride} with \`mosaic login --url ${target.urlOverride} --profile <name>\``,
      EXIT.unauthenticated,
    );
  }
  const client = new GatewayClient({
    url: profile.url,
    token: profile.token,
    timeoutMs: target.timeoutMs,
    loginHint: loginCommandFor(target.profileName),
  });
  return { target, profile, token: profile.token, client };
}
