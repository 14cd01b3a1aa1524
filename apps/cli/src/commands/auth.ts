/** @module `mosaic signup | login | logout | whoami | profiles`: getting a token into MOSAIC_HOME and out again. */
import { hostname } from "node:os";
import { MeResponse, SessionResponse, TokenCreatedResponse, TokenListResponse, type UserView } from "@mosaic/contracts";
import { type Command, Option } from "commander";
import { ApiError, GatewayClient } from "../client.js";
import { DEFAULT_URL, sessionOf, type Target, targetOf } from "../context.js";
import {
  credentialsPath,
  listProfiles,
  readProfile,
  removeProfile,
  type StoredProfile,
  saveProfile,
} from "../credentials.js";
import { cookieHeader, keyValues } from "../format.js";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import { promptLine, promptSecret, readStdin } from "../prompt.js";
import { withExamples } from "./common.js";

interface LoginOptions {
  email?: string;
  passwordStdin?: boolean;
  token?: string;
  json?: boolean;
}

export function registerAuthCommands(program: Command): void {
  withExamples(
    program
      .command("login")
      .description("log in to a gateway and store a personal access token in MOSAIC_HOME (mode 0600)")
      .option("--email <email>", "account email (asked on a terminal when omitted)")
      .option("--password-stdin", "read the password from stdin (for scripts; needs --email)")
      .addOption(
        new Option(
          "--token <pat>",
          "use an existing personal access token instead (`-` reads it from stdin)",
        ).conflicts(["email", "passwordStdin"]),
      )
      .option("--json", "print the result as JSON")
      .addHelpText(
        "after",
        "\nThe gateway URL comes from --url, MOSAIC_URL, the profile's last login, or http://127.0.0.1:4242.\nLogging in creates a token named mosaic-cli@<host>; `mosaic logout` revokes it.",
      ),
    [
      "mosaic login",
      "mosaic login --url http://127.0.0.1:4242 --email ada@example.com --password-stdin < password.txt",
      "mosaic login --profile work --url https://mosaic.example.com",
      "mosaic login --token - < token.txt",
    ],
  ).action(async (opts: LoginOptions, command: Command) => {
    await login(command, opts, "sign-in");
  });

  withExamples(
    program
      .command("signup")
      .description("create an account on a gateway (the first one becomes admin), then log in as it")
      .option("--email <email>", "account email (asked on a terminal when omitted)")
      .option("--name <name>", "your display name (asked on a terminal when omitted)")
      .option("--password-stdin", "read the password from stdin (for scripts; needs --email and --name)")
      .option("--json", "print the result as JSON"),
    [
      "mosaic signup",
      "mosaic signup --url http://127.0.0.1:4242 --email ada@example.com --name Ada --password-stdin < password.txt",
    ],
  ).action(async (opts: LoginOptions & { name?: string }, command: Command) => {
    await login(command, opts, "sign-up");
  });

  withExamples(
    program
      .command("logout")
      .description("revoke the stored token on the gateway (best effort) and forget it")
      .option("--json", "print the result as JSON"),
    ["mosaic logout", "mosaic logout --profile work"],
  ).action(async (opts: { json?: boolean }, command: Command) => {
    await logout(command, opts);
  });

  withExamples(
    program
      .command("whoami")
      .description("show the account, gateway and profile the CLI is using")
      .option("--json", "print the result as JSON"),
    ["mosaic whoami", "mosaic whoami --profile work --json"],
  ).action(async (opts: { json?: boolean }, command: Command) => {
    const { client, target, profile } = sessionOf(command);
    const me = await client.json("GET", "/api/me", MeResponse);
    // With MOSAIC_TOKEN no stored profile is in use.
    const profileName = profile ? target.profileName : null;
    if (opts.json) {
      printJson({ profile: profileName, url: client.url, ...me });
      return;
    }
    process.stdout.write(
      `${keyValues([
        ["user", `${me.user.name} <${me.user.email}>`],
        ["role", me.user.role],
        ["gateway", client.url],
        ["profile", profileName ?? "(none: MOSAIC_TOKEN)"],
      ])}\n`,
    );
  });

  withExamples(
    program
      .command("profiles")
      .description("list the stored logins (one per profile); makes no request")
      .option("--json", "print the result as JSON"),
    ["mosaic profiles", "mosaic --profile work whoami"],
  ).action((opts: { json?: boolean }, command: Command) => {
    const target = targetOf(command);
    const rows = Object.entries(listProfiles(target.home)).map(([name, p]) => ({
      profile: name,
      url: p.url,
      email: p.user.email,
      savedAt: p.savedAt,
    }));
    if (opts.json) printJson({ items: rows });
    else if (rows.length === 0) process.stdout.write("no stored logins — run `mosaic login`\n");
    else
      printTable(
        ["PROFILE", "GATEWAY", "USER", ""],
        rows.map((r) => [r.profile, r.url, r.email, r.profile === target.profileName ? "(current)" : ""]),
      );
  });
}

