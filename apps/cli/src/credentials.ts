/** @module Stored logins: one profile per gateway in MOSAIC_HOME/credentials.json (mode 0600, directory 0700). */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CliError, EXIT } from "./output.js";

export const CREDENTIALS_FILE = "credentials.json";
export const DEFAULT_PROFILE = "default";

/** One logged-in gateway. `token` is a personal access token; it is only ever sent to `url`. */
export interface StoredProfile {
  url: string;
  token: string;
  /** The token's id on the gateway (to revoke it on logout); null when it could not be found. */
  tokenId: string | null;
  /** True when `mosaic login` created the token (logout revokes it); false for `login --token`. */
  createdByCli: boolean;
  user: { id: string; email: string; name: string };
  savedAt: string;
}

interface CredentialsFile {
  version: 1;
  profiles: Record<string, StoredProfile>;
}

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) {
    throw new CliError(
      `invalid profile name "${name}": use up to 40 letters, digits, '.', '_' or '-' (e.g. work)`,
      EXIT.usage,
    );
  }
  return name;
}

export function credentialsPath(home: string): string {
  return join(home, CREDENTIALS_FILE);
}

export function readProfile(home: string, name: string): StoredProfile | undefined {
  return readFile(home).profiles[name];
}

export function listProfiles(home: string): Record<string, StoredProfile> {
  return readFile(home).profiles;
}

export function saveProfile(home: string, name: string, profile: StoredProfile): void {
  const file = readFile(home);
  file.profiles[name] = profile;
  writeFile(home, file);
}

/** Forgets a profile; returns what it held (undefined when there was nothing). */
export function removeProfile(home: string, name: string): StoredProfile | undefined {
  const file = readFile(home);
  const old = file.profiles[name];
  if (!old) return undefined;
  delete file.profiles[name];
  if (Object.keys(file.profiles).length === 0) rmSync(credentialsPath(home), { force: true });
  else writeFile(home, file);
  return old;
}

function readFile(home: string): CredentialsFile {
  const path = credentialsPath(home);
  if (!existsSync(path)) return { version: 1, profiles: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new CliError(`${path} is not valid JSON — delete it and run mosaic login again`, EXIT.usage);
  }
  const profiles = (parsed as { profiles?: unknown } | null)?.profiles;
  if (typeof profiles !== "object" || profiles === null || Array.isArray(profiles)) {
    throw new CliError(`${path} has no "profiles" object — delete it and run mosaic login again`, EXIT.usage);
  }
  const out: Record<string, StoredProfile> = {};
  for (const [name, value] of Object.entries(profiles)) {
    if (isStoredProfile(value)) out[name] = value;
  }
  return { version: 1, profiles: out };
}

function isStoredProfile(value: unknown): value is StoredProfile {
  const v = value as Partial<StoredProfile> | null;
  return (
    typeof v?.url === "string" &&
    typeof v.token === "string" &&
    (v.tokenId === null || typeof v.tokenId === "string") &&
    typeof v.createdByCli === "boolean" &&
    typeof v.user?.id === "string" &&
    typeof v.user.email === "string"
  );
}

/**
 * Writes through a temporary file created 0600 and renamed over the old one, so the token is never
 * readable by others, not even for a moment, and a crash never leaves half a file. MOSAIC_HOME is
 * tightened to 0700 because it also holds the gateway's secret key and data.
 */
function writeFile(home: string, file: CredentialsFile): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  if ((statSync(home).mode & 0o077) !== 0) chmodSync(home, 0o700);
  const path = credentialsPath(home);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: "w" });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}
