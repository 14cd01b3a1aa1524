/** E2E factories for the API commands: a person with their own MOSAIC_HOME, signed up through the built CLI. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { baseEnv, type CliResult, runCli, tempHome } from "../../../test/support/cli.js";

export const PASSWORD = "correct horse battery";

// Generous: on a loaded two-core CI box a PGlite gateway can take most of a minute to boot, and
// setup boots one or two and signs people up (each a few CLI processes plus password hashing).
export const GATEWAY_START_MS = 90_000;
export const SETUP_MS = 180_000;

export interface CliUser {
  email: string;
  /** The environment this person's CLI runs with (their own MOSAIC_HOME). */
  env: Record<string, string>;
  home: string;
  /** Runs `mosaic …` as this person; every output is kept to scan for the token later. */
  run(args: string[], input?: string): Promise<CliResult>;
  /** The personal access token the CLI stored at login. */
  token(profile?: string): string;
}

/** Every output of every CLI run in this test file, to check no stored token is ever printed. */
export const outputs: string[] = [];

/** Signs a fresh user up on `url` through `mosaic signup --password-stdin`. */
export async function signUpUser(url: string, label: string, profile?: string): Promise<CliUser> {
  const home = tempHome();
  const env = baseEnv({ MOSAIC_HOME: home });
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const run = async (args: string[], input?: string) => {
    const result = await runCli(args, env, input === undefined ? {} : { input });
    outputs.push(result.stdout, result.stderr);
    return result;
  };
  const profileArgs = profile ? ["--profile", profile] : [];
  const res = await run(
    ["signup", "--url", url, "--email", email, "--name", label, "--password-stdin", ...profileArgs],
    `${PASSWORD}\n`,
  );
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  return { email, env, home, run, token: (p = profile ?? "default") => storedToken(home, p) };
}

export function storedToken(home: string, profile = "default"): string {
  const file = JSON.parse(readFileSync(join(home, "credentials.json"), "utf8"));
  const token = file.profiles[profile]?.token;
  if (typeof token !== "string") throw new Error(`no token stored for profile ${profile}`);
  return token;
}

/** stdout of a --json run: it must be JSON and nothing else. */
export function jsonOf(result: CliResult): unknown {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

/** Asserts a failed run: its exit code, a `mosaic: …` message on stderr matching `message`, nothing on stdout. */
export function expectFailure(result: CliResult, code: number, message: RegExp): void {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: "" });
  expect(result.stderr).toMatch(/^mosaic: /);
  expect(result.stderr).toMatch(message);
}

export async function apiStatus(url: string, path: string, token: string): Promise<number> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await res.body?.cancel();
  return res.status;
}