async function login(command: Command, opts: LoginOptions & { name?: string }, mode: "sign-in" | "sign-up") {
  const target = targetOf(command);
  const previous = readProfile(target.home, target.profileName);
  const url = target.urlOverride ?? previous?.url ?? DEFAULT_URL;
  const client = new GatewayClient({ url, timeoutMs: target.timeoutMs });
  const profile =
    opts.token !== undefined
      ? await profileFromToken(target, client.url, opts.token)
      : await profileFromPassword(client, opts, mode);
  if (previous?.createdByCli && previous.url === profile.url && previous.token !== profile.token) {
    // A fresh login replaces the profile's old CLI token: revoke it so tokens do not pile up.
    await revokeQuietly(previous, target.timeoutMs);
  }
  saveProfile(target.home, target.profileName, profile);
  if (opts.json) {
    printJson({ profile: target.profileName, url: profile.url, user: profile.user, tokenId: profile.tokenId });
    return;
  }
  const verb = mode === "sign-up" ? "signed up and logged in" : "logged in";
  process.stdout.write(
    `${verb} to ${profile.url} as ${profile.user.email} (profile "${target.profileName}"; token stored in ${credentialsPath(target.home)})\n`,
  );
}

async function profileFromPassword(
  client: GatewayClient,
  opts: LoginOptions & { name?: string },
  mode: "sign-in" | "sign-up",
): Promise<StoredProfile> {
  const answers = await askCredentials(opts, mode);
  const path = mode === "sign-up" ? "/api/auth/sign-up" : "/api/auth/sign-in";
  const res = await client.send("POST", path, { body: answers }).catch(withoutLoginHint);
  const cookie = cookieHeader(res.headers.getSetCookie());
  const { user } = SessionResponse.parse(await res.json());
  try {
    const created = await client.json("POST", "/api/tokens", TokenCreatedResponse, {
      body: { name: tokenName() },
      headers: { cookie },
    });
    return storedProfile(client.url, created.secret, created.token.id, true, user);
  } finally {
    // The CLI only needs the token: end the web session it signed in with.
    await client.empty("POST", "/api/auth/sign-out", { headers: { cookie } }).catch(() => undefined);
  }
}

async function askCredentials(
  opts: LoginOptions & { name?: string },
  mode: "sign-in" | "sign-up",
): Promise<{ email: string; password: string; name?: string }> {
  const needName = mode === "sign-up";
  if (opts.passwordStdin) {
    if (!opts.email) throw new CliError("--password-stdin needs --email <email>", EXIT.usage);
    if (needName && !opts.name) throw new CliError("--password-stdin needs --name <name> to sign up", EXIT.usage);
    const password = await readStdin("the password");
    return { email: opts.email, password, ...(needName ? { name: opts.name } : {}) };
  }
  if (!process.stdin.isTTY) {
    throw new CliError(
      "no terminal to ask for the password on — pass --email <email> --password-stdin (or --token <pat>)",
      EXIT.usage,
    );
  }
  const email = opts.email ?? (await promptLine("Email: "));
  const name = needName ? (opts.name ?? (await promptLine("Name: "))) : undefined;
  const password = await promptSecret("Password: ");
  if (needName && (await promptSecret("Password again: ")) !== password) {
    throw new CliError("the passwords differ; nothing was created", EXIT.usage);
  }
  return { email, password, ...(name !== undefined ? { name } : {}) };
}

async function profileFromToken(target: Target, url: string, raw: string): Promise<StoredProfile> {
  const token = raw === "-" ? await readStdin("the token") : raw.trim();
  const client = new GatewayClient({ url, token, timeoutMs: target.timeoutMs });
  const { user } = await client.json("GET", "/api/me", MeResponse).catch(withoutLoginHint);
  // The gateway shows each token's first 12 characters: find this one's id, to name it in `token list`.
  const { items } = await client.json("GET", "/api/tokens", TokenListResponse);
  const mine = items.find((t) => t.revokedAt === null && token.startsWith(t.prefix));
  return storedProfile(client.url, token, mine?.id ?? null, false, user);
}

function storedProfile(
  url: string,
  token: string,
  tokenId: string | null,
  createdByCli: boolean,
  user: UserView,
): StoredProfile {
  return {
    url,
    token,
    tokenId,
    createdByCli,
    user: { id: user.id, email: user.email, name: user.name },
    savedAt: new Date().toISOString(),
  };
}

/** A 401 while logging in is a wrong password or token, not a missing login: no "run mosaic login". */
function withoutLoginHint(err: unknown): never {
  if (err instanceof ApiError && err.status === 401) throw new CliError(err.serverMessage, EXIT.unauthenticated);
  throw err;
}

/** `mosaic-cli@<host>`, within the 100 characters a token name may have. */
export function tokenName(host: string = hostname()): string {
  return `mosaic-cli@${host || "unknown"}`.slice(0, 100);
}

async function logout(command: Command, opts: { json?: boolean }): Promise<void> {
  const target = targetOf(command);
  const profile = readProfile(target.home, target.profileName);
  if (!profile) {
    if (opts.json) printJson({ profile: target.profileName, loggedOut: false, revoked: false });
    else process.stderr.write(`not logged in (profile "${target.profileName}"); nothing to do\n`);
    return;
  }
  const revoked = profile.createdByCli ? await revokeQuietly(profile, target.timeoutMs) : false;
  removeProfile(target.home, target.profileName);
  if (opts.json) {
    printJson({ profile: target.profileName, url: profile.url, loggedOut: true, revoked });
    return;
  }
  const what = revoked
    ? "the token was revoked"
    : profile.createdByCli
      ? "the token could not be revoked — revoke it with `mosaic token revoke` from another login"
      : "the token was given with --token, so it was kept; revoke it with `mosaic token revoke` if it is no longer needed";
  process.stdout.write(`logged out of ${profile.url} (profile "${target.profileName}"); ${what}\n`);
}

/** Revokes a profile's own token with itself. True when it is revoked (now or already). */
async function revokeQuietly(profile: StoredProfile, timeoutMs: number): Promise<boolean> {
  if (!profile.tokenId) return false;
  const client = new GatewayClient({ url: profile.url, token: profile.token, timeoutMs });
  try {
    await client.empty("DELETE", `/api/tokens/${profile.tokenId}`);
    return true;
  } catch (err) {
    // 401: the token no longer works; 404: the gateway has no such token. Nothing is left to revoke.
    if (err instanceof ApiError && (err.status === 401 || err.status === 404)) return true;
    process.stderr.write(`warning: ${(err as Error).message}\n`);
    return false;
  }
}
